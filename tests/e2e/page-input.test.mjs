// The page's inputs in Chromium, over http://127.0.0.1 and file://: validation of bad team
// names, a keyboard-only run, inputs remembered across reloads (and Reset), copy buttons.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

import { CALLBACK, ENTITY_ID, TEAM } from './lib/expected.mjs';
import { certificateModulus, tempDir } from './lib/files.mjs';
import {
  DOWNLOAD_TIMEOUT,
  SCENARIO,
  download,
  field,
  focused,
  generate,
  generateButton,
  pageSuite,
  tabTo,
  typeInto,
  waitForFingerprint,
} from './lib/page.mjs';
import { eventually } from './lib/wait.mjs';

const { origins, withApp, server } = pageSuite();

for (const origin of origins) {
  describe(`the page over ${origin.label}: inputs`, () => {
    it('bad team names show their message, keep Generate disabled, and leave other fields alone', SCENARIO, async () => {
      await withApp(origin.url(), async ({ page }) => {
        // Tabbing past the empty Team name says nothing yet (the page re-renders for the next
        // field's typing, so a message would be there by then); typed and cleared, it is required.
        const team = field(page, 'Team name');
        await team.focus();
        await page.keyboard.press('Tab');
        await typeInto(page, 'Identity provider name', 'JumpCloud');
        assert.equal(await page.locator('#team-name-error').count(), 0, 'a message before anything was typed');
        await team.focus();
        await page.keyboard.type('a');
        await page.keyboard.press('Backspace');
        await page.keyboard.press('Tab');
        await page.locator('#team-name-error').getByText('Enter your team name').waitFor({ timeout: 5_000 });

        const others = {
          'JumpCloud SSO URL': 'https://sso.jumpcloud.com/saml2/cf-acme',
          'Identity provider name': 'JumpCloud (acme)',
          'JumpCloud display label': 'Cloudflare Access (acme)',
        };
        for (const [label, text] of Object.entries(others)) await typeInto(page, label, text);
        await typeInto(page, 'Team name', TEAM);
        assert.equal(await generateButton(page).isEnabled(), true, 'Generate disabled with a good team name');
        // The IdP Entity ID follows the last good team name; a bad one must not empty it.
        const kept = { ...others, 'IdP Entity ID': ENTITY_ID(TEAM) };

        const cases = [
          { name: 'Bad_Name!', message: /only letters, digits and hyphens/ },
          { name: '-acme', message: /cannot start or end with a hyphen/ },
          { name: 'a'.repeat(64), message: /at most 63 characters/ },
        ];
        for (const bad of cases) {
          const input = field(page, 'Team name');
          await input.fill(bad.name);
          await input.blur();
          const error = page.locator('#team-name-error');
          await error.waitFor({ timeout: 5000 }).catch(() => {
            throw new Error(`no #team-name-error for ${JSON.stringify(bad.name)}`);
          });
          assert.match((await error.textContent()) ?? '', bad.message, `message for ${JSON.stringify(bad.name)}`);
          assert.equal(await error.getAttribute('class'), 'error');
          assert.ok(((await input.getAttribute('aria-describedby')) ?? '').split(' ').includes('team-name-error'), 'aria-describedby');
          assert.equal(await input.getAttribute('aria-invalid'), 'true', 'aria-invalid');
          assert.equal(await input.inputValue(), bad.name, 'the bad name was changed or cleared');
          assert.equal(await generateButton(page).isDisabled(), true, `Generate enabled with ${JSON.stringify(bad.name)}`);
          assert.equal(await page.locator('#generate-reason').textContent(), 'Fix Team name', 'reason beside Generate');
          for (const [label, text] of Object.entries(kept)) {
            assert.equal(await field(page, label).inputValue(), text, `${label} after ${JSON.stringify(bad.name)}`);
          }
        }

        // A good name again: the message goes and Generate works.
        await typeInto(page, 'Team name', 'acme-2');
        assert.equal(await page.locator('#team-name-error').count(), 0, 'message stays after fixing');
        assert.equal(await page.locator('#generate-reason').textContent(), '');
        await generate(page);
      });
    });

    it('the flow works from the keyboard alone: type, Tab to Generate, Enter, Tab to the key download, Enter and Space, arrow keys on the tabs', SCENARIO, async (t) => {
      const dir = await tempDir(t);
      await withApp(origin.url(), async ({ page }) => {
        // No clicks from here on: focus moves by Tab only, from the top of the page.
        const toTeam = await tabTo(page, (f) => f.id === 'team-name', 'the Team name input', 10);
        await page.keyboard.type(TEAM);
        const toGenerate = await tabTo(page, (f) => f.id === 'generate-button', 'the Generate button', 30);
        await page.keyboard.press('Enter');
        await waitForFingerprint(page);
        t.diagnostic(`Tab presses: ${toTeam} to Team name, ${toGenerate} more to Generate`);
        // Focus must survive the button being busy, or keyboard users start over from the top.
        const afterGenerate = await focused(page);
        assert.equal(afterGenerate.id, 'generate-button', `focus after generating: ${afterGenerate.id || afterGenerate.tag}`);

        const toKey = await tabTo(page, (f) => f.file === 'samlidp.key', '"Download samlidp.key"', 80);
        t.diagnostic(`${toKey} Tab presses from Generate to Download samlidp.key`);
        const key = await download(page, 'samlidp.key', dir, { press: () => page.keyboard.press('Enter') });
        assert.match(key.text, /BEGIN PRIVATE KEY/);
        await tabTo(page, (f) => f.file === 'samlidp.crt', '"Download samlidp.crt"', 3);
        const crt = await download(page, 'samlidp.crt', dir, { press: () => page.keyboard.press('Space') });
        assert.match(await certificateModulus(crt.path), /^Modulus=/, 'openssl reads the certificate');

        // The tabs follow the arrow keys, and focus follows the selection (WAI-ARIA tabs pattern).
        await tabTo(page, (f) => f.id === 'tab-api-json', 'the "API JSON" tab', 40);
        await page.keyboard.press('ArrowRight');
        await page.keyboard.press('ArrowRight');
        await page.locator('#panel-terraform').waitFor({ timeout: 5000 });
        assert.equal(await page.locator('#tab-terraform').getAttribute('aria-selected'), 'true');
        assert.equal((await focused(page)).id, 'tab-terraform', 'focus after ArrowRight twice on the tabs');
        await page.keyboard.press('ArrowLeft');
        await page.locator('#panel-curl').waitFor({ timeout: 5000 });
        assert.equal((await focused(page)).id, 'tab-curl', 'focus after ArrowLeft on the tabs');
      });
    });

    it('inputs persist across reloads while remembered; Reset clears them and nothing is kept when remembering is off', SCENARIO, async () => {
      await withApp(origin.url(), async ({ page }) => {
        const remember = page.getByLabel('Remember my inputs on this device', { exact: true });
        assert.equal(await remember.isChecked(), true, 'remembering is on by default');
        await typeInto(page, 'Team name', TEAM);
        await typeInto(page, 'Identity provider name', 'JumpCloud (acme)');
        await page.reload();
        await field(page, 'Team name').waitFor();
        assert.equal(await field(page, 'Team name').inputValue(), TEAM, 'team name after reload');
        assert.equal(await field(page, 'Identity provider name').inputValue(), 'JumpCloud (acme)', 'identity provider name after reload');
        assert.equal(await field(page, 'IdP Entity ID').inputValue(), ENTITY_ID(TEAM), 'IdP Entity ID after reload');

        // Reset: defaults, and they stick.
        await page.getByRole('button', { name: 'Reset', exact: true }).click();
        assert.equal(await field(page, 'Team name').inputValue(), '', 'team name after Reset');
        assert.equal(await field(page, 'Identity provider name').inputValue(), 'JumpCloud', 'identity provider name after Reset');
        assert.equal(await generateButton(page).isDisabled(), true, 'Generate after Reset');
        await page.reload();
        await field(page, 'Team name').waitFor();
        assert.equal(await field(page, 'Team name').inputValue(), '', 'team name after Reset and reload');

        // Not remembered: nothing comes back, and the choice itself is kept.
        await typeInto(page, 'Team name', TEAM);
        await remember.uncheck();
        await page.reload();
        await field(page, 'Team name').waitFor();
        assert.equal(await field(page, 'Team name').inputValue(), '', 'team name came back with remembering off');
        assert.equal(await remember.isChecked(), false, 'the "remember" choice was not kept');
        const stored = await page.evaluate(() => JSON.stringify(Object.entries(localStorage)));
        assert.ok(!stored.includes(TEAM), `localStorage still holds the team: ${stored}`);
      });
    });

    it('a Copy button says "Copied" (or its fallback) and copies the value', SCENARIO, async (t) => {
      await withApp(origin.url(), async ({ page, context }) => {
        if (origin.name === 'http') {
          await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server().origin });
        }
        await typeInto(page, 'Team name', TEAM);
        const button = page.getByRole('button', { name: 'Copy SP Entity ID', exact: true });
        assert.equal(await button.textContent(), 'Copy');
        await button.click();
        const said = await eventually(async () => {
          const text = (await button.textContent()) ?? '';
          return text === 'Copied' || text === 'Select and copy' ? text : '';
        }, 'the Copy button never said "Copied" or "Select and copy"', { timeout: DOWNLOAD_TIMEOUT });
        const announced = await page.locator('#announcer').textContent();
        t.diagnostic(`button said "${said}", announced "${announced}"`);
        if (said === 'Copied') {
          assert.equal(announced, 'Copied SP Entity ID.');
          if (origin.name === 'http') {
            assert.equal(await page.evaluate(() => navigator.clipboard.readText()), CALLBACK(TEAM), 'clipboard');
          }
        } else {
          assert.match(announced ?? '', /copy it by hand/);
        }
        // It goes back to "Copy" by itself.
        await eventually(async () => (await button.textContent()) === 'Copy', 'the Copy button never went back to "Copy"', { timeout: 5000 });
      });
    });
  });
}
