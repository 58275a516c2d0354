// The built-in RSA path, where WebCrypto is missing: dist/ served over plain http and opened
// through a made-up host name that Chromium maps to 127.0.0.1 (--host-resolver-rules), so the
// page is not a secure context and has no crypto.subtle. The key is made by key workers started
// ahead of time from the page's own scripts (a blob: URL), two racing where the device reports
// two cores or more; where a host's stricter policy refuses workers, on the main thread after
// saying why.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';

import { settle } from './lib/app.mjs';
import { launchChromium, newPage } from './lib/browser.mjs';
import { collectConsole } from './lib/console.mjs';
import { DIST_DIR } from './lib/dist.mjs';
import { APP_HEADING, GENERATE_LABEL, TEAM } from './lib/expected.mjs';
import { checkKeyAndCertificate, tempDir } from './lib/files.mjs';
import { SCENARIO, download, generateButton, shownFingerprint, typeInto, waitForFingerprint } from './lib/page.mjs';
import { assertReflow } from './lib/reflow.mjs';
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
   * Every worker the page starts, in order, and whether it was terminated since.
   * @param {import('playwright-core').Page} page
   */
  function trackWorkers(page) {
    /** @type {{ url: string, closed: boolean }[]} */
    const workers = [];
    page.on('worker', (worker) => {
      const entry = { url: worker.url(), closed: false };
      workers.push(entry);
      worker.on('close', () => { entry.closed = true; });
    });
    return workers;
  }

  /**
   * How many key workers make each key here: two where the browser reports two cores or more
   * (src/app/race.rs).
   * @param {import('playwright-core').Page} page
   */
  async function crewSize(page) {
    return (await page.evaluate(() => navigator.hardwareConcurrency)) >= 4 ? 2 : 1;
  }

  /**
   * Waits until `count` workers have started, the first `closed` of them terminated and the
   * rest running, and checks that no other starts meanwhile.
   */
  async function expectWorkers(page, workers, { count, closed }, message) {
    const state = () => workers.map((w) => w.closed);
    const expected = Array.from({ length: count }, (_, i) => i < closed);
    await eventually(() => JSON.stringify(state()) === JSON.stringify(expected), `${message}: ${JSON.stringify(expected)}`, { timeout: 15_000 })
      .catch((error) => assert.fail(`${error.message}; seen ${JSON.stringify(state())}`));
    await settle(300);
    assert.deepEqual(state(), expected, `${message}: no other worker started or ended`);
    assert.equal(page.workers().length, count - closed, `${message}: workers alive`);
    assert.ok(workers.every((w) => w.url.startsWith('blob:')), 'every worker comes from the page itself');
  }

  /**
   * Opens the page with its recorders; `extraPolicy` is sent as a second CSP header, and
   * `cores` replaces what `navigator.hardwareConcurrency` says (two workers race from four).
   * @param {{ extraPolicy?: string, cores?: number }} [options]
   */
  async function open({ extraPolicy, cores } = {}) {
    const { context, page } = await newPage(browser);
    const requests = await recordRequests(context, page, { localHosts: [HOST] });
    const consoleLog = await collectConsole(context, page);
    await context.addInitScript({ content: PROBE });
    if (cores !== undefined) {
      await context.addInitScript({
        content: `Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', { get: () => ${cores} });`,
      });
    }
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
    const workers = trackWorkers(page);
    await page.goto(pageUrl(), { waitUntil: 'load' });
    await page.getByRole('heading', { level: 1, name: APP_HEADING }).waitFor();
    const secure = await page.evaluate(() => ({ secure: isSecureContext, subtle: typeof crypto.subtle }));
    assert.deepEqual(secure, { secure: false, subtle: 'undefined' }, 'the page must not be a secure context');
    await typeInto(page, 'Team name', TEAM);
    return {
      context,
      page,
      workers,
      crew: await crewSize(page),
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

  /**
   * The worker scenario; `cores` replaces what `navigator.hardwareConcurrency` says.
   * @param {import('node:test').TestContext} t
   * @param {number} [cores]
   */
  async function workersMakeTheKey(t, cores) {
    const { context, page, workers, crew, requests, consoleLog, served } = await open({ cores });
    try {
      if (cores === 4) assert.equal(crew, 2, 'two workers race from four cores');
      t.diagnostic(`${crew} key worker(s) per key`);
      await expectWorkers(page, workers, { count: crew, closed: 0 }, 'started ahead of Generate');
      await generateButton(page).click();
      await page.getByText(PROGRESS).waitFor();
      await page.getByRole('button', { name: 'Cancel', exact: true }).waitFor();
      const fingerprint = await waitForFingerprint(page);
      assert.deepEqual(await longTasksOfGenerate(page), [], 'long tasks over 50 ms from the click to the fingerprint');
      // The racing workers are all terminated with the first answer; fresh ones wait for the
      // next key.
      await expectWorkers(page, workers, { count: 2 * crew, closed: crew }, 'after the key');
      await page.waitForFunction(() => !document.getElementById('cancel-button'));
      assert.match(await page.locator('#certificate-summary').textContent() ?? '', /built-in RSA/);
      const dir = await tempDir(t);
      const key = await download(page, 'samlidp.key', dir);
      const crt = await download(page, 'samlidp.crt', dir);
      await checkKeyAndCertificate({ key: key.path, crt: crt.path, fingerprint });
      await assertReflow(page, 'the page with a key made by the built-in RSA');
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
  }

  it('makes the key in workers started ahead of time: no long task over 50 ms, the files pass openssl, nothing requested but the page', SCENARIO, (t) => workersMakeTheKey(t));

  it('with four cores reported, two workers race for each key, with the same checks', SCENARIO, (t) => workersMakeTheKey(t, 4));

  it('Cancel ends the workers and leaves the earlier key as it was', SCENARIO, async () => {
    const { context, page, workers, crew, consoleLog } = await open();
    try {
      await generateButton(page).click();
      const earlier = await waitForFingerprint(page);
      await expectWorkers(page, workers, { count: 2 * crew, closed: crew }, 'after the first key');
      // A 4096-bit key takes seconds here: time to cancel it. The page asks first, since the
      // earlier key is not saved.
      page.on('dialog', (dialog) => dialog.accept());
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
      // The workers started ahead of time made the 4096-bit key: Cancel ended them, and fresh
      // ones wait for the next key.
      await expectWorkers(page, workers, { count: 3 * crew, closed: 2 * crew }, 'after Cancel');
      assert.deepEqual(consoleLog.pageErrors, [], 'uncaught errors');
      assert.deepEqual(consoleLog.problems(), [], 'console errors or warnings');
    } finally {
      await context.close();
    }
  });

  it('where a stricter policy refuses workers, says why and makes the key on the main thread', SCENARIO, async (t) => {
    const { context, page, crew, requests, consoleLog } = await open({ extraPolicy: "worker-src 'none'" });
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
      // The workers started ahead of time were refused; none were started again.
      const refused = (await consoleLog.cspViolations()).map((v) => v.directive);
      assert.deepEqual(refused, Array(crew).fill('worker-src'), 'the violations: the refused workers');
    } finally {
      await context.close();
    }
  });
});
