// Collects console messages, uncaught page errors and CSP violation events of a page.

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
    /** Errors and warnings (the page should print neither). */
    problems() {
      return messages.filter((m) => m.type === 'error' || m.type === 'warning');
    },
    /** CSP violations seen by the page so far. */
    async cspViolations() {
      // @ts-ignore
      return page.evaluate(() => window.__cspViolations);
    },
  };
}
