// What the page shows and produces, independent of the engine that drives it: its words
// (heading, button labels), the values it derives from a team name, and the files it offers.
// Playwright scenarios (../*.test.mjs) and the WebDriver flow (../webdriver/flow.mjs) both
// import from here, so a renamed button or file changes one line.

/** The heading Yew renders once the app is mounted. */
export const APP_HEADING = 'SAML IdP Kit';

/** The Generate button's label when idle (it says "Generating…" while busy). */
export const GENERATE_LABEL = 'Generate key and certificate';

/** The team the scenarios type. */
export const TEAM = 'acme';

/** Cloudflare's callback (SP Entity ID and ACS URL) for a team. @param {string} team */
export const CALLBACK = (team) => `https://${team}.cloudflareaccess.com/cdn-cgi/access/callback`;

/** The IdP Entity ID the page proposes for a team. @param {string} team */
export const ENTITY_ID = (team) => `https://${team}.cloudflareaccess.com/`;

/** The JumpCloud SSO URL the page fills in until the user changes it. */
export const DEFAULT_SSO_URL = 'https://sso.jumpcloud.com/saml2/cloudflare-access';

/** How a SHA-256 fingerprint is shown: 32 colon-separated hex pairs. */
export const FINGERPRINT_FORMAT = /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/i;

/** Every file the page offers after generating, in page order, for team `team`. @param {string} team */
export function allFileNames(team) {
  return [
    'samlidp.key',
    'samlidp.crt',
    'sp-metadata.xml',
    'idp-metadata.xml',
    'cloudflare-identity-provider.json',
    'cloudflare-access-idp.tf',
    'samlidp-expiry.ics',
    `saml-idp-kit-${team}.zip`,
  ];
}

/** The files inside the ZIP (every file but the ZIP itself). */
export const ZIPPED_FILES = allFileNames('x').filter((n) => !n.endsWith('.zip'));

/**
 * The label of the download button for `name`: "Download all (<zip>)" for the ZIP, else
 * "Download <name>".
 * @param {string} name
 */
export function downloadLabel(name) {
  return name.endsWith('.zip') ? `Download all (${name})` : `Download ${name}`;
}
