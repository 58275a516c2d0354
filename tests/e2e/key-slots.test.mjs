// No key lost between modes, over http://127.0.0.1 and file:// in Chromium: New key and Renew
// certificate each keep their own key. A generated, unsaved key survives a renewal in the
// other mode (its fingerprint, its samlidp.key, the leave-page guard), and a ZIP that holds no
// key (From JumpCloud metadata) does not mark it saved.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import { TEAM } from './lib/expected.mjs';
import { runTool, tempDir } from './lib/files.mjs';
import { SCENARIO, closePromptingOnLeave, download, generate, leavePromptArmed, pageSuite, settled, shownFingerprint, typeInto } from './lib/page.mjs';

const fixture = (name) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
const OTHER_KEY = fixture('rsa3072.key');
const METADATA = fixture('jumpcloud-idp-metadata.xml');

const { origins, withApp } = pageSuite();

/** The RSA modulus of a key or certificate file, as OpenSSL prints it. */
async function modulus(/** @type {'rsa' | 'x509'} */ kind, /** @type {string} */ file) {
  return (await runTool('openssl', [kind, '-in', file, '-noout', '-modulus'])).trim();
}

for (const origin of origins) {
  describe(`the page over ${origin.name}: one key slot per mode`, () => {
    it('an unsaved generated key survives a renewal of another key, with its file and the leave-page guard', SCENARIO, async (t) => {
      const dir = await tempDir(t);
      await withApp(origin.url(), async ({ page }) => {
        const dialogs = [];
        page.on('dialog', (d) => {
          if (d.type() !== 'beforeunload') {
            dialogs.push(d.message());
            void d.dismiss();
          }
        });
        await typeInto(page, 'Team name', TEAM);
        const generated = await generate(page);

        // Renew another key: no question asked, the generated key is left alone.
        await page.getByLabel('Renew certificate').check();
        await page.setInputFiles('#private-key-file', OTHER_KEY);
        await page.locator('#sha256-fingerprint').waitFor({ timeout: 10_000 });
        await settled(page);
        const renewed = await shownFingerprint(page);
        assert.notEqual(renewed, generated, 'Renew shows its own certificate');
        assert.match((await page.locator('#imported-key-facts').textContent()) ?? '', /3072[\s\S]*PKCS#8/, 'Renew shows the imported key size and format');
        assert.equal(await page.getByLabel('Key size', { exact: true }).count(), 0, 'no key-size select in Renew');

        // Back to New key: the generated key and its certificate are still there.
        await page.getByLabel('New key', { exact: true }).check();
        await page.locator('#sha256-fingerprint').waitFor({ timeout: 5_000 });
        await settled(page);
        assert.equal(await shownFingerprint(page), generated, 'the generated certificate is shown again');
        assert.match(await page.locator('#certificate-summary').innerText(), /only in this tab/, 'still marked unsaved');
        assert.deepEqual(dialogs, [], 'no question was asked on the way');

        // The leave-page guard is still armed for the unsaved key.
        assert.ok(await leavePromptArmed(page), 'no leave-page prompt for the unsaved generated key');

        // samlidp.key is still the generated key: the certificate of New key is for it.
        const key = await download(page, 'samlidp.key', dir);
        const crt = await download(page, 'samlidp.crt', dir);
        assert.equal(await modulus('rsa', key.path), await modulus('x509', crt.path), 'samlidp.key belongs to the New-key certificate');
        const other = await modulus('rsa', OTHER_KEY);
        assert.notEqual(await modulus('rsa', key.path), other, 'samlidp.key is not the imported key');
        const fingerprint = (await runTool('openssl', ['x509', '-in', crt.path, '-noout', '-fingerprint', '-sha256'])).trim();
        assert.equal(fingerprint.split('=')[1], generated, 'samlidp.crt is the certificate shown');
        assert.equal(key.text.includes('BEGIN PRIVATE KEY'), true, 'the New-key format (PKCS#8)');
      });
    });

    it('a From JumpCloud metadata ZIP holds no key and leaves the generated key unsaved', SCENARIO, async (t) => {
      const dir = await tempDir(t);
      await withApp(origin.url(), async ({ page }) => {
        await typeInto(page, 'Team name', TEAM);
        const generated = await generate(page);

        await page.getByLabel('From JumpCloud metadata').check();
        await page.setInputFiles('#metadata-file', METADATA);
        await page.locator('#metadata-summary').waitFor({ timeout: 10_000 });
        await settled(page);
        const zipName = `saml-idp-kit-${TEAM}.zip`;
        const zip = await download(page, zipName, dir, { buttonText: `Download all (${zipName})` });
        const listing = await runTool('python3', ['-c', 'import sys, zipfile; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))', zip.path]);
        assert.ok(!listing.split('\n').includes('samlidp.key'), `the metadata ZIP holds a key: ${listing}`);

        await page.getByLabel('New key', { exact: true }).check();
        assert.equal(await shownFingerprint(page), generated);
        assert.match(await page.locator('#certificate-summary').innerText(), /only in this tab/, 'the key is still marked unsaved');
        assert.ok(await leavePromptArmed(page), 'the leave-page guard was disarmed by a ZIP without the key');

        // Saving the New-key ZIP (which holds the key) is saving the key.
        await download(page, zipName, dir, { buttonText: `Download all (${zipName})` });
        await page.locator('#certificate-summary').getByText('only in this tab').waitFor({ state: 'detached', timeout: 5_000 });
        assert.equal(await closePromptingOnLeave(page), false, 'a leave-page prompt after the key-holding ZIP was saved');
      });
    });
  });
}
