// The built-in RSA path, where WebCrypto is missing: dist/ served over plain http and opened
// through a made-up host name that Chromium maps to 127.0.0.1 (--host-resolver-rules), so the
// page is not a secure context and has no crypto.subtle. The key is made in a worker started
// from the page's own scripts (a blob: URL); where a host's stricter policy refuses workers,
// on the main thread after saying why.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';

import { settle } from './lib/app.mjs';
import { launchChromium, newPage } from './lib/browser.mjs';
import { collectConsole } from './lib/console.mjs';
import { DIST_DIR } from './lib/dist.mjs';
import { APP_HEADING, GENERATE_LABEL, TEAM } from './lib/expected.mjs';
import { checkKeyAndCertificate, tempDir } from './lib/files.mjs';
import { SCENARIO, download, generateButton, shownFingerprint, typeInto, waitForFingerprint } from './lib/page.mjs';
import { recordRequests } from './lib/recorder.mjs';
import { eventually } from './lib/wait.mjs';
import { serveStatic } from './lib/server.mjs';

const HOST = 'kit.test';
const PROGRESS = 'Generating with built-in RSA (no WebCrypto on this origin)…';

/** Before any page script: long tasks, and the moments of the click and the fingerprint. */
const PROBE = `(() => {
  const probe = (window.__probe = { clickAt: null, fingerprintAt: null, longtasks: [], progress: [] });
  addEventListener('click', (event) => {
    if (event.target instanceof Element && event.target.closest('#generate-button')) {
      probe.clickAt = performance.now();
      probe.fingerprintAt = null;
    }
  }, true);
  new MutationObserver(() => {
    const line = document.getElementById('generate-progress')?.textContent;
    if (line && !probe.progress.includes(line)) probe.progress.push(line);
    const shown = document.getElementById('sha256-fingerprint');
    if (probe.clickAt !== null && probe.fingerprintAt === null && shown && shown.textContent.trim()) {
      probe.fingerprintAt = performance.now();
    }
  }).observe(document, { childList: true, subtree: true, characterData: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) probe.longtasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
})();`;

describe(`built-in RSA without WebCrypto (http://${HOST}, not a secure context)`, () => {
  /** @type {Awaited<ReturnType<typeof serveStatic>>} */
  let server;
  /** @type {import('playwright-core').Browser} */
  let browser;
  before(async () => {
    server = await serveStatic(DIST_DIR, { applyHeadersFile: true });
    browser = await launchChromium({ extraArgs: [`--host-resolver-rules=MAP ${HOST} 127.0.0.1`] });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  const pageUrl = () => `http://${HOST}:${new URL(server.origin).port}/index.html`;

  /**
   * Opens the page with its recorders; `extraPolicy` is sent as a second CSP header.
   * @param {{ extraPolicy?: string }} [options]
   */
  async function open({ extraPolicy } = {}) {
    const { context, page } = await newPage(browser);
    const requests = await recordRequests(context, page, { localHosts: [HOST] });
    const consoleLog = await collectConsole(context, page);
    await context.addInitScript({ content: PROBE });
    if (extraPolicy) {
      // The same response from the same server, with the host's extra policy as a second header
      // (fetched here from 127.0.0.1: Node cannot resolve the made-up host name).
      await page.route(pageUrl(), async (route) => {
        const response = await fetch(server.url('index.html'));
        const headers = Object.fromEntries(response.headers);
        headers['content-security-policy'] = `${headers['content-security-policy']}, ${extraPolicy}`;
        await route.fulfill({ status: response.status, headers, body: Buffer.from(await response.arrayBuffer()) });
      });
    }
    const logged = server.log.length;
    await page.goto(pageUrl(), { waitUntil: 'load' });
    await page.getByRole('heading', { level: 1, name: APP_HEADING }).waitFor();
    const secure = await page.evaluate(() => ({ secure: isSecureContext, subtle: typeof crypto.subtle }));
    assert.deepEqual(secure, { secure: false, subtle: 'undefined' }, 'the page must not be a secure context');
    await typeInto(page, 'Team name', TEAM);
    return {
      context,
      page,
      requests,
      consoleLog,
      served: () => server.log.slice(logged).map((r) => `${r.method} ${r.url}`),
    };
  }

  /** Long tasks between the last click on Generate and the fingerprint, once they are all in. */
  async function longTasksOfGenerate(page) {
    await settle(300);
    return page.evaluate(() => {
      const p = window.__probe;
      // Each as "duration ms at +start ms" from the click (the fingerprint came at +total).
      return p.longtasks
        .filter((t) => t.start < p.fingerprintAt && t.start + t.duration > p.clickAt)
        .map((t) => `${Math.round(t.duration)} ms at +${Math.round(t.start - p.clickAt)} of ${Math.round(p.fingerprintAt - p.clickAt)} ms`);
    });
  }

  it('makes the key in a worker: no long task over 50 ms, the files pass openssl, nothing requested but the page', SCENARIO, async (t) => {
    const { context, page, requests, consoleLog, served } = await open();
    try {
      const workers = [];
      page.on('worker', (w) => workers.push(w.url()));
      await generateButton(page).click();
      await page.getByText(PROGRESS).waitFor();
      await page.getByRole('button', { name: 'Cancel', exact: true }).waitFor();
      const fingerprint = await waitForFingerprint(page);
      assert.deepEqual(await longTasksOfGenerate(page), [], 'long tasks over 50 ms from the click to the fingerprint');
      assert.equal(workers.length, 1, 'one worker made the key');
      assert.match(workers[0], /^blob:/, 'the worker comes from the page itself');
      await page.waitForFunction(() => !document.getElementById('cancel-button'));
      assert.match(await page.locator('#certificate-summary').textContent() ?? '', /built-in RSA/);
      const dir = await tempDir(t);
      const key = await download(page, 'samlidp.key', dir);
      const crt = await download(page, 'samlidp.crt', dir);
      await checkKeyAndCertificate({ key: key.path, crt: crt.path, fingerprint });
      await settle(300);
      assert.deepEqual(requests.nonLocal(), [], 'requests that left the machine');
      assert.deepEqual(requests.unexpected([pageUrl()]), [], 'requests other than the page');
      assert.deepEqual(served(), ['GET /index.html'], 'what the server saw');
      assert.deepEqual(await consoleLog.cspViolations(), [], 'CSP violations');
      assert.deepEqual(consoleLog.pageErrors, [], 'uncaught errors');
      assert.deepEqual(consoleLog.problems(), [], 'console errors or warnings');
    } finally {
      await context.close();
    }
  });

  it('Cancel ends the worker and leaves the earlier key as it was', SCENARIO, async () => {
    const { context, page, consoleLog } = await open();
    try {
      await generateButton(page).click();
      const earlier = await waitForFingerprint(page);
      // A 4096-bit key takes seconds here: time to cancel it. The page asks first, since the
      // earlier key is not saved.
      page.on('dialog', (dialog) => dialog.accept());
      let started = 0;
      page.on('worker', () => { started += 1; });
      await page.getByText('Advanced', { exact: true }).click();
      await page.getByLabel('Key size', { exact: true }).selectOption({ index: 2 }); // RSA 4096
      await page.getByText(PROGRESS).waitFor();
      await page.locator('#generate-elapsed').waitFor();
      await page.getByRole('button', { name: 'Cancel', exact: true }).click();
      await page.getByRole('button', { name: GENERATE_LABEL, exact: true }).waitFor();
      assert.equal(await page.getByText(PROGRESS).count(), 0, 'the progress line is gone');
      assert.equal(await shownFingerprint(page), earlier, 'the earlier certificate is still shown');
      assert.equal(
        (await page.locator('#announcer').textContent())?.trim(),
        'Generation cancelled. The earlier key is unchanged.',
      );
      assert.equal(started, 1, 'one worker was making the 4096-bit key');
      await eventually(() => page.workers().length === 0, 'the worker was terminated', { timeout: 10_000 });
      assert.deepEqual(consoleLog.pageErrors, [], 'uncaught errors');
      assert.deepEqual(consoleLog.problems(), [], 'console errors or warnings');
    } finally {
      await context.close();
    }
  });

  it('where a stricter policy refuses workers, says why and makes the key on the main thread', SCENARIO, async (t) => {
    const { context, page, requests, consoleLog } = await open({ extraPolicy: "worker-src 'none'" });
    try {
      await generateButton(page).click();
      const fingerprint = await waitForFingerprint(page);
      const progress = await page.evaluate(() => window.__probe.progress);
      const why = progress.find((line) => line.includes('on the page itself'));
      assert.ok(why, `the page said why it is slower: ${JSON.stringify(progress)}`);
      assert.match(why, /because .+\. This is slower: the page may not respond until the RSA-2048 key is ready\./);
      t.diagnostic(why);
      const dir = await tempDir(t);
      const key = await download(page, 'samlidp.key', dir);
      const crt = await download(page, 'samlidp.crt', dir);
      await checkKeyAndCertificate({ key: key.path, crt: crt.path, fingerprint });
      assert.deepEqual(requests.nonLocal(), [], 'requests that left the machine');
      assert.deepEqual(requests.unexpected([pageUrl()]), [], 'requests other than the page');
      assert.deepEqual(consoleLog.pageErrors, [], 'uncaught errors');
      const refused = (await consoleLog.cspViolations()).map((v) => v.directive);
      assert.deepEqual(refused, ['worker-src'], 'the one violation: the refused worker');
    } finally {
      await context.close();
    }
  });
});
