// Check a SAML response, over http://127.0.0.1 and file:// in Chromium: a response for the
// page's own setup, signed at test time by xmlsec1 with the samlidp.key the page generated,
// passes every check (pasted as the base64 SAMLResponse value); the same response with its
// NameID changed after signing (dropped as an XML file) fails exactly the Signature line; a
// certificate file works as the reference too; Clear wipes everything; nothing is stored and
// nothing is requested but the page. In a fresh tab, with no setup, a response is decoded and
// checked as far as it can be, and an encrypted one gets the Encryption line, not a tampering
// warning (tests/fixtures/saml-response/, made by make_fixtures.py and make_encrypted.py).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

import { FAILING, audit } from './lib/axe.mjs';
import { TEAM } from './lib/expected.mjs';
import { tempDir } from './lib/files.mjs';
import { SCENARIO, download, generate, horizontalOverflow, pageSuite, typeInto } from './lib/page.mjs';
import { assertReflow } from './lib/reflow.mjs';
import { PAGE_VALUES_SCRIPT, samlResponseValue, signedAndTampered } from './lib/saml.mjs';

const { origins, withApp, watchServer } = pageSuite();

/** A response fixture's text. @param {string} name */
const responseFixture = (name) => readFile(new URL(`../fixtures/saml-response/${name}`, import.meta.url), 'utf8');

/** Words that belong only to tampering and wrapping, or to a report without doubts. */
const ALARMS = /All checks passed|do not trust|altered|signature-wrapping|No mode has a complete setup/;

/**
 * Pastes `text` into "SAML response" (or drops it there as a file), presses "Check response"
 * and returns the summary and the check lines as { name: [status, details] }.
 * @param {import('playwright-core').Page} page @param {string} text @param {{ drop?: boolean }} [options]
 */
async function checkResponse(page, text, { drop = false } = {}) {
  const area = page.getByLabel('SAML response', { exact: true });
  if (drop) {
    // A saved file dropped on the text area: read with the File API, its text shown.
    const dataTransfer = await page.evaluateHandle((xml) => {
      const data = new DataTransfer();
      data.items.add(new File([xml], 'response.xml', { type: 'application/xml' }));
      return data;
    }, text);
    await area.dispatchEvent('drop', { dataTransfer });
    await page.waitForFunction((xml) => /** @type {HTMLTextAreaElement} */ (document.querySelector('#saml-response')).value === xml, text, { timeout: 10_000 });
  } else {
    await area.fill(text);
  }
  await page.getByRole('button', { name: 'Check response', exact: true }).click();
  const summary = page.locator('#check-summary');
  await summary.waitFor({ timeout: 10_000 });
  const lines = await page.locator('#check-lines tbody tr').evaluateAll((rows) =>
    rows.map((r) => [r.querySelector('th')?.textContent ?? '', [...r.querySelectorAll('td')].map((td) => td.textContent ?? '')]),
  );
  return { summary: ((await summary.textContent()) ?? '').trim(), lines: new Map(lines) };
}

for (const origin of origins) {
  describe(`Check a SAML response over ${origin.label}`, () => {
    it('a response signed with the generated key passes every check, and with its NameID changed after signing fails the Signature line', SCENARIO, async (t) => {
      const dir = await tempDir(t);
      const served = watchServer();
      const url = origin.url();
      await withApp(url, async ({ page, requests }) => {
        await typeInto(page, 'Team name', TEAM);
        await generate(page);
        const key = await download(page, 'samlidp.key', dir);
        const crt = await download(page, 'samlidp.crt', dir);
        const values = await page.evaluate(`(() => {${PAGE_VALUES_SCRIPT}})()`);
        assert.ok(values.idpEntityId && values.spEntityId && values.acsUrl, `page values: ${JSON.stringify(values)}`);
        const { signed, tampered, nameId } = await signedAndTampered(values, { key: key.path, crt: crt.path, dir });

        await page.getByRole('radio', { name: 'Check a SAML response', exact: true }).check();
        assert.equal(await page.locator('#cloudflare').count(), 0, 'no Cloudflare outputs in this mode');
        assert.ok(await page.getByLabel("This page's setup").isChecked(), "This page's setup is the default");
        assert.match((await page.locator('#check-basis').textContent()) ?? '', /^Checks against the setup of New key \(team acme, /);

        // The base64 SAMLResponse value, as captured from the POST.
        const valid = await checkResponse(page, samlResponseValue(signed));
        assert.equal(valid.summary, 'All checks passed', JSON.stringify([...valid.lines]));
        for (const name of ['Signature', 'Signing certificate', 'Issuer', 'Destination', 'Recipient', 'Audience', 'NameID', 'Status', 'Time window', 'Certificate validity']) {
          assert.equal(valid.lines.get(name)?.[0], 'Pass', `${name}: ${JSON.stringify(valid.lines.get(name))}`);
        }
        assert.match(valid.lines.get('Time window')?.[1] ?? '', /Allowed clock skew: 3 min\./);
        const attributes = await page.locator('#response-attributes').innerText();
        assert.match(attributes, new RegExp(`NameID\\s+${nameId}`));
        assert.match(attributes, new RegExp(`email\\s+${nameId}`));
        // Copy XML answers (the Clipboard API, or the page's fallback where it is refused).
        const copy = page.getByRole('button', { name: 'Copy XML', exact: true });
        assert.equal(((await copy.textContent()) ?? '').trim(), 'Copy XML');
        await copy.click();
        await page.locator('#announcer').getByText(/^(Copied XML\.|.*Select the text and copy it by hand\.)$/).waitFor({ timeout: 5_000 });

        // Tampered after signing (dropped as an XML file): the signature fails, and only that.
        const bad = await checkResponse(page, tampered, { drop: true });
        assert.equal(bad.lines.get('Signature')?.[0], 'Fail', JSON.stringify(bad.lines.get('Signature')));
        assert.match(bad.summary, /^1 problem found\. /);
        assert.deepEqual([...bad.lines].filter(([, [status]]) => status === 'Fail').map(([name]) => name), ['Signature']);
        // The mode with a failing report passes the same accessibility audit as the rest.
        // The report passes the accessibility audit, and fits 360 px without sideways scrolling
        // (where the check lines stack).
        const viewport = page.viewportSize();
        for (const width of [viewport?.width ?? 1280, 360]) {
          await page.setViewportSize({ width, height: 800 });
          const violations = await audit(page);
          for (const v of violations) t.diagnostic(`${width} px: ${v.impact} ${v.id} (${v.help}) at ${v.targets.join(', ')}`);
          assert.deepEqual(violations.filter((v) => FAILING.has(v.impact)), [], `serious or critical accessibility violations at ${width} px`);
          const overflow = await horizontalOverflow(page);
          assert.ok(overflow.scrollWidth <= overflow.viewport, `horizontal overflow at ${width} px: ${overflow.culprits.join(', ')}`);
        }
        if (viewport) await page.setViewportSize(viewport);
        await assertReflow(page, 'Check a SAML response with a failing report');

        // A certificate file as the reference, the team still from the form.
        await page.getByLabel('A certificate file').check();
        await page.getByLabel('Certificate to check against', { exact: true }).setInputFiles(crt.path);
        await page.locator('#check-basis').getByText('the certificate file').waitFor({ timeout: 10_000 });
        assert.match((await page.locator('#check-certificate-file-loaded').textContent()) ?? '', /^Read samlidp\.crt: the certificate \(SHA-256 /);
        await assertReflow(page, 'Check a SAML response with a certificate file');
        assert.equal((await checkResponse(page, signed)).summary, 'All checks passed');

        // Clear wipes the text and the results; nothing of the response was stored.
        await page.getByRole('button', { name: 'Clear', exact: true }).click();
        assert.equal(await page.getByLabel('SAML response', { exact: true }).inputValue(), '');
        assert.equal(await page.locator('#check-report').count(), 0, 'results after Clear');
        const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
        assert.ok(!stored.includes(nameId) && !stored.includes('Assertion'), `stored: ${stored.slice(0, 200)}`);

        assert.deepEqual(requests.nonLocal(), [], 'requests that left the machine');
        assert.deepEqual(requests.urls(), [url], 'recorded URLs');
        assert.deepEqual(served(), origin.serverSees, 'what the server saw');
      });
    });

    it('in a fresh tab, with no setup, a response is decoded and checked as far as it can be; an encrypted one gets the Encryption line', SCENARIO, async () => {
      await withApp(origin.url(), async ({ page, requests }) => {
        await page.getByRole('radio', { name: 'Check a SAML response', exact: true }).check();
        const signed = await responseFixture('assertion-signed.xml');

        // The response carries its certificate: offered, and chosen since no mode has a setup.
        const cold = await checkResponse(page, samlResponseValue(signed));
        assert.ok(await page.getByLabel('The certificate in this response', { exact: true }).isChecked(), 'the default without a setup');
        assert.match((await page.locator('#check-basis').textContent()) ?? '', /This proves only that the response is unchanged since it was signed, not who signed it\./);
        assert.equal(await page.locator('#check-error').count(), 0, 'an error instead of a report');
        assert.match(await page.locator('#response-attributes').innerText(), /NameID\s+ada@example\.com/);
        assert.equal(cold.lines.get('Signature')?.[0], 'Warning', JSON.stringify(cold.lines.get('Signature')));
        assert.equal(cold.lines.get('Issuer')?.[0], 'Not checked', JSON.stringify(cold.lines.get('Issuer')));
        for (const name of ['Destination', 'Recipient', 'Audience', 'NameID', 'Status']) {
          assert.equal(cold.lines.get(name)?.[0], 'Pass', `${name}: ${JSON.stringify(cold.lines.get(name))}`);
        }
        assert.doesNotMatch(cold.summary, ALARMS);
        assert.doesNotMatch((await page.locator('main').innerText()), /No mode has a complete setup/);

        // This page's setup, with none: the lines that need one say so.
        await page.getByLabel("This page's setup", { exact: true }).check();
        const none = await checkResponse(page, signed);
        assert.equal(none.lines.get('Signature')?.[0], 'Not checked', JSON.stringify(none.lines.get('Signature')));
        assert.match(none.lines.get('Signature')?.[1] ?? '', /^Not checked: no setup\./);
        // (The fixtures are dated 2027-01-15, so the Time window line depends on today.)
        assert.ok(none.lines.has('Time window'), JSON.stringify([...none.lines]));
        assert.doesNotMatch(none.summary, ALARMS);

        // An encrypted assertion: its own line, no verdict on what cannot be seen, no alarm.
        for (const file of ['encrypted-response-signed.xml', 'encrypted-unsigned.xml']) {
          const encrypted = await checkResponse(page, await responseFixture(file));
          assert.equal(encrypted.lines.get('Encryption')?.[0], 'Warning', `${file}: ${JSON.stringify([...encrypted.lines])}`);
          assert.match(encrypted.lines.get('Encryption')?.[1] ?? '', /^The assertion is encrypted for Cloudflare; its contents cannot be checked here\./);
          assert.doesNotMatch(encrypted.summary, ALARMS, file);
          assert.match(encrypted.summary, /turn assertion encryption off for one test sign-in/, file);
          for (const [name, [, details]] of encrypted.lines) assert.doesNotMatch(details, ALARMS, `${file}: ${name}`);
        }
        assert.deepEqual(requests.nonLocal(), [], 'requests that left the machine');
      });
    });
  });
}
