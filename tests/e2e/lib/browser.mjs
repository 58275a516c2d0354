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

/** The CSP directives of Trusted Types, as a `securitypolicyviolation` names them. */
export const TRUSTED_TYPES_DIRECTIVES = ['require-trusted-types-for', 'trusted-types'];

/** @type {WeakMap<import('playwright-core').Browser, Set<TrustedTypesWatch>>} */
const WATCHES = new WeakMap();

/**
 * Launches headless Chromium. `extraArgs` adds flags (e.g. `--host-resolver-rules=...`).
 * Closing the browser fails (after closing it) if a context opened by [`newPage`] and never
 * closed saw a Trusted Types violation.
 * @returns {Promise<import('playwright-core').Browser>}
 */
export async function launchChromium({ extraArgs = [] } = {}) {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS, ...extraArgs],
    timeout: 60_000,
  });
  /** @type {Set<TrustedTypesWatch>} */
  const watches = new Set();
  WATCHES.set(browser, watches);
  const close = browser.close.bind(browser);
  browser.close = async (options) => {
    const unchecked = [...watches];
    watches.clear();
    await close(options);
    for (const watch of unchecked) watch.check();
  };
  return browser;
}

/**
 * Every Trusted Types violation of a context's pages, whatever the page or its origin: a
 * `securitypolicyviolation` event of `require-trusted-types-for` or `trusted-types`, caught
 * from the start of each document by an init script (the page's CSP does not govern it) and
 * handed to the test through a binding (the DevTools protocol, not a DOM sink), and the
 * console message Chromium prints for one (which also covers the key workers, whose events
 * no init script sees).
 */
class TrustedTypesWatch {
  /** @type {{ directive: string, sample: string, where: string }[]} */
  seen = [];
  expected = false;

  /** @param {import('playwright-core').BrowserContext} context */
  async attach(context) {
    await context.exposeBinding('__e2eTrustedTypesViolation', ({ frame }, directive, sample) => {
      this.seen.push({ directive: String(directive), sample: String(sample), where: frame.url() });
    });
    await context.addInitScript((directives) => {
      document.addEventListener(
        'securitypolicyviolation',
        (e) => {
          if (directives.includes(e.effectiveDirective)) {
            // @ts-ignore: the binding above
            window.__e2eTrustedTypesViolation(e.effectiveDirective, e.sample);
          }
        },
        true,
      );
    }, TRUSTED_TYPES_DIRECTIVES);
    context.on('console', (message) => {
      if (/trusted ?type/i.test(message.text())) {
        this.seen.push({ directive: 'console', sample: message.text(), where: message.location().url });
      }
    });
  }

  /** The violations so far. */
  violations() {
    return [...this.seen];
  }

  /** For a test that provokes violations on purpose: closing no longer fails on them. */
  expectViolations() {
    this.expected = true;
  }

  /** Throws if a violation was seen and not expected. */
  check() {
    if (this.seen.length > 0 && !this.expected) {
      throw new Error(
        `Trusted Types violations (the page's CSP requires trusted values for script sinks): ${JSON.stringify(this.seen, null, 2)}`,
      );
    }
  }
}

/**
 * A fresh context and page with default timeouts. Close the context when done: closing it
 * fails (after closing it) if any of its pages saw a Trusted Types violation, unless the test
 * called `trustedTypes.expectViolations()`.
 * @param {import('playwright-core').Browser} browser
 * @param {import('playwright-core').BrowserContextOptions} [options]
 */
export async function newPage(browser, options = {}) {
  const context = await browser.newContext({ acceptDownloads: true, ...options });
  context.setDefaultTimeout(PAGE_TIMEOUT);
  context.setDefaultNavigationTimeout(PAGE_TIMEOUT);
  const trustedTypes = new TrustedTypesWatch();
  await trustedTypes.attach(context);
  const watches = WATCHES.get(browser);
  watches?.add(trustedTypes);
  const close = context.close.bind(context);
  context.close = async (options) => {
    watches?.delete(trustedTypes);
    await close(options);
    trustedTypes.check();
  };
  const page = await context.newPage();
  return { context, page, trustedTypes };
}
