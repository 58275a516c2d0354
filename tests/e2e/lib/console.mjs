// Collects console messages, uncaught page errors and CSP violation events of a page.

/** How Chromium starts the message for a COOP header it ignores on a non-secure origin. */
const COOP_IGNORED =
  "The Cross-Origin-Opener-Policy header has been ignored, because the URL's origin was untrustworthy.";

/**
 * Starts collecting (call before navigating). CSP violations are captured by an init script,
 * which the page's own CSP does not apply to, listening from the very start of the document.
 * @param {import('playwright-core').BrowserContext} context
 * @param {import('playwright-core').Page} page
 */
export async function collectConsole(context, page) {
  /** @type {{ type: string, text: string }[]} */
  const messages = [];
  /** @type {string[]} */
  const pageErrors = [];
  page.on('console', (m) => messages.push({ type: m.type(), text: m.text() }));
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await context.addInitScript(() => {
    // @ts-ignore: test-only global
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      // @ts-ignore
      window.__cspViolations.push({ directive: e.effectiveDirective, blockedURI: e.blockedURI, sample: e.sample });
    });
  });
  return {
    messages,
    pageErrors,
    /**
     * Errors and warnings (the page should print neither). Not the browser's note that the
     * host's `Cross-Origin-Opener-Policy` header (dist/_headers, which the test server sends
     * like a static host) is ignored on a non-secure origin (plain http from a non-local host,
     * as builtin-worker.test.mjs serves it): that is about the host's header, not the page.
     */
    problems() {
      return messages.filter(
        (m) => (m.type === 'error' || m.type === 'warning') && !m.text.startsWith(COOP_IGNORED),
      );
    },
    /** CSP violations seen by the page so far. */
    async cspViolations() {
      // @ts-ignore
      return page.evaluate(() => window.__cspViolations);
    },
  };
}
