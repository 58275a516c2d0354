//! `cloudflare-access-idp.tf`: the identity provider (and, for JumpCloud groups, an Access
//! group) for the Cloudflare Terraform provider v5 or v4.52, with the account ID as a variable.
//! The layout is what `terraform fmt` produces.
//!
//! Attribute names and types: v5 from cloudflare/terraform-provider-cloudflare commit
//! a2efdc5786ae9726d56928dbfe91933bd92404ca (internal/services/zero_trust_access_identity_provider/
//! schema.go, internal/services/zero_trust_access_group/schema.go); v4 from tag v4.52.8 (commit
//! d0f563812c311f48bc2501273d615ed978ca01ea, internal/sdkv2provider/
//! schema_cloudflare_access_identity_provider.go and schema_cloudflare_access_group.go). The
//! lists are test fixtures under `tests/fixtures/schemas/`.

use super::Setup;
use super::cloudflare::access_group_name;
use super::escape::hcl_string;
use super::options::{GROUPS_ATTRIBUTE, TerraformProvider};
use super::rotation::Rotation;
use crate::pki::Certificate;
use core::fmt::Write;

/// The reference to the identity provider's ID, for the Access group's rules.
pub const IDENTITY_PROVIDER_ID_REFERENCE: &str =
    "cloudflare_zero_trust_access_identity_provider.jumpcloud.id";

/// What the chosen options ask for that the v4 provider cannot write, one sentence each; empty
/// for v5. The page shows these next to the "Terraform provider" select, and the v4 file
/// carries them as comments.
pub fn v4_limits(setup: &Setup, certificate_count: usize) -> Vec<String> {
    let mut limits = Vec::new();
    if setup.terraform_provider != TerraformProvider::V4 {
        return limits;
    }
    if certificate_count > 1 {
        limits.push(
            "v4 has a single idp_public_cert: only the first (new) certificate is written; add the others in the dashboard or with the API body."
                .to_owned(),
        );
    }
    if !setup.header_attributes.is_empty() {
        limits.push(
            "v4 has no SAML headers (header_attributes): add them in the dashboard or with the API body."
                .to_owned(),
        );
    }
    if setup.force_authn {
        // v4.52.8's schema_cloudflare_access_identity_provider.go has no force_authn.
        limits.push(FORCE_AUTHN_NOT_IN_V4.to_owned());
    }
    limits
}

/// Why `force_authn` is not in the v4 file (the page lists it with the other v4 limits).
const FORCE_AUTHN_NOT_IN_V4: &str = "v4 has no force_authn (Ask JumpCloud to sign in again every time): set it with the API body, which carries it.";

/// Why `force_authn` is not in the v5 file: the newest provider read, tag v5.22.0 (commit
/// a2efdc5786ae9726d56928dbfe91933bd92404ca, 2026-07-10), has no such attribute in
/// internal/services/zero_trust_access_identity_provider/schema.go, so no version constraint
/// can make Terraform write it.
const FORCE_AUTHN_NOT_IN_V5: &str = "force_authn (Ask JumpCloud to sign in again every time) is API-only: the provider (v5.22.0) has no such attribute; set it with the API body, which carries it.";

/// `cloudflare-access-idp.tf` for the provider chosen in the setup. Certificates in the order
/// given.
pub fn terraform(setup: &Setup, certificates: &[&Certificate]) -> String {
    write_terraform(setup, certificates, None)
}

/// `cloudflare-access-idp.tf` while rotating: the update's certificates (new first, then the
/// current ones while overlapping), each current certificate's line marked for deletion once
/// the test sign-in works; for v4, which holds one certificate, the order to switch in.
pub fn rotation_terraform(rotation: &Rotation<'_>) -> String {
    let certificates = rotation.update_certificates();
    write_terraform(rotation.setup, &certificates, Some(rotation.overlaps()))
}

/// The comment on a current certificate's line while rotating (v5).
pub const CURRENT_CERTIFICATE_COMMENT: &str = "# current certificate (the next line): delete it once a test sign-in works with the new one, then apply again";

/// `rotating`: `None` for a new setup; `Some(overlap)` while rotating, where `overlap` says
/// whether the certificates after the first are the current ones kept for the switch.
fn write_terraform(setup: &Setup, certificates: &[&Certificate], rotating: Option<bool>) -> String {
    let v4 = setup.terraform_provider == TerraformProvider::V4;
    let mut out = format!(
        "# The JumpCloud SAML identity provider for the Cloudflare Access team {team}.\n\
         # Cloudflare Terraform provider {major}; it reads the API token from CLOUDFLARE_API_TOKEN.\n\
         # terraform apply -var cloudflare_account_id=<your account ID>\n",
        team = setup.team.as_str(),
        major = if v4 { "v4.52" } else { "v5" },
    );
    for limit in v4_limits(setup, certificates.len()) {
        let _ = writeln!(out, "# Not written: {limit}");
    }
    if setup.force_authn && !v4 {
        let _ = writeln!(out, "# Not written: {FORCE_AUTHN_NOT_IN_V5}");
    }
    match rotating {
        Some(true) if v4 => out.push_str(
            "# Rotating: v4 holds one certificate, so it cannot trust both during the switch.\n\
             # Send cloudflare-identity-provider-update.json first (it keeps both), upload the new\n\
             # pair in JumpCloud and test a sign-in; then apply this file, which trusts the new\n\
             # certificate alone.\n",
        ),
        Some(true) => out.push_str(
            "# Rotating: apply now (Cloudflare trusts the new and the current certificate), upload the\n\
             # new pair in JumpCloud, test a sign-in, then delete the current certificate's line\n\
             # and apply again.\n",
        ),
        Some(false) => out.push_str(
            "# Rotating without overlap: Cloudflare trusts only the new certificate once applied, so\n\
             # upload the new pair in JumpCloud right after applying.\n",
        ),
        None => {}
    }
    let _ = write!(
        out,
        r#"
terraform {{
  required_providers {{
    cloudflare = {{
      source  = "cloudflare/cloudflare"
      version = "{version}"
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
"#,
        version = setup.terraform_provider.version_constraint(),
        name = hcl_string(&setup.identity_provider_name),
    );
    let attributes = setup
        .attributes
        .iter()
        .map(|name| hcl_string(name))
        .collect::<Vec<_>>()
        .join(", ");
    let common = format!(
        "    issuer_url           = {}\n    \
         sso_target_url       = {}\n    \
         attributes           = [{attributes}]\n    \
         email_attribute_name = {}\n    \
         sign_request         = {}\n",
        hcl_string(&setup.idp_entity_id),
        hcl_string(&setup.sso_url),
        hcl_string(&setup.email_attribute_name),
        setup.sign_request,
    );
    if v4 {
        // v4: `config` and `scim_config` are blocks; one `idp_public_cert` string.
        out.push_str("  config {\n");
        out.push_str(&common);
        if let Some(first) = certificates.first() {
            let _ = writeln!(
                out,
                "    idp_public_cert      = {}",
                hcl_string(&first.base64())
            );
        }
        out.push_str("  }\n");
    } else {
        out.push_str("  config = {\n");
        out.push_str(&common);
        out.push_str("    idp_public_certs = [\n");
        for (index, certificate) in certificates.iter().enumerate() {
            if index > 0 && rotating == Some(true) {
                let _ = writeln!(out, "      {CURRENT_CERTIFICATE_COMMENT}");
            }
            let _ = writeln!(out, "      {},", hcl_string(&certificate.base64()));
        }
        out.push_str("    ]\n");
        if !setup.header_attributes.is_empty() {
            out.push_str("    header_attributes = [\n");
            for header in &setup.header_attributes {
                let _ = write!(
                    out,
                    "      {{\n        attribute_name = {}\n        header_name    = {}\n      }},\n",
                    hcl_string(&header.attribute_name),
                    hcl_string(&header.header_name),
                );
            }
            out.push_str("    ]\n");
        }
        out.push_str("  }\n");
    }
    if let Some(scim) = setup.scim {
        let open = if v4 {
            "scim_config {"
        } else {
            "scim_config = {"
        };
        let _ = write!(
            out,
            "  {open}\n    \
             enabled                  = true\n    \
             user_deprovision         = {}\n    \
             seat_deprovision         = {}\n    \
             identity_update_behavior = \"{}\"\n  }}\n",
            scim.user_deprovision,
            scim.seat_deprovision && scim.user_deprovision,
            scim.identity_update_behavior.api_value(),
        );
    }
    out.push_str("}\n");
    if !setup.allowed_groups.is_empty() {
        access_group(&mut out, setup, v4);
    }
    out
}

/// The `cloudflare_zero_trust_access_group` admitting the listed JumpCloud groups.
fn access_group(out: &mut String, setup: &Setup, v4: bool) {
    let _ = write!(
        out,
        "\n# Admits users of this identity provider whose JumpCloud groups include one listed.\n\
         resource \"cloudflare_zero_trust_access_group\" \"jumpcloud\" {{\n  \
         account_id = var.cloudflare_account_id\n  \
         name       = {}\n",
        hcl_string(&access_group_name(setup)),
    );
    let rule = |indent: &str, group: &str| {
        format!(
            "{indent}attribute_name       = \"{GROUPS_ATTRIBUTE}\"\n\
             {indent}attribute_value      = {}\n\
             {indent}identity_provider_id = {IDENTITY_PROVIDER_ID_REFERENCE}\n",
            hcl_string(group)
        )
    };
    if v4 {
        for group in &setup.allowed_groups {
            let _ = write!(
                out,
                "  include {{\n    saml {{\n{}    }}\n  }}\n",
                rule("      ", group)
            );
        }
    } else {
        out.push_str("  include = [\n");
        for group in &setup.allowed_groups {
            let _ = write!(
                out,
                "    {{\n      saml = {{\n{}      }}\n    }},\n",
                rule("        ", group)
            );
        }
        out.push_str("  ]\n");
    }
    out.push_str("}\n");
}
