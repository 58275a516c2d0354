// What every downloaded file must be, checked with real tools (openssl, Python's XML and ZIP
// modules), for the WebDriver runs. The same checks as scenario 1 of ../page.test.mjs.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

import {
  CALLBACK,
  DEFAULT_SSO_URL,
  ENTITY_ID,
  ZIPPED_FILES,
  allFileNames,
  parseMetadata,
  pemBody,
  readZip,
  runTool,
} from '../lib/page.mjs';

/**
 * @param {Map<string, string>} files file name → path of the saved file
 * @param {{ team: string, fingerprint: string }} expected
 */
export async function checkFiles(files, { team, fingerprint }) {
  assert.deepEqual([...files.keys()].sort(), allFileNames(team).sort(), 'downloaded files');
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
  const crt = file('samlidp.crt');
  const key = file('samlidp.key');
  assert.match(text('samlidp.key'), /^-----BEGIN PRIVATE KEY-----\n/, 'PKCS#8 by default');
  assert.match(await runTool('openssl', ['verify', '-CAfile', crt, crt]), /: OK\n$/);
  assert.match(await runTool('openssl', ['pkey', '-check', '-noout', '-in', key]), /Key is valid/);
  const keyModulus = await runTool('openssl', ['rsa', '-noout', '-modulus', '-in', key]);
  const crtModulus = await runTool('openssl', ['x509', '-noout', '-modulus', '-in', crt]);
  assert.equal(keyModulus, crtModulus, 'key and certificate moduli differ');
  assert.equal(keyModulus.trim().length, 'Modulus='.length + 512, 'an RSA-2048 modulus');
  const opensslFingerprint = await runTool('openssl', ['x509', '-noout', '-fingerprint', '-sha256', '-in', crt]);
  assert.equal(opensslFingerprint.trim().split('=')[1].toUpperCase(), fingerprint.toUpperCase(), 'shown fingerprint');
  const certBase64 = pemBody(text('samlidp.crt'));

  // The API body.
  const api = JSON.parse(text('cloudflare-identity-provider.json'));
  assert.equal(api.type, 'saml');
  assert.equal(api.config.issuer_url, ENTITY_ID(team));
  assert.equal(api.config.sso_target_url, DEFAULT_SSO_URL);
  assert.deepEqual(api.config.idp_public_certs, [certBase64], 'idp_public_certs');

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
  assert.ok(tf.includes(`"${ENTITY_ID(team)}"`), `issuer_url in Terraform:\n${tf}`);
  assert.ok(tf.includes(`"${certBase64}"`), 'certificate in Terraform');

  // The reminder: CRLF line ends only (RFC 5545).
  const ics = text('samlidp-expiry.ics');
  assert.ok(ics.startsWith('BEGIN:VCALENDAR\r\n'), 'starts with BEGIN:VCALENDAR CRLF');
  assert.ok(ics.endsWith('END:VCALENDAR\r\n'), 'ends with END:VCALENDAR CRLF');
  assert.equal(ics.match(/(?<!\r)\n/g)?.length ?? 0, 0, 'bare LF line ends in the .ics');

  // The ZIP holds the seven files, byte for byte those downloaded one by one.
  const zipPath = file(`saml-idp-kit-${team}.zip`);
  const zip = await readZip(zipPath);
  assert.equal(zip.entries.size, 7, 'seven files in the ZIP');
  assert.deepEqual([...zip.entries.keys()].sort(), [...ZIPPED_FILES].sort(), 'ZIP entries');
  for (const name of ZIPPED_FILES) {
    assert.ok(zip.entries.get(name)?.equals(/** @type {Buffer} */ (bytes.get(name))), `${name} in the ZIP differs from the one downloaded`);
  }
  assert.equal(zip.modes.get('samlidp.key'), 0o600, 'key mode in the ZIP');
}
