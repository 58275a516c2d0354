// Opening the app in a fresh context with every recorder attached, and waiting until Yew
// has mounted it. Later suites (form filling, generation, downloads) start from here.
import { newPage } from './browser.mjs';
import { collectConsole } from './console.mjs';
import { APP_HEADING } from './expected.mjs';
import { recordRequests } from './recorder.mjs';


/**
 * Opens `url` and waits for the app heading.
 * @param {import('playwright-core').Browser} browser
 * @param {string} url
 * @param {import('playwright-core').BrowserContextOptions} [options]
 */
export async function openApp(browser, url, options = {}) {
  const { context, page, trustedTypes } = await newPage(browser, options);
  const requests = await recordRequests(context, page);
  const consoleLog = await collectConsole(context, page);
  const started = performance.now();
  try {
    await page.goto(url, { waitUntil: 'load' });
    await page.getByRole('heading', { level: 1, name: APP_HEADING }).waitFor();
  } catch (error) {
    // Say what the page did instead of mounting: left for elsewhere, failed, or printed errors.
    const detail = {
      nonLocalRequests: requests.nonLocal(),
      pageErrors: consoleLog.pageErrors,
      consoleProblems: consoleLog.problems(),
      finalUrl: page.url(),
    };
    // Closing fails on a Trusted Types violation (browser.mjs); say it with the rest.
    await context.close().catch((closing) => Object.assign(detail, { closing: String(closing) }));
    throw new Error(`the app did not mount from ${url}: ${error}\n${JSON.stringify(detail, null, 2)}`);
  }
  const mountedMs = performance.now() - started;
  return {
    context,
    page,
    requests,
    console: consoleLog,
    /** Trusted Types violations; closing fails on any the test did not expect (browser.mjs). */
    trustedTypes,
    /** Navigation start to mounted heading, as seen from the test (ms). */
    mountedMs,
    close: () => context.close(),
  };
}

/** Lets late timers and requests happen before checking recorders. @param {number} ms */
export function settle(ms = 500) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
