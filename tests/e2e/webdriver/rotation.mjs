// The rotation scenario of the WebDriver flow (./flow.mjs), in Firefox or WebKit: Renew
// certificate with "Make a new key" and the current certificate kept (the default), then
// Generate; the rotation steps come in order, samlidp.crt checks out with openssl, the update
// body trusts [new, current] and the final body [new]. The Chromium suite's rotation.test.mjs
// covers the rest (metadata, a kept key, both origins).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

import { certificateModulus, pemBody, runTool, tempDir, verifySelfSigned } from '../lib/files.mjs';

/** Per-scenario bound: a session start, one generation, three downloads and the checks. */
const SCENARIO = { timeout: 240_000 };

const CURRENT_CERT = fileURLToPath(new URL('../../fixtures/openssl-guide.crt', import.meta.url));

/**
 * Registers the rotation scenario.
 * @param {{
 *   label: string,
 *   open: (t: import('node:test').TestContext) => Promise<import('./client.mjs').Session>,
 *   waitForFingerprint: (wd: import('./client.mjs').Session) => Promise<string>,
 *   leaveGuardArmed: (wd: import('./client.mjs').Session) => Promise<boolean>,
 * }} engine the engine and origin (`label`), a session on the mounted page with the team name
 *   typed (`open`), and the flow's waits and leave-page guard check
 */
export function describeRotation({ label, open, waitForFingerprint, leaveGuardArmed }) {
  describe(`${label}: rotating the certificate`, () => {
    it('Make a new key with the current certificate kept: the update body trusts [new, current], the final body [new]', SCENARIO, async (t) => {
      const dir = await tempDir(t);
      const wd = await open(t);

      await (await wd.waitFor('#mode-renew', { visible: false })).click();
      await (await wd.waitFor('#renew-key-new', { visible: false })).click();
      await (await wd.waitFor('#certificate-file', { visible: false })).type(CURRENT_CERT);
      await wd.waitFor('#certificate-card-current', { timeout: 10_000 });
      assert.equal(await (await wd.waitFor('#keep-current', { visible: false })).property('checked'), true, 'Keep the current certificate too is on by default');
      const generate = await wd.waitFor('#generate-button');
      await wd.until(() => generate.enabled(), 'Generate stays disabled in Renew with Make a new key');
      await generate.click();
      const fingerprint = await waitForFingerprint(wd);
      const phases = await wd.execute(`return [...document.querySelectorAll('#rotation-steps > li')].map((li) => li.dataset.phase)`);
      assert.deepEqual(phases, ['TrustNew', 'SwitchJumpCloud', 'Test', 'RemoveOld', 'Reminder'], 'the rotation steps, in order');

      /** @type {Record<string, string>} */
      const saved = {};
      for (const name of ['samlidp.crt', 'cloudflare-identity-provider-update.json', 'cloudflare-identity-provider-final.json']) {
        const button = await wd.waitFor(`#rotation button.download[data-file="${name}"]`, { timeout: 10_000 });
        saved[name] = await wd.saveByClick(button, name, dir, (m) => t.diagnostic(m));
      }
      const crt = saved['samlidp.crt'];
      await verifySelfSigned(crt);
      const fingerprintSeen = (await runTool('openssl', ['x509', '-in', crt, '-noout', '-fingerprint', '-sha256'])).trim();
      assert.equal(fingerprintSeen.split('=')[1], fingerprint, 'samlidp.crt is the certificate shown');
      assert.notEqual(await certificateModulus(crt), await certificateModulus(CURRENT_CERT), 'a new key, not the current one');
      const newBody = pemBody(await readFile(crt, 'utf8'));
      const currentBody = pemBody(await readFile(CURRENT_CERT, 'utf8'));
      const update = JSON.parse(await readFile(saved['cloudflare-identity-provider-update.json'], 'utf8'));
      assert.deepEqual(update.config.idp_public_certs, [newBody, currentBody], 'the update body: new first, then the current one');
      const final = JSON.parse(await readFile(saved['cloudflare-identity-provider-final.json'], 'utf8'));
      assert.deepEqual(final.config.idp_public_certs, [newBody], 'the final body: the new certificate alone');
      assert.equal(await leaveGuardArmed(wd), true, 'the leave-page guard is off for the unsaved new key');

      const recorded = await wd.execute('return window.__e2e');
      assert.deepEqual(recorded.errors, [], 'uncaught errors in the page');
      assert.deepEqual(recorded.csp, [], 'CSP violations');
      assert.deepEqual(recorded.console, [], 'console errors or warnings');
    });
  });
}
