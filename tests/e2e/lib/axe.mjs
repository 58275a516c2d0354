// The axe-core audit (WCAG 2.1 A and AA rules) for the Playwright scenarios: a11y.test.mjs
// audits every colour scheme before and after generating; other scenarios audit the state they
// reach (e.g. a response check with its report).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE_SOURCE = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
/** The rule sets audited: WCAG 2.0 and 2.1, levels A and AA. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
/** The impacts that fail a test; the rest are listed as diagnostics. */
export const FAILING = new Set(['serious', 'critical']);

/**
 * Runs axe-core on the whole page. Injected through the DevTools protocol (page.evaluate),
 * which the page's CSP does not govern, so the page itself stays as shipped.
 * @param {import('playwright-core').Page} page
 */
export async function audit(page) {
  await page.evaluate(AXE_SOURCE);
  /** @type {{ violations: { id: string, impact: string, help: string, nodes: { target: string[] }[] }[] }} */
  const result = await page.evaluate(
    (tags) => /** @type {any} */ (window).axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    TAGS,
  );
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.map((n) => n.target.join(' ')),
  }));
}
