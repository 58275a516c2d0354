// Access policy and provisioning, over http://127.0.0.1 and file://, through the labels:
// SCIM with both deprovisioning options and an identity update behavior, the group attribute
// with two JumpCloud groups allowed, a SAML header row, and the Terraform provider. The saved
// files carry them: the API body's scim_config, attributes and header_attributes, the Access
// group's include rules, and the Terraform file in the v5 and v4 shapes. "Ask JumpCloud to sign
// in again every time" reaches the API body as force_authn and the Terraform file as a comment.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

import { TEAM } from './lib/expected.mjs';
import { tempDir } from './lib/files.mjs';
import { SCENARIO, download, field, generate, pageSuite, typeInto } from './lib/page.mjs';

const { origins, withApp } = pageSuite();

/** The Terraform file, saved from the Terraform tab. @param {import('playwright-core').Page} page @param {string} dir */
async function terraformFile(page, dir) {
  await page.getByRole('tab', { name: 'Terraform', exact: true }).click();
  return (await download(page, 'cloudflare-access-idp.tf', dir)).text;
}

/** The API body, saved from the API JSON tab. @param {import('playwright-core').Page} page @param {string} dir */
async function apiBody(page, dir) {
  await page.getByRole('tab', { name: 'API JSON', exact: true }).click();
  return JSON.parse((await download(page, 'cloudflare-identity-provider.json', dir)).text);
}

for (const origin of origins) {
  describe(`access policy and provisioning over ${origin.label}`, () => {
    it('SCIM, the group attribute with its groups and the Terraform provider reach the files', SCENARIO, async (t) => {
      const dir = await tempDir(t);
      await withApp(origin.url(), async ({ page }) => {
        await typeInto(page, 'Team name', TEAM);

        const scim = field(page, 'Enable SCIM');
        assert.equal(await scim.isChecked(), false, 'SCIM is off by default');
        assert.equal(await field(page, 'Enable user deprovisioning').count(), 0, 'the SCIM options wait for SCIM');
        await scim.check();
        const user = field(page, 'Enable user deprovisioning');
        const seat = field(page, 'Remove user seat on deprovision');
        assert.equal(await seat.isDisabled(), true, 'seat removal waits for user deprovisioning');
        await user.check();
        assert.equal(await seat.isDisabled(), false);
        await seat.check();
        const behavior = field(page, 'SCIM identity update behavior');
        assert.equal(await behavior.locator('option:checked').innerText(), 'No action', 'the default behavior');
        await behavior.selectOption({ label: 'Group membership change reauthentication' });

        await field(page, 'Include group attribute').check();
        await typeInto(page, 'JumpCloud groups allowed', 'Engineering, "Sales');
        assert.match(await page.locator('#provisioning').innerText(), /group names separated by commas/, 'a bad list shows its message');
        await typeInto(page, 'JumpCloud groups allowed', 'Engineering, Sales');

        assert.equal(await field(page, 'SAML header attribute name 1').count(), 0, 'no SAML header rows by default');
        await page.getByRole('button', { name: 'Add SAML header', exact: true }).click();
        await typeInto(page, 'SAML header attribute name 1', 'department');
        await typeInto(page, 'SAML header name 1', 'X Dept');
        const headerName = field(page, 'SAML header name 1');
        assert.equal(await headerName.getAttribute('aria-invalid'), 'true', 'a bad header name is marked invalid');
        const describedBy = await headerName.getAttribute('aria-describedby');
        assert.ok(describedBy, 'the bad header name is described by its message');
        assert.match(await page.locator(`#${describedBy}`).innerText(), /no spaces or colons/, 'the message sits next to the field');
        assert.equal(await field(page, 'SAML header attribute name 1').getAttribute('aria-invalid'), null, 'the attribute name is fine');
        await typeInto(page, 'SAML header name 1', 'X-Department');
        assert.equal(await headerName.getAttribute('aria-invalid'), null, 'a good header name clears the message');
        assert.equal(await page.getByRole('button', { name: 'Remove SAML header 1', exact: true }).count(), 1);

        await generate(page);
        assert.match(await page.locator('#cloudflare-steps').innerText(), /SCIM/, 'the Cloudflare steps include SCIM');
        assert.match(await page.locator('#jumpcloud-steps').innerText(), /SCIM/, 'the JumpCloud steps include SCIM');

        const body = JSON.parse((await download(page, 'cloudflare-identity-provider.json', dir)).text);
        assert.deepEqual(body.scim_config, {
          enabled: true,
          user_deprovision: true,
          seat_deprovision: true,
          identity_update_behavior: 'reauth',
        });
        assert.ok(body.config.attributes.includes('groups'), `attributes ${JSON.stringify(body.config.attributes)}`);
        assert.deepEqual(body.config.header_attributes, [{ attribute_name: 'department', header_name: 'X-Department' }]);

        const group = JSON.parse((await download(page, 'cloudflare-access-group.json', dir)).text);
        assert.equal(group.include.length, 2, 'one include rule per group');
        assert.deepEqual(
          group.include.map((/** @type {any} */ rule) => [rule.saml.attribute_name, rule.saml.attribute_value]),
          [
            ['groups', 'Engineering'],
            ['groups', 'Sales'],
          ],
        );

        const v5 = await terraformFile(page, dir);
        assert.match(v5, /resource "cloudflare_zero_trust_access_group"/);
        assert.doesNotMatch(v5, /^\s*config \{/m, 'v5 writes config as an attribute');

        const provider = field(page, 'Terraform provider');
        assert.equal(await provider.locator('option:checked').innerText(), 'v5 (current)', 'v5 is the default');
        await provider.selectOption({ label: 'v4' });
        const v4 = await terraformFile(page, dir);
        assert.match(v4, /^\s*config \{/m, 'v4 writes a config block');
        assert.notEqual(v4, v5);
      });
    });

    it('"Ask JumpCloud to sign in again every time" puts force_authn into the API body, is API-only in Terraform and is remembered', SCENARIO, async (t) => {
      const dir = await tempDir(t);
      await withApp(origin.url(), async ({ page }) => {
        await typeInto(page, 'Team name', TEAM);
        const label = 'Ask JumpCloud to sign in again every time';
        const forceAuthn = field(page, label);
        assert.equal(await forceAuthn.isChecked(), false, 'off by default');
        // The encryption verdict is said once, beside the Cloudflare options.
        const note = /JumpCloud does not encrypt SAML assertions/g;
        assert.equal((await page.locator('body').innerText()).match(note)?.length, 1, 'the encryption note appears once');
        assert.match(await page.locator('#cloudflare-sign-in').innerText(), /"Encrypt SAML assertions" must stay off/);

        await generate(page);
        const off = await apiBody(page, dir);
        assert.equal('force_authn' in off.config, false, `off: ${JSON.stringify(off.config)}`);
        assert.doesNotMatch(await terraformFile(page, dir), /force_authn/);

        await forceAuthn.check();
        const on = await apiBody(page, dir);
        assert.equal(on.config.force_authn, true, `on: ${JSON.stringify(on.config)}`);
        const rest = { ...on.config };
        delete rest.force_authn;
        assert.deepEqual(rest, off.config, 'force_authn is the only change');
        const v5 = await terraformFile(page, dir);
        assert.match(v5, /^# Not written: force_authn \(Ask JumpCloud to sign in again every time\) is API-only/m);
        assert.doesNotMatch(v5, /^\s*force_authn\s*=/m, 'no provider has the attribute');

        const provider = field(page, 'Terraform provider');
        await provider.selectOption({ label: 'v4' });
        assert.match(await page.locator('#terraform-v4-limits').innerText(), /v4 has no force_authn/);
        const v4 = await terraformFile(page, dir);
        assert.match(v4, /^# Not written: v4 has no force_authn/m);

        await page.reload();
        await field(page, 'Team name').waitFor();
        assert.equal(await field(page, label).isChecked(), true, 'remembered across a reload');
      });
    });
  });
}
