// The Page flow in Firefox or WebKit through W3C WebDriver, over http://127.0.0.1 and file://:
// mount, type a team name, generate (and answer the "not downloaded yet" confirmation through
// the alert endpoints), download every file by its button and check them with the same
// artifact checks as the Chromium suite (../lib/files.mjs), reach the Copy button's result (the
// Clipboard API or the page's fallback), check a SAML response signed at test time with the
// downloaded key (one valid, one tampered: ../lib/saml.mjs), and show the page asked for
// nothing but itself. Then the one-key-slot-per-mode scenario (after a response check in the
// fresh tab, with no setup): a generated, unsaved key survives a renewal of another; a
// certificate rotation with a new key (update and final bodies); and the built-in RSA path in
// the key worker, with WebCrypto
// taken away.
//
// Run by `cargo xtask test` (stages "e2e (Firefox …)" and "e2e (WebKit …)"); by hand, after
// `cargo xtask dist`, from tests/e2e:
//     WEBDRIVER_ENGINE=firefox node --test --test-reporter=spec webdriver/flow.mjs
//     WEBDRIVER_ENGINE=webkit  node --test --test-reporter=spec webdriver/flow.mjs
// (the file name keeps it out of the Chromium stage's bare `node --test`).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

import {
  APP_HEADING,
  FINGERPRINT_FORMAT,
  GENERATE_LABEL,
  TEAM,
  allFileNames,
  downloadLabel,
} from '../lib/expected.mjs';
import { certificateModulus, checkGeneratedFiles, checkKeyAndCertificate, keyModulus, runTool, tempDir } from '../lib/files.mjs';
import { servedOrigins } from '../lib/origins.mjs';
import { PAGE_VALUES_SCRIPT, samlResponseValue, signedAndTampered } from '../lib/saml.mjs';
import { sleep } from '../lib/wait.mjs';
import { ENGINES, launch } from './client.mjs';
import { describeRotation } from './rotation.mjs';

const ENGINE = process.env.WEBDRIVER_ENGINE ?? '';
if (!(ENGINE in ENGINES)) {
  throw new Error(`set WEBDRIVER_ENGINE to ${Object.keys(ENGINES).join(' or ')} (got ${JSON.stringify(ENGINE)})`);
}
const LABEL = ENGINES[ENGINE].label;

/** Per-origin bound: a session start, one generation, eight downloads and the checks. */
const SCENARIO = { timeout: 240_000 };

/** Installed right after the app mounts: page errors, CSP violations, console errors/warnings. */
const RECORDERS = `
  if (window.__e2e) return;
  const seen = { errors: [], csp: [], console: [] };
  window.__e2e = seen;
  window.addEventListener('error', (e) => seen.errors.push(String(e.message || e.error)));
  window.addEventListener('unhandledrejection', (e) => seen.errors.push('unhandled rejection: ' + String(e.reason)));
  document.addEventListener('securitypolicyviolation', (e) =>
    seen.csp.push(e.violatedDirective + ' ' + e.blockedURI));
  for (const level of ['error', 'warn']) {
    const original = console[level].bind(console);
    console[level] = (...args) => { seen.console.push(level + ': ' + args.map(String).join(' ')); original(...args); };
  }
`;

const { origins, watchServer } = servedOrigins();

for (const origin of origins) {
  describe(`${LABEL} over ${origin.label}`, () => {
    it('from a team name, every file saves by its button and checks out; regenerating an unsaved key asks first; Copy answers; nothing is requested but the page', SCENARIO, async (t) => {
      const dir = await tempDir(t);
      const url = origin.url();
      const served = watchServer();
      const t0 = Date.now();
      const wd = await launch(/** @type {keyof typeof ENGINES} */ (ENGINE));
      t.after(() => wd.quit());
      t.diagnostic(`${wd.browser}: session in ${Date.now() - t0} ms`);

      // Mount.
      const t1 = Date.now();
      await wd.navigate(url);
      const heading = await wd.waitFor('h1', { timeout: 30_000 }).catch(async (error) => {
        const body = await wd.execute('return document.body ? document.body.innerText.slice(0, 500) : null').catch(() => '?');
        throw new Error(`the app did not mount from ${url}: ${error.message}\npage text: ${JSON.stringify(body)}`);
      });
      assert.equal((await heading.text()).trim(), APP_HEADING, 'the h1');
      assert.equal(await wd.url(), url, 'the page stayed where it was opened');
      t.diagnostic(`mounted in ${Date.now() - t1} ms`);
      await wd.execute(RECORDERS);

      const { team, generate } = await enterTeam(wd);
      assert.equal(await team.property('value'), TEAM, 'the team name field');

      // Generate.
      const t2 = Date.now();
      await generate.click();
      const fingerprint = await waitForFingerprint(wd);
      t.diagnostic(`generated in ${Date.now() - t2} ms (fingerprint ${fingerprint.slice(0, 11)}…)`);

      // Regenerating before the key is saved asks first (window.confirm); Cancel keeps the key.
      await generate.click();
      const question = await wd.until(() => wd.alertText(), 'no confirmation when regenerating an unsaved key', { timeout: 10_000 });
      assert.match(question, /not been downloaded/, 'the confirmation text');
      await wd.dismissAlert();
      assert.equal(await wd.alertText(), null, 'the dialog stayed open');
      assert.equal((await generate.text()).trim(), GENERATE_LABEL, 'generation started after Cancel');
      assert.equal(await shownFingerprint(wd), fingerprint, 'the fingerprint changed after Cancel');

      // Every download, by its button.
      /** @type {Map<string, string>} */
      const files = new Map();
      for (const name of allFileNames(TEAM)) {
        if (name === 'cloudflare-access-idp.tf') {
          await (await wd.waitFor('#tab-terraform')).click();
        }
        const button = await wd.waitFor(`button.download[data-file="${name}"]`, { timeout: 10_000 });
        assert.equal(await accessibleText(wd, button), downloadLabel(name), `the button for ${name}`);
        files.set(name, await wd.saveByClick(button, name, dir, (m) => t.diagnostic(m)));
        // A dialog here would mean the page asked something while saving.
        assert.equal(await wd.alertText(), null, `a dialog after downloading ${name}`);
      }
      await checkGeneratedFiles(files, { team: TEAM, fingerprint });

      // Copy: the Clipboard API where the engine allows it, else the page's fallback message;
      // never an exception. The label shows for two seconds, so record every text it shows.
      const copy = await wd.waitFor('button.copy[aria-label="Copy SP Entity ID"]');
      await wd.execute(
        `const b = arguments[0]; window.__copyStates = [];
         new MutationObserver(() => window.__copyStates.push(b.textContent.trim()))
           .observe(b, { childList: true, characterData: true, subtree: true });`,
        [copy],
      );
      await copy.click();
      const states = await wd.until(
        () => wd.execute('return window.__copyStates.filter((s) => s !== "Copy")'),
        'the Copy button never reported a result',
        { timeout: 10_000 },
      ).then((s) => (s.length ? s : null));
      assert.ok(['Copied', 'Select and copy'].includes(states[0]), `Copy button said ${JSON.stringify(states)}`);
      t.diagnostic(`Copy → "${states[0]}"`);

      await checkSignedResponses(wd, t, { key: files.get('samlidp.key'), crt: files.get('samlidp.crt'), dir });

      // Zero requests: nothing but the page, seen by the page itself and by the server.
      await sleep(500);
      const seen = await wd.execute(`return {
        resources: performance.getEntriesByType('resource').map((e) => e.name),
        navigations: performance.getEntriesByType('navigation').map((e) => e.name),
        recorded: window.__e2e,
      }`);
      assert.deepEqual(seen.resources, [], 'resource requests made by the page');
      // One navigation, the page's (Firefox names a file:// page's entry "document").
      assert.equal(seen.navigations.length, 1, `navigations: ${JSON.stringify(seen.navigations)}`);
      assert.ok([url, 'document'].includes(seen.navigations[0]), `navigation entry ${seen.navigations[0]}`);
      assert.deepEqual(seen.recorded.errors, [], 'uncaught errors in the page');
      assert.deepEqual(seen.recorded.csp, [], 'CSP violations');
      assert.deepEqual(seen.recorded.console, [], 'console errors or warnings');
      // The server logs every request it receives: the page itself over http, nothing from file://.
      assert.deepEqual(served(), origin.serverSees, 'what the server saw');
    });
  });
}

// No key lost between modes (the Chromium suite's key-slots.test.mjs, in this engine): over the
// first origin only, as the slots do not depend on how the page was opened. It starts with the
// response check in the fresh tab, before any setup exists.
const OTHER_KEY = fileURLToPath(new URL('../../fixtures/rsa3072.key', import.meta.url));
const SIGNED_RESPONSE = fileURLToPath(new URL('../../fixtures/saml-response/assertion-signed.xml', import.meta.url));

describe(`${LABEL} over ${origins[0].label}: one key slot per mode`, () => {
  it('an unsaved generated key survives a renewal of another key, with its file and the leave-page guard', SCENARIO, async (t) => {
    const dir = await tempDir(t);
    const wd = await launch(/** @type {keyof typeof ENGINES} */ (ENGINE));
    t.after(() => wd.quit());
    await wd.navigate(origins[0].url());
    await wd.waitFor('h1', { timeout: 30_000 });

    // A fresh tab, no setup anywhere: the response is still decoded and checked.
    await (await wd.waitFor('#mode-check', { visible: false })).click();
    await wd.waitFor('#saml-response');
    const cold = await pasteAndCheck(wd, await readFile(SIGNED_RESPONSE, 'utf8'));
    assert.equal(await wd.find('#check-error'), null, 'an error instead of a report in a fresh tab');
    const attributes = String(await (await wd.waitFor('#response-attributes')).property('textContent'));
    assert.match(attributes, /NameID\s*ada@example\.com/, 'the decoded NameID');
    assert.equal(cold.lines.Issuer?.[0], 'Not checked', JSON.stringify(cold.lines));
    assert.doesNotMatch(cold.summary, /All checks passed|No mode has a complete setup/);
    t.diagnostic(`fresh tab: ${cold.summary.slice(0, 80)}`);
    await (await wd.waitFor('#mode-new-key', { visible: false })).click();

    const { generate } = await enterTeam(wd);
    await generate.click();
    const generated = await waitForFingerprint(wd);

    // Renew another key: no question asked, the generated key is left alone.
    await (await wd.waitFor('#mode-renew', { visible: false })).click();
    await (await wd.waitFor('#private-key-file', { visible: false })).type(OTHER_KEY);
    const renewed = await wd.until(async () => {
      const shown = await shownFingerprint(wd);
      return shown && shown !== generated ? shown : null;
    }, 'Renew did not show a certificate for the imported key', { timeout: 30_000 });
    // The facts sit in a collapsed section: read their text, not their rendering.
    const facts = await wd.waitFor('#imported-key-facts', { visible: false });
    assert.match(String(await facts.property('textContent')), /3072[\s\S]*PKCS#8/, 'Renew shows the imported key size and format');
    assert.equal(await wd.find('#key-size'), null, 'no key-size select in Renew');
    assert.equal(await wd.alertText(), null, 'a question was asked on the way');

    // Back to New key: the generated key and its certificate are still there, still unsaved.
    await (await wd.waitFor('#mode-new-key', { visible: false })).click();
    await wd.until(async () => (await shownFingerprint(wd)) === generated, `New key shows ${renewed}, not the generated certificate`, { timeout: 10_000 });
    const summary = await wd.waitFor('#certificate-summary', { visible: false });
    assert.match(String(await summary.property('textContent')), /only in this tab/, 'still marked unsaved');
    assert.equal(await leaveGuardArmed(wd), true, 'the leave-page guard is off for the unsaved generated key');

    // samlidp.key is still the generated key: the New-key certificate is for it.
    /** @type {Record<string, string>} */
    const saved = {};
    for (const name of ['samlidp.key', 'samlidp.crt']) {
      const button = await wd.waitFor(`button.download[data-file="${name}"]`, { timeout: 10_000 });
      saved[name] = await wd.saveByClick(button, name, dir, (m) => t.diagnostic(m));
    }
    const keyModulusText = await keyModulus(saved['samlidp.key']);
    assert.equal(keyModulusText, await certificateModulus(saved['samlidp.crt']), 'samlidp.key belongs to the New-key certificate');
    assert.notEqual(keyModulusText, await keyModulus(OTHER_KEY), 'samlidp.key is the imported key');
    const fingerprint = (await runTool('openssl', ['x509', '-in', saved['samlidp.crt'], '-noout', '-fingerprint', '-sha256'])).trim();
    assert.equal(fingerprint.split('=')[1], generated, 'samlidp.crt is the certificate shown');
    assert.equal(await leaveGuardArmed(wd), false, 'the leave-page guard stayed on after samlidp.key was saved');
  });
});

// Renew certificate as a rotation with a new key (./rotation.mjs), over the first origin only,
// as the rotation does not depend on how the page was opened.
describeRotation({
  label: `${LABEL} over ${origins[0].label}`,
  async open(t) {
    const wd = await launch(/** @type {keyof typeof ENGINES} */ (ENGINE));
    t.after(() => wd.quit());
    await wd.navigate(origins[0].url());
    await wd.waitFor('h1', { timeout: 30_000 });
    await wd.execute(RECORDERS);
    await enterTeam(wd);
    return wd;
  },
  waitForFingerprint,
  leaveGuardArmed,
});

// The built-in RSA path in this engine's key worker. This driver cannot open the page through a
// made-up host name (the Chromium suite's builtin-worker.test.mjs does), so WebCrypto is taken
// away instead: the page looks for `crypto.subtle` when Generate is pressed.
for (const origin of origins) {
  describe(`${LABEL} over ${origin.label}: the built-in RSA path`, () => {
    it('without WebCrypto the key is made in the worker (Cancel offered, no fallback to the page), and key and certificate check out', SCENARIO, async (t) => {
      const dir = await tempDir(t);
      const wd = await launch(/** @type {keyof typeof ENGINES} */ (ENGINE));
      t.after(() => wd.quit());
      await wd.navigate(origin.url());
      await wd.waitFor('h1', { timeout: 30_000 });
      await wd.execute(RECORDERS);
      const { generate } = await enterTeam(wd);
      // Record what the progress line shows: the worker's (with Cancel) or the main thread's.
      await wd.execute(
        `delete Crypto.prototype.subtle;
         window.__progress = { cancel: false, texts: [] };
         new MutationObserver(() => {
           const line = document.getElementById('generate-progress');
           if (line) window.__progress.texts.push(line.textContent);
           if (document.getElementById('cancel-button')) window.__progress.cancel = true;
         }).observe(document.body, { childList: true, subtree: true, characterData: true });
         return typeof crypto.subtle;`,
      ).then((kind) => assert.equal(kind, 'undefined', 'crypto.subtle is still there'));
      await generate.click();
      const fingerprint = await waitForFingerprint(wd);
      const progress = await wd.execute('return window.__progress');
      assert.ok(progress.cancel, `no Cancel button while generating: ${JSON.stringify(progress.texts)}`);
      assert.ok(progress.texts.some((text) => text.includes('no WebCrypto on this origin')), `progress line: ${JSON.stringify(progress.texts)}`);
      assert.ok(!progress.texts.some((text) => text.includes('on the page itself')), `the worker was refused: ${JSON.stringify(progress.texts)}`);
      const summary = await wd.waitFor('#certificate-summary', { visible: false });
      assert.match(String(await summary.property('textContent')), /built-in RSA/, 'the summary names the built-in path');
      /** @type {Record<string, string>} */
      const saved = {};
      for (const name of ['samlidp.key', 'samlidp.crt']) {
        const button = await wd.waitFor(`button.download[data-file="${name}"]`, { timeout: 10_000 });
        saved[name] = await wd.saveByClick(button, name, dir, (m) => t.diagnostic(m));
      }
      await checkKeyAndCertificate({ key: saved['samlidp.key'], crt: saved['samlidp.crt'], fingerprint });
      const recorded = await wd.execute('return window.__e2e');
      assert.deepEqual(recorded.errors, [], 'uncaught errors in the page');
      assert.deepEqual(recorded.csp, [], 'CSP violations');
    });
  });
}

/**
 * Types the team name with key events, leaves the field, and waits for Generate to enable.
 * @param {import('./client.mjs').Session} wd
 */
async function enterTeam(wd) {
  const team = await wd.waitFor('#team-name');
  await team.clear();
  await team.type(TEAM);
  await wd.execute('document.activeElement && document.activeElement.blur()');
  const generate = await wd.waitFor('#generate-button');
  await wd.until(() => generate.enabled(), 'Generate stays disabled after a valid team name');
  return { team, generate };
}

/**
 * Whether the page's leave-page guard would prompt: a cancelable beforeunload event is
 * dispatched and the guard's answer read (the real prompt cannot be driven the same way in
 * every engine). @param {import('./client.mjs').Session} wd
 */
function leaveGuardArmed(wd) {
  return wd.execute(
    `const event = document.createEvent('BeforeUnloadEvent');
     event.initEvent('beforeunload', false, true);
     window.dispatchEvent(event);
     return event.defaultPrevented;`,
  );
}

/**
 * Check a SAML response: a response for the page's values signed by xmlsec1 with the
 * downloaded key passes every check (pasted as the base64 SAMLResponse value); the same with
 * its NameID changed after signing (pasted as XML) fails the Signature line, and only it.
 * @param {import('./client.mjs').Session} wd @param {import('node:test').TestContext} t
 * @param {{ key: string | undefined, crt: string | undefined, dir: string }} files
 */
async function checkSignedResponses(wd, t, { key, crt, dir }) {
  assert.ok(key && crt, 'samlidp.key and samlidp.crt were saved');
  const values = await wd.execute(PAGE_VALUES_SCRIPT);
  const { signed, tampered } = await signedAndTampered(values, { key, crt, dir });
  await (await wd.waitFor('#mode-check')).click();
  await wd.waitFor('#saml-response');
  const valid = await pasteAndCheck(wd, samlResponseValue(signed));
  assert.equal(valid.summary, 'All checks passed', JSON.stringify(valid.lines));
  assert.equal(valid.lines.Signature?.[0], 'Pass');
  const bad = await pasteAndCheck(wd, tampered);
  assert.equal(bad.lines.Signature?.[0], 'Fail', JSON.stringify(bad.lines.Signature));
  assert.match(bad.summary, /^1 problem found\. /);
  assert.deepEqual(Object.keys(bad.lines).filter((name) => bad.lines[name][0] === 'Fail'), ['Signature']);
  t.diagnostic('response check: valid passed, tampered failed the Signature line');
}

/**
 * Puts `text` in "SAML response" as a paste would (value and input event), presses "Check
 * response" and returns the summary and the lines as { name: [status, details] }.
 * @param {import('./client.mjs').Session} wd @param {string} text
 */
async function pasteAndCheck(wd, text) {
  await wd.execute(
    `const area = document.querySelector('#saml-response');
     area.value = arguments[0];
     area.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));`,
    [text],
  );
  await wd.until(async () => !(await wd.find('#check-summary')), 'the old results stayed after a new paste');
  await (await wd.waitFor('#check-response')).click();
  await wd.waitFor('#check-summary', { timeout: 10_000 });
  return wd.execute(`return {
    summary: document.querySelector('#check-summary').textContent.trim(),
    lines: Object.fromEntries([...document.querySelectorAll('#check-lines tbody tr')].map((r) =>
      [r.querySelector('th').textContent, [...r.querySelectorAll('td')].map((td) => td.textContent)])),
  }`);
}

/**
 * An element's text as assistive technology reads it (without aria-hidden parts such as icons).
 * @param {import('./client.mjs').Session} wd @param {import('./client.mjs').Element} element
 */
function accessibleText(wd, element) {
  return wd.execute(
    `const copy = arguments[0].cloneNode(true);
     copy.querySelectorAll('[aria-hidden="true"]').forEach((e) => e.remove());
     return copy.textContent.replace(/\\s+/g, ' ').trim();`,
    [element],
  );
}

/** The SHA-256 fingerprint shown, or null. @param {import('./client.mjs').Session} wd */
async function shownFingerprint(wd) {
  const code = await wd.find('#sha256-fingerprint');
  return code ? (await code.text()).trim() : null;
}

/** Waits for a fingerprint, the Generate button's label to come back and every section to catch up. @param {import('./client.mjs').Session} wd */
async function waitForFingerprint(wd) {
  await wd.waitFor('#sha256-fingerprint', { timeout: 60_000 });
  await wd.until(
    async () => ((await (await wd.find('#generate-button'))?.text()) ?? '').trim() === GENERATE_LABEL,
    'the Generate button did not come back',
    { timeout: 60_000 },
  );
  // Every section shows the new certificate once <main> is no longer aria-busy.
  await wd.until(async () => !(await wd.find('main[aria-busy="true"]')), 'the sections did not catch up', {
    timeout: 60_000,
  });
  const fingerprint = (await shownFingerprint(wd)) ?? '';
  assert.match(fingerprint, FINGERPRINT_FORMAT, 'fingerprint format');
  return fingerprint;
}
