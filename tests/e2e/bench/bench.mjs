// Browser half of `cargo xtask bench` (xtask/src/bench/): times the built dist/index.html in
// headless Chromium from file:// and measures its size. The xtask runs OpenSSL, builds the
// table and the report; this script only measures and writes the raw samples as one JSON
// object (read by xtask/src/bench/measure.rs):
//
//   { "samples": { name: [ms, ...] },   (one number per run; null where none could be taken)
//     "values":  { name: number },
//     "texts":   { name: "free text" } }
//
// Usage: node bench.mjs --runs N --fallback-runs M --out FILE
// (dist/ as in ../lib/dist.mjs: SAML_IDP_KIT_DIST, else the repository's dist/).
//
// Every time is taken inside the page with performance.now(), so Playwright's own round trips
// are not in the figures:
// - start-up: navigation start (performance.now() = 0 on a fresh document) until the Team name
//   input (#team-name) exists and is enabled AND the Generate button (#generate-button) exists,
//   on the fresh page of each WebCrypto round, before anything is typed; with a breakdown:
//   HTML parsed (domInteractive), base64 decode of the data block (Uint8Array.fromBase64, in
//   the loader script), unpack + compile + instantiate (from WebAssembly.compileStreaming's
//   start to WebAssembly.instantiate's end), and from there to interactive (first render);
// - Generate: the click reaching the page (a capturing listener on window) until
//   #sha256-fingerprint is in the DOM with text (a MutationObserver). The click comes
//   PERSON_MS after the team name is typed; raw generateKey runs on a fresh page of its own at
//   the same point (team name typed, PERSON_MS later), before or after in turn: see PERSON_MS;
// - post-key latency (WebCrypto path): the moment the page's crypto.subtle.generateKey promise
//   resolves (the probe wraps generateKey and its own reaction runs first) until that
//   fingerprint is in the DOM; for information, the
//   next requestAnimationFrame callback after it (includes the wait for vsync), and the moment
//   every section shows the new certificate (no <main aria-busy="true"> left);
// - long tasks: PerformanceObserver 'longtask' (buffered) entries overlapping the click until
//   every section shows the new certificate.
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChromium, newPage } from '../lib/browser.mjs';
import { distFileUrl } from '../lib/dist.mjs';
import { sizes } from './sizes.mjs';

const TEAM = 'acme';
const WAIT = 30_000;
/**
 * Time between typing the team name and clicking Generate, or calling raw generateKey on its
 * own fresh page (ms): about what a person takes. Measured on this 2-core machine (2026-12-01,
 * 20 fresh pages each): raw generateKey right after start-up took 117 ms median, 82 ms 150 ms
 * later and 51-67 ms from 400 ms on, so without the pause both figures timed the engine's
 * background work as much as key generation.
 */
const PERSON_MS = 500;
/** Time for the last long-task entries to be delivered after the fingerprint appears (ms). */
const LONGTASK_SETTLE_MS = 100;
/** Loads of an empty page, for the browser's own floor under the start-up figure. */
const BASELINE_RUNS = 10;

/**
 * What the probe logs once the page is interactive. The bench waits for this console message
 * rather than with page.waitForFunction: that evaluates Playwright's own injected script in the
 * page (about 8 ms on the main thread, in the middle of start-up) and then polls, and on this
 * 2-core machine it added 7.4 ms to the start-up median (146.0 vs 138.6 ms, 25 interleaved
 * loads each, 2026-12-01).
 */
const INTERACTIVE_MESSAGE = 'saml-idp-kit-bench: interactive';

/** Installed before any page script: timestamps for start-up, the click and the fingerprint. */
const PROBE = `(() => {
  const INTERACTIVE_MESSAGE = ${JSON.stringify(INTERACTIVE_MESSAGE)};
  const bench = (window.__bench = {
    interactiveAt: null, clickAt: null, fingerprintAt: null, longtasks: [], decode: null, compile: null, instantiate: null,
    frameAt: null, settledAt: null, keys: [],
  });
  // Post-key latency: when each generateKey promise resolves. This reaction is attached before
  // the caller's, so it runs first, at the moment of resolution.
  if (globalThis.SubtleCrypto) {
    const generateKey = SubtleCrypto.prototype.generateKey;
    SubtleCrypto.prototype.generateKey = function (...args) {
      const start = performance.now();
      const promise = generateKey.apply(this, args);
      promise.then(() => bench.keys.push({ start, end: performance.now() }), () => {});
      return promise;
    };
  }
  // Start-up breakdown: wrap the two calls the page's bootstrap makes to load its wasm.
  // The first call of each counts, except for instantiate: the app's module comes last (the
  // loader instantiates its LZMA decoder through it first only where a synchronous compile is
  // refused).
  const timed = (owner, name, key, last = false) => {
    const original = owner[name];
    if (typeof original !== 'function') return;
    owner[name] = function (...args) {
      const start = performance.now();
      const result = original.apply(this, args);
      const done = () => { if (last || bench[key] === null) bench[key] = { start, end: performance.now() }; };
      if (result && typeof result.then === 'function') result.then(done, () => {}); else done();
      return result;
    };
  };
  timed(Uint8Array, 'fromBase64', 'decode');
  timed(WebAssembly, 'compileStreaming', 'compile');
  timed(WebAssembly, 'instantiate', 'instantiate', true);
  const check = () => {
    if (bench.interactiveAt === null) {
      const team = document.getElementById('team-name');
      if (team && !team.disabled && document.getElementById('generate-button')) {
        bench.interactiveAt = performance.now();
        console.info(INTERACTIVE_MESSAGE);
      }
    }
    if (bench.clickAt !== null && bench.fingerprintAt === null) {
      const fingerprint = document.getElementById('sha256-fingerprint');
      if (fingerprint && fingerprint.textContent.trim() !== '') {
        bench.fingerprintAt = performance.now();
        requestAnimationFrame(() => { bench.frameAt = performance.now(); });
      }
    }
    if (bench.fingerprintAt !== null && bench.settledAt === null && !document.querySelector('main[aria-busy="true"]')) {
      bench.settledAt = performance.now();
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
  addEventListener('click', (event) => {
    if (event.target instanceof Element && event.target.closest('#generate-button')) {
      bench.clickAt = performance.now();
    }
  }, true);
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) bench.longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) {
    bench.longtaskError = String(e);
  }
})();`;

/** Removes WebCrypto before the page loads, so the app takes its built-in RSA path. */
const NO_SUBTLE = `delete Crypto.prototype.subtle;`;

function parseArgs(argv) {
  const options = { runs: 30, fallbackRuns: 30, out: '' };
  for (let i = 0; i < argv.length; i += 1) {
    const [name, inline] = argv[i].split('=', 2);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`${name} needs a value`);
    if (name === '--runs') options.runs = positive(name, value);
    else if (name === '--fallback-runs') options.fallbackRuns = positive(name, value, true);
    else if (name === '--out') options.out = value;
    else throw new Error(`unknown argument ${name}`);
  }
  if (!options.out) throw new Error('--out FILE is required');
  return options;
}

function positive(name, value, zeroOk = false) {
  const n = Number(value);
  if (!Number.isInteger(n) || n < (zeroOk ? 0 : 1)) throw new Error(`${name}: expected a whole number, got ${value}`);
  return n;
}

/** A fresh context and page from file://dist/index.html, waited until interactive. */
async function load(browser, initScripts) {
  const { context, page } = await newPage(browser);
  for (const script of [...initScripts, PROBE]) await context.addInitScript({ content: script });
  const started = performance.now();
  const interactive = page.waitForEvent('console', { predicate: (m) => m.text() === INTERACTIVE_MESSAGE, timeout: WAIT });
  await page.goto(distFileUrl(), { waitUntil: 'commit' });
  await interactive;
  const seenMs = performance.now() - started;
  const startup = await page.evaluate(() => {
    const b = window.__bench;
    const nav = performance.getEntriesByType('navigation')[0];
    return {
      interactive: b.interactiveAt,
      parsed: nav ? nav.domInteractive : NaN,
      decode: b.decode ? b.decode.end - b.decode.start : NaN,
      instantiate: b.instantiate ? b.instantiate.end - (b.compile ?? b.instantiate).start : NaN,
      afterInstantiate: b.instantiate ? b.interactiveAt - b.instantiate.end : NaN,
    };
  });
  return { context, page, startup, seenMs };
}

/**
 * Raw generateKey on a fresh page, measured as the click is in `generate`: after the team name
 * is typed and PERSON_MS have passed. (Measured on the Generate page after Generate instead,
 * it ran on a page a second older and came out faster: 55 ms median against 81 ms before
 * Generate, 30 rounds, 2026-12-01; the engine is still busy for a while after a page loads.)
 */
async function rawOnFreshPage(browser) {
  const { context, page } = await load(browser, []);
  try {
    await page.getByLabel('Team name', { exact: true }).fill(TEAM);
    await page.waitForFunction(() => !document.getElementById('generate-button')?.disabled, null, { timeout: WAIT });
    await page.waitForTimeout(PERSON_MS);
    return await rawGenerateKey(page);
  } finally {
    await context.close();
  }
}

/** Raw WebCrypto: the same key the app asks for, nothing else. */
function rawGenerateKey(page) {
  return page.evaluate(async () => {
    const started = performance.now();
    await crypto.subtle.generateKey(
      { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
      true,
      ['sign', 'verify'],
    );
    return performance.now() - started;
  });
}

/** Fills the form, clicks Generate, waits for the fingerprint; times and long tasks from the page. */
async function generate(page, expectLabel) {
  await page.getByLabel('Team name', { exact: true }).fill(TEAM);
  const button = page.getByRole('button', { name: 'Generate key and certificate' });
  await button.waitFor();
  await page.waitForFunction(() => !document.getElementById('generate-button')?.disabled, null, { timeout: WAIT });
  await page.waitForTimeout(PERSON_MS);
  await button.click();
  await page.waitForFunction(() => window.__bench.settledAt != null && window.__bench.frameAt != null, null, {
    timeout: WAIT,
    polling: 5,
  });
  await page.waitForTimeout(LONGTASK_SETTLE_MS);
  const result = await page.evaluate(() => {
    const b = window.__bench;
    const during = b.longtasks.filter((t) => t.start < b.settledAt && t.start + t.duration > b.clickAt);
    return {
      ms: b.fingerprintAt - b.clickAt,
      longtasks: during.map((t) => t.duration),
      longtaskError: b.longtaskError ?? null,
      done: document.querySelector('#certificate-summary .done')?.textContent ?? '',
      ...postKey(b),
    };
    /** Post-key figures from the generateKey the click started (NaN on the fallback path). */
    function postKey(b) {
      const keyAt = b.keys.filter((k) => k.start >= b.clickAt).at(-1)?.end ?? NaN;
      return {
        postKeyMs: b.fingerprintAt - keyAt,
        postKeyFrameMs: b.frameAt - b.fingerprintAt,
        postKeySettledMs: b.settledAt - keyAt,
        postKeyLongtasks: b.longtasks.filter((t) => t.start < b.settledAt && t.start + t.duration > keyAt).map((t) => t.duration),
      };
    }
  });
  if (result.longtaskError) throw new Error(`PerformanceObserver longtask: ${result.longtaskError}`);
  if (!result.done.includes(expectLabel)) {
    throw new Error(`expected the summary to name ${JSON.stringify(expectLabel)}, got ${JSON.stringify(result.done)}`);
  }
  const reported = /Done in (\d+) ms/.exec(result.done);
  return { ...result, reportedMs: reported ? Number(reported[1]) : NaN };
}

/** Navigation start to domInteractive of a nearly empty file:// page: what any page costs here. */
async function baseline(browser, dir, runs) {
  const file = path.join(dir, 'bench-empty.html');
  await writeFile(file, '<!doctype html><html lang="en"><title>empty</title><p>empty</p></html>\n');
  const times = [];
  try {
    for (let i = 0; i < runs; i += 1) {
      const { context, page } = await newPage(browser);
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      times.push(await page.evaluate(() => performance.getEntriesByType('navigation')[0].domInteractive));
      await context.close();
    }
  } finally {
    await rm(file, { force: true });
  }
  return times;
}

/** The post-key samples, one per WebCrypto round (read by xtask/src/bench/report.rs). */
function postKeySamples() {
  return {
    post_key_ms: [],
    post_key_frame_ms: [],
    post_key_settled_ms: [],
    post_key_longtask_longest_ms: [],
  };
}

/** Adds one WebCrypto round's post-key figures. */
function recordPostKey(samples, gen) {
  samples.post_key_ms.push(gen.postKeyMs);
  samples.post_key_frame_ms.push(gen.postKeyFrameMs);
  samples.post_key_settled_ms.push(gen.postKeySettledMs);
  samples.post_key_longtask_longest_ms.push(Math.max(0, ...gen.postKeyLongtasks));
}

function progress(message) {
  process.stdout.write(`bench: ${message}\n`);
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const { runs, fallbackRuns } = options;
  const samples = {
    startup_ms: [],
    startup_seen_ms: [],
    startup_parsed_ms: [],
    startup_decode_ms: [],
    startup_instantiate_ms: [],
    startup_after_instantiate_ms: [],
    generate_webcrypto_ms: [],
    generate_webcrypto_reported_ms: [],
    raw_generatekey_ms: [],
    longtask_count: [],
    longtask_longest_ms: [],
    longtask_ms: [],
    generate_fallback_ms: [],
    generate_fallback_reported_ms: [],
    fallback_longtask_longest_ms: [],
    empty_page_parsed_ms: [],
    ...postKeySamples(),
  };
  const texts = {};

  const browser = await launchChromium();
  try {
    texts.chromium = browser.version();
    // One discarded load: the first context of a new browser pays for process start-up.
    {
      const warm = await load(browser, []);
      await warm.context.close();
    }
    samples.empty_page_parsed_ms = await baseline(browser, path.dirname(path.resolve(options.out)), Math.min(runs, BASELINE_RUNS));
    const started = performance.now();
    for (let i = 0; i < runs; i += 1) {
      // WebCrypto path: start-up, then raw generateKey and the full Generate on the same
      // fresh page; the order of the two alternates so neither always runs on a just-warmed
      // engine.
      {
        const { context, page, startup, seenMs } = await load(browser, []);
        samples.startup_ms.push(startup.interactive);
        samples.startup_seen_ms.push(seenMs);
        samples.startup_parsed_ms.push(startup.parsed);
        samples.startup_decode_ms.push(startup.decode);
        samples.startup_instantiate_ms.push(startup.instantiate);
        samples.startup_after_instantiate_ms.push(startup.afterInstantiate);
        // Raw generateKey on a fresh page of its own, at the same point of its life as the
        // click (team name typed, PERSON_MS later): the first before or after, in turn.
        let raw = NaN;
        if (i % 2 === 0) raw = await rawOnFreshPage(browser);
        const gen = await generate(page, "the browser's WebCrypto");
        if (i % 2 === 1) raw = await rawOnFreshPage(browser);
        samples.raw_generatekey_ms.push(raw);
        samples.generate_webcrypto_ms.push(gen.ms);
        samples.generate_webcrypto_reported_ms.push(gen.reportedMs);
        samples.longtask_count.push(gen.longtasks.length);
        samples.longtask_longest_ms.push(Math.max(0, ...gen.longtasks));
        samples.longtask_ms.push(...gen.longtasks);
        recordPostKey(samples, gen);
        if (i === 0) texts.webcrypto_summary = gen.done;
        await context.close();
      }
      // Fallback path: no crypto.subtle, so the rsa crate in wasm makes the key.
      if (i < fallbackRuns) {
        const { context, page } = await load(browser, [NO_SUBTLE]);
        if (await page.evaluate(() => crypto.subtle !== undefined)) throw new Error('crypto.subtle is still there');
        const gen = await generate(page, 'built-in RSA');
        samples.generate_fallback_ms.push(gen.ms);
        samples.generate_fallback_reported_ms.push(gen.reportedMs);
        samples.fallback_longtask_longest_ms.push(Math.max(0, ...gen.longtasks));
        if (i === 0) texts.fallback_summary = gen.done;
        await context.close();
      }
      const done = i + 1;
      if (done % 10 === 0 || done === runs) {
        progress(`${done}/${runs} rounds (${((performance.now() - started) / 1000).toFixed(1)} s)`);
      }
    }
  } finally {
    await browser.close();
  }

  const values = await sizes(texts);
  // Three decimals are plenty for milliseconds; NaN (a figure the page could not give) is null.
  const round = (v) => (Number.isFinite(v) ? Number(v.toFixed(3)) : null);
  const report = {
    samples: Object.fromEntries(Object.entries(samples).map(([name, list]) => [name, list.map(round)])),
    values,
    // One line each: the xtask prints them in its table.
    texts: Object.fromEntries(Object.entries(texts).map(([name, text]) => [name, String(text).replace(/\s+/g, ' ').trim()])),
  };
  await writeFile(options.out, `${JSON.stringify(report, null, 1)}\n`);
}

main().catch((error) => {
  process.stderr.write(`bench.mjs: ${error?.stack ?? error}\n`);
  process.exit(1);
});
