// The Trusted Types check every Chromium scenario gets (lib/browser.mjs: closing a context
// fails on any `require-trusted-types-for` or `trusted-types` violation) can fail: a copy of the
// page with one extra inline script (its hash added to the page's own policy) that assigns
// `innerHTML` a string and creates a policy the CSP does not name is refused by the browser,
// both violations are reported, and the check throws on them. And the page's one sink is the
// key worker's URL: with `trustedTypes` hidden from it (so it makes no policy) and no WebCrypto
// (so it starts its workers ahead of time), `new Worker(<string>)` is the violation reported.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { launchChromium, newPage } from './lib/browser.mjs';
import { distFileUrl, readDist } from './lib/dist.mjs';
import { APP_HEADING } from './lib/expected.mjs';

/** The extra script: two sinks the page's policy must refuse; what happened goes in a data attribute. */
const PROVOKE = [
  'const outcome = [];',
  "try { document.createElement('div').innerHTML = '<p>plain string</p>'; outcome.push('innerHTML assigned'); } catch (e) { outcome.push(`innerHTML: ${e.name}`); }",
  "try { trustedTypes.createPolicy('not-in-the-csp', {}); outcome.push('policy created'); } catch (e) { outcome.push(`createPolicy: ${e.name}`); }",
  "document.documentElement.dataset.outcome = outcome.join('; ');",
].join('\n');

/** dist/index.html with the extra script first in <body>, allowed by its hash. @param {string} html */
function withProvokingScript(html) {
  const hash = `'sha256-${createHash('sha256').update(PROVOKE, 'utf8').digest('base64')}'`;
  const policy = html.replace(/(<meta http-equiv="Content-Security-Policy" content="[^"]*script-src )/, `$1${hash} `);
  assert.notEqual(policy, html, 'the page has a script-src in its CSP meta');
  const page = policy.replace('<body>', `<body>\n<script>${PROVOKE}</script>`);
  assert.notEqual(page, policy, 'the page has a <body>');
  return page;
}

describe('the Trusted Types check', () => {
  /** @type {import('playwright-core').Browser} */
  let browser;
  /** @type {string} */
  let folder;
  before(async () => {
    browser = await launchChromium();
    folder = await mkdtemp(path.join(tmpdir(), 'saml-idp-kit-tt-'));
  });
  after(async () => {
    await browser?.close();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it('reports a page that assigns innerHTML a string or makes another policy, and fails on it', { timeout: 60_000 }, async () => {
    const file = path.join(folder, 'index.html');
    await writeFile(file, withProvokingScript((await readDist('index.html')).toString('utf8')));
    const { context, page, trustedTypes } = await newPage(browser);
    trustedTypes.expectViolations();
    try {
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      // The rest of the page still runs: the app mounts under the same policy.
      await page.getByRole('heading', { level: 1, name: APP_HEADING }).waitFor();
      const outcome = await page.evaluate(() => document.documentElement.dataset.outcome);
      assert.equal(outcome, 'innerHTML: TypeError; createPolicy: TypeError', 'the browser refused both');
      const events = async () => trustedTypes.violations().filter((v) => v.directive !== 'console');
      for (let waited = 0; (await events()).length < 2 && waited < 5000; waited += 100) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.deepEqual(
        (await events()).map((v) => v.directive).sort(),
        ['require-trusted-types-for', 'trusted-types'],
        'one violation of each directive',
      );
      assert.ok(
        trustedTypes.violations().some((v) => v.directive === 'console'),
        'the console message is caught too',
      );
      // What closing a context runs, had the test not expected the violations.
      trustedTypes.expected = false;
      assert.throws(() => trustedTypes.check(), /Trusted Types violations/);
      trustedTypes.expectViolations();
    } finally {
      await context.close();
    }
  });

  it("without its policy, the page's key worker URL is the violation reported", { timeout: 60_000 }, async () => {
    const { context, page, trustedTypes } = await newPage(browser);
    trustedTypes.expectViolations();
    try {
      await context.addInitScript(() => {
        // @ts-ignore: no WebCrypto, so the page starts its key workers once idle
        delete Crypto.prototype.subtle;
        // The page feature-detects Trusted Types; hide them so it makes no policy.
        Object.defineProperty(window, 'trustedTypes', { value: undefined, configurable: true });
      });
      await page.goto(distFileUrl(), { waitUntil: 'load' });
      await page.getByRole('heading', { level: 1, name: APP_HEADING }).waitFor();
      assert.equal(await page.evaluate(() => window.trustedTypes), undefined, 'trustedTypes hidden');
      const events = () => trustedTypes.violations().filter((v) => v.directive !== 'console');
      for (let waited = 0; events().length < 1 && waited < 10_000; waited += 100) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const found = events();
      assert.equal(found.length, 1, JSON.stringify(found));
      assert.equal(found[0].directive, 'require-trusted-types-for');
      assert.match(found[0].sample, /^Worker constructor\|blob:/, 'the sink is the key worker, given its blob: URL');
      trustedTypes.expected = false;
      assert.throws(() => trustedTypes.check(), /Trusted Types violations/);
      trustedTypes.expectViolations();
    } finally {
      await context.close();
    }
  });
});
