// The page in Chromium over http://127.0.0.1 and file://: the whole flow makes no request but
// the page itself, and the layout fits from 1280 down to 360 px in light and dark (with
// screenshots for review and the README).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

import { settle } from './lib/app.mjs';
import { TEAM, allFileNames } from './lib/expected.mjs';
import { tempDir } from './lib/files.mjs';
import { SCENARIO, download, generate, horizontalOverflow, pageSuite, typeInto } from './lib/page.mjs';

const OUTPUT_DIR = fileURLToPath(new URL('./output/', import.meta.url));
const README_SCREENSHOT = fileURLToPath(new URL('../../docs/screenshot.png', import.meta.url));

const { origins, withApp, watchServer } = pageSuite();

for (const origin of origins) {
  describe(`the page over ${origin.label}: network and looks`, () => {
    it('the whole flow, every download and option included, requests nothing but the page itself', SCENARIO, async (t) => {
      const dir = await tempDir(t);
      const served = watchServer();
      const url = origin.url();
      await withApp(url, async ({ page, requests, console: log }) => {
        await typeInto(page, 'Team name', TEAM);
        await download(page, 'sp-metadata.xml', dir);
        await generate(page);
        for (const name of allFileNames(TEAM)) {
          if (name === 'cloudflare-access-idp.tf') await page.getByRole('tab', { name: 'Terraform' }).click();
          await download(page, name, dir);
        }
        await page.getByRole('tab', { name: 'curl' }).click();
        await page.getByRole('button', { name: 'Copy SP Entity ID' }).click();
        await page.getByText('Advanced', { exact: true }).click();
        await page.getByLabel('Private key format', { exact: true }).selectOption({ label: 'PKCS#1' });
        await page.getByLabel('Certificate profile', { exact: true }).selectOption({ label: 'OpenSSL compatible' });
        await typeInto(page, 'Common name (CN)', 'Acme SAML');
        await page.locator('#certificate-summary').getByText('CN=Acme SAML').waitFor({ timeout: 10_000 });
        await generate(page); // the key was saved: no confirmation
        await settle(500);

        assert.deepEqual(requests.nonLocal(), [], 'requests that left the machine');
        assert.deepEqual(requests.unexpected([url]), [], 'requests other than the page itself');
        assert.deepEqual(requests.urls(), [url], 'recorded URLs');
        assert.deepEqual(await log.cspViolations(), [], 'CSP violations');
        assert.deepEqual(served(), origin.serverSees, 'what the server saw');
        t.diagnostic(`${requests.events.length} recorder events, all for the page itself or blob:/data:`);
      });
    });

    it('the page fits 1280, 390 and 360 px wide without sideways scrolling, light and dark (screenshots saved)', SCENARIO, async () => {
      await mkdir(OUTPUT_DIR, { recursive: true });
      for (const width of [1280, 390]) {
        await withApp(
          origin.url(),
          async ({ page }) => {
            await typeInto(page, 'Team name', TEAM);
            await generate(page);
            for (const colorScheme of /** @type {const} */ (['light', 'dark'])) {
              await page.emulateMedia({ colorScheme });
              const file = path.join(OUTPUT_DIR, `page-${origin.name}-${width}-${colorScheme}.png`);
              await page.screenshot({ path: file, fullPage: true, timeout: 30_000 });
              // The README's screenshot is refreshed only on request (its fingerprint and dates
              // change every run): UPDATE_SCREENSHOT=1 cargo xtask test.
              if (process.env.UPDATE_SCREENSHOT === '1' && origin.name === 'http' && width === 1280 && colorScheme === 'light') {
                await mkdir(path.dirname(README_SCREENSHOT), { recursive: true });
                await copyFile(file, README_SCREENSHOT);
              }
            }
            const overflow = await horizontalOverflow(page);
            assert.ok(
              overflow.scrollWidth <= overflow.viewport,
              `horizontal overflow at ${width} px (page ${overflow.scrollWidth} px wide): ${overflow.culprits.join(', ')}`,
            );
            if (width < 600) {
              // The page promises to be readable from 360 px up.
              await page.setViewportSize({ width: 360, height: 800 });
              const narrow = await horizontalOverflow(page);
              assert.ok(
                narrow.scrollWidth <= narrow.viewport,
                `horizontal overflow at 360 px (page ${narrow.scrollWidth} px wide): ${narrow.culprits.join(', ')}`,
              );
            }
          },
          { viewport: { width, height: width > 600 ? 800 : 844 } },
        );
      }
    });
  });
}
