// The two ways a user opens the page, which every scenario runs over: served over
// http://127.0.0.1 (dist/ with its _headers, as a static host would send it) and opened from
// disk (file://). One copy, for the Playwright files (through pageSuite() in page.mjs) and the
// WebDriver flow (../webdriver/flow.mjs).
//
// Writing a new scenario over both origins (Playwright, Chromium), in a new `<name>.test.mjs`:
//   import { describe, it } from 'node:test';
//   import { SCENARIO, pageSuite } from './lib/page.mjs';
//   const { origins, withApp } = pageSuite();          // hooks: static server + Chromium
//   for (const origin of origins) {
//     describe(`<what> over ${origin.label}`, () => {
//       it('<the claim, in words a reader can check>', SCENARIO, async (t) => {
//         await withApp(origin.url(), async ({ page }) => { /* drive, then assert */ });
//       });
//     });
//   }
// Name the test by the claim it proves (no numbers): SECURITY.md quotes these names.
// In another runner (e.g. WebDriver), call servedOrigins() at the top of the file instead and
// open origin.url() yourself. To prove the page asked the server for nothing else, take
// `const served = watchServer()` before opening it and compare `served()` with
// `origin.serverSees` afterwards.
import { after, before } from 'node:test';

import { DIST_DIR, distFileUrl } from './dist.mjs';
import { serveStatic } from './server.mjs';

/**
 * @typedef {object} Origin
 * @property {'http' | 'file'} name short name, for conditions and file names
 * @property {string} label how test titles say it
 * @property {() => string} url the page's URL (call inside a test: the server starts in `before`)
 * @property {string[]} serverSees what the static server receives when the page is opened
 *   this way: the page itself over http, nothing from file://
 */

/**
 * Registers before/after hooks that serve dist/ for the calling test file, and returns the
 * origins, the server, and `watchServer`.
 */
export function servedOrigins() {
  /** @type {Awaited<ReturnType<typeof serveStatic>>} */
  let server;
  before(async () => {
    server = await serveStatic(DIST_DIR, { applyHeadersFile: true });
  });
  after(async () => {
    await server?.close();
  });
  /** @type {Origin[]} */
  const origins = [
    { name: 'http', label: 'http://127.0.0.1', url: () => server.url('index.html'), serverSees: ['GET /index.html'] },
    { name: 'file', label: 'file://', url: () => distFileUrl('index.html'), serverSees: [] },
  ];
  return {
    origins,
    /** The static server (its origin, its request log). */
    server: () => server,
    /**
     * Marks the server's request log now; the function returned lists the requests received
     * since, as "METHOD /path".
     */
    watchServer() {
      const from = server.log.length;
      return () => server.log.slice(from).map((r) => `${r.method} ${r.url}`);
    },
  };
}
