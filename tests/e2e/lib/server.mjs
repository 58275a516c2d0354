// A tiny static file server on 127.0.0.1 (random free port) for serving dist/ over http.
// It logs every request it receives, as a second, independent request recorder.
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Parses the `/*` block of a Netlify/Cloudflare Pages `_headers` file into header pairs.
 * @param {string} text
 * @returns {[string, string][]}
 */
export function parseHeadersFile(text) {
  const headers = [];
  let inBlock = false;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    if (!/^\s/.test(line)) {
      inBlock = line.trim() === '/*';
      continue;
    }
    const colon = line.indexOf(':');
    if (inBlock && colon > 0) headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  return headers;
}

/**
 * Serves `root` at http://127.0.0.1:<port>/. With `applyHeadersFile`, responses carry the
 * headers from `<root>/_headers`, as a static host would send them.
 * @param {string} root
 * @param {{ applyHeadersFile?: boolean }} [options]
 */
export async function serveStatic(root, { applyHeadersFile = false } = {}) {
  root = path.resolve(root);
  const extraHeaders = applyHeadersFile
    ? parseHeadersFile(await readFile(path.join(root, '_headers'), 'utf8'))
    : [];
  /** @type {{ method: string, url: string }[]} */
  const log = [];
  const server = http.createServer(async (req, res) => {
    log.push({ method: req.method ?? '', url: req.url ?? '' });
    try {
      const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      const rel = pathname.endsWith('/') ? `${pathname}index.html` : pathname;
      const file = path.join(root, path.normalize(rel));
      if (!file.startsWith(root + path.sep) || (req.method !== 'GET' && req.method !== 'HEAD')) {
        res.writeHead(404).end();
        return;
      }
      const body = await readFile(file);
      res.writeHead(200, {
        'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'Content-Length': body.length,
        'Cache-Control': 'no-store',
        ...Object.fromEntries(extraHeaders),
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('server has no port');
  const origin = `http://127.0.0.1:${address.port}`;
  return {
    origin,
    /** @param {string} rel */
    url: (rel = '') => `${origin}/${rel}`,
    log,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve(undefined));
      }),
  };
}
