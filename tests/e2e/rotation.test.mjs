// Renew certificate as a rotation, over http://127.0.0.1 and file:// in Chromium: a pair
// JumpCloud made (known only from its exported metadata, near expiry) replaced by a new key
// and certificate, and a kept key given a new certificate; both keep the current certificate
// trusted until a test sign-in works. The files are checked with openssl and JSON.parse, and
// each run requests nothing but the page itself.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { DEFAULT_SSO_URL, ENTITY_ID, TEAM } from './lib/expected.mjs';
import {
  certificateModulus,
  checkKeyAndCertificate,
  keyModulus,
  parseMetadata,
  pemBody,
  readZip,
  runTool,
  tempDir,
  verifySelfSigned,
} from './lib/files.mjs';
import { SCENARIO, closePromptingOnLeave, generate, leavePromptArmed, pageSuite, settled, typeInto } from './lib/page.mjs';
import { downloadFrom, metadataWith, openSslPair, rotationPhases } from './lib/rotation.mjs';

const fixture = (name) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
const KEY = fixture('rsa2048.key');
/** The certificate of rsa2048.key (same modulus), valid until 2029. */
const KEY_CERT = fixture('openssl-guide.crt');
const METADATA = fixture('jumpcloud-idp-metadata.xml');

/** The rotation, in the order that never leaves JumpCloud signing with an untrusted certificate. */
const PHASES_KEEPING = ['TrustNew', 'SwitchJumpCloud', 'Test', 'RemoveOld', 'Reminder'];
/** The comment Terraform puts before a current certificate's line while rotating. */
const CURRENT_LINE = /# current certificate \(the next line\): delete it[^\n]*\n\s*"([A-Za-z0-9+/=]+)",/;
/** Wording of a first setup, which a rotation must not ask for. */
const FIRST_SETUP = ['Add New Application', 'Add new identity provider'];

const { origins, withApp, watchServer } = pageSuite();

/**
 * Asserts the recorder saw nothing but the page, and the server only what opening the page
 * from this origin sends it.
 * @param {{ nonLocal: () => unknown[], urls: () => string[] }} requests
 * @param {string} url @param {import('./lib/origins.mjs').Origin} origin @param {() => string[]} served
 */
function assertNoNetwork(requests, url, origin, served) {
  assert.deepEqual(requests.nonLocal(), [], 'requests that left the machine');
  assert.deepEqual(requests.urls(), [url], 'recorded URLs');
  assert.deepEqual(served(), origin.serverSees, 'what the server saw');
}

/**
 * The DER bytes of a certificate file, as openssl reads it (its PEM output, decoded; nothing
 * is written next to the file, which may be a fixture). @param {string} file
 */
async function der(file) {
  const pem = await runTool('openssl', ['x509', '-in', file, '-outform', 'PEM']);
  return Buffer.from(pemBody(pem), 'base64');
}

/**
 * Asserts a body's certificate list is exactly `files` (PEM certificate paths), in order,
 * comparing the decoded base64 with openssl's DER of each.
 * @param {string[]} certs @param {string[]} files @param {string} what
 */
async function assertCertificates(certs, files, what) {
  assert.equal(certs.length, files.length, `${what}: how many certificates`);
  for (const [index, file] of files.entries()) {
    assert.ok(Buffer.from(certs[index], 'base64').equals(await der(file)), `${what}: certificate ${index + 1} is ${path.basename(file)}`);
  }
}

/** Asserts the page reads as a rotation, not a first setup. @param {import('playwright-core').Page} page */
async function assertRotationPage(page) {
  const text = await page.locator('body').innerText();
  for (const phrase of FIRST_SETUP) assert.ok(!text.includes(phrase), `a rotation says "${phrase}"`);
  assert.equal(await page.locator('#jumpcloud').count(), 0, 'no JumpCloud setup section in Renew');
  for (const name of ['cloudflare-identity-provider.json', 'sp-metadata.xml']) {
    assert.equal(await page.locator(`button[data-file="${name}"]`).count(), 0, `Renew offers ${name}`);
  }
  assert.equal(await page.locator('#tab-api-json').count(), 0, 'no API JSON (create) tab in Renew');
}

for (const origin of origins) {
  describe(`rotating the certificate over ${origin.label}`, () => {
    it('a pair JumpCloud made, known from its metadata near expiry, is replaced by a new key and certificate while Cloudflare keeps trusting the current one', SCENARIO, async (t) => {
      const dir = await tempDir(t);
      // JumpCloud's pair, 30 days before it expires, and its Export Metadata with a distinct
      // entity ID and SSO URL (they must reach the update body as they are).
      const jumpcloud = await openSslPair(dir, 30);
      const entityId = 'https://jumpcloud-rotation.example.com/saml';
      const ssoUrl = 'https://sso.jumpcloud.com/saml2/acme-rotation';
      const xml = metadataWith(await readFile(METADATA, 'utf8'), pemBody(jumpcloud.pem), entityId).replaceAll(DEFAULT_SSO_URL, ssoUrl);
      const metadataFile = path.join(dir, 'jumpcloud-metadata.xml');
      await writeFile(metadataFile, xml);

      const served = watchServer();
      const url = origin.url();
      await withApp(url, async ({ page, requests }) => {
        await typeInto(page, 'Team name', TEAM);
        await page.getByLabel('From JumpCloud metadata').check();
        await page.setInputFiles('#metadata-file', metadataFile);
        const due = page.locator('#metadata-renew-due');
        await due.waitFor({ timeout: 10_000 });
        assert.match(await due.innerText(), /expires in (29|30) days/, 'the days left before JumpCloud\'s certificate expires');

        await page.locator('#renew-this-certificate').click();
        assert.equal(await page.locator('#mode-renew').isChecked(), true, 'Renew certificate is chosen');
        assert.equal(await page.locator('#renew-key-new').isChecked(), true, '"Make a new key" is chosen');
        assert.equal(await page.locator('#private-key-file').count(), 0, 'no key file asked for: JumpCloud never gave it out');
        const current = page.locator('#certificate-card-current');
        await current.waitFor({ timeout: 10_000 });
        assert.match(await current.innerText(), /CN=JumpCloud/);
        assert.match((await current.locator('dd.warn').textContent()) ?? '', /\((29|30) days left/, 'the current card warns of the expiry');
        assert.doesNotMatch(await current.innerText(), /Matches the key/, 'no key to match: it stays in JumpCloud');
        assert.equal(await page.getByLabel('Keep the current certificate too').isChecked(), true, 'kept by default');
        assert.match((await page.locator('#certificate-file-loaded').textContent()) ?? '', /^Read JumpCloud's metadata: 1 signing certificate\(s\), all current\.$/);
        await page.locator('#key-size').waitFor({ state: 'attached', timeout: 5_000 }); // in section 1's Advanced
        await page.locator('#key-format').waitFor({ state: 'attached', timeout: 5_000 });

        const fingerprint = await generate(page);
        await settled(page);
        assert.equal((await page.locator('#certificate-card-new code.fingerprint').textContent())?.trim(), fingerprint, 'the new card is the certificate made');
        assert.deepEqual(await rotationPhases(page), PHASES_KEEPING, 'the rotation steps, in order');
        await assertRotationPage(page);

        // Everything but the key and the ZIP: the new key is still only in this tab.
        const crt = await downloadFrom(page, '#rotation', 'samlidp.crt', dir);
        await verifySelfSigned(crt.path);
        const update = JSON.parse((await downloadFrom(page, '#rotation', 'cloudflare-identity-provider-update.json', dir)).text);
        await assertCertificates(update.config.idp_public_certs, [crt.path, jumpcloud.crt], 'update body');
        assert.equal(update.config.issuer_url, entityId, 'the entity ID JumpCloud\'s metadata names');
        assert.equal(update.config.sso_target_url, ssoUrl, 'the SSO URL JumpCloud\'s metadata names');
        const final = JSON.parse((await downloadFrom(page, '#rotation', 'cloudflare-identity-provider-final.json', dir)).text);
        await assertCertificates(final.config.idp_public_certs, [crt.path], 'final body');
        assert.equal(final.config.issuer_url, entityId);
        await page.getByRole('tab', { name: 'Terraform', exact: true }).click();
        const tf = (await downloadFrom(page, '#cloudflare', 'cloudflare-access-idp.tf', dir)).text;
        assert.equal(tf.match(CURRENT_LINE)?.[1], pemBody(jumpcloud.pem), `the current certificate's line is marked:\n${tf}`);
        assert.ok(tf.includes(`"${pemBody(crt.text)}"`), 'the new certificate in Terraform');
        const idp = await parseMetadata((await downloadFrom(page, '#cloudflare', 'idp-metadata.xml', dir)).path);
        assert.equal(idp.certificates[0], pemBody(crt.text), 'idp-metadata.xml lists the new certificate first');
        const ics = (await downloadFrom(page, '#rotation', 'samlidp-expiry.ics', dir)).text;
        assert.ok(ics.startsWith('BEGIN:VCALENDAR\r\n'), 'the reminder is an iCalendar file');
        assert.ok(await leavePromptArmed(page), 'no leave-page prompt while the new key is unsaved');

        // Saving the key alone (http) or the ZIP that holds it (file://) disarms the guard.
        const zipName = `saml-idp-kit-${TEAM}.zip`;
        const keyPath = path.join(dir, 'new.key');
        if (origin.name === 'http') {
          const key = await downloadFrom(page, '#rotation', 'samlidp.key', dir);
          await writeFile(keyPath, key.bytes);
        } else {
          const zip = await readZip((await downloadFrom(page, '#finish', zipName, dir)).path);
          for (const name of ['samlidp.key', 'samlidp.crt', 'cloudflare-identity-provider-update.json', 'cloudflare-identity-provider-final.json']) {
            assert.ok(zip.entries.has(name), `the ZIP holds ${name}`);
          }
          for (const name of ['cloudflare-identity-provider.json', 'sp-metadata.xml']) {
            assert.ok(!zip.entries.has(name), `the Renew ZIP holds ${name}`);
          }
          assert.ok(zip.entries.get('samlidp.crt')?.equals(crt.bytes), 'the ZIP holds the samlidp.crt saved');
          await writeFile(keyPath, /** @type {Buffer} */ (zip.entries.get('samlidp.key')));
        }
        await checkKeyAndCertificate({ key: keyPath, crt: crt.path, fingerprint });
        assert.notEqual(await keyModulus(keyPath), await keyModulus(jumpcloud.key), 'a new key, not JumpCloud\'s');
        assert.notEqual(await certificateModulus(crt.path), await certificateModulus(jumpcloud.crt));
        const saved = origin.name === 'http' ? 'samlidp.key' : zipName;

        assertNoNetwork(requests, url, origin, served);
        assert.equal(await closePromptingOnLeave(page), false, `a leave-page prompt after ${saved} was saved`);
        assertNoNetwork(requests, url, origin, served);
      });
    });

    it('a kept key gets a new certificate for the same key, offered back byte for byte, with the current certificate kept until the final update', SCENARIO, async (t) => {
      const dir = await tempDir(t);
      const served = watchServer();
      const url = origin.url();
      await withApp(url, async ({ page, requests }) => {
        await typeInto(page, 'Team name', TEAM);
        await page.getByLabel('Renew certificate').check();
        assert.equal(await page.locator('#renew-key-keep').isChecked(), true, '"Keep my current key" is the default');
        assert.equal(await page.locator('#generate-button').count(), 0, 'no Generate button for a kept key');
        assert.equal(await page.locator('#key-size').count(), 0, 'no key size for a kept key');
        await page.setInputFiles('#private-key-file', KEY);
        await page.setInputFiles('#certificate-file', KEY_CERT);
        const current = page.locator('#certificate-card-current');
        await current.waitFor({ timeout: 10_000 });
        await page.locator('#certificate-card-new').waitFor({ timeout: 10_000 });
        await settled(page);
        assert.match(await current.innerText(), /Matches the key\s*Yes/i);
        assert.match(await current.innerText(), /CN=JumpCloud SAML IdP/);
        assert.equal(await current.locator('dd.warn, dd.bad').count(), 0, 'no expiry warning for a certificate valid until 2029');
        assert.equal(await page.getByLabel('Keep the current certificate too').isChecked(), true, 'kept by default');
        assert.deepEqual(await rotationPhases(page), PHASES_KEEPING, 'the rotation steps, in order');
        await assertRotationPage(page);

        const key = await downloadFrom(page, '#rotation', 'samlidp.key', dir);
        assert.ok(key.bytes.equals(await readFile(KEY)), 'samlidp.key is the file read, byte for byte');
        const crt = await downloadFrom(page, '#rotation', 'samlidp.crt', dir);
        const { modulus } = await checkKeyAndCertificate({ key: key.path, crt: crt.path });
        assert.equal(modulus, await certificateModulus(KEY_CERT), 'the new certificate is for the same key');
        assert.ok(!crt.bytes.equals(await readFile(KEY_CERT)), 'a new certificate, not the current one');
        const update = JSON.parse((await downloadFrom(page, '#rotation', 'cloudflare-identity-provider-update.json', dir)).text);
        await assertCertificates(update.config.idp_public_certs, [crt.path, KEY_CERT], 'update body');
        assert.equal(update.config.issuer_url, ENTITY_ID(TEAM), 'the form\'s entity ID (no metadata given)');
        const final = JSON.parse((await downloadFrom(page, '#rotation', 'cloudflare-identity-provider-final.json', dir)).text);
        await assertCertificates(final.config.idp_public_certs, [crt.path], 'final body');
        assert.match(await page.locator('#code-update').innerText(), /CLOUDFLARE_IDP_CURRENT=\$\(curl [^)]*identity_providers\/\$CLOUDFLARE_IDP_ID"[\s\S]*jq --slurpfile body cloudflare-identity-provider-update\.json[\s\S]*--request PUT/, 'the update curl reads the provider, then puts it back with jq');

        // Off: an immediate replacement, with no step or body to remove the old certificate.
        await page.getByLabel('Keep the current certificate too').uncheck();
        await settled(page);
        assert.deepEqual(await rotationPhases(page), ['TrustNew', 'SwitchJumpCloud', 'Test', 'Reminder']);
        assert.equal(await page.locator('#tab-final-update').count(), 0, 'no Final update tab without the current certificate kept');
        assert.equal(await page.locator('button[data-file="cloudflare-identity-provider-final.json"]').count(), 0, 'no final body');
        const replace = JSON.parse((await downloadFrom(page, '#rotation', 'cloudflare-identity-provider-update.json', dir)).text);
        await assertCertificates(replace.config.idp_public_certs, [crt.path], 'update body without the current certificate');

        assertNoNetwork(requests, url, origin, served);
      });
    });

    it('"Check a response against the new certificate" opens Check a SAML response against this page\'s setup', SCENARIO, async () => {
      const served = watchServer();
      const url = origin.url();
      await withApp(url, async ({ page, requests }) => {
        await typeInto(page, 'Team name', TEAM);
        await page.getByLabel('Renew certificate').check();
        await page.setInputFiles('#private-key-file', KEY);
        await page.locator('#certificate-card-new').waitFor({ timeout: 10_000 });
        await settled(page);
        const step = page.locator('#rotation-steps > li[data-phase="Test"]');
        await step.locator('#check-new-certificate').click();
        await page.locator('#check-against-setup').waitFor({ timeout: 5_000 });
        assert.equal(await page.locator('#mode-check').isChecked(), true, 'Check a SAML response is chosen');
        assert.equal(await page.locator('#check-against-setup').isChecked(), true, '"This page\'s setup" is chosen');
        assert.equal(await page.locator('#rotation').count(), 0, 'the rotation steps are gone with Renew');
        assertNoNetwork(requests, url, origin, served);
      });
    });

    it('a private key given while "Make a new key" is chosen is kept: "Keep my current key" is chosen again', SCENARIO, async () => {
      const served = watchServer();
      const url = origin.url();
      await withApp(url, async ({ page, requests }) => {
        await typeInto(page, 'Team name', TEAM);
        await page.getByLabel('Renew certificate').check();
        await page.locator('#renew-key-new').check();
        await page.locator('#generate-button').waitFor({ timeout: 5_000 });
        // Every status message, as it is announced (the next one replaces it soon after).
        await page.evaluate(() => {
          const announcer = /** @type {HTMLElement} */ (document.getElementById('announcer'));
          const seen = /** @type {string[]} */ ([]);
          /** @type {any} */ (window).__announced = seen;
          new MutationObserver(() => seen.push(announcer.textContent ?? '')).observe(announcer, { childList: true, characterData: true, subtree: true });
        });
        // Dropped on the only file field Make a new key shows (the current certificate's).
        const bytes = await readFile(KEY);
        const transfer = await page.evaluateHandle((text) => {
          const data = new DataTransfer();
          data.items.add(new File([text], 'samlidp.key', { type: 'application/x-pem-file' }));
          return data;
        }, bytes.toString('utf8'));
        const zone = page.locator('#certificate-file').locator('xpath=..');
        await zone.dispatchEvent('dragover', { dataTransfer: transfer });
        await zone.dispatchEvent('drop', { dataTransfer: transfer });
        await page.locator('#renew-key-keep:checked').waitFor({ timeout: 10_000 }).catch(async () => {
          const said = await page.locator('#certificate-file-error').textContent().catch(() => null);
          throw new Error(`"Keep my current key" was not chosen after the key was dropped; the certificate field says: ${said}`);
        });
        assert.equal(await page.locator('#renew-key-new').isChecked(), false);
        assert.match((await page.locator('#private-key-file-loaded').textContent()) ?? '', /^Read samlidp\.key: an RSA 2048-bit key/);
        const announced = await page.evaluate(() => /** @type {any} */ (window).__announced);
        assert.ok(announced.some((text) => /“Keep my current key” is chosen now/.test(text)), `the page says why the choice changed: ${JSON.stringify(announced)}`);
        assert.equal(await page.locator('#certificate-file-error').count(), 0, 'the key is not refused as a certificate');
        assert.equal(await page.locator('#certificate-card-current').count(), 0, 'and not taken as the current certificate');
        await page.locator('#certificate-card-new').waitFor({ timeout: 10_000 });
        assertNoNetwork(requests, url, origin, served);
      });
    });
  });
}
