// Sizes for bench.mjs: the page and the wasm inside it, gzip -9 and brotli.
import { spawnSync } from 'node:child_process';
import { gzipSync, brotliCompressSync, constants as zlib } from 'node:zlib';
import { embeddedWasm, readDist } from '../lib/dist.mjs';

/**
 * gzip -9 size of `buf`: GNU gzip when it is installed (the figure `gzip -9 -c | wc -c` gives),
 * else zlib at level 9, which comes out within about 1% of it.
 */
function gzipSize(buf) {
  const gzip = spawnSync('gzip', ['-9', '-n', '-c'], { input: buf, maxBuffer: 64 * 1024 * 1024 });
  if (gzip.status === 0) return { bytes: gzip.stdout.length, tool: 'gzip -9' };
  return { bytes: gzipSync(buf, { level: 9 }).length, tool: 'zlib level 9' };
}

/** Sizes of the page and of the wasm inside it (LZMA, in base64, in the data block #wasm-data). */
export async function sizes(texts) {
  const html = await readDist('index.html');
  const text = html.toString('utf8');
  const { wasm: unpacked, base64 } = await embeddedWasm(text);
  const wasm = Buffer.from(unpacked);
  const gzip = (buf) => {
    const { bytes, tool } = gzipSize(buf);
    texts.gzip_tool = tool;
    return bytes;
  };
  const brotli = (buf, mode) =>
    brotliCompressSync(buf, {
      params: {
        [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY,
        [zlib.BROTLI_PARAM_MODE]: mode,
        [zlib.BROTLI_PARAM_SIZE_HINT]: buf.length,
      },
    }).length;
  const withoutWasm = Buffer.from(text.replace(base64, ''), 'utf8');
  return {
    html_bytes: html.length,
    html_gzip_bytes: gzip(html),
    html_brotli_bytes: brotli(html, zlib.BROTLI_MODE_TEXT),
    wasm_bytes: wasm.length,
    wasm_base64_bytes: base64.length,
    wasm_gzip_bytes: gzip(wasm),
    wasm_brotli_bytes: brotli(wasm, zlib.BROTLI_MODE_GENERIC),
    rest_bytes: withoutWasm.length,
    rest_gzip_bytes: gzip(withoutWasm),
    rest_brotli_bytes: brotli(withoutWasm, zlib.BROTLI_MODE_TEXT),
  };
}

