// Today's consoles, over http://127.0.0.1 and file://: the "JumpCloud app" choice gives each
// app its own JumpCloud steps, and no retired console wording is left anywhere the user reads
// it: the page's rendered text in every mode (every API tab shown) and with each app choice,
// and the text of every file the page offers. The page's text is inside the wasm, so this
// reads what the browser renders, not dist/index.html.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';

import { TEAM } from './lib/expected.mjs';
import { readZip, tempDir } from './lib/files.mjs';
import { SCENARIO, generate, pageSuite, settled, typeInto } from './lib/page.mjs';
import { downloadFrom } from './lib/rotation.mjs';

const fixture = (name) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
const KEY_PKCS1 = fixture('rsa2048-pkcs1.key');
const METADATA = fixture('jumpcloud-idp-metadata.xml');
const GUIDE_CERT = fixture('openssl-guide.crt');

/** Wording of screens that have moved or been renamed in the consoles. */
const RETIRED = ['Login methods', 'Settings → Authentication', 'Custom Pages', 'Login method name'];

/** The "JumpCloud app" options, exactly as labelled. */
const APPS = ['Catalog app: Cloudflare Access', 'Custom SAML app'];

const { origins, withApp } = pageSuite();

/**
 * Fails if `text` holds any retired wording. @param {string} text @param {string} where
 */
function assertNoRetired(text, where) {
  assert.ok(text.length > 0, `${where} has text`);
  for (const phrase of RETIRED) {
    assert.ok(!text.includes(phrase), `${where} still says "${phrase}"`);
  }
}

/**
 * The rendered text of `main` with each Cloudflare API tab selected in turn (only the selected
 * panel is rendered), checked for retired wording.
 * @param {import('playwright-core').Page} page @param {string} where
 */
async function checkPageText(page, where) {
  const main = page.locator('main');
  assertNoRetired(await main.innerText(), where);
  const tabs = page.getByRole('tab');
  const count = await tabs.count();
  for (let i = 0; i < count; i += 1) {
    const tab = tabs.nth(i);
    await tab.click();
    assertNoRetired(await main.innerText(), `${where}, tab ${await tab.innerText()}`);
  }
  return count;
}

/**
 * Downloads every file offered by a visible download button (after selecting each API tab)
 * and the "Download all" ZIP, and checks the text of each and of every ZIP entry. `apiBody` is
 * the Cloudflare API body the mode must offer (the create body, or Renew's update body).
 * @param {import('playwright-core').Page} page @param {string} dir @param {string} where
 * @param {string} [apiBody]
 */
async function checkFiles(page, dir, where, apiBody = 'cloudflare-identity-provider.json') {
  const seen = new Set();
  const tabs = page.getByRole('tab');
  const count = await tabs.count();
  for (let i = -1; i < count; i += 1) {
    if (i >= 0) await tabs.nth(i).click();
    // Renew offers some files twice (in its rotation step and in its section): each is saved
    // from the first section that offers it.
    const buttons = await page
      .locator('button[data-file]')
      .evaluateAll((all) => all.map((b) => [b.getAttribute('data-file'), b.closest('section')?.id ?? '']));
    for (const [name, section] of buttons) {
      if (!name || seen.has(name)) continue;
      seen.add(name);
      assert.ok(section, `${where}: the button for ${name} is in a section`);
      const file = await downloadFrom(page, `#${section}`, name, dir);
      if (name.endsWith('.zip')) {
        const { entries } = await readZip(file.path);
        assert.ok(entries.size > 0, `${where}: the ZIP has entries`);
        for (const [entry, bytes] of entries) assertNoRetired(bytes.toString('utf8'), `${where}: ${name}/${entry}`);
      } else {
        assertNoRetired(file.text, `${where}: ${name}`);
      }
    }
  }
  assert.ok([...seen].some((n) => n.endsWith('.zip')), `${where}: a ZIP was offered`);
  assert.ok(seen.has(apiBody), `${where}: the API body ${apiBody} was offered`);
  return seen;
}

for (const origin of origins) {
  describe(`today's console wording over ${origin.label}`, () => {
    it('the JumpCloud app choice offers the catalog app (default) and a custom SAML app, each with its own steps', SCENARIO, async () => {
      await withApp(origin.url(), async ({ page }) => {
        await typeInto(page, 'Team name', TEAM);
        const group = page.getByRole('group', { name: 'JumpCloud app' });
        await group.waitFor({ timeout: 10_000 });
        const [catalog, custom] = APPS.map((label) => group.getByLabel(label, { exact: true }));
        assert.equal(await catalog.isChecked(), true, 'the catalog app is the default');
        assert.equal(await custom.isChecked(), false);
        const steps = page.locator('#jumpcloud-steps');
        const catalogSteps = await steps.innerText();
        assert.match(catalogSteps, /select the Cloudflare Access application/);
        assert.equal(await page.locator('#keep-jumpcloud-pair').count(), 1, 'the keep-JumpCloud-pair note for the catalog app');

        await custom.check();
        assert.equal(await catalog.isChecked(), false);
        const customSteps = await steps.innerText();
        assert.notEqual(customSteps, catalogSteps, 'switching the app changes the JumpCloud steps');
        assert.match(customSteps, /Custom Application tile/);
        assert.doesNotMatch(customSteps, /Cloudflare Access application/);
        assert.equal(await page.locator('#keep-jumpcloud-pair').count(), 0, 'no keep-pair note for a custom app');
        // Both keep the upload of the generated pair through the Actions menu.
        assert.match(customSteps, /Actions/);

        await catalog.check();
        assert.equal(await steps.innerText(), catalogSteps, 'back to the catalog steps');
      });
    });

    for (const app of APPS) {
      it(`no retired console wording on the page or in any file, in every mode, with "${app}"`, SCENARIO, async (t) => {
        const dir = await tempDir(t);
        await withApp(origin.url(), async ({ page }) => {
          await typeInto(page, 'Team name', TEAM);
          await page.getByRole('group', { name: 'JumpCloud app' }).getByLabel(app, { exact: true }).check();
          assertNoRetired(await page.locator('main').innerText(), `${app}: New key before Generate`);

          await generate(page);
          // The reader sees the texts this checks: today's path is there.
          assert.match(await page.locator('#cloudflare-steps').innerText(), /Integrations → Identity providers/);
          assert.ok((await checkPageText(page, `${app}: New key`)) >= 3, 'the API tabs were read');
          await checkFiles(page, dir, `${app}: New key`);
        });

        // Each mode in a page of its own: with every mode's files saved from one page, Chromium
        // sometimes gave no download event for a later file, although the page had saved it.
        await withApp(origin.url(), async ({ page }) => {
          await typeInto(page, 'Team name', TEAM);
          await page.getByRole('group', { name: 'JumpCloud app' }).getByLabel(app, { exact: true }).check();
          await page.getByLabel('Renew certificate').check();
          assertNoRetired(await page.locator('main').innerText(), `${app}: Renew before the key`);
          await page.setInputFiles('#private-key-file', KEY_PKCS1);
          await page.locator('#sha256-fingerprint').waitFor({ timeout: 10_000 });
          // The current certificate, kept by default, adds the rotation's final update.
          await page.setInputFiles('#certificate-file', GUIDE_CERT);
          await page.locator('#certificate-card-current').waitFor({ timeout: 10_000 });
          await settled(page);
          assert.ok((await checkPageText(page, `${app}: Renew`)) >= 3, 'Renew has the Update, Final update and Terraform tabs');
          const renewFiles = await checkFiles(page, dir, `${app}: Renew`, 'cloudflare-identity-provider-update.json');
          assert.ok(renewFiles.has('cloudflare-identity-provider-final.json'), `${app}: Renew offers the final update body`);
        });

        await withApp(origin.url(), async ({ page }) => {
          await typeInto(page, 'Team name', TEAM);
          await page.getByRole('group', { name: 'JumpCloud app' }).getByLabel(app, { exact: true }).check();
          await page.getByLabel('From JumpCloud metadata').check();
          assertNoRetired(await page.locator('main').innerText(), `${app}: From JumpCloud metadata before the file`);
          await page.setInputFiles('#metadata-file', METADATA);
          await page.locator('#metadata-summary').waitFor({ timeout: 10_000 });
          await settled(page);
          await checkPageText(page, `${app}: From JumpCloud metadata`);
          await checkFiles(page, dir, `${app}: From JumpCloud metadata`);
        });
      });
    }
  });
}
