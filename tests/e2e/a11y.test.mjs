// Accessibility audit with axe-core (WCAG 2.1 A and AA rules), over http://127.0.0.1 and
// file://, in the light and the dark colour scheme, before and after generating a key. Fails on
// any serious or critical violation and lists the rest as diagnostics.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

import { FAILING, audit } from './lib/axe.mjs';
import { TEAM } from './lib/expected.mjs';
import { SCENARIO, generate, pageSuite, typeInto } from './lib/page.mjs';

const { origins, withApp } = pageSuite();

for (const origin of origins) {
  for (const colorScheme of /** @type {const} */ (['light', 'dark'])) {
    describe(`accessibility over ${origin.name}, ${colorScheme} scheme`, () => {
      it(`14. axe-core finds no serious or critical WCAG 2.1 A/AA violation before and after generating (${colorScheme})`, SCENARIO, async (t) => {
        await withApp(
          origin.url(),
          async ({ page }) => {
            const report = async (/** @type {string} */ when) => {
              // Open the collapsed parts too, so their content is audited.
              await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
              const violations = await audit(page);
              for (const v of violations) t.diagnostic(`${when}: ${v.impact} ${v.id} (${v.help}) at ${v.targets.join(', ')}`);
              return violations.filter((v) => FAILING.has(v.impact));
            };
            const before = await report('before generating');
            await typeInto(page, 'Team name', TEAM);
            await generate(page);
            const after = await report('after generating');
            assert.deepEqual(before, [], 'serious or critical violations before generating');
            assert.deepEqual(after, [], 'serious or critical violations after generating');
          },
          { colorScheme },
        );
      });
    });
  }
}
