//! What to enter in JumpCloud's SSO application, in the order of its screens: the display
//! label, then the SSO tab down to the attribute mapping, then the certificate and key upload.
//!
//! Field names: JumpCloud's articles "SSO Application Connector Fields" (Display Label, IdP
//! Entity ID, SP Entity ID, ACS URLs, SAMLSubject NameID, SAMLSubject NameID Format, Signature
//! Algorithm, IdP URL, attributes) and "Manage Public Certificate and Private Key Pairs"
//! (Actions → Upload New certificate, Actions → Upload IdP Key); the step order is in
//! [`super::guide`].

use super::files::{CERT_FILE, KEY_FILE};
use super::options::{GROUPS_ATTRIBUTE, INCLUDE_GROUP_ATTRIBUTE_LABEL};
use super::{NAME_ID_FORMAT_EMAIL, NamedValue, Setup, TeamName};

/// The SAMLSubject NameID: the user's email, which Cloudflare uses as the identity.
pub const NAME_ID: &str = "email";
/// The signature algorithm matching the RSA key and Cloudflare's expectations.
pub const SIGNATURE_ALGORITHM: &str = "RSA-SHA256";
/// The fixed part of JumpCloud's IdP URL; the form only lets the user type what follows it.
pub const IDP_URL_PREFIX: &str = "https://sso.jumpcloud.com/saml2/";
/// JumpCloud's label for the ACS URL field and its first entry ("SSO Application Connector
/// Fields": "ACS URLs"; the first entry is the Default URL).
pub const ACS_URL_LABEL: &str = "ACS URLs: Default URL";
/// The Actions menu item that uploads the certificate ("Manage Public Certificate and Private
/// Key Pairs": "Go to Actions and then select Upload New certificate").
pub const UPLOAD_CERTIFICATE_LABEL: &str = "Actions → Upload New certificate";
/// The Actions menu item that uploads the key (same article: "Go to Actions and then select
/// Upload IdP Key").
pub const UPLOAD_KEY_LABEL: &str = "Actions → Upload IdP Key";

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
        NamedValue::new(ACS_URL_LABEL, callback)
            .with_note("Where JumpCloud posts the signed response: the same callback URL."),
        NamedValue::new("SAMLSubject NameID", NAME_ID),
        NamedValue::new("SAMLSubject NameID Format", NAME_ID_FORMAT_EMAIL),
        NamedValue::new("Signature Algorithm", SIGNATURE_ALGORITHM),
    ]
}

/// The two uploads of the generated pair, through the application's Actions menu. JumpCloud
/// keeps certificate and key as a pair: uploading a certificate wipes the stored key.
pub fn upload_values() -> Vec<NamedValue> {
    vec![
        NamedValue::new(UPLOAD_CERTIFICATE_LABEL, CERT_FILE)
            .with_note("Choose this file. Uploading a certificate wipes the key JumpCloud holds: upload the key next."),
        NamedValue::new(UPLOAD_KEY_LABEL, KEY_FILE)
            .with_note(format!("Choose this file, the key that belongs to {CERT_FILE}.")),
    ]
}

/// Every value for JumpCloud's screens, in order: Display Label, the SSO tab (IdP Entity ID,
/// SP Entity ID … IdP URL, one row per attribute, the group attribute), then the two uploads.
pub fn values(setup: &Setup) -> Vec<NamedValue> {
    let mut values = sso_tab_values(setup);
    values.extend(attribute_values(setup));
    values.extend(upload_values());
    values
}

/// Display Label and the SSO tab's fields down to the IdP URL.
pub fn sso_tab_values(setup: &Setup) -> Vec<NamedValue> {
    let sp = sp_values(&setup.team, &setup.display_label);
    let mut values = Vec::with_capacity(sp.len() + 2);
    let mut sp = sp.into_iter();
    values.extend(sp.next()); // Display Label, on General Info.
    values.push(
        NamedValue::new("IdP Entity ID", setup.idp_entity_id.clone())
            .with_note("Must be exactly Cloudflare's IdP Entity ID or Issuer URL."),
    );
    values.extend(sp); // SP Entity ID … Signature Algorithm.
    values.push(
        NamedValue::new("IdP URL", setup.sso_url.clone()).with_note(idp_url_note(&setup.sso_url)),
    );
    values
}

/// The attribute mapping rows, then "Include group attribute" when the group attribute is on
/// (that attribute is JumpCloud's own setting, not a mapping row).
pub fn attribute_values(setup: &Setup) -> Vec<NamedValue> {
    let mut values = Vec::new();
    let mappings = attribute_mappings(setup);
    for (index, (provider, jumpcloud)) in mappings.into_iter().enumerate() {
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
    if setup.groups_attribute {
        values.push(
            NamedValue::new(INCLUDE_GROUP_ATTRIBUTE_LABEL, GROUPS_ATTRIBUTE).with_note(
                "Tick it and enter exactly groups: Cloudflare reads group membership only under this name.",
            ),
        );
    }
    values
}

fn idp_url_note(sso_url: &str) -> String {
    let fixed = "It cannot be changed once the app is saved, and must be exactly Cloudflare's Single Sign on URL.";
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
///
/// `groups` is left out when the group attribute is on: JumpCloud sends it through "Include
/// group attribute" instead.
pub fn attribute_mappings(setup: &Setup) -> Vec<(String, String)> {
    setup
        .attributes
        .iter()
        .filter(|name| !(setup.groups_attribute && name.as_str() == GROUPS_ATTRIBUTE))
        .map(|name| (name.clone(), jumpcloud_attribute(name).to_owned()))
        .collect()
}
