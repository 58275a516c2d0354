//! The validated form: what every output is a pure function of (with the certificate).

use super::options::{HeaderAttribute, JumpCloudApp, ScimOptions, TerraformProvider};
use super::team::TeamName;
use crate::pki::{CertificateOptions, KeyFormat, KeySize};

/// A validated form: everything the outputs need besides the key and certificate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Setup {
    /// The Cloudflare team.
    pub team: TeamName,
    /// Which JumpCloud application the steps describe.
    pub jumpcloud_app: JumpCloudApp,
    /// JumpCloud's IdP URL (Cloudflare's Single Sign On URL).
    pub sso_url: String,
    /// The IdP Entity ID, identical in JumpCloud and Cloudflare (`issuer_url`).
    pub idp_entity_id: String,
    /// The identity provider's name in Cloudflare.
    pub identity_provider_name: String,
    /// The SSO app's display label in JumpCloud.
    pub display_label: String,
    /// SAML attribute names Cloudflare reads, in the order typed, without duplicates; ends
    /// with `groups` when the group attribute is on.
    pub attributes: Vec<String>,
    /// Cloudflare's email attribute name; empty means "use the NameID".
    pub email_attribute_name: String,
    /// Whether Cloudflare signs its SAML requests.
    pub sign_request: bool,
    /// SCIM settings, when SCIM is on.
    pub scim: Option<ScimOptions>,
    /// Whether JumpCloud sends the `groups` attribute.
    pub groups_attribute: bool,
    /// JumpCloud groups an Access group admits (empty without the group attribute).
    pub allowed_groups: Vec<String>,
    /// SAML headers passed to the protected application.
    pub header_attributes: Vec<HeaderAttribute>,
    /// Which Terraform provider the `.tf` file targets.
    pub terraform_provider: TerraformProvider,
    /// Whether Cloudflare asks JumpCloud to authenticate the user afresh on every sign-in
    /// (`config.force_authn`, API only).
    pub force_authn: bool,
    /// What the certificate says.
    pub certificate: CertificateOptions,
    /// RSA key size.
    pub key_size: KeySize,
    /// Private key file format.
    pub key_format: KeyFormat,
}
