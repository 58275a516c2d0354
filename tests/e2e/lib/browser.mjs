// Launching the system Chromium with Playwright (playwright-core only: it never downloads a
// browser). Every launch and page operation has a timeout, so a hung browser fails the test.
import { chromium } from 'playwright-core';

/** Flags that keep Chromium from phoning home (updates, sync, QUIC probes) and let it run as root. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Path of the Chromium binary (`cargo xtask test` passes it in CHROMIUM). */
export const CHROMIUM_PATH = process.env.CHROMIUM || '/usr/bin/chromium';

/** Default timeout for waits inside a page (ms). */
export const PAGE_TIMEOUT = 20_000;

/**
 * Launches headless Chromium. `extraArgs` adds flags (e.g. `--host-resolver-rules=...`).
 * @returns {Promise<import('playwright-core').Browser>}
 */
export async function launchChromium({ extraArgs = [] } = {}) {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS, ...extraArgs],
    timeout: 60_000,
  });
}

/**
 * A fresh context and page with default timeouts. Close the context when done.
 * @param {import('playwright-core').Browser} browser
 * @param {import('playwright-core').BrowserContextOptions} [options]
 */
export async function newPage(browser, options = {}) {
  const context = await browser.newContext({ acceptDownloads: true, ...options });
  context.setDefaultTimeout(PAGE_TIMEOUT);
  context.setDefaultNavigationTimeout(PAGE_TIMEOUT);
  const page = await context.newPage();
  return { context, page };
}
