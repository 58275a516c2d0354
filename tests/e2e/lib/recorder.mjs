// Records every request a page makes, by three independent means: Playwright's request,
// websocket, worker and service-worker events; the Chrome DevTools Protocol's Network domain
// (which also sees requests CSP blocked, with the reason); and main-frame navigations. A
// route handler aborts anything that is not local, so a failing test never reaches the network.

/** Schemes that load nothing from anywhere: allowed in every test. */
const INERT_SCHEMES = ['data:', 'blob:', 'about:'];

/** @param {string} url */
export function isInert(url) {
  return INERT_SCHEMES.some((s) => url.startsWith(s));
}

/**
 * @param {string} url
 * @param {string[]} [localHosts] more host names that resolve to this machine in the test
 *   (a made-up name mapped to 127.0.0.1 with Chromium's --host-resolver-rules)
 */
export function isLocal(url, localHosts = []) {
  if (isInert(url) || url.startsWith('file:')) return true;
  try {
    const { hostname } = new URL(url);
    return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]' || localHosts.includes(hostname);
  } catch {
    return false;
  }
}

/**
 * Starts recording on `context` and `page` (call before navigating).
 * @param {import('playwright-core').BrowserContext} context
 * @param {import('playwright-core').Page} page
 * @param {{ localHosts?: string[] }} [options] host names mapped to 127.0.0.1 (see isLocal)
 */
export async function recordRequests(context, page, { localHosts = [] } = {}) {
  /** @type {{ via: string, url: string, detail?: string }[]} */
  const events = [];
  /** @type {Map<string, string>} CDP requestId -> url */
  const cdpUrls = new Map();
  const add = (via, url, detail) => events.push({ via, url, ...(detail ? { detail } : {}) });

  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (isLocal(url, localHosts)) return route.continue();
    add('route-aborted', url);
    return route.abort('blockedbyclient');
  });
  context.on('request', (r) => add(r.isNavigationRequest() ? 'navigation' : 'request', r.url(), r.resourceType()));
  context.on('serviceworker', (w) => add('serviceworker', w.url()));
  page.on('websocket', (ws) => add('websocket', ws.url()));
  page.on('worker', (w) => add('worker', w.url()));
  page.on('framenavigated', (frame) => add('framenavigated', frame.url()));

  const cdp = await context.newCDPSession(page);
  cdp.on('Network.requestWillBeSent', (e) => {
    cdpUrls.set(e.requestId, e.request.url);
    add('cdp', e.request.url, e.type);
  });
  cdp.on('Network.webSocketCreated', (e) => add('cdp-websocket', e.url));
  cdp.on('Network.loadingFailed', (e) => {
    if (e.blockedReason) add('cdp-blocked', cdpUrls.get(e.requestId) ?? '?', e.blockedReason);
  });
  await cdp.send('Network.enable');

  return {
    events,
    /** Every distinct URL seen, except inert schemes (data:, blob:, about:). */
    urls() {
      return [...new Set(events.map((e) => e.url).filter((u) => !isInert(u)))];
    },
    /** Events for URLs other than `allowed` (and inert schemes). */
    unexpected(allowed) {
      const ok = new Set(allowed.map(normalise));
      return events.filter((e) => !isInert(e.url) && !ok.has(normalise(e.url)));
    },
    /** Events for URLs that are not local (any of these fails a test). */
    nonLocal() {
      return events.filter((e) => !isLocal(e.url, localHosts));
    },
  };
}

/** Drops the fragment, which is never sent. @param {string} url */
function normalise(url) {
  const hash = url.indexOf('#');
  return hash < 0 ? url : url.slice(0, hash);
}
