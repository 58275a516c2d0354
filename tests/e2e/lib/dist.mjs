// Where the built page is: `cargo xtask test` passes SAML_IDP_KIT_DIST; by default the
// repository's dist/ (run `cargo xtask dist` first when running the suite by hand).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const DIST_DIR = path.resolve(
  process.env.SAML_IDP_KIT_DIST ?? fileURLToPath(new URL('../../../dist/', import.meta.url)),
);

/** file:// URL of dist/<name>. @param {string} [name] */
export function distFileUrl(name = 'index.html') {
  return pathToFileURL(path.join(DIST_DIR, name)).href;
}

/** Contents of dist/<name>. @param {string} name */
export function readDist(name) {
  return readFile(path.join(DIST_DIR, name));
}

/**
 * Splits a CSP string into a Map of directive -> source list.
 * @param {string} policy
 */
export function parseCsp(policy) {
  const directives = new Map();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

/**
 * The app's wasm as the page carries it: the data block #wasm-data (LZMA, in base64) unpacked
 * with the decoder module the loader script carries (the same code the page runs).
 * @param {string} html the page
 * @returns {Promise<{ wasm: Uint8Array, base64: string, decoder: Uint8Array }>}
 */
export async function embeddedWasm(html) {
  const data = /<script type="application\/octet-stream" id="wasm-data">([A-Za-z0-9+/=]*)<\/script>/.exec(html);
  if (!data) throw new Error('the page has no data block #wasm-data');
  const loader = /<script id="loader-script">([\s\S]*?)<\/script>/.exec(html);
  const decoderText = loader && /const decoderBytes = fromBase64\("([A-Za-z0-9+/=]+)"\);/.exec(loader[1]);
  if (!decoderText) throw new Error('the loader script carries no LZMA decoder');
  const decoder = Buffer.from(decoderText[1], 'base64');
  const packed = Buffer.from(data[1], 'base64');
  const { instance } = await WebAssembly.instantiate(decoder);
  const { memory, begin, more } = instance.exports;
  const size = packed.readUInt32LE(5);
  const at = memory.buffer.byteLength;
  memory.grow(Math.ceil((packed.length + size) / 65536));
  const heap = new Uint8Array(memory.buffer);
  heap.set(packed, at);
  const out = at + packed.length;
  if (begin(at, packed.length, out, size) !== 0) throw new Error('the LZMA decoder refused the data block');
  for (let done = 0; done < size;) {
    const next = more(1 << 20);
    if (next <= done) throw new Error(`the data block does not unpack (${next})`);
    done = next;
  }
  const wasm = heap.slice(out, out + size);
  if (Buffer.from(wasm.subarray(0, 4)).toString('latin1') !== '\0asm') throw new Error('the embedded wasm does not start with \\0asm');
  return { wasm, base64: data[1], decoder };
}
