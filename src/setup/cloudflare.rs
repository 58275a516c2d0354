//! What Cloudflare One needs: the identity provider form's values and the API bodies (the
//! identity provider and, for JumpCloud groups, an Access group). The curl commands are in
//! [`super::curl`], Terraform in [`super::terraform`].
//!
//! Field names and the body shape follow Cloudflare's API schema (cloudflare/api-schemas
//! openapi.json, commit ebdfba7e8ee533e5ae625088257e226d62b5662c, `access_saml` and
//! `access_saml_group_rule`) and the current generated provider (cloudflare/terraform-provider-
//! cloudflare, commit a2efdc5786ae9726d56928dbfe91933bd92404ca,
//! internal/services/zero_trust_access_identity_provider/schema.go and
//! internal/services/zero_trust_access_group/schema.go); the saved pieces are test fixtures
//! under `tests/fixtures/schemas/`.

use super::options::{GROUPS_ATTRIBUTE, HeaderAttribute, ScimOptions};
use super::{NamedValue, Setup};
use crate::pki::Certificate;
use serde::Serialize;

/// Placeholder for the identity provider's ID in `cloudflare-access-group.json`, replaced by
/// the curl commands (with `jq`) or written as a reference in Terraform.
pub const IDENTITY_PROVIDER_ID_PLACEHOLDER: &str = "<IDENTITY_PROVIDER_ID>";
/// The prefix of the Access group's name.
pub const ACCESS_GROUP_NAME_PREFIX: &str = "JumpCloud: ";

/// The values for Cloudflare One's identity provider form (Integrations → Identity providers
/// → Add new identity provider → SAML), in the form's order: the required fields, then
/// "Optional configurations".
pub fn dashboard_values(setup: &Setup, certificate: &Certificate) -> Vec<NamedValue> {
    // Field names: cloudflare/cloudflare-docs
    // src/content/docs/cloudflare-one/integrations/identity-providers/generic-saml.mdx, commit
    // 036ae51b313f8ef78eac8719fdc2b609309bbdf3 ("Choose a descriptive name for your identity
    // provider", "Enter the **Single Sign on URL**, **IdP Entity ID or Issuer URL**, and
    // **Signing certificate**").
    let mut values = vec![
        NamedValue::new("Name", setup.identity_provider_name.clone())
            .with_note("The identity provider name users see on the login page."),
        NamedValue::new("Single Sign on URL", setup.sso_url.clone())
            .with_note("JumpCloud's IdP URL."),
        NamedValue::new("IdP Entity ID or Issuer URL", setup.idp_entity_id.clone())
            .with_note("Exactly the IdP Entity ID entered in JumpCloud."),
        NamedValue::new("Signing certificate", certificate.base64())
            .with_note("The certificate's base64 body, without the BEGIN and END lines."),
    ];
    // Same page, "Optional configurations": SAML attributes, Email attribute name, SAML
    // headers (Attribute name, Header name), Sign SAML authentication request.
    for (index, attribute) in setup.attributes.iter().enumerate() {
        let note = if setup.groups_attribute && attribute == GROUPS_ATTRIBUTE {
            "Add each attribute as its own entry. groups carries the user's JumpCloud groups."
        } else {
            "Add each attribute as its own entry."
        };
        values.push(
            NamedValue::new(format!("SAML attribute {}", index + 1), attribute.clone())
                .with_note(note),
        );
    }
    let email_note = if setup.email_attribute_name.is_empty() {
        "Leave empty: JumpCloud sends the email as the NameID."
    } else {
        "The SAML attribute that carries the user's email."
    };
    values.push(
        NamedValue::new("Email attribute name", setup.email_attribute_name.clone())
            .with_note(email_note),
    );
    for (index, header) in setup.header_attributes.iter().enumerate() {
        values.push(
            NamedValue::new(
                format!("SAML header {}: Attribute name", index + 1),
                header.attribute_name.clone(),
            )
            .with_note(format!("Header name: {}", header.header_name)),
        );
    }
    let (sign, sign_note) = if setup.sign_request {
        (
            "On",
            format!(
                "Cloudflare signs its SAML requests; give JumpCloud Cloudflare's certificate from {} as SP Certificate.",
                setup.team.sp_metadata_url()
            ),
        )
    } else {
        (
            "Off",
            "Leave off: JumpCloud does not need signed requests.".to_owned(),
        )
    };
    values.push(NamedValue::new("Sign SAML authentication request", sign).with_note(sign_note));
    if setup.force_authn {
        // API only: the form has no such field (see the label's sources).
        values.push(
            NamedValue::new(super::options::sign_in::FORCE_AUTHN_LABEL, "API only").with_note(
                "The dashboard has no such setting: set force_authn with the API body, which carries it.",
            ),
        );
    }
    values
}

/// `POST /accounts/{account_id}/access/identity_providers` body; keys in the order of
/// Cloudflare's JumpCloud guide, `scim_config` last.
#[derive(Serialize)]
struct IdentityProvider<'a> {
    config: SamlConfig<'a>,
    #[serde(rename = "type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    scim_config: Option<ScimConfig>,
}

/// `config` of a SAML identity provider (`access_saml`).
#[derive(Serialize)]
struct SamlConfig<'a> {
    issuer_url: &'a str,
    sso_target_url: &'a str,
    attributes: &'a [String],
    /// Written as `""` when empty, as in the guide.
    email_attribute_name: &'a str,
    sign_request: bool,
    /// The certificate list; the schema declares no single-certificate field.
    idp_public_certs: Vec<String>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    header_attributes: &'a [HeaderAttribute],
    /// "Asks the IdP to reauthenticate the user for each SAML authentication request" (API
    /// only; the `cloudflare` npm package 7.3.0, `AccessSAML.Config.force_authn?: boolean`).
    /// Written only when on, so the bodies without it stay as they were.
    #[serde(skip_serializing_if = "core::ops::Not::not")]
    force_authn: bool,
}

/// `scim_config` of an identity provider (`secret` and `scim_base_url` are read-only).
#[derive(Serialize)]
struct ScimConfig {
    enabled: bool,
    user_deprovision: bool,
    seat_deprovision: bool,
    identity_update_behavior: &'static str,
}

impl From<ScimOptions> for ScimConfig {
    fn from(options: ScimOptions) -> Self {
        ScimConfig {
            enabled: true,
            user_deprovision: options.user_deprovision,
            seat_deprovision: options.seat_deprovision && options.user_deprovision,
            identity_update_behavior: options.identity_update_behavior.api_value(),
        }
    }
}

/// Pretty JSON with two-space indent and a final newline. Every value here is a string, a
/// boolean or a list of them, so serialising cannot fail; an empty body would fail every test
/// that parses it.
fn to_json<T: Serialize>(value: &T) -> String {
    let mut json = serde_json::to_string_pretty(value).unwrap_or_default();
    json.push('\n');
    json
}

/// `cloudflare-identity-provider.json`: the body that creates the identity provider (and,
/// unchanged, the body of the `PUT` that updates it).
///
/// Certificates go into `idp_public_certs` in the order given (new first while rotating).
pub fn api_body(setup: &Setup, certificates: &[&Certificate]) -> String {
    to_json(&IdentityProvider {
        config: SamlConfig {
            issuer_url: &setup.idp_entity_id,
            sso_target_url: &setup.sso_url,
            attributes: &setup.attributes,
            email_attribute_name: &setup.email_attribute_name,
            sign_request: setup.sign_request,
            idp_public_certs: certificates.iter().map(|c| c.base64()).collect(),
            header_attributes: &setup.header_attributes,
            force_authn: setup.force_authn,
        },
        kind: "saml",
        name: &setup.identity_provider_name,
        scim_config: setup.scim.map(ScimConfig::from),
    })
}

/// `POST /accounts/{account_id}/access/groups` body.
#[derive(Serialize)]
struct AccessGroup<'a> {
    name: String,
    include: Vec<SamlRule<'a>>,
}

/// One include rule: `{"saml": {…}}` (`access_saml_group_rule`).
#[derive(Serialize)]
struct SamlRule<'a> {
    saml: SamlGroup<'a>,
}

#[derive(Serialize)]
struct SamlGroup<'a> {
    attribute_name: &'static str,
    attribute_value: &'a str,
    identity_provider_id: &'static str,
}

/// The Access group's name: "JumpCloud: " and the groups joined by ", ".
pub fn access_group_name(setup: &Setup) -> String {
    format!(
        "{ACCESS_GROUP_NAME_PREFIX}{}",
        setup.allowed_groups.join(", ")
    )
}

/// Whether `setup` has an Access group: when it allows only some JumpCloud groups.
pub fn makes_access_group(setup: &Setup) -> bool {
    !setup.allowed_groups.is_empty()
}

/// `cloudflare-access-group.json`, when the setup lists JumpCloud groups: an Access group that
/// includes anyone whose `groups` SAML attribute holds one of them, from this identity
/// provider (its ID left as [`IDENTITY_PROVIDER_ID_PLACEHOLDER`]).
pub fn access_group_body(setup: &Setup) -> Option<String> {
    if !makes_access_group(setup) {
        return None;
    }
    Some(to_json(&AccessGroup {
        name: access_group_name(setup),
        include: setup
            .allowed_groups
            .iter()
            .map(|group| SamlRule {
                saml: SamlGroup {
                    attribute_name: GROUPS_ATTRIBUTE,
                    attribute_value: group,
                    identity_provider_id: IDENTITY_PROVIDER_ID_PLACEHOLDER,
                },
            })
            .collect(),
    }))
}

pub use super::curl::{
    curl_command, final_curl_command, list_identity_providers_command, update_curl_command,
};
pub use super::terraform::terraform;
