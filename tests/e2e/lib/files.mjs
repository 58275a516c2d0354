// The artifact checks: what every file the page saves must be, verified with real tools
// (openssl for the key and certificate, Python's ElementTree and minidom for XML, Python's
// zipfile for the ZIP, JSON.parse for the API body). The one copy, used by the Playwright
// scenarios (../*.test.mjs, Chromium) and the WebDriver flow (../webdriver/flow.mjs, Firefox
// and WebKit) alike: engine code only saves the files and hands their paths here.
//
// Writing a new scenario that checks files, on either runner:
//   const dir = await tempDir(t);                       // removed when the test ends
//   ...save downloads into dir (Playwright: download() in page.mjs; WebDriver: takeDownload())
//   await checkGeneratedFiles(new Map([[name, path], ...]), { team, fingerprint });
// or the narrower checks below (checkKeyAndCertificate, parseMetadata, readZip, pemBody).
// Every tool run is time-limited (TOOL_TIMEOUT) and a failure names the command and stderr.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import {
  CALLBACK,
  DEFAULT_SSO_URL,
  ENTITY_ID,
  FINGERPRINT_FORMAT,
  ZIPPED_FILES,
  allFileNames,
} from './expected.mjs';

/** Longest an external tool (openssl, python3) may run. */
export const TOOL_TIMEOUT = 20_000;

/** A fresh temp dir, removed when test `t` ends. @param {import('node:test').TestContext} t */
export async function tempDir(t) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'saml-idp-kit-e2e-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

const execFileAsync = promisify(execFile);

/**
 * Runs a tool; returns stdout. A failure reports the command, exit code and stderr.
 * @param {string} command @param {string[]} args @param {{ cwd?: string }} [options]
 */
export async function runTool(command, args, { cwd } = {}) {
  try {
    const { stdout } = await execFileAsync(command, args, {
      cwd,
      timeout: TOOL_TIMEOUT,
      maxBuffer: 16 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    const e = /** @type {any} */ (error);
    throw new Error(
      `${command} ${args.join(' ')} failed (exit ${e.code ?? '?'}${e.killed ? ', killed after timeout' : ''}):\n${e.stderr ?? e.message}`,
    );
  }
}

/** Runs a Python 3 snippet with `args` in sys.argv[1:]; parses its JSON output. */
async function python(/** @type {string} */ code, /** @type {string[]} */ ...args) {
  return JSON.parse(await runTool('python3', ['-c', code, ...args]));
}

/** The base64 body of a PEM block (no BEGIN/END lines, no line breaks). @param {string} pem */
export function pemBody(pem) {
  const match = pem.match(/-----BEGIN ([A-Z ]+)-----\r?\n([\s\S]*?)-----END \1-----/);
  assert.ok(match, 'not a PEM block');
  return match[2].replace(/\s+/g, '');
}

/** The RSA modulus of a private key file (PKCS#1 or PKCS#8), as openssl prints it. @param {string} file */
export async function keyModulus(file) {
  return (await runTool('openssl', ['rsa', '-noout', '-modulus', '-in', file])).trim();
}

/** The RSA modulus of a certificate file, as openssl prints it. @param {string} file */
export async function certificateModulus(file) {
  return (await runTool('openssl', ['x509', '-noout', '-modulus', '-in', file])).trim();
}

/** Asserts openssl accepts a self-signed certificate as its own trust anchor. @param {string} file */
export async function verifySelfSigned(file) {
  assert.match(await runTool('openssl', ['verify', '-CAfile', file, file]), /: OK\n$/, `openssl verify ${file}`);
}

/**
 * The key and certificate files: openssl verifies the certificate, checks the key, and finds
 * the same RSA-2048 modulus in both; with `fingerprint`, openssl's SHA-256 fingerprint of the
 * certificate is the one the page showed. Returns the modulus and the certificate's base64 body.
 * @param {{ key: string, crt: string, fingerprint?: string }} files paths (and the shown fingerprint)
 */
export async function checkKeyAndCertificate({ key, crt, fingerprint }) {
  await verifySelfSigned(crt);
  assert.match(await runTool('openssl', ['pkey', '-check', '-noout', '-in', key]), /Key is valid/);
  const modulus = await keyModulus(key);
  assert.equal(await certificateModulus(crt), modulus, 'key and certificate moduli differ');
  assert.equal(modulus.length, 'Modulus='.length + 512, 'an RSA-2048 modulus');
  if (fingerprint !== undefined) {
    assert.match(fingerprint, FINGERPRINT_FORMAT, 'shown fingerprint format');
    const out = await runTool('openssl', ['x509', '-noout', '-fingerprint', '-sha256', '-in', crt]);
    assert.equal(out.trim().split('=')[1].toUpperCase(), fingerprint.toUpperCase(), 'shown fingerprint');
  }
  return { modulus, certBase64: pemBody(await readFile(crt, 'utf8')) };
}

const XML_SUMMARY = `
import json, sys
import xml.dom.minidom
import xml.etree.ElementTree as ET
path = sys.argv[1]
xml.dom.minidom.parse(path)  # a second, independent parser must accept it too
root = ET.parse(path).getroot()
md = '{urn:oasis:names:tc:SAML:2.0:metadata}'
ds = '{http://www.w3.org/2000/09/xmldsig#}'
print(json.dumps({
  'root': root.tag,
  'entityID': root.get('entityID'),
  'acs': [e.get('Location') for e in root.iter(md + 'AssertionConsumerService')],
  'sso': [e.get('Location') for e in root.iter(md + 'SingleSignOnService')],
  'certificates': [(e.text or '').strip() for e in root.iter(ds + 'X509Certificate')],
  'nameIdFormats': [(e.text or '').strip() for e in root.iter(md + 'NameIDFormat')],
}))
`;

/**
 * Parses a SAML metadata file with Python's ElementTree and minidom.
 * @param {string} file
 * @returns {Promise<{ root: string, entityID: string | null, acs: string[], sso: string[], certificates: string[], nameIdFormats: string[] }>}
 */
export function parseMetadata(file) {
  return python(XML_SUMMARY, file);
}

const ZIP_CONTENTS = `
import base64, json, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    bad = z.testzip()
    print(json.dumps({
      'bad': bad,
      'entries': {i.filename: base64.b64encode(z.read(i.filename)).decode() for i in z.infolist()},
      'modes': {i.filename: (i.external_attr >> 16) & 0o777 for i in z.infolist()},
    }))
`;

/**
 * The entries of a ZIP (read by Python's zipfile, every CRC tested), their bytes and Unix modes.
 * @param {string} file
 */
export async function readZip(file) {
  /** @type {{ bad: string | null, entries: Record<string, string>, modes: Record<string, number> }} */
  const found = await python(ZIP_CONTENTS, file);
  assert.equal(found.bad, null, `ZIP entry with a bad CRC: ${found.bad}`);
  const entries = new Map(Object.entries(found.entries).map(([n, b64]) => [n, Buffer.from(b64, 'base64')]));
  return { entries, modes: new Map(Object.entries(found.modes)) };
}

/**
 * Every file of a default generation for `team` (PKCS#8 key, default SSO URL, no legacy
 * field), saved one by one: exactly the expected names, none empty, and each checked with a
 * real tool; the ZIP holds the other seven byte for byte.
 * @param {Map<string, string>} files file name → path of the saved file
 * @param {{ team: string, fingerprint: string }} expected the team typed, the fingerprint shown
 */
export async function checkGeneratedFiles(files, { team, fingerprint }) {
  assert.deepEqual([...files.keys()].sort(), allFileNames(team).sort(), 'saved files');
  /** @type {Map<string, Buffer>} */
  const bytes = new Map();
  for (const [name, file] of files) {
    const b = await readFile(file);
    assert.ok(b.length > 0, `${name} is empty`);
    bytes.set(name, b);
  }
  const text = (/** @type {string} */ name) => /** @type {Buffer} */ (bytes.get(name)).toString('utf8');
  const file = (/** @type {string} */ name) => /** @type {string} */ (files.get(name));

  // Key and certificate: openssl accepts both and they belong together.
  assert.match(text('samlidp.key'), /^-----BEGIN PRIVATE KEY-----\n/, 'PKCS#8 by default');
  const { certBase64 } = await checkKeyAndCertificate({ key: file('samlidp.key'), crt: file('samlidp.crt'), fingerprint });

  // The API body.
  const api = JSON.parse(text('cloudflare-identity-provider.json'));
  assert.equal(api.type, 'saml');
  assert.equal(api.name, 'JumpCloud');
  assert.equal(api.config.issuer_url, ENTITY_ID(team));
  assert.equal(api.config.sso_target_url, DEFAULT_SSO_URL);
  assert.deepEqual(api.config.idp_public_certs, [certBase64], 'idp_public_certs');
  assert.equal(api.config.idp_public_cert, undefined, 'legacy field off by default');

  // Both metadata files, parsed by two independent XML parsers.
  const sp = await parseMetadata(file('sp-metadata.xml'));
  assert.equal(sp.root, '{urn:oasis:names:tc:SAML:2.0:metadata}EntityDescriptor');
  assert.equal(sp.entityID, CALLBACK(team));
  assert.deepEqual(sp.acs, [CALLBACK(team)]);
  const idp = await parseMetadata(file('idp-metadata.xml'));
  assert.equal(idp.entityID, ENTITY_ID(team));
  assert.deepEqual(idp.sso, [DEFAULT_SSO_URL, DEFAULT_SSO_URL]);
  assert.deepEqual(idp.certificates, [certBase64]);

  // Terraform names the same issuer and certificate.
  const tf = text('cloudflare-access-idp.tf');
  assert.ok(tf.includes(`issuer_url           = "${ENTITY_ID(team)}"`), `issuer_url in Terraform:\n${tf}`);
  assert.ok(tf.includes(`"${certBase64}"`), 'certificate in Terraform');

  // The reminder: CRLF line ends only (RFC 5545).
  const ics = text('samlidp-expiry.ics');
  assert.ok(ics.startsWith('BEGIN:VCALENDAR\r\n'), 'starts with BEGIN:VCALENDAR CRLF');
  assert.ok(ics.endsWith('END:VCALENDAR\r\n'), 'ends with END:VCALENDAR CRLF');
  assert.equal(ics.match(/(?<!\r)\n/g)?.length ?? 0, 0, 'bare LF line ends in the .ics');

  // The ZIP holds the seven files, byte for byte those saved one by one; Python's own
  // listing names them too, and the key is stored owner-only.
  const zipPath = file(`saml-idp-kit-${team}.zip`);
  const listing = await runTool('python3', ['-m', 'zipfile', '-l', zipPath]);
  for (const name of ZIPPED_FILES) assert.ok(listing.includes(name), `${name} not in the ZIP listing:\n${listing}`);
  const zip = await readZip(zipPath);
  assert.deepEqual([...zip.entries.keys()].sort(), [...ZIPPED_FILES].sort(), 'ZIP entries');
  for (const name of ZIPPED_FILES) {
    assert.ok(zip.entries.get(name)?.equals(/** @type {Buffer} */ (bytes.get(name))), `${name} in the ZIP differs from the one saved`);
  }
  assert.equal(zip.modes.get('samlidp.key'), 0o600, 'key mode in the ZIP');
}
