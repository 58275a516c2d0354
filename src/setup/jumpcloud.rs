//! What to enter in JumpCloud's SSO app (Custom SAML App), in the order of its form: the
//! display label on General Info, then the SSO tab from the key and certificate uploads down
//! to the attribute mapping.

use super::files::{CERT_FILE, KEY_FILE};
use super::{NAME_ID_FORMAT_EMAIL, NamedValue, Setup, TeamName};

/// The SAMLSubject NameID: the user's email, which Cloudflare uses as the identity.
pub const NAME_ID: &str = "email";
/// The signature algorithm matching the RSA key and Cloudflare's expectations.
pub const SIGNATURE_ALGORITHM: &str = "RSA-SHA256";
/// The fixed part of JumpCloud's IdP URL; the form only lets the user type what follows it.
pub const IDP_URL_PREFIX: &str = "https://sso.jumpcloud.com/saml2/";

fn display_label(label: &str) -> NamedValue {
    NamedValue::new("Display Label", label).with_note("On the General Info tab.")
}

/// The values that need no key and no other input than the team: shown as soon as the team
/// name is valid. They appear in [`values`] in the same order.
pub fn sp_values(team: &TeamName, display_label_text: &str) -> Vec<NamedValue> {
    let callback = team.callback_url();
    vec![
        display_label(display_label_text),
        NamedValue::new("SP Entity ID", callback.clone())
            .with_note("Cloudflare's callback URL, which identifies Cloudflare to JumpCloud."),
        NamedValue::new("ACS URL", callback)
            .with_note("The default ACS URL: where JumpCloud posts the signed response."),
        NamedValue::new("SAMLSubject NameID", NAME_ID),
        NamedValue::new("SAMLSubject NameID Format", NAME_ID_FORMAT_EMAIL),
        NamedValue::new("Signature Algorithm", SIGNATURE_ALGORITHM),
    ]
}

/// Every value for JumpCloud's form, in its order, including which file to upload as IdP
/// private key and IdP certificate and one row per attribute.
pub fn values(setup: &Setup) -> Vec<NamedValue> {
    let sp = sp_values(&setup.team, &setup.display_label);
    let mut values = Vec::with_capacity(sp.len() + 4 + setup.attributes.len());
    let mut sp = sp.into_iter();
    values.extend(sp.next()); // Display Label, on General Info.
    values.push(NamedValue::new("IdP Private Key", KEY_FILE).with_note(format!(
        "Upload this file. JumpCloud keeps key and certificate as a pair: upload {CERT_FILE} with it."
    )));
    values.push(NamedValue::new("IdP Certificate", CERT_FILE).with_note("Upload this file."));
    values.push(
        NamedValue::new("IdP Entity ID", setup.idp_entity_id.clone())
            .with_note("Must be exactly Cloudflare's IdP Entity ID or Issuer URL."),
    );
    values.extend(sp); // SP Entity ID … Signature Algorithm.
    values.push(
        NamedValue::new("IdP URL", setup.sso_url.clone()).with_note(idp_url_note(&setup.sso_url)),
    );
    for (index, (provider, jumpcloud)) in attribute_mappings(setup).into_iter().enumerate() {
        let known = provider != jumpcloud || is_jumpcloud_attribute(&jumpcloud);
        let note = if known {
            format!("JumpCloud Attribute Name: {jumpcloud}")
        } else {
            "JumpCloud Attribute Name: choose the JumpCloud attribute that holds this value."
                .to_owned()
        };
        values.push(
            NamedValue::new(
                format!("Attribute {}: Service Provider Attribute Name", index + 1),
                provider,
            )
            .with_note(note),
        );
    }
    values
}

fn idp_url_note(sso_url: &str) -> String {
    let fixed = "It cannot be changed once the app is saved, and must be exactly Cloudflare's Single Sign On URL.";
    match sso_url.strip_prefix(IDP_URL_PREFIX) {
        Some(suffix) if !suffix.is_empty() => {
            format!("JumpCloud shows {IDP_URL_PREFIX}; type {suffix} after it. {fixed}")
        }
        _ => fixed.to_owned(),
    }
}

/// JumpCloud user attributes offered in its attribute mapping that the names below map to.
const JUMPCLOUD_ATTRIBUTES: [&str; 5] =
    ["email", "username", "displayname", "firstname", "lastname"];

fn is_jumpcloud_attribute(name: &str) -> bool {
    JUMPCLOUD_ATTRIBUTES.contains(&name)
}

/// The JumpCloud attribute that best carries a service provider attribute name, matched
/// case-insensitively on common spellings; an unknown name maps to itself.
fn jumpcloud_attribute(provider: &str) -> &str {
    match provider.to_ascii_lowercase().as_str() {
        "email" | "mail" | "emailaddress" | "email_address" => "email",
        "username" | "user_name" | "uid" => "username",
        "name" | "displayname" | "display_name" | "fullname" | "full_name" => "displayname",
        "firstname" | "first_name" | "givenname" | "given_name" => "firstname",
        "lastname" | "last_name" | "surname" | "familyname" | "family_name" => "lastname",
        _ => provider,
    }
}

/// One row per Cloudflare attribute: (service provider attribute name, JumpCloud attribute),
/// e.g. `email` → `email`, `username` → `username`, `name` → `displayname`.
pub fn attribute_mappings(setup: &Setup) -> Vec<(String, String)> {
    setup
        .attributes
        .iter()
        .map(|name| (name.clone(), jumpcloud_attribute(name).to_owned()))
        .collect()
}
