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
