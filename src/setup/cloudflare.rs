//! What Cloudflare Access needs: the dashboard values, the API body and its curl command, and
//! the same login method as Terraform.

use super::escape::hcl_string;
use super::files::{API_BODY_FILE, API_UPDATE_BODY_FILE};
use super::{NamedValue, Setup};
use crate::pki::Certificate;
use serde::Serialize;

/// The API's identity provider endpoint, with the account ID left as a shell variable.
const IDENTITY_PROVIDERS_URL: &str = "https://api.cloudflare.com/client/v4/accounts/$CLOUDFLARE_ACCOUNT_ID/access/identity_providers";

/// The values for Zero Trust → Settings → Authentication → Login methods → Add new → SAML, in
/// the dashboard's order.
pub fn dashboard_values(setup: &Setup, certificate: &Certificate) -> Vec<NamedValue> {
    let mut values = vec![
        NamedValue::new("Name", setup.login_method_name.clone()),
        NamedValue::new("Single Sign On URL", setup.sso_url.clone())
            .with_note("JumpCloud's IdP URL."),
        NamedValue::new("IdP Entity ID or Issuer URL", setup.idp_entity_id.clone())
            .with_note("Exactly the IdP Entity ID entered in JumpCloud."),
        NamedValue::new("Signing certificate", certificate.base64())
            .with_note("The certificate's base64 body, without the BEGIN and END lines."),
    ];
    for (index, attribute) in setup.attributes.iter().enumerate() {
        values.push(
            NamedValue::new(format!("SAML attribute {}", index + 1), attribute.clone())
                .with_note("Add each attribute as its own entry."),
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
    values
}

/// `POST /accounts/{account_id}/access/identity_providers` body; keys in the order of
/// Cloudflare's JumpCloud guide.
#[derive(Serialize)]
struct IdentityProvider<'a> {
    config: SamlConfig<'a>,
    #[serde(rename = "type")]
    kind: &'static str,
    name: &'a str,
}

#[derive(Serialize)]
struct SamlConfig<'a> {
    issuer_url: &'a str,
    sso_target_url: &'a str,
    attributes: &'a [String],
    /// Written as `""` when empty, as in the guide.
    email_attribute_name: &'a str,
    sign_request: bool,
    /// The legacy single certificate field, only when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    idp_public_cert: Option<String>,
    /// The current certificate list (the default).
    #[serde(skip_serializing_if = "Option::is_none")]
    idp_public_certs: Option<Vec<String>>,
}

/// `cloudflare-identity-provider.json`: the body that creates the login method (and, unchanged,
/// the body of the `PUT` that updates it), pretty-printed with two-space indent.
///
/// Certificates go into `idp_public_certs` in the order given (new first while rotating). With
/// the legacy `idp_public_cert` field, which holds one certificate, only the first is written.
pub fn api_body(setup: &Setup, certificates: &[&Certificate]) -> String {
    let base64: Vec<String> = certificates.iter().map(|c| c.base64()).collect();
    let (idp_public_cert, idp_public_certs) = if setup.legacy_certificate_field {
        (Some(base64.into_iter().next().unwrap_or_default()), None)
    } else {
        (None, Some(base64))
    };
    let body = IdentityProvider {
        config: SamlConfig {
            issuer_url: &setup.idp_entity_id,
            sso_target_url: &setup.sso_url,
            attributes: &setup.attributes,
            email_attribute_name: &setup.email_attribute_name,
            sign_request: setup.sign_request,
            idp_public_cert,
            idp_public_certs,
        },
        kind: "saml",
        name: &setup.login_method_name,
    };
    // Strings, booleans and lists of strings always serialise; an empty body would fail every
    // test that parses it.
    let mut json = serde_json::to_string_pretty(&body).unwrap_or_default();
    json.push('\n');
    json
}

/// Whether [`api_body`] leaves certificates out: the legacy field holds only one.
pub fn legacy_field_drops_certificates(setup: &Setup, certificates: &[&Certificate]) -> bool {
    setup.legacy_certificate_field && certificates.len() > 1
}

/// The comment lines both curl commands start with. Only the team name (a checked DNS label)
/// comes from the form; everything else is fixed text.
fn curl_preamble(setup: &Setup, action: &str, extra_exports: &str, body_file: &str) -> String {
    format!(
        "# {action} for the Cloudflare Access team {team}.\n\
         # The API token needs permission to edit Access identity providers\n\
         # (Account > Access: Organizations, Identity Providers, and Groups > Edit).\n\
         # Set the account ID, and read the token without echoing it or saving it in history:\n\
         #   export CLOUDFLARE_ACCOUNT_ID=<your account ID>\n\
         {extra_exports}\
         #   read -rs CLOUDFLARE_API_TOKEN && export CLOUDFLARE_API_TOKEN\n\
         # Then run this in the folder that holds {body_file}:\n",
        team = setup.team.as_str(),
    )
}

/// The command that sends `cloudflare-identity-provider.json` to the API.
///
/// User text never enters the shell line: the body travels in the JSON file, and the account ID
/// and token stay shell variables that the user sets.
pub fn curl_command(setup: &Setup) -> String {
    format!(
        "{preamble}curl --fail-with-body --request POST \\\n  \
         \"{IDENTITY_PROVIDERS_URL}\" \\\n  \
         --header \"Authorization: Bearer $CLOUDFLARE_API_TOKEN\" \\\n  \
         --header \"Content-Type: application/json\" \\\n  \
         --data @{API_BODY_FILE}\n",
        preamble = curl_preamble(
            setup,
            "Creates the JumpCloud SAML login method",
            "",
            API_BODY_FILE
        ),
    )
}

/// The command that replaces an existing login method's settings (`PUT …/{id}`) with
/// `cloudflare-identity-provider-update.json`, whose content is [`api_body`]. The login
/// method's ID stays a shell variable too.
pub fn update_curl_command(setup: &Setup) -> String {
    format!(
        "{preamble}curl --fail-with-body --request PUT \\\n  \
         \"{IDENTITY_PROVIDERS_URL}/$CLOUDFLARE_IDP_ID\" \\\n  \
         --header \"Authorization: Bearer $CLOUDFLARE_API_TOKEN\" \\\n  \
         --header \"Content-Type: application/json\" \\\n  \
         --data @{API_UPDATE_BODY_FILE}\n",
        preamble = curl_preamble(
            setup,
            "Updates the JumpCloud SAML login method",
            "#   export CLOUDFLARE_IDP_ID=<the login method's ID>\n",
            API_UPDATE_BODY_FILE
        ),
    )
}

/// `cloudflare-access-idp.tf`: the login method as a
/// `cloudflare_zero_trust_access_identity_provider` for the Cloudflare provider v5, with the
/// account ID as a variable. v5 only has the `idp_public_certs` list, so the legacy choice does
/// not apply here. The layout is what `terraform fmt` produces.
pub fn terraform(setup: &Setup, certificates: &[&Certificate]) -> String {
    let attributes = setup
        .attributes
        .iter()
        .map(|name| hcl_string(name))
        .collect::<Vec<_>>()
        .join(", ");
    let certificates: String = certificates
        .iter()
        .map(|certificate| format!("      {},\n", hcl_string(&certificate.base64())))
        .collect();
    format!(
        r#"# The JumpCloud SAML login method for the Cloudflare Access team {team}.
# Cloudflare Terraform provider v5; it reads the API token from CLOUDFLARE_API_TOKEN.
# terraform apply -var cloudflare_account_id=<your account ID>

terraform {{
  required_providers {{
    cloudflare = {{
      source  = "cloudflare/cloudflare"
      version = "~> 5.0"
    }}
  }}
}}

variable "cloudflare_account_id" {{
  description = "Cloudflare account ID (dashboard: Account home > Account ID)"
  type        = string
}}

resource "cloudflare_zero_trust_access_identity_provider" "jumpcloud" {{
  account_id = var.cloudflare_account_id
  name       = {name}
  type       = "saml"
  config = {{
    issuer_url           = {issuer_url}
    sso_target_url       = {sso_target_url}
    attributes           = [{attributes}]
    email_attribute_name = {email_attribute_name}
    sign_request         = {sign_request}
    idp_public_certs = [
{certificates}    ]
  }}
}}
"#,
        team = setup.team.as_str(),
        name = hcl_string(&setup.login_method_name),
        issuer_url = hcl_string(&setup.idp_entity_id),
        sso_target_url = hcl_string(&setup.sso_url),
        email_attribute_name = hcl_string(&setup.email_attribute_name),
        sign_request = setup.sign_request,
    )
}
