// Driving the page the way a user does (labels, buttons, downloads) and checking what it
// produces with real tools (openssl, Python's XML and ZIP modules). Used by page.test.mjs.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { promisify } from 'node:util';

import { openApp } from './app.mjs';
import { launchChromium } from './browser.mjs';
import { DIST_DIR, distFileUrl } from './dist.mjs';
import { serveStatic } from './server.mjs';

/** Per-scenario bound. `cargo xtask test` caps every test, and every test FILE, at 120 s. */
export const SCENARIO = { timeout: 90_000 };

/** The team the scenarios type, and what the page derives from a team. */
export const TEAM = 'acme';
export const CALLBACK = (/** @type {string} */ team) => `https://${team}.cloudflareaccess.com/cdn-cgi/access/callback`;
export const ENTITY_ID = (/** @type {string} */ team) => `https://${team}.cloudflareaccess.com/`;
export const DEFAULT_SSO_URL = 'https://sso.jumpcloud.com/saml2/cloudflare-access';

/**
 * Registers before/after hooks for one browser and one static server (dist/ served with its
 * _headers, as a host would) for the calling test file. Returns the two origins every
 * scenario runs over and `withApp`, which opens the page, runs a scenario, checks the page
 * threw and logged nothing, and closes it (also on failure).
 */
export function pageSuite() {
  /** @type {import('playwright-core').Browser} */
  let browser;
  /** @type {Awaited<ReturnType<typeof serveStatic>>} */
  let server;
  before(async () => {
    browser = await launchChromium();
    server = await serveStatic(DIST_DIR, { applyHeadersFile: true });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    origins: [
      { name: 'http', url: () => server.url('index.html') },
      { name: 'file', url: () => distFileUrl('index.html') },
    ],
    /** The static server (its request log, its origin). */
    server: () => server,
    /**
     * @param {string} url
     * @param {(app: Awaited<ReturnType<typeof openApp>>) => Promise<void>} body
     * @param {import('playwright-core').BrowserContextOptions} [options]
     */
    async withApp(url, body, options) {
      const app = await openApp(browser, url, options);
      try {
        await body(app);
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
/** Longest an external tool (openssl, python3) may run. */
export const TOOL_TIMEOUT = 20_000;

export const GENERATE_LABEL = 'Generate key and certificate';

/** Every file the page offers after generating, in page order, for team `team`. */
export function allFileNames(team) {
  return [
    'samlidp.key',
    'samlidp.crt',
    'sp-metadata.xml',
    'idp-metadata.xml',
    'cloudflare-identity-provider.json',
    'cloudflare-access-idp.tf',
    'samlidp-expiry.ics',
    `saml-idp-kit-${team}.zip`,
  ];
}

/** The files inside the ZIP (every file but the ZIP itself). */
export const ZIPPED_FILES = allFileNames('x').filter((n) => !n.endsWith('.zip'));

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
 * given, differs from it; the Generate button is back. Returns the fingerprint.
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
  const fingerprint = await shownFingerprint(page);
  assert.match(fingerprint ?? '', /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/i, 'fingerprint format');
  return /** @type {string} */ (fingerprint);
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
 * "Download <name>"), checks that exactly `name` is saved, stores it in `dir` and returns it.
 * @param {import('playwright-core').Page} page
 * @param {string} name
 * @param {string} dir
 * @param {{ buttonText?: string, press?: (button: import('playwright-core').Locator) => Promise<void> }} [options]
 */
export async function download(page, name, dir, { buttonText = `Download ${name}`, press } = {}) {
  const button = page.getByRole('button', { name: buttonText, exact: true });
  await button.waitFor({ timeout: DOWNLOAD_TIMEOUT }).catch(() => {
    throw new Error(`no button named ${JSON.stringify(buttonText)} on the page`);
  });
  assert.equal(await button.getAttribute('data-file'), name, `data-file of "${buttonText}"`);
  const [file] = await Promise.all([
    page.waitForEvent('download', { timeout: DOWNLOAD_TIMEOUT }),
    press ? press(button) : button.click(),
  ]);
  assert.equal(file.suggestedFilename(), name, `file name saved by "${buttonText}"`);
  const target = path.join(dir, name);
  await file.saveAs(target);
  assert.equal(await file.failure(), null, `download of ${name} failed`);
  const bytes = await readFile(target);
  assert.ok(bytes.length > 0, `${name} is empty`);
  return { path: target, bytes, text: bytes.toString('utf8') };
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

/** A fresh temp dir, removed when test `t` ends. @param {import('node:test').TestContext} t */
export async function tempDir(t) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'saml-idp-kit-e2e-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

const execFileAsync = promisify(execFile);

/**
 * Runs a tool; returns stdout. A failure reports the command, exit code and stderr.
 * @param {string} command @param {string[]} args @param {{ cwd?: string }} [options]
 */
export async function runTool(command, args, { cwd } = {}) {
  try {
    const { stdout } = await execFileAsync(command, args, {
      cwd,
      timeout: TOOL_TIMEOUT,
      maxBuffer: 16 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    const e = /** @type {any} */ (error);
    throw new Error(
      `${command} ${args.join(' ')} failed (exit ${e.code ?? '?'}${e.killed ? ', killed after timeout' : ''}):\n${e.stderr ?? e.message}`,
    );
  }
}

/** Runs a Python 3 snippet with `args` in sys.argv[1:]; parses its JSON output. */
export async function python(code, ...args) {
  return JSON.parse(await runTool('python3', ['-c', code, ...args]));
}

const XML_SUMMARY = `
import json, sys
import xml.dom.minidom
import xml.etree.ElementTree as ET
path = sys.argv[1]
xml.dom.minidom.parse(path)  # a second, independent parser must accept it too
root = ET.parse(path).getroot()
md = '{urn:oasis:names:tc:SAML:2.0:metadata}'
ds = '{http://www.w3.org/2000/09/xmldsig#}'
print(json.dumps({
  'root': root.tag,
  'entityID': root.get('entityID'),
  'acs': [e.get('Location') for e in root.iter(md + 'AssertionConsumerService')],
  'sso': [e.get('Location') for e in root.iter(md + 'SingleSignOnService')],
  'certificates': [(e.text or '').strip() for e in root.iter(ds + 'X509Certificate')],
  'nameIdFormats': [(e.text or '').strip() for e in root.iter(md + 'NameIDFormat')],
}))
`;

/**
 * Parses a SAML metadata file with Python's ElementTree and minidom.
 * @param {string} file
 * @returns {Promise<{ root: string, entityID: string | null, acs: string[], sso: string[], certificates: string[], nameIdFormats: string[] }>}
 */
export function parseMetadata(file) {
  return python(XML_SUMMARY, file);
}

const ZIP_CONTENTS = `
import base64, json, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    bad = z.testzip()
    print(json.dumps({
      'bad': bad,
      'entries': {i.filename: base64.b64encode(z.read(i.filename)).decode() for i in z.infolist()},
      'modes': {i.filename: (i.external_attr >> 16) & 0o777 for i in z.infolist()},
    }))
`;

/**
 * The entries of a ZIP (read by Python's zipfile), their bytes and Unix modes.
 * @param {string} file
 */
export async function readZip(file) {
  /** @type {{ bad: string | null, entries: Record<string, string>, modes: Record<string, number> }} */
  const found = await python(ZIP_CONTENTS, file);
  assert.equal(found.bad, null, `ZIP entry with a bad CRC: ${found.bad}`);
  const entries = new Map(Object.entries(found.entries).map(([n, b64]) => [n, Buffer.from(b64, 'base64')]));
  return { entries, modes: new Map(Object.entries(found.modes)) };
}

/** The base64 body of a PEM block (no BEGIN/END lines, no line breaks). @param {string} pem */
export function pemBody(pem) {
  const match = pem.match(/-----BEGIN ([A-Z ]+)-----\r?\n([\s\S]*?)-----END \1-----/);
  assert.ok(match, 'not a PEM block');
  return match[2].replace(/\s+/g, '');
}

/**
 * Polls `check` until it returns a truthy value (returned) or `timeout` passes (throws with
 * `message` and the last value seen).
 * @template T
 * @param {() => Promise<T>} check
 * @param {string} message
 * @param {{ timeout?: number, interval?: number }} [options]
 */
export async function eventually(check, message, { timeout = 10_000, interval = 50 } = {}) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    last = await check();
    if (last) return last;
    if (Date.now() > end) throw new Error(`${message} (after ${timeout} ms; last: ${JSON.stringify(last)})`);
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
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
