// The page end to end in Chromium, over http://127.0.0.1 and file://: the whole flow from a
// team name to every saved file, checked with openssl and Python's XML and ZIP parsers
// (lib/files.mjs); outputs that follow an edited team name without a new key; and the guards
// that keep the key from being lost (confirm before regenerating, the leave-page prompt).
// The other page scenarios are in page-*.test.mjs: each file gets its own 120 s budget.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

import { CALLBACK, ENTITY_ID, GENERATE_LABEL, TEAM, allFileNames } from './lib/expected.mjs';
import {
  certificateModulus,
  checkGeneratedFiles,
  keyModulus,
  parseMetadata,
  pemBody,
  tempDir,
  verifySelfSigned,
} from './lib/files.mjs';
import {
  closePromptingOnLeave,
  SCENARIO,
  download,
  field,
  generate,
  generateButton,
  pageSuite,
  shownFingerprint,
  shownValues,
  typeInto,
  waitForFingerprint,
} from './lib/page.mjs';
import { eventually } from './lib/wait.mjs';

/** Whether the private key appears anywhere in the DOM (it must never be rendered). */
async function keyInDom(/** @type {import('playwright-core').Page} */ page, /** @type {string} */ keyPem) {
  const html = await page.content();
  return html.includes('PRIVATE KEY') || html.includes(pemBody(keyPem).slice(64, 128));
}

const { origins, withApp } = pageSuite();

for (const origin of origins) {
  describe(`the page over ${origin.label}: flow and key guards`, () => {
    it('from a team name alone, every file saves by its button and checks out with openssl and XML, JSON and ZIP parsers; the key is never DOM text', SCENARIO, async (t) => {
      const dir = await tempDir(t);
      await withApp(origin.url(), async ({ page }) => {
        await typeInto(page, 'Team name', TEAM);

        // sp-metadata.xml needs no key: offered before generating, and unchanged after.
        const early = await download(page, 'sp-metadata.xml', await tempDir(t));
        const fingerprint = await generate(page);
        t.diagnostic(`${await page.locator('#certificate-summary .done').textContent()}`);
        const announcer = page.locator('#announcer');
        assert.equal(await announcer.getAttribute('aria-live'), 'polite', '#announcer is a polite live region');
        assert.match((await announcer.textContent()) ?? '', /ready.*fingerprint/i, 'generation announced');

        /** @type {Map<string, Awaited<ReturnType<typeof download>>>} */
        const files = new Map();
        for (const name of allFileNames(TEAM)) {
          if (name === 'cloudflare-access-idp.tf') {
            await page.getByRole('tab', { name: 'Terraform', exact: true }).click();
          }
          files.set(name, await download(page, name, dir));
        }
        assert.equal(await announcer.textContent(), `Saved saml-idp-kit-${TEAM}.zip.`, 'last download announced');
        const saved = (/** @type {string} */ name) => /** @type {NonNullable<ReturnType<typeof files.get>>} */ (files.get(name));
        assert.ok(early.bytes.equals(saved('sp-metadata.xml').bytes), 'sp-metadata.xml changed by generating');
        assert.equal(await keyInDom(page, saved('samlidp.key').text), false, 'the private key is rendered in the DOM');

        const paths = new Map([...files].map(([name, file]) => [name, file.path]));
        await checkGeneratedFiles(paths, { team: TEAM, fingerprint });
      });
    });

    it('while WebCrypto makes the key, the button and the text beside it say so at once, nothing below moves, and the spinner shows only after 0.4 s', SCENARIO, async () => {
      await withApp(origin.url(), async ({ page }) => {
        await typeInto(page, 'Team name', TEAM);
        // WebCrypto's key is held back for 3 s so the busy state can be read; the page records
        // when the spinner appears and its opacity then and 0.6 s later, and where section 3
        // was before and during the wait.
        await page.evaluate(() => {
          const generateKey = SubtleCrypto.prototype.generateKey;
          SubtleCrypto.prototype.generateKey = function (...args) {
            const key = generateKey.apply(this, args);
            return new Promise((resolve) => setTimeout(resolve, 3000)).then(() => key);
          };
          // Section 3's place in the document (not the viewport: the click scrolls).
          const sectionTop = () => { const r = document.getElementById('jumpcloud')?.getBoundingClientRect(); return r ? r.top + scrollY : null; };
          const seen = (window.__busy = { opacity: [], sectionTop: sectionTop() });
          const observer = new MutationObserver(() => {
            const spinner = document.querySelector('#generate-button .spinner');
            if (!spinner || seen.opacity.length) return;
            observer.disconnect();
            seen.opacity.push(Number(getComputedStyle(spinner).opacity));
            setTimeout(() => {
              seen.opacity.push(Number(getComputedStyle(spinner).opacity));
              seen.sectionTopLater = sectionTop();
            }, 600);
          });
          observer.observe(document.body, { childList: true, subtree: true });
        });
        await generateButton(page).click();
        const reason = page.locator('#generate-reason');
        await eventually(async () => (await reason.textContent()) === "Making an RSA-2048 key with the browser's WebCrypto…", 'the progress text beside the button');
        assert.match((await generateButton(page).textContent()) ?? '', /Generating…/, 'the button says it is busy');
        assert.equal(await page.locator('#generate .progress').count(), 0, 'no progress line of its own');
        const busy = await eventually(async () => page.evaluate(() => (window.__busy.opacity.length === 2 ? window.__busy : null)), 'the spinner sampled twice');
        assert.deepEqual(busy.opacity, [0, 1], 'the spinner is hidden when it appears and shown 0.6 s later');
        assert.equal(typeof busy.sectionTop, 'number', 'section 3 is on the page');
        assert.equal(busy.sectionTopLater, busy.sectionTop, 'section 3 did not move while the key was made');
        await waitForFingerprint(page);
        assert.equal(await reason.textContent(), '', 'the progress text is gone with the key');
      });
    });

    it('a new team name changes every output but not the key; a new CN or key format keeps the key too', SCENARIO, async (t) => {
      const dir1 = await tempDir(t);
      const dir2 = await tempDir(t);
      const NEW_TEAM = 'globex';
      await withApp(origin.url(), async ({ page }) => {
        await typeInto(page, 'Team name', TEAM);
        const fingerprint = await generate(page);
        const before = await shownValues(page);
        const apiBefore = await page.locator('#code-api-json').textContent();
        const key1 = await download(page, 'samlidp.key', dir1);
        const crt1 = await download(page, 'samlidp.crt', dir1);

        await typeInto(page, 'Team name', NEW_TEAM);
        await page.getByRole('button', { name: `Download all (saml-idp-kit-${NEW_TEAM}.zip)` }).waitFor();
        const after = await shownValues(page);

        assert.deepEqual([...after.keys()], [...before.keys()], 'the same value rows');
        const changed = [];
        for (const [label, old] of before) {
          const now = after.get(label) ?? '';
          if (old.includes(TEAM)) {
            assert.equal(now, old.replaceAll(TEAM, NEW_TEAM), `${label} did not follow the team name`);
            changed.push(label);
          } else {
            assert.equal(now, old, `${label} changed, but it does not depend on the team`);
          }
        }
        for (const label of ['jumpcloud: SP Entity ID', 'jumpcloud: ACS URLs: Default URL', 'jumpcloud: IdP Entity ID', 'cloudflare: IdP Entity ID or Issuer URL']) {
          assert.ok(changed.includes(label), `${label} should have changed (changed: ${changed.join(', ')})`);
        }
        assert.equal(await field(page, 'IdP Entity ID').inputValue(), ENTITY_ID(NEW_TEAM), 'IdP Entity ID input');
        const apiAfter = await page.locator('#code-api-json').textContent();
        assert.equal(apiAfter, apiBefore?.replaceAll(TEAM, NEW_TEAM), 'API JSON follows the team');
        const mainText = await page.locator('main').innerText();
        assert.ok(!mainText.includes(`${TEAM}.`), `the old team still shows:\n${mainText.split('\n').filter((l) => l.includes(TEAM)).join('\n')}`);

        // Same key, same certificate (only the team changed), no new generation.
        assert.equal(await shownFingerprint(page), fingerprint, 'fingerprint changed');
        const key2 = await download(page, 'samlidp.key', dir2);
        const crt2 = await download(page, 'samlidp.crt', dir2);
        assert.ok(key2.bytes.equals(key1.bytes), 'samlidp.key changed when only the team name changed');
        assert.ok(crt2.bytes.equals(crt1.bytes), 'samlidp.crt changed when only the team name changed');
        const sp = await parseMetadata((await download(page, 'sp-metadata.xml', dir2)).path);
        assert.equal(sp.entityID, CALLBACK(NEW_TEAM), 'sp-metadata.xml follows the team');
        const api = JSON.parse((await download(page, 'cloudflare-identity-provider.json', dir2)).text);
        assert.equal(api.config.issuer_url, ENTITY_ID(NEW_TEAM), 'API JSON file follows the team');
        assert.deepEqual(api.config.idp_public_certs, [pemBody(crt1.text)], 'API JSON keeps the certificate');

        // A new CN issues a new certificate for the same key; a new key format re-encodes it.
        const modulus = await keyModulus(key1.path);
        await page.getByText('Advanced', { exact: true }).click();
        await typeInto(page, 'Common name (CN)', 'Globex SAML');
        await page.locator('#certificate-summary').getByText('CN=Globex SAML').waitFor();
        assert.notEqual(await shownFingerprint(page), fingerprint, 'no new certificate after a new CN');
        const dir3 = await tempDir(t);
        const crt3 = await download(page, 'samlidp.crt', dir3);
        assert.equal(await certificateModulus(crt3.path), modulus, 'the new certificate has another key');
        // Signed by WebCrypto after importing the key (src/browser/webcrypto.rs issue_webcrypto).
        await verifySelfSigned(crt3.path);
        assert.ok((await download(page, 'samlidp.key', dir3)).bytes.equals(key1.bytes), 'samlidp.key changed with the CN');
        await page.getByLabel('Private key format', { exact: true }).selectOption({ label: 'PKCS#1' });
        const pkcs1 = await download(page, 'samlidp.key', await tempDir(t));
        assert.match(pkcs1.text, /^-----BEGIN RSA PRIVATE KEY-----\n/, 'PKCS#1 header');
        assert.equal(await keyModulus(pkcs1.path), modulus, 'PKCS#1 is another key');
      });
    });

    it('regenerating before the key is saved asks first; after saving it does not', SCENARIO, async (t) => {
      const dir = await tempDir(t);
      await withApp(origin.url(), async ({ page }) => {
        /** @type {{ type: string, message: string, answer: string }[]} */
        const dialogs = [];
        let answer = 'dismiss';
        page.on('dialog', (d) => {
          dialogs.push({ type: d.type(), message: d.message(), answer });
          void (answer === 'accept' ? d.accept() : d.dismiss());
        });
        await typeInto(page, 'Team name', TEAM);
        const first = await generate(page);
        assert.deepEqual(dialogs, [], 'the first generation asked something');

        // Dismiss: nothing happens.
        await generateButton(page).click();
        await eventually(async () => dialogs.length === 1, 'no confirmation dialog on regenerate');
        assert.equal(dialogs[0].type, 'confirm');
        assert.match(dialogs[0].message, /not been downloaded/);
        assert.equal(await generateButton(page).textContent(), GENERATE_LABEL, 'generation started after Cancel');
        assert.equal(await shownFingerprint(page), first, 'fingerprint changed after Cancel');

        // Accept: a new key and certificate.
        answer = 'accept';
        await generateButton(page).click();
        const second = await waitForFingerprint(page, { previous: first });
        assert.equal(dialogs.length, 2, 'one more confirmation');
        const key1 = await download(page, 'samlidp.key', dir);

        // Key saved: regenerating asks nothing.
        answer = 'dismiss';
        await generateButton(page).click();
        const third = await waitForFingerprint(page, { previous: second });
        assert.equal(dialogs.length, 2, `a dialog after the key was saved: ${JSON.stringify(dialogs.at(-1))}`);
        assert.notEqual(third, first);
        const key2 = await download(page, 'samlidp.key', await tempDir(t));
        assert.ok(!key2.bytes.equals(key1.bytes), 'regenerating kept the old key');
      });
    });

    it('the leave-page prompt is armed while the key is unsaved, and only then', SCENARIO, async (t) => {
      const dir = await tempDir(t);
      await withApp(origin.url(), async ({ page }) => {
        await typeInto(page, 'Team name', TEAM);
        await generate(page);
        // Chromium shows beforeunload prompts only after a user gesture: the clicks above are one.
        const prompt = page.waitForEvent('dialog', { timeout: 5000 });
        await page.close({ runBeforeUnload: true });
        const dialog = await prompt.catch(() => null);
        assert.ok(dialog, 'no leave-page prompt with an unsaved key');
        assert.equal(dialog.type(), 'beforeunload');
        await dialog.dismiss(); // stay on the page
        assert.equal(page.isClosed(), false, 'the page closed despite staying');

        await download(page, 'samlidp.key', dir);
        assert.equal(await closePromptingOnLeave(page), false, 'a leave-page prompt after the key was saved');
      });
    });
  });
}
