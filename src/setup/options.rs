//! The choices on the form besides text: which JumpCloud app, SCIM, and the Terraform provider.
//!
//! Every label here is the console's own wording, cited next to it; `docs/consoles.md` lists
//! the same facts with their sources.

use serde::Serialize;

/// Which JumpCloud SSO application the admin creates.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum JumpCloudApp {
    /// JumpCloud's catalog application "Cloudflare Access" (cloudflare/cloudflare-docs
    /// src/content/docs/cloudflare-one/integrations/identity-providers/jumpcloud-saml.mdx,
    /// commit 036ae51b313f8ef78eac8719fdc2b609309bbdf3: "enter `Cloudflare` and select the
    /// **Cloudflare Access** application").
    #[default]
    Catalog,
    /// JumpCloud's "Custom SAML App" (JumpCloud article "SSO using Custom SAML Application
    /// Connectors": "Also known as the Custom SAML App").
    Custom,
}

impl JumpCloudApp {
    /// Both choices, default first.
    pub const ALL: [JumpCloudApp; 2] = [JumpCloudApp::Catalog, JumpCloudApp::Custom];
    /// The radio group's legend.
    pub const LEGEND: &'static str = "JumpCloud app";

    /// The option's label on the page.
    pub fn label(self) -> &'static str {
        match self {
            JumpCloudApp::Catalog => "Catalog app: Cloudflare Access",
            JumpCloudApp::Custom => "Custom SAML app",
        }
    }

    /// A stable DOM id for the option.
    pub fn id(self) -> &'static str {
        match self {
            JumpCloudApp::Catalog => "jumpcloud-app-catalog",
            JumpCloudApp::Custom => "jumpcloud-app-custom",
        }
    }
}

/// What Cloudflare does when JumpCloud sends an updated identity through SCIM: the API's
/// `scim_config.identity_update_behavior` (cloudflare/terraform-provider-cloudflare
/// internal/services/zero_trust_access_identity_provider/schema.go, commit
/// a2efdc5786ae9726d56928dbfe91933bd92404ca: one of "automatic", "reauth", "no_action",
/// default "no_action").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IdentityUpdateBehavior {
    /// `automatic`
    Automatic,
    /// `reauth`
    Reauth,
    /// `no_action` (the API's default).
    #[default]
    NoAction,
}

impl IdentityUpdateBehavior {
    /// Every option, in the dashboard's order.
    pub const ALL: [IdentityUpdateBehavior; 3] = [
        IdentityUpdateBehavior::Automatic,
        IdentityUpdateBehavior::Reauth,
        IdentityUpdateBehavior::NoAction,
    ];
    /// The select's label (cloudflare/cloudflare-docs
    /// src/content/partials/cloudflare-one/access/enable-scim-on-dashboard.mdx, commit
    /// 05b5f46cc6746674e33228fbac8b6ebaf4a19001: "**SCIM identity update behavior**").
    pub const LABEL: &'static str = "SCIM identity update behavior";

    /// The dashboard's name for the option (same partial: "_Automatic identity updates_",
    /// "_Group membership change reauthentication_", "_No action_").
    pub fn label(self) -> &'static str {
        match self {
            IdentityUpdateBehavior::Automatic => "Automatic identity updates",
            IdentityUpdateBehavior::Reauth => "Group membership change reauthentication",
            IdentityUpdateBehavior::NoAction => "No action",
        }
    }

    /// The API value.
    pub fn api_value(self) -> &'static str {
        match self {
            IdentityUpdateBehavior::Automatic => "automatic",
            IdentityUpdateBehavior::Reauth => "reauth",
            IdentityUpdateBehavior::NoAction => "no_action",
        }
    }
}

/// SCIM provisioning settings of the identity provider, when SCIM is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ScimOptions {
    /// "Enable user deprovisioning": `user_deprovision`.
    pub user_deprovision: bool,
    /// "Remove user seat on deprovision": `seat_deprovision`; only ever true together with
    /// `user_deprovision` (the API schema: "This cannot be enabled unless user_deprovision is
    /// also enabled").
    pub seat_deprovision: bool,
    /// "SCIM identity update behavior".
    pub identity_update_behavior: IdentityUpdateBehavior,
}

/// The checkbox labels of the SCIM settings (cloudflare/cloudflare-docs
/// src/content/partials/cloudflare-one/access/enable-scim-on-dashboard.mdx, commit
/// 05b5f46cc6746674e33228fbac8b6ebaf4a19001).
pub mod scim_labels {
    /// "Turn on **Enable SCIM**."
    pub const ENABLE: &str = "Enable SCIM";
    /// "**Enable user deprovisioning**"
    pub const USER_DEPROVISION: &str = "Enable user deprovisioning";
    /// "**Remove user seat on deprovision**"
    pub const SEAT_DEPROVISION: &str = "Remove user seat on deprovision";
}

/// Which Cloudflare Terraform provider the `.tf` file is written for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TerraformProvider {
    /// v5, the current major version.
    #[default]
    V5,
    /// v4.52.x, pinned `~> 4.52`.
    V4,
}

impl TerraformProvider {
    /// Both choices, default first.
    pub const ALL: [TerraformProvider; 2] = [TerraformProvider::V5, TerraformProvider::V4];
    /// The select's label.
    pub const LABEL: &'static str = "Terraform provider";

    /// The option's label.
    pub fn label(self) -> &'static str {
        match self {
            TerraformProvider::V5 => "v5 (current)",
            TerraformProvider::V4 => "v4",
        }
    }

    /// The `version` constraint written into `required_providers`.
    pub fn version_constraint(self) -> &'static str {
        match self {
            TerraformProvider::V5 => "~> 5.0",
            TerraformProvider::V4 => "~> 4.52",
        }
    }
}

/// The attribute name JumpCloud's "Include group attribute" must carry (cloudflare/cloudflare-docs
/// src/content/docs/cloudflare-one/integrations/identity-providers/jumpcloud-saml.mdx, commit
/// 036ae51b313f8ef78eac8719fdc2b609309bbdf3: "The group attribute name has to exactly match
/// `groups`").
pub const GROUPS_ATTRIBUTE: &str = "groups";
/// The checkbox label, JumpCloud's own (same guide: "select **Include group attribute**").
pub const INCLUDE_GROUP_ATTRIBUTE_LABEL: &str = "Include group attribute";

/// One SAML header row as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SamlHeaderInput {
    /// The SAML attribute to pass on.
    pub attribute_name: String,
    /// The HTTP header that carries it.
    pub header_name: String,
}

/// One validated SAML header: `config.header_attributes[]` in the API (cloudflare/api-schemas
/// openapi.json, commit ebdfba7e8ee533e5ae625088257e226d62b5662c, `access_saml`:
/// `header_attributes: [{attribute_name, header_name}]`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct HeaderAttribute {
    /// "attribute name from the IDP".
    pub attribute_name: String,
    /// "header that will be added on the request to the origin".
    pub header_name: String,
}

/// Which half of a SAML header row a message belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HeaderPart {
    /// "SAML header attribute name N".
    AttributeName,
    /// "SAML header name N".
    HeaderName,
}

impl HeaderPart {
    /// The input's label for row `index` (0-based; the page counts from 1).
    pub fn label(self, index: usize) -> String {
        match self {
            HeaderPart::AttributeName => format!("SAML header attribute name {}", index + 1),
            HeaderPart::HeaderName => format!("SAML header name {}", index + 1),
        }
    }

    /// A stable DOM id for the input of row `index`.
    pub fn id(self, index: usize) -> String {
        match self {
            HeaderPart::AttributeName => format!("saml-header-attribute-name-{}", index + 1),
            HeaderPart::HeaderName => format!("saml-header-name-{}", index + 1),
        }
    }
}

/// The label of the button that adds a row.
pub const ADD_SAML_HEADER_LABEL: &str = "Add SAML header";

/// The label of the button that removes row `index` (0-based).
pub fn remove_saml_header_label(index: usize) -> String {
    format!("Remove SAML header {}", index + 1)
}

/// Cloudflare's SAML options beyond the dashboard form: `config.force_authn`, and why the kit
/// offers no assertion encryption. `docs/consoles.md` lists the same facts with their sources.
pub mod sign_in {
    /// The checkbox that sets `config.force_authn: true`. The field is API-only: Cloudflare's
    /// API as published in the official `cloudflare` npm package 7.3.0 (2026-10-03, generated
    /// from Cloudflare's OpenAPI spec), resources/zero-trust/identity-providers/
    /// identity-providers.d.ts, `AccessSAML.Config.force_authn?: boolean`: "Asks the IdP to
    /// reauthenticate the user for each SAML authentication request"; documented as API-only
    /// by cloudflare/cloudflare-docs pull request 33371 "Document SAML ForceAuthn" (merged,
    /// opened 2026-09-10). The dashboard form and the Terraform provider (v5.22.0, the newest
    /// tag, 2026-07-10; v4.52.8) have no such setting.
    pub const FORCE_AUTHN_LABEL: &str = "Ask JumpCloud to sign in again every time";
    /// A stable DOM id for the checkbox.
    pub const FORCE_AUTHN_ID: &str = "force-authn";
    /// The checkbox's help. Whether JumpCloud honours `ForceAuthn` is not documented: none of
    /// the JumpCloud support articles found for "ForceAuthn", "AuthnRequest" and
    /// "reauthenticate" ("SSO Application Connector Fields", "SAML Configuration Notes",
    /// "Get Started: SAML Single Sign-on (SSO)") mentions ForceAuthn or re-authentication on
    /// the service provider's request.
    pub const FORCE_AUTHN_HELP: &str = "Sets the API's force_authn: Cloudflare asks JumpCloud to reauthenticate the user for each SAML authentication request (ForceAuthn) instead of reusing its session. API only: the dashboard and the Terraform provider have no such setting; the API body carries it. JumpCloud's documentation does not say whether it honours ForceAuthn: test it once.";
    /// Said once beside the Cloudflare options. Cloudflare's "Encrypt SAML assertions"
    /// (cloudflare/cloudflare-docs pull request 31220, merged 2026-06-03, generic-saml.mdx;
    /// API `config.enable_encryption` with `saml_certificate_set_id`) needs the identity
    /// provider to encrypt its assertions with Cloudflare's certificate. JumpCloud's connectors
    /// do not: the "SSO Application Connector Fields" article lists no encryption field, and
    /// its only SP certificate, "SP Certificate", is "the public certificate used by SPs for
    /// SAML Requests".
    pub const NO_ENCRYPTION_NOTE: &str = "JumpCloud does not encrypt SAML assertions: its SSO connectors have no encryption setting (their SP Certificate is for SAML requests). So Cloudflare's \"Encrypt SAML assertions\" must stay off for this identity provider.";
}
