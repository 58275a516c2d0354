// Helpers for the Renew certificate (rotation) scenarios in Chromium. Renew offers some files
// twice, in the rotation step that uses them (#rotation) and in the Cloudflare tab that shows
// their curl command (#cloudflare), so a download names the part of the page it comes from.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { downloadLabel } from './expected.mjs';
import { runTool } from './files.mjs';
import { DOWNLOAD_TIMEOUT, saveDownload, settled } from './page.mjs';

/**
 * Presses the "Download <name>" button inside `scope` (a CSS selector), checks that exactly
 * `name` is saved, stores it in `dir` and returns it.
 * @param {import('playwright-core').Page} page @param {string} scope @param {string} name @param {string} dir
 */
export async function downloadFrom(page, scope, name, dir) {
  await settled(page);
  const button = page.locator(scope).getByRole('button', { name: downloadLabel(name), exact: true });
  await button.waitFor({ timeout: DOWNLOAD_TIMEOUT }).catch((error) => {
    throw new Error(`no single button named "${downloadLabel(name)}" in ${scope}: ${error}`);
  });
  assert.equal(await button.getAttribute('data-file'), name, `data-file of "${downloadLabel(name)}"`);
  const [file] = await Promise.all([
    page.waitForEvent('download', { timeout: DOWNLOAD_TIMEOUT }).catch(async (error) => {
      const said = await page.locator('#announcer').textContent().catch(() => null);
      throw new Error(`no download of ${name} after pressing its button in ${scope} (the page announced ${JSON.stringify(said)}): ${error}`);
    }),
    button.click(),
  ]);
  return saveDownload(file, name, dir, `from ${scope}`);
}

/** The data-phase of each rotation step, in page order. @param {import('playwright-core').Page} page */
export function rotationPhases(page) {
  return page.locator('#rotation-steps > li').evaluateAll((items) => items.map((li) => li.getAttribute('data-phase')));
}

/**
 * A key and a self-signed certificate made by openssl in `dir`, as JumpCloud makes its pair
 * (CN=JumpCloud), valid for `days` days. Returns the paths and the certificate's PEM.
 * @param {string} dir @param {number} days
 */
export async function openSslPair(dir, days) {
  const key = path.join(dir, 'jumpcloud.key');
  const crt = path.join(dir, 'jumpcloud.crt');
  await runTool('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', String(days), '-subj', '/CN=JumpCloud', '-keyout', key, '-out', crt]);
  return { key, crt, pem: await readFile(crt, 'utf8') };
}

/**
 * JumpCloud's Export Metadata shape (the fixture tests/fixtures/jumpcloud-idp-metadata.xml)
 * with `certificateBase64` as its signing certificate and `entityId` as its entityID.
 * @param {string} fixtureXml @param {string} certificateBase64 @param {string} entityId
 */
export function metadataWith(fixtureXml, certificateBase64, entityId) {
  const lines = certificateBase64.match(/.{1,64}/g) ?? [];
  const replaced = fixtureXml
    .replace(/(<ds:X509Certificate>)[\s\S]*?(<\/ds:X509Certificate>)/, `$1\n${lines.join('\n')}\n$2`)
    .replace(/entityID="[^"]*"/, `entityID="${entityId}"`);
  assert.ok(replaced.includes(lines[0]) && replaced.includes(`entityID="${entityId}"`), 'the metadata template changed shape');
  return replaced;
}

