// SAML responses made at test time, shaped like JumpCloud's (Response > Issuer, Status,
// Assertion) and signed by the real xmlsec1 with the key the page generated, for the "Check a
// SAML response" scenarios of both runners (../response-check.test.mjs in Chromium,
// ../webdriver/flow.mjs in Firefox and WebKit). The same shape and signature template as
// tests/fixtures/saml-response/make_fixtures.py, with times around now.
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

import { runTool } from './files.mjs';

const PROTOCOL = 'urn:oasis:names:tc:SAML:2.0:protocol';
const ASSERTION = 'urn:oasis:names:tc:SAML:2.0:assertion';

/**
 * A script for the page (Playwright's evaluate or WebDriver's execute) that returns the values
 * the response must carry, as the page shows them: the IdP Entity ID input and the JumpCloud
 * values "SP Entity ID" and "ACS URLs: Default URL".
 */
export const PAGE_VALUES_SCRIPT = `
  const row = (label) => [...document.querySelectorAll('#jumpcloud dl.values .value-row')]
    .find((r) => r.querySelector('dt')?.textContent?.trim() === label)
    ?.querySelector('code.value')?.textContent ?? null;
  return {
    idpEntityId: document.querySelector('#idp-entity-id')?.value ?? null,
    spEntityId: row('SP Entity ID'),
    acsUrl: row('ACS URLs: Default URL'),
  };
`;

/** `xs:dateTime` in UTC without fractions. @param {number} ms */
function instant(ms) {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A fresh XML ID. */
function newId() {
  return `_${randomBytes(16).toString('hex')}`;
}

/**
 * The unsigned response, with an xmlsec1 signature template in the Assertion after its Issuer
 * (enveloped, exclusive c14n, RSA-SHA256, SHA-256; KeyInfo filled by xmlsec1).
 * @param {{ idpEntityId: string, spEntityId: string, acsUrl: string, nameId: string, now?: number }} values
 */
export function responseTemplate({ idpEntityId, spEntityId, acsUrl, nameId, now = Date.now() }) {
  const [responseId, assertionId] = [newId(), newId()];
  const issued = instant(now);
  const notBefore = instant(now - 60_000);
  const notOnOrAfter = instant(now + 5 * 60_000);
  const sessionEnd = instant(now + 8 * 3600_000);
  const signature = `<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/><ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/><ds:Reference URI="#${assertionId}"><ds:Transforms><ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/><ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/></ds:Transforms><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue/></ds:Reference></ds:SignedInfo><ds:SignatureValue/><ds:KeyInfo><ds:X509Data/></ds:KeyInfo></ds:Signature>`;
  return `<samlp:Response xmlns:samlp="${PROTOCOL}" xmlns:saml="${ASSERTION}" Destination="${acsUrl}" ID="${responseId}" IssueInstant="${issued}" Version="2.0">
  <saml:Issuer>${idpEntityId}</saml:Issuer>
  <samlp:Status>
    <samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/>
  </samlp:Status>
  <saml:Assertion ID="${assertionId}" IssueInstant="${issued}" Version="2.0">
    <saml:Issuer>${idpEntityId}</saml:Issuer>${signature}
    <saml:Subject>
      <saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">${nameId}</saml:NameID>
      <saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">
        <saml:SubjectConfirmationData NotOnOrAfter="${notOnOrAfter}" Recipient="${acsUrl}"/>
      </saml:SubjectConfirmation>
    </saml:Subject>
    <saml:Conditions NotBefore="${notBefore}" NotOnOrAfter="${notOnOrAfter}">
      <saml:AudienceRestriction>
        <saml:Audience>${spEntityId}</saml:Audience>
      </saml:AudienceRestriction>
    </saml:Conditions>
    <saml:AuthnStatement AuthnInstant="${issued}" SessionIndex="${assertionId}" SessionNotOnOrAfter="${sessionEnd}">
      <saml:AuthnContext>
        <saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:unspecified</saml:AuthnContextClassRef>
      </saml:AuthnContext>
    </saml:AuthnStatement>
    <saml:AttributeStatement>
      <saml:Attribute Name="email" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:basic">
        <saml:AttributeValue>${nameId}</saml:AttributeValue>
      </saml:Attribute>
    </saml:AttributeStatement>
  </saml:Assertion>
</samlp:Response>
`;
}

/** The arguments that tell xmlsec1 which attributes are IDs. */
const ID_ATTRIBUTES = ['--id-attr:ID', `${PROTOCOL}:Response`, '--id-attr:ID', `${ASSERTION}:Assertion`];

/**
 * Signs the template's Assertion with xmlsec1 using the downloaded key and certificate, and
 * checks the signature with xmlsec1 too. Returns the signed XML.
 * @param {string} template @param {{ key: string, crt: string, dir: string }} files
 */
export async function signWithXmlsec(template, { key, crt, dir }) {
  const unsigned = path.join(dir, 'response-template.xml');
  await writeFile(unsigned, template);
  const signed = await runTool('xmlsec1', ['--sign', '--privkey-pem', `${key},${crt}`, ...ID_ATTRIBUTES, unsigned]);
  const out = path.join(dir, 'response-signed.xml');
  await writeFile(out, signed);
  await runTool('xmlsec1', ['--verify', '--pubkey-cert-pem', crt, ...ID_ATTRIBUTES, out]);
  return signed;
}

/**
 * A signed response for the page's values, and the same response with its NameID changed
 * after signing (the signature no longer matches).
 * @param {{ idpEntityId: string, spEntityId: string, acsUrl: string }} values as the page shows them
 * @param {{ key: string, crt: string, dir: string }} files the downloaded samlidp.key and samlidp.crt, a temp dir
 */
export async function signedAndTampered(values, files) {
  const nameId = 'ada@example.com';
  const signed = await signWithXmlsec(responseTemplate({ ...values, nameId }), files);
  const tampered = signed.replace(`>${nameId}</saml:NameID>`, '>eve@example.com</saml:NameID>');
  if (tampered === signed) throw new Error('the NameID was not found in the signed response');
  return { signed, tampered, nameId };
}

/** The base64 `SAMLResponse` value a browser posts (what users usually paste). @param {string} xml */
export function samlResponseValue(xml) {
  return Buffer.from(xml, 'utf8').toString('base64');
}
