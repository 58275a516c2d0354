// The Renew certificate and From JumpCloud metadata modes, over http://127.0.0.1 and file://:
// files go in through the file inputs (File API only), outputs come out as downloads, and the
// whole run requests nothing but the page itself.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import { DEFAULT_SSO_URL, ENTITY_ID, TEAM } from './lib/expected.mjs';
import { certificateModulus, keyModulus, pemBody, tempDir, verifySelfSigned } from './lib/files.mjs';
import { SCENARIO, download, pageSuite, settled, typeInto } from './lib/page.mjs';
import { assertReflow } from './lib/reflow.mjs';
import { downloadFrom } from './lib/rotation.mjs';
import { eventually } from './lib/wait.mjs';

const fixture = (name) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
const KEY_PKCS1 = fixture('rsa2048-pkcs1.key');
const GUIDE_CERT = fixture('openssl-guide.crt');
const ENCRYPTED_KEY = fixture('rsa2048-encrypted.key');
const METADATA = fixture('jumpcloud-idp-metadata.xml');

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

for (const origin of origins) {
  describe(`the page over ${origin.label}: Renew certificate and From JumpCloud metadata`, () => {
    it('renew: an existing key gets a new certificate, offered back unchanged, and both certificates go to Cloudflare', SCENARIO, async (t) => {
      const dir = await tempDir(t);
      const served = watchServer();
      const url = origin.url();
      await withApp(url, async ({ page, requests }) => {
        await typeInto(page, 'Team name', TEAM);
        await page.getByLabel('Renew certificate').check();

        // A refused file gets its own message and changes nothing else.
        await page.setInputFiles('#private-key-file', ENCRYPTED_KEY);
        await page.locator('#private-key-file-error').getByText('encrypted').waitFor({ timeout: 10_000 });
        assert.equal(await page.locator('#sha256-fingerprint').count(), 0, 'no certificate from a refused key');
        assert.doesNotMatch((await page.locator('#private-key-file-error').textContent()) ?? '', /still in use/, 'no file was in use yet');

        await page.setInputFiles('#private-key-file', KEY_PKCS1);
        // Renew has no Generate button: the certificate is issued as soon as the key is read.
        await page.locator('#sha256-fingerprint').waitFor({ timeout: 10_000 });
        await settled(page);
        assert.equal(await page.locator('#private-key-file-error').count(), 0, 'the old message is gone');
        const html = await page.content();
        assert.ok(!html.includes('PRIVATE KEY'), 'the key is never DOM text');
        // The line under the input names the file that was read.
        const loaded = page.locator('#private-key-file-loaded');
        assert.equal(await loaded.textContent(), 'Read rsa2048-pkcs1.key: an RSA 2048-bit key (PKCS#1). It stays in this tab and is offered back unchanged.');
        const fingerprint = await page.locator('#sha256-fingerprint').textContent();

        // Files refused after it (2 MiB, then a text file that is no key, whose message names the
        // PEM labels it expected) say that key is still in use, next to the line that names it;
        // nothing else changes.
        const error = page.locator('#private-key-file-error');
        await page.setInputFiles('#private-key-file', { name: 'backup.key', mimeType: 'application/octet-stream', buffer: Buffer.alloc(2 << 20, 0x41) });
        await error.getByText('This file is larger than 1 MiB').waitFor({ timeout: 10_000 });
        assert.match((await error.textContent()) ?? '', / rsa2048-pkcs1\.key is still in use\.$/);
        await page.setInputFiles('#private-key-file', { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('Renew the IdP certificate before it expires.\n') });
        const notKey = await eventually(async () => {
          const text = (await error.textContent()) ?? '';
          return text.includes('1 MiB') ? null : text;
        }, 'a message for notes.txt');
        assert.match(notKey, / rsa2048-pkcs1\.key is still in use\.$/);
        assert.match((await loaded.textContent()) ?? '', /^Read rsa2048-pkcs1\.key: /, 'the line names the key in use');
        assert.equal(await page.locator('#sha256-fingerprint').textContent(), fingerprint, 'the same certificate');
        const describedBy = ((await page.locator('#private-key-file').getAttribute('aria-describedby')) ?? '').split(' ');
        assert.deepEqual(describedBy, ['private-key-file-help', 'private-key-file-loaded', 'private-key-file-error']);

        // The key file is offered back byte for byte (PKCS#1 in, PKCS#1 out).
        const key = await download(page, 'samlidp.key', dir);
        assert.equal(key.text, await readFile(KEY_PKCS1, 'utf8'), 'samlidp.key unchanged');
        const crt = await download(page, 'samlidp.crt', dir);
        await verifySelfSigned(crt.path);
        assert.equal(await certificateModulus(crt.path), await keyModulus(key.path), 'the new certificate is for the same key');

        // The current certificate beside the new one, kept trusted during the switch (on by default).
        await page.setInputFiles('#certificate-file', GUIDE_CERT);
        const current = page.locator('#certificate-comparison #certificate-card-current');
        await current.waitFor({ timeout: 10_000 });
        await settled(page);
        assert.match(await current.innerText(), /Matches the key\s*Yes/i);
        assert.equal(await page.locator('#certificate-card-new code.fingerprint').textContent(), fingerprint, 'the new card is the certificate issued');
        assert.equal(await page.locator('#certificate-file-loaded').textContent(), 'Read openssl-guide.crt: the current certificate.');
        await assertReflow(page, 'Renew certificate with a key and the current certificate');
        assert.equal(await page.getByLabel('Keep the current certificate too').isChecked(), true, 'kept by default');
        // No create body in Renew: the provider exists, it is updated.
        assert.equal(await page.locator('button[data-file="cloudflare-identity-provider.json"]').count(), 0, 'no create body in Renew');

        // The update body (PUT) lists the new certificate first, then the current one.
        await page.getByRole('tab', { name: 'Update (PUT)' }).click();
        const update = JSON.parse((await downloadFrom(page, '#cloudflare', 'cloudflare-identity-provider-update.json', dir)).text);
        assert.equal(update.type, 'saml');
        assert.equal(update.config.issuer_url, ENTITY_ID(TEAM), 'the form\'s entity ID (no metadata given)');
        assert.equal(update.config.sso_target_url, DEFAULT_SSO_URL);
        const certs = update.config.idp_public_certs;
        assert.equal(certs.length, 2, 'new and current certificate');
        assert.equal(certs[0], pemBody(crt.text), 'the new certificate first');
        assert.equal(certs[1], pemBody(await readFile(GUIDE_CERT, 'utf8')), 'then the current one');
        assert.match(await page.locator('#code-update').innerText(), /--request PUT[\s\S]*\$CLOUDFLARE_IDP_ID/);

        // The final update, once a test sign-in works: the new certificate alone.
        await page.getByRole('tab', { name: 'Final update (remove the old certificate)' }).click();
        const final = JSON.parse((await downloadFrom(page, '#cloudflare', 'cloudflare-identity-provider-final.json', dir)).text);
        assert.deepEqual(final.config.idp_public_certs, [pemBody(crt.text)], 'the final body trusts the new certificate alone');
        assert.deepEqual({ ...final, config: { ...final.config, idp_public_certs: certs } }, update, 'otherwise the same configuration');

        // Only the list field exists now: the legacy single-certificate option is gone.
        assert.equal(await page.getByLabel('Use legacy idp_public_cert field').count(), 0);

        assertNoNetwork(requests, url, origin, served);
      });
    });

    it('from JumpCloud metadata: the exported XML becomes the Cloudflare configuration', SCENARIO, async (t) => {
      const dir = await tempDir(t);
      const served = watchServer();
      const url = origin.url();
      await withApp(url, async ({ page, requests }) => {
        await page.getByLabel('From JumpCloud metadata').check();
        await page.setInputFiles('#metadata-file', METADATA);
        await page.locator('#metadata-summary').waitFor({ timeout: 10_000 });
        await settled(page);
        assert.match((await page.locator('#metadata-file-loaded').textContent()) ?? '', /^Read jumpcloud-idp-metadata\.xml: the metadata of /);
        await assertReflow(page, 'From JumpCloud metadata with the metadata read');
        assert.equal(await page.locator('#jumpcloud').count(), 0, 'no JumpCloud section: JumpCloud made the key');
        assert.equal(await page.locator('#metadata-renew-due').count(), 0, 'no renewal asked for a certificate valid until 2029');
        await typeInto(page, 'Team name', TEAM);
        const body = JSON.parse((await download(page, 'cloudflare-identity-provider.json', dir)).text);
        assert.equal(body.type, 'saml');
        assert.equal(body.config.issuer_url, ENTITY_ID(TEAM), 'entity ID from the metadata');
        assert.equal(body.config.sso_target_url, DEFAULT_SSO_URL, 'SSO URL from the metadata');
        assert.equal(body.config.idp_public_certs[0], pemBody(await readFile(GUIDE_CERT, 'utf8')), 'certificate from the metadata');
        await page.getByRole('tab', { name: 'Terraform' }).click();
        const tf = await download(page, 'cloudflare-access-idp.tf', dir);
        assert.match(tf.text, /cloudflare_zero_trust_access_identity_provider/);
        const ics = await download(page, 'samlidp-expiry.ics', dir);
        assert.ok(ics.text.includes('\r\n'), 'CRLF line endings');

        // Hostile XML is refused with a message, before parsing.
        await page.setInputFiles('#metadata-file', {
          name: 'evil.xml',
          mimeType: 'application/xml',
          buffer: Buffer.from('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'),
        });
        await page.locator('#metadata-file-error').getByText('jumpcloud-idp-metadata.xml is still in use.').waitFor({ timeout: 5_000 });

        assertNoNetwork(requests, url, origin, served);
      });
    });
  });
}
