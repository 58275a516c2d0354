// Waiting without sleeping blind: poll a condition until it holds or a time limit passes.
// Engine-neutral (Playwright scenarios and the WebDriver client both use it).

/** @param {number} ms */
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls `check` until it returns a truthy value (returned) or `timeout` passes (throws with
 * `message` and the last value seen).
 * @template T
 * @param {() => Promise<T>} check
 * @param {string} message
 * @param {{ timeout?: number, interval?: number }} [options]
 * @returns {Promise<NonNullable<T>>}
 */
export async function eventually(check, message, { timeout = 10_000, interval = 50 } = {}) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    last = await check();
    if (last) return /** @type {NonNullable<T>} */ (last);
    if (Date.now() > end) throw new Error(`${message} (after ${timeout} ms; last: ${JSON.stringify(last)})`);
    await sleep(interval);
  }
}
