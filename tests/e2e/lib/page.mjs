// Driving the page in Chromium the way a user does (labels, buttons, keyboard, downloads), for
// the Playwright scenarios (../*.test.mjs). What the saved files must be is checked in
// files.mjs; what the page says and derives is in expected.mjs; the two origins are in
// origins.mjs (see there for how to write a new scenario over both).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before } from 'node:test';

import { openApp } from './app.mjs';
import { launchChromium } from './browser.mjs';
import { FINGERPRINT_FORMAT, GENERATE_LABEL, downloadLabel } from './expected.mjs';
import { servedOrigins } from './origins.mjs';
import { assertReflow } from './reflow.mjs';

/** Per-scenario bound. `cargo xtask test` caps every test, and every test FILE, at 120 s. */
export const SCENARIO = { timeout: 90_000 };

/**
 * Registers before/after hooks for one Chromium and one static server (origins.mjs) for the
 * calling test file. Returns the two origins every scenario runs over, the server, `open`
 * (the page with its recorders, for tests that check the console themselves) and `withApp`,
 * which opens the page, runs a scenario, checks the page reflows in the state the scenario left
 * it in (reflow.mjs), threw and logged nothing, and closes it (also on failure).
 */
export function pageSuite() {
  const served = servedOrigins();
  /** @type {import('playwright-core').Browser} */
  let browser;
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });
  /**
   * @param {string} url
   * @param {import('playwright-core').BrowserContextOptions} [options]
   */
  const open = (url, options) => openApp(browser, url, options);
  return {
    ...served,
    open,
    /**
     * @param {string} url
     * @param {(app: Awaited<ReturnType<typeof openApp>>) => Promise<void>} body
     * @param {import('playwright-core').BrowserContextOptions} [options]
     */
    async withApp(url, body, options) {
      const app = await open(url, options);
      try {
        await body(app);
        if (!app.page.isClosed()) await assertReflow(app.page, 'the page at the end of the scenario');
        assert.deepEqual(app.console.pageErrors, [], 'uncaught errors in the page');
        assert.deepEqual(app.console.problems(), [], 'console errors or warnings');
      } finally {
        await app.close();
      }
    },
  };
}

/** Longest a key generation may take (RSA-2048 with WebCrypto is well under a second). */
export const GENERATE_TIMEOUT = 30_000;
/** Longest a download may take to start after its button is pressed. */
export const DOWNLOAD_TIMEOUT = 10_000;

/** @param {import('playwright-core').Page} page @param {string} label */
export function field(page, label) {
  return page.getByLabel(label, { exact: true });
}

/** The Generate button (its name changes to "Generating…" while it runs, so match by id). */
export function generateButton(page) {
  return page.locator('#generate-button');
}

/**
 * Types `text` into the field labelled `label` (replacing what it held) and leaves it.
 * @param {import('playwright-core').Page} page @param {string} label @param {string} text
 */
export async function typeInto(page, label, text) {
  const input = field(page, label);
  await input.fill(text);
  await input.blur();
}

/** The SHA-256 fingerprint shown, or null while none is. @param {import('playwright-core').Page} page */
export async function shownFingerprint(page) {
  const code = page.locator('#sha256-fingerprint');
  return (await code.count()) ? ((await code.textContent()) ?? '').trim() : null;
}

/**
 * Waits until generation is finished: the fingerprint is visible and, when `previous` is
 * given, differs from it; the Generate button is back; every section shows the new
 * certificate. Returns the fingerprint.
 * @param {import('playwright-core').Page} page @param {{ previous?: string | null }} [options]
 */
export async function waitForFingerprint(page, { previous = null } = {}) {
  await page.locator('#sha256-fingerprint').waitFor({ state: 'visible', timeout: GENERATE_TIMEOUT });
  if (previous) {
    await page
      .waitForFunction(
        (old) => document.querySelector('#sha256-fingerprint')?.textContent?.trim() !== old,
        previous,
        { timeout: GENERATE_TIMEOUT },
      )
      .catch(() => {
        throw new Error(`the SHA-256 fingerprint stayed ${previous} (no new certificate)`);
      });
  }
  await page.getByRole('button', { name: GENERATE_LABEL, exact: true }).waitFor({ timeout: GENERATE_TIMEOUT });
  await settled(page);
  const fingerprint = await shownFingerprint(page);
  assert.match(fingerprint ?? '', FINGERPRINT_FORMAT, 'fingerprint format');
  return /** @type {string} */ (fingerprint);
}

/**
 * Waits until every section shows the current outputs: the page shows a new certificate in
 * steps (the summary first, then each section), and while a section still shows the previous
 * outputs, <main> is aria-busy. Clicking a section's button before then can land on a button
 * that moves as the sections catch up.
 * @param {import('playwright-core').Page} page
 */
export async function settled(page) {
  await page.locator('main[aria-busy="true"]').waitFor({ state: 'detached', timeout: GENERATE_TIMEOUT });
}

/** Presses Generate (by mouse) and waits for the certificate. @param {import('playwright-core').Page} page */
export async function generate(page) {
  const previous = await shownFingerprint(page);
  const button = page.getByRole('button', { name: GENERATE_LABEL, exact: true });
  assert.ok(await button.isEnabled(), `Generate is disabled: ${await page.locator('#generate-reason').textContent()}`);
  await button.click();
  return waitForFingerprint(page, { previous });
}

/**
 * Presses the download button for `name` (its text must be `buttonText`, by default
 * downloadLabel(name)), checks that exactly `name` is saved, stores it in `dir` and returns it.
 * @param {import('playwright-core').Page} page
 * @param {string} name
 * @param {string} dir
 * @param {{ buttonText?: string, press?: (button: import('playwright-core').Locator) => Promise<void> }} [options]
 */
export async function download(page, name, dir, { buttonText = downloadLabel(name), press } = {}) {
  // A change that made a new certificate (an import, an edited certificate option) may still
  // be reaching the sections.
  await settled(page);
  const button = page.getByRole('button', { name: buttonText, exact: true });
  await button.waitFor({ timeout: DOWNLOAD_TIMEOUT }).catch(() => {
    throw new Error(`no button named ${JSON.stringify(buttonText)} on the page`);
  });
  assert.equal(await button.getAttribute('data-file'), name, `data-file of "${buttonText}"`);
  const [file] = await Promise.all([
    page.waitForEvent('download', { timeout: DOWNLOAD_TIMEOUT }),
    press ? press(button) : button.click(),
  ]);
  return saveDownload(file, name, dir, `by "${buttonText}"`);
}

/**
 * Checks that `file` is saved as exactly `name` (`how` says where it came from, for the
 * message), stores it in `dir` and returns its path, bytes and text.
 * @param {import('playwright-core').Download} file @param {string} name @param {string} dir @param {string} how
 */
export async function saveDownload(file, name, dir, how) {
  assert.equal(file.suggestedFilename(), name, `file name saved ${how}`);
  const target = path.join(dir, name);
  await file.saveAs(target);
  assert.equal(await file.failure(), null, `download of ${name} failed`);
  const bytes = await readFile(target);
  assert.ok(bytes.length > 0, `${name} is empty`);
  return { path: target, bytes, text: bytes.toString('utf8') };
}

/**
 * Closes the page with its beforeunload handlers and reports whether the leave-page prompt
 * came; the prompt is dismissed, so the page stays open.
 * @param {import('playwright-core').Page} page
 */
export async function leavePromptArmed(page) {
  const prompt = page.waitForEvent('dialog', { timeout: 5000 });
  await page.close({ runBeforeUnload: true });
  const dialog = await prompt.catch(() => null);
  if (!dialog) return false;
  assert.equal(dialog.type(), 'beforeunload');
  await dialog.dismiss();
  assert.equal(page.isClosed(), false, 'the page closed despite staying');
  return true;
}

/**
 * The label → value rows of every `<dl class="values">`, keyed "<section id>: <label>".
 * @param {import('playwright-core').Page} page
 * @returns {Promise<Map<string, string>>}
 */
export async function shownValues(page) {
  const rows = await page.evaluate(() =>
    [...document.querySelectorAll('dl.values .value-row')].map((row) => [
      `${row.closest('section')?.id}: ${row.querySelector('dt')?.textContent?.trim()}`,
      row.querySelector('code.value')?.textContent ?? '',
    ]),
  );
  return new Map(/** @type {[string, string][]} */ (rows));
}

/**
 * What has keyboard focus: id, tag, role-ish text. For keyboard-only runs.
 * @param {import('playwright-core').Page} page
 */
export function focused(page) {
  return page.evaluate(() => {
    const e = document.activeElement;
    if (!e || e === document.body) return { id: '', tag: 'body', text: '', file: null };
    return {
      id: e.id,
      tag: e.tagName.toLowerCase(),
      text: (e.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 80),
      file: e.getAttribute('data-file'),
    };
  });
}

/**
 * Presses Tab until `matches(focused)` holds; at most `limit` presses. Returns how many.
 * @param {import('playwright-core').Page} page
 * @param {(f: Awaited<ReturnType<typeof focused>>) => boolean} matches
 * @param {string} what
 * @param {number} [limit]
 */
export async function tabTo(page, matches, what, limit = 80) {
  const seen = [];
  for (let presses = 1; presses <= limit; presses++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    seen.push(now.id || now.text || now.tag);
    if (matches(now)) return presses;
  }
  throw new Error(`Tab never reached ${what} in ${limit} presses; focus went: ${seen.join(' → ')}`);
}

/**
 * Elements wider than the viewport or sticking out of it on the right (horizontal overflow).
 * @param {import('playwright-core').Page} page
 */
/**
 * Closes the page with beforeunload handlers run, accepting any prompt; true when the page
 * asked before leaving (the leave-page guard was armed).
 * @param {import('playwright-core').Page} page
 */
export async function closePromptingOnLeave(page) {
  let prompted = false;
  page.on('dialog', (d) => {
    prompted = true;
    void d.accept();
  });
  const closed = page.waitForEvent('close', { timeout: 5000 });
  await page.close({ runBeforeUnload: true });
  await closed;
  return prompted;
}

export function horizontalOverflow(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const culprits = [];
    for (const e of document.querySelectorAll('body *')) {
      const r = e.getBoundingClientRect();
      if (r.width === 0 || r.right <= width + 1) continue;
      // Only report the outermost offender, not all its children; ignore scrollable boxes' content.
      let p = e.parentElement;
      let inside = false;
      while (p && p !== document.body) {
        const s = getComputedStyle(p);
        if (p.getBoundingClientRect().right > width + 1 || /(auto|scroll|hidden)/.test(s.overflowX)) {
          inside = true;
          break;
        }
        p = p.parentElement;
      }
      if (!inside) {
        culprits.push(`${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.className ? `.${String(e.className).split(' ').join('.')}` : ''} right=${Math.round(r.right)}`);
      }
    }
    return { viewport: width, scrollWidth: document.documentElement.scrollWidth, culprits };
  });
}
