// Reflow (WCAG 2.1 success criterion 1.4.10): at 320 CSS px the page scrolls only vertically,
// and at a desktop width every card holds its content. axe-core does not test either, so every
// page scenario ends with `assertReflow` (page.mjs's withApp), and scenarios call it in the
// states they drive (a mode, a file read, a report). Failures name the elements that stick out.
import assert from 'node:assert/strict';

/** The narrowest width the page must fit without sideways scrolling (WCAG 2.1, 1.4.10). */
export const NARROW = 320;
/** The desktop width at which every card must hold its children. */
export const WIDE = 1280;
/** How many offending elements a failure lists. */
const LISTED = 6;

/**
 * Elements that stick out: at most `listed` of the innermost elements whose right edge passes
 * the right edge of `box` (the viewport, or each `.card`), with a short path and their text.
 * Content of a box that scrolls or clips (overflow other than visible) inside the limit is
 * inside its own box and not counted.
 * @param {import('playwright-core').Page} page
 * @param {'viewport' | 'cards'} box
 */
function stickingOut(page, box) {
  return page.evaluate(
    ({ box, listed }) => {
      const name = (/** @type {Element} */ e) =>
        `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${typeof e.className === 'string' && e.className.trim() ? `.${e.className.trim().split(/\s+/).join('.')}` : ''}`;
      /** @param {Element} e @param {Element} top */
      const path = (e, top) => {
        const parts = [];
        for (let p = e; p && p !== top.parentElement; p = p.parentElement) parts.unshift(name(p));
        return parts.length > 4 ? `${parts[0]} … ${parts.slice(-3).join(' > ')}` : parts.join(' > ');
      };
      /** Whether an ancestor of `e` below `top` scrolls or clips its content. */
      const clipped = (/** @type {Element} */ e, /** @type {Element} */ top) => {
        for (let p = e.parentElement; p && p !== top; p = p.parentElement) {
          if (getComputedStyle(p).overflowX !== 'visible') return true;
        }
        return false;
      };
      /** The innermost elements under `top` whose right edge passes `limit`. */
      const offenders = (/** @type {Element} */ top, /** @type {number} */ limit) => {
        const out = new Set();
        for (const e of top.querySelectorAll('*')) {
          // Not rendered (display: none, or inside a closed <details>): nothing to scroll to.
          if (!e.checkVisibility()) continue;
          const r = e.getBoundingClientRect();
          if ((r.width === 0 && r.height === 0) || r.right <= limit + 0.5 || clipped(e, top)) continue;
          out.add(e);
        }
        const innermost = [...out].filter((e) => ![...out].some((other) => other !== e && e.contains(other)));
        return innermost.slice(0, listed).map((e) => {
          const text = (e.textContent ?? '').replace(/\s+/g, ' ').trim();
          return `${path(e, top)} (right ${Math.round(e.getBoundingClientRect().right)} > ${Math.round(limit)}${text ? `, "${text.slice(0, 60)}${text.length > 60 ? '…' : ''}"` : ''})`;
        });
      };
      if (box === 'viewport') {
        const width = document.documentElement.clientWidth;
        return {
          width,
          scrollWidth: document.documentElement.scrollWidth,
          offenders: offenders(document.body, width),
        };
      }
      return [...document.querySelectorAll('.card')].flatMap((card) => offenders(card, card.getBoundingClientRect().right));
    },
    { box, listed: LISTED },
  );
}

/**
 * Asserts the page in its current state reflows: at 320 px no sideways scrolling
 * (`scrollWidth` within the viewport), and at 1280 px every `.card`'s descendants within the
 * card's box. The viewport is restored afterwards (also on failure).
 * @param {import('playwright-core').Page} page
 * @param {string} [state] what the page shows, for the failure message
 */
export async function assertReflow(page, state = 'the page') {
  const original = page.viewportSize();
  const height = original?.height ?? 800;
  try {
    await page.setViewportSize({ width: NARROW, height });
    const narrow = await stickingOut(page, 'viewport');
    assert.ok(
      narrow.scrollWidth <= narrow.width && narrow.offenders.length === 0,
      `${state} scrolls sideways at ${NARROW} px (page ${narrow.scrollWidth} px wide in a ${narrow.width} px viewport); sticking out: ${narrow.offenders.join('; ') || 'no single element (check margins)'}`,
    );
    await page.setViewportSize({ width: WIDE, height });
    const wide = await stickingOut(page, 'cards');
    assert.deepEqual(wide, [], `${state} at ${WIDE} px: content sticks out of its card`);
  } finally {
    if (original) await page.setViewportSize(original);
  }
}
