// A browser too old for the page's loader (no WebAssembly) gets a message naming the versions
// it needs, not a blank page; nothing is requested either way.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';

import { settle } from './lib/app.mjs';
import { launchChromium, newPage } from './lib/browser.mjs';
import { distFileUrl } from './lib/dist.mjs';
import { recordRequests } from './lib/recorder.mjs';

describe('a browser without WebAssembly (file://)', () => {
  /** @type {import('playwright-core').Browser} */
  let browser;
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });

  it('says which browser versions the page needs, and requests nothing', { timeout: 60_000 }, async () => {
    const { context, page } = await newPage(browser);
    try {
      const requests = await recordRequests(context, page);
      await context.addInitScript({ content: 'delete globalThis.WebAssembly;' });
      await page.goto(distFileUrl(), { waitUntil: 'load' });
      const message = page.locator('#unsupported');
      await message.waitFor();
      assert.equal(await message.getAttribute('role'), 'alert');
      assert.match(
        (await message.textContent()) ?? '',
        /^SAML IdP Kit needs a newer browser: Chrome or Edge 96, Firefox 79 or Safari 15\.1, or later \(this one has no WebAssembly or no ReadableStream\)\./,
      );
      assert.equal(await page.locator('h1').count(), 0, 'the app did not start');
      await settle(300);
      assert.deepEqual(requests.unexpected([distFileUrl()]), [], 'requests other than the page');
    } finally {
      await context.close();
    }
  });
});
