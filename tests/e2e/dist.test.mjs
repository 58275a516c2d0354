// Checks on the files in dist/ themselves: one artifact under two names, correct SHA256SUMS,
// and a _headers policy that matches the page's meta policy.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';

import { DIST_DIR, parseCsp, readDist } from './lib/dist.mjs';

const sha256 = (/** @type {Buffer} */ bytes) => createHash('sha256').update(bytes).digest('hex');

describe('dist/', () => {
  it('holds index.html and one identical versioned copy, both in SHA256SUMS', async () => {
    const names = await readdir(DIST_DIR);
    const versioned = names.filter((n) => /^saml-idp-kit-\d+\.\d+\.\d+.*\.html$/.test(n));
    assert.equal(versioned.length, 1, `versioned copies: ${names.join(', ')}`);
    const index = await readDist('index.html');
    assert.ok(index.equals(await readDist(versioned[0])), 'versioned copy differs from index.html');
    const sums = (await readDist('SHA256SUMS')).toString('utf8');
    const digest = sha256(index);
    assert.equal(sums, `${digest}  index.html\n${digest}  ${versioned[0]}\n`);
  });

  it('has a _headers file with the page policy plus frame-ancestors and friends', async () => {
    const html = (await readDist('index.html')).toString('utf8');
    const meta = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/);
    assert.ok(meta, 'CSP meta');
    const headers = (await readDist('_headers')).toString('utf8');
    assert.equal(
      headers,
      `/*\n  Content-Security-Policy: ${meta[1]}; frame-ancestors 'none'\n` +
        '  Cross-Origin-Opener-Policy: same-origin\n' +
        '  Referrer-Policy: no-referrer\n  X-Content-Type-Options: nosniff\n',
    );
    assert.deepEqual(parseCsp(meta[1]).get('connect-src'), ["'none'"]);
  });

  it('is a single file: no live-reload code and nothing that loads other files', async () => {
    const html = (await readDist('index.html')).toString('utf8');
    assert.ok(!/\bsrc=/.test(html), 'src attribute');
    assert.ok(!/<link[^>]+rel="(stylesheet|preload|modulepreload)"/.test(html), 'stylesheet or preload link');
    assert.ok(!html.includes('__trunk_address__') && !html.includes('WebSocket('), 'live reload code');
    for (const local of [path.dirname(DIST_DIR), homedir()]) {
      assert.ok(!html.includes(local), `build machine path ${local}`);
    }
  });
});
