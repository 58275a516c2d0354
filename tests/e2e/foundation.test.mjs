// Foundation checks for the single-file page, over http://127.0.0.1 and file://:
// it mounts, prints no errors, requests nothing but itself, carries the CSP meta, and that
// CSP refuses an outside fetch (a securitypolicyviolation, not a network error).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';

import { settle } from './lib/app.mjs';
import { parseCsp } from './lib/dist.mjs';
import { pageSuite } from './lib/page.mjs';
import { assertReflow } from './lib/reflow.mjs';

/** Per-test bound; each page operation inside has its own shorter timeout too. */
const TEST = { timeout: 60_000 };

// These tests check the console themselves (a refused fetch logs an error on purpose), so
// they open the page with `open`, not `withApp`.
const { origins, open, watchServer } = pageSuite();

for (const origin of origins) {
  describe(`dist/index.html over ${origin.label}`, () => {
    it('mounts the app with no console errors or warnings and no CSP violation', TEST, async (t) => {
      const app = await open(origin.url());
      try {
        t.diagnostic(`mounted in ${app.mountedMs.toFixed(0)} ms`);
        await settle();
        assert.deepEqual(app.console.pageErrors, [], 'uncaught errors');
        assert.deepEqual(app.console.problems(), [], 'console errors or warnings');
        assert.deepEqual(await app.console.cspViolations(), [], 'CSP violations');
        const styled = await app.page.locator('[style]').count();
        assert.equal(styled, 0, 'elements with inline style attributes (blocked by style-src)');
        await assertReflow(app.page, 'the freshly mounted page');
      } finally {
        await app.close();
      }
    });

    it('requests nothing but the page itself', TEST, async () => {
      const served = watchServer();
      const url = origin.url();
      const app = await open(url);
      try {
        await settle(1000);
        const events = app.requests.events;
        assert.deepEqual(app.requests.nonLocal(), [], 'non-local requests');
        assert.deepEqual(app.requests.unexpected([url]), [], 'requests other than the page');
        assert.deepEqual(app.requests.urls(), [url], 'the page load itself was recorded');
        assert.ok(events.some((e) => e.via === 'navigation'), 'navigation recorded');
        assert.deepEqual(served(), origin.serverSees, 'what the server saw');
      } finally {
        await app.close();
      }
    });

    it('carries the CSP meta first in <head>, with hashes of exactly its inline code', TEST, async () => {
      const app = await open(origin.url());
      try {
        const found = await app.page.evaluate(() => {
          const first = document.head.firstElementChild;
          return {
            httpEquiv: first?.getAttribute('http-equiv'),
            policy: first?.getAttribute('content') ?? '',
            // Code only: the data block (the wasm, LZMA-compressed, in base64) is not run, so it has no hash.
            scripts: [...document.scripts]
              .filter((s) => s.type !== 'application/octet-stream')
              .map((s) => s.textContent ?? ''),
            dataBlocks: [...document.scripts].filter((s) => s.type === 'application/octet-stream').length,
            styles: [...document.querySelectorAll('style')].map((s) => s.textContent ?? ''),
            external: [...document.querySelectorAll('[src], link[href]:not([rel~="icon"])')].map(
              (e) => e.outerHTML.slice(0, 80),
            ),
          };
        });
        assert.equal(found.httpEquiv, 'Content-Security-Policy');
        const csp = parseCsp(found.policy);
        const hash = (/** @type {string} */ text) =>
          `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
        assert.deepEqual(csp.get('default-src'), ["'none'"]);
        assert.deepEqual(csp.get('script-src'), [...found.scripts.map(hash), "'wasm-unsafe-eval'"]);
        assert.deepEqual(csp.get('style-src'), found.styles.map(hash));
        assert.deepEqual(csp.get('img-src'), ['data:']);
        assert.deepEqual(csp.get('connect-src'), ["'none'"]);
        assert.deepEqual(csp.get('worker-src'), ['blob:'], 'the key worker, made from the page itself');
        assert.deepEqual(csp.get('base-uri'), ["'none'"]);
        assert.deepEqual(csp.get('form-action'), ["'none'"]);
        assert.deepEqual(csp.get('require-trusted-types-for'), ["'script'"], 'script sinks take only trusted values');
        assert.deepEqual(csp.get('trusted-types'), ['saml-idp-kit-worker'], 'one policy: the key worker\'s URL');
        assert.deepEqual(
          [...csp.keys()],
          [
            'default-src',
            'script-src',
            'style-src',
            'img-src',
            'connect-src',
            'worker-src',
            'base-uri',
            'form-action',
            'require-trusted-types-for',
            'trusted-types',
          ],
          'no other directive',
        );
        assert.equal(found.scripts.length, 2, 'two inline scripts: the loader and the module (glue + bootstrap)');
        assert.equal(found.dataBlocks, 1, 'one data block: the wasm');
        assert.deepEqual(found.external, [], 'elements that load other files');
      } finally {
        await app.close();
      }
    });

    it('refuses a fetch to an outside address by CSP', TEST, async () => {
      const app = await open(origin.url());
      try {
        const result = await app.page.evaluate(async () => {
          /** @type {{ directive: string, blockedURI: string, disposition: string }[]} */
          const violations = [];
          const violated = new Promise((resolve) => {
            document.addEventListener('securitypolicyviolation', (e) => {
              violations.push({
                directive: e.effectiveDirective,
                blockedURI: e.blockedURI,
                disposition: e.disposition,
              });
              resolve(undefined);
            });
          });
          let outcome;
          try {
            await fetch('https://example.com/');
            outcome = 'fetched';
          } catch (e) {
            outcome = `rejected: ${e instanceof Error ? e.name : String(e)}`;
          }
          // The violation event is queued as a task; give it time to arrive.
          await Promise.race([violated, new Promise((resolve) => setTimeout(resolve, 3000))]);
          return { outcome, violations };
        });
        assert.equal(result.outcome, 'rejected: TypeError');
        assert.deepEqual(result.violations, [
          { directive: 'connect-src', blockedURI: 'https://example.com/', disposition: 'enforce' },
        ]);
        // It never got as far as the network: every outside URL the recorder saw was blocked
        // by CSP inside the renderer, and none reached the route handler.
        const outside = app.requests.nonLocal();
        const blockedByCsp = new Set(
          outside.filter((e) => e.via === 'cdp-blocked' && e.detail === 'csp').map((e) => e.url),
        );
        const escaped = outside.filter((e) => e.via === 'route-aborted' || !blockedByCsp.has(e.url));
        assert.deepEqual(escaped, [], 'outside requests that got past CSP');
        assert.equal(await app.page.getByRole('heading', { level: 1 }).count(), 1, 'page still alive');
      } finally {
        await app.close();
      }
    });
  });
}
