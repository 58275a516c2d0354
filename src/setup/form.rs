//! The form: raw input as typed, its normalisation, and validation into a [`Setup`].
//!
//! Validation always works on the normalised input (trimmed, team name reduced to its label,
//! country upper-cased), so what the user sees after leaving a field is exactly what is checked
//! and used.

pub(crate) use super::checks::{check_entity_id, check_https_url};
pub use super::checks::{parse_allowed_groups, parse_attributes};
pub use super::field::Field;
pub use super::team::{MAX_TEAM_NAME_CHARS, TEAM_NAME_HINT, TeamName, normalise_team_name};
pub use super::validated::Setup;

use super::checks::{
    Problems, check_email_attribute_name, check_name, check_saml_headers, parse_validity_days,
};
use super::error::FormError;
use super::options::{
    GROUPS_ATTRIBUTE, HeaderPart, IdentityUpdateBehavior, JumpCloudApp, SamlHeaderInput,
    ScimOptions, TerraformProvider,
};
use crate::pki::{
    CertificateOptions, CertificateProfile, DEFAULT_VALIDITY_DAYS, KeyFormat, KeySize, Subject,
};

/// JumpCloud's IdP URL for an app whose URL name is `cloudflare-access`.
pub const DEFAULT_SSO_URL: &str = "https://sso.jumpcloud.com/saml2/cloudflare-access";
/// The identity provider's name in Cloudflare.
pub const DEFAULT_IDENTITY_PROVIDER_NAME: &str = "JumpCloud";
/// The SSO app's display label in JumpCloud.
pub const DEFAULT_DISPLAY_LABEL: &str = "Cloudflare Access";
/// The SAML attributes Cloudflare's JumpCloud guide asks for.
pub const DEFAULT_SAML_ATTRIBUTES: &str = "email, name, username";
/// Longest identity provider name, display label or attribute name accepted.
pub const MAX_NAME_CHARS: usize = 256;
/// Longest IdP Entity ID accepted.
pub const MAX_ENTITY_ID_CHARS: usize = 1024;
/// Longest SSO URL accepted.
pub const MAX_URL_CHARS: usize = 2048;

/// Characters a URL may hold unescaped (RFC 3986 unreserved, reserved and `%`).
pub(super) const URL_PUNCTUATION: &str = "-._~:/?#[]@!$&'()*+,;=%";
/// Quote characters refused in attribute and group names: they are almost always pasted by
/// mistake (`"email", "name"`), and no IdP attribute name needs them.
pub(super) const QUOTES: [char; 6] = ['"', '\'', '\u{201C}', '\u{201D}', '\u{2018}', '\u{2019}'];

/// The form as typed. Persisted (without key or certificate) while the user asks for it.
///
/// `Default` gives the documented defaults; [`super::stored`] reads inputs saved by an older
/// version with new fields at their defaults (and ignores fields that no longer exist).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct FormInput {
    /// The `<team>` of `<team>.cloudflareaccess.com`, or anything pasted that contains it.
    pub team_name: String,
    /// Which JumpCloud application the admin creates.
    pub jumpcloud_app: JumpCloudApp,
    /// JumpCloud's IdP URL for the SSO app.
    pub sso_url: String,
    /// The IdP Entity ID as typed; only used once `idp_entity_id_edited` is set.
    pub idp_entity_id: String,
    /// Whether the user edited the IdP Entity ID; until then it follows the team name.
    pub idp_entity_id_edited: bool,
    /// The identity provider's name in Cloudflare ("Identity provider name").
    pub identity_provider_name: String,
    /// The SSO app's display label in JumpCloud.
    pub display_label: String,
    /// Certificate subject CN.
    pub common_name: String,
    /// Certificate subject O (optional).
    pub organization: String,
    /// Certificate subject OU (optional).
    pub organizational_unit: String,
    /// Certificate subject L (optional).
    pub locality: String,
    /// Certificate subject ST (optional).
    pub state_or_province: String,
    /// Certificate subject C (optional, two letters).
    pub country: String,
    /// Certificate subject emailAddress (optional).
    pub email_address: String,
    /// Certificate lifetime in days, as typed.
    pub validity_days: String,
    /// RSA key size.
    pub key_size: KeySize,
    /// Private key file format.
    pub key_format: KeyFormat,
    /// Certificate extensions profile.
    pub profile: CertificateProfile,
    /// SAML attribute names for Cloudflare, separated by commas and/or whitespace.
    pub saml_attributes: String,
    /// Cloudflare's email attribute name; empty means "use the NameID".
    pub email_attribute_name: String,
    /// Whether Cloudflare signs its SAML requests.
    pub sign_request: bool,
    /// "Enable SCIM".
    pub scim_enabled: bool,
    /// "Enable user deprovisioning" (only used with SCIM).
    pub scim_user_deprovision: bool,
    /// "Remove user seat on deprovision" (only used with SCIM and user deprovisioning).
    pub scim_seat_deprovision: bool,
    /// "SCIM identity update behavior" (only used with SCIM).
    pub scim_identity_update_behavior: IdentityUpdateBehavior,
    /// "Include group attribute": JumpCloud sends `groups`, Cloudflare reads it.
    pub include_groups_attribute: bool,
    /// "JumpCloud groups allowed", comma-separated (only used with the group attribute).
    pub allowed_groups: String,
    /// SAML header rows, in order.
    pub saml_headers: Vec<SamlHeaderInput>,
    /// "Terraform provider".
    pub terraform_provider: TerraformProvider,
    /// "Ask JumpCloud to sign in again every time": the API's `config.force_authn`.
    pub force_authn: bool,
}

impl Default for FormInput {
    fn default() -> Self {
        FormInput {
            team_name: String::new(),
            jumpcloud_app: JumpCloudApp::default(),
            sso_url: DEFAULT_SSO_URL.to_owned(),
            idp_entity_id: String::new(),
            idp_entity_id_edited: false,
            identity_provider_name: DEFAULT_IDENTITY_PROVIDER_NAME.to_owned(),
            display_label: DEFAULT_DISPLAY_LABEL.to_owned(),
            common_name: Subject::default().common_name,
            organization: String::new(),
            organizational_unit: String::new(),
            locality: String::new(),
            state_or_province: String::new(),
            country: String::new(),
            email_address: String::new(),
            validity_days: DEFAULT_VALIDITY_DAYS.to_string(),
            key_size: KeySize::default(),
            key_format: KeyFormat::default(),
            profile: CertificateProfile::default(),
            saml_attributes: DEFAULT_SAML_ATTRIBUTES.to_owned(),
            email_attribute_name: String::new(),
            sign_request: false,
            scim_enabled: false,
            scim_user_deprovision: false,
            scim_seat_deprovision: false,
            scim_identity_update_behavior: IdentityUpdateBehavior::default(),
            include_groups_attribute: false,
            allowed_groups: String::new(),
            saml_headers: Vec::new(),
            terraform_provider: TerraformProvider::default(),
            force_authn: false,
        }
    }
}

impl FormInput {
    /// The team name, when it is valid after normalisation. Enough for the key-free values
    /// (SP Entity ID, ACS URL, SP metadata) shown before generating.
    pub fn team(&self) -> Option<TeamName> {
        normalise_team_name(&self.team_name).ok()
    }

    /// The IdP Entity ID in effect: the edited value, or the default following the team name
    /// (empty while the team name is empty or invalid and the value was not edited).
    pub fn effective_idp_entity_id(&self) -> String {
        if self.idp_entity_id_edited {
            self.idp_entity_id.clone()
        } else {
            self.team()
                .map(|team| team.default_idp_entity_id())
                .unwrap_or_default()
        }
    }

    /// What the fields show once the user leaves them: surrounding whitespace trimmed, the team
    /// name reduced to its label, the country upper-cased, attribute and group lists written as
    /// `a, b, c`, seat deprovisioning off while user deprovisioning is off, and the IdP Entity
    /// ID following the team until edited. Invalid values stay as typed (trimmed) so the user
    /// can fix them.
    pub fn normalised(&self) -> FormInput {
        let trim = |text: &str| text.trim().to_owned();
        let team_name = match normalise_team_name(&self.team_name) {
            Ok(team) => team.as_str().to_owned(),
            Err(_) => trim(&self.team_name),
        };
        let mut normalised = FormInput {
            team_name,
            sso_url: trim(&self.sso_url),
            idp_entity_id: trim(&self.idp_entity_id),
            identity_provider_name: trim(&self.identity_provider_name),
            display_label: trim(&self.display_label),
            common_name: trim(&self.common_name),
            organization: trim(&self.organization),
            organizational_unit: trim(&self.organizational_unit),
            locality: trim(&self.locality),
            state_or_province: trim(&self.state_or_province),
            country: self.country.trim().to_ascii_uppercase(),
            email_address: trim(&self.email_address),
            validity_days: trim(&self.validity_days),
            saml_attributes: match parse_attributes(&self.saml_attributes) {
                Ok(names) => names.join(", "),
                Err(_) => trim(&self.saml_attributes),
            },
            email_attribute_name: trim(&self.email_attribute_name),
            // The API refuses seat deprovisioning without user deprovisioning.
            scim_seat_deprovision: self.scim_seat_deprovision && self.scim_user_deprovision,
            allowed_groups: match parse_allowed_groups(&self.allowed_groups) {
                Ok(groups) => groups.join(", "),
                Err(_) => trim(&self.allowed_groups),
            },
            saml_headers: self
                .saml_headers
                .iter()
                .map(|row| SamlHeaderInput {
                    attribute_name: trim(&row.attribute_name),
                    header_name: trim(&row.header_name),
                })
                .collect(),
            ..self.clone()
        };
        if !normalised.idp_entity_id_edited {
            normalised.idp_entity_id = normalised.effective_idp_entity_id();
        }
        normalised
    }

    /// One message per bad field, in form order; empty when the form is valid.
    pub fn problems(&self) -> Vec<(Field, FormError)> {
        self.validate().err().unwrap_or_default()
    }

    /// The message for one field, if it is bad.
    pub fn problem(&self, field: Field) -> Option<FormError> {
        self.problems()
            .into_iter()
            .find(|(bad, _)| *bad == field)
            .map(|(_, message)| message)
    }

    /// One message per bad SAML header input, as (row, part, message), rows counted from 0.
    /// [`FormInput::validate`] reports the first of them under [`Field::SamlHeaders`].
    pub fn saml_header_problems(&self) -> Vec<(usize, HeaderPart, FormError)> {
        check_saml_headers(&self.saml_headers)
            .err()
            .unwrap_or_default()
    }

    /// Checks every field of the normalised input and returns the setup, or one message per
    /// bad field in form order.
    ///
    /// While the IdP Entity ID follows an invalid team name, only the team name gets a message.
    pub fn validate(&self) -> Result<Setup, Vec<(Field, FormError)>> {
        let input = self.normalised();
        let mut problems = Problems::default();

        let team = problems.check(Field::TeamName, normalise_team_name(&input.team_name));
        let sso_url = problems.check(Field::SsoUrl, check_https_url(&input.sso_url));
        let idp_entity_id = if input.idp_entity_id_edited || team.is_some() {
            problems.check(Field::IdpEntityId, check_entity_id(&input.idp_entity_id))
        } else {
            None
        };
        let identity_provider_name = problems.check(
            Field::IdentityProviderName,
            check_name(
                &input.identity_provider_name,
                Field::IdentityProviderName,
                "Enter an identity provider name, for example JumpCloud.",
            ),
        );
        let display_label = problems.check(
            Field::DisplayLabel,
            check_name(
                &input.display_label,
                Field::DisplayLabel,
                "Enter a display label, for example Cloudflare Access.",
            ),
        );
        let subject = input.subject();
        let subject_problems = subject.problems();
        for (field, error) in &subject_problems {
            problems.push(Field::from(*field), FormError::Subject(error.clone()));
        }
        let subject = subject_problems.is_empty().then_some(subject);
        let validity_days = problems.check(
            Field::ValidityDays,
            parse_validity_days(&input.validity_days),
        );
        let attributes = problems
            .check(
                Field::SamlAttributes,
                parse_attributes(&input.saml_attributes),
            )
            .map(|mut names| {
                if input.include_groups_attribute && !names.iter().any(|n| n == GROUPS_ATTRIBUTE) {
                    names.push(GROUPS_ATTRIBUTE.to_owned());
                }
                names
            });
        let email_attribute_name = problems.check(
            Field::EmailAttributeName,
            check_email_attribute_name(&input.email_attribute_name),
        );
        let allowed_groups = if input.include_groups_attribute {
            problems.check(
                Field::AllowedGroups,
                parse_allowed_groups(&input.allowed_groups),
            )
        } else {
            Some(Vec::new())
        };
        let header_attributes = match check_saml_headers(&input.saml_headers) {
            Ok(headers) => Some(headers),
            Err(rows) => {
                if let Some((row, part, error)) = rows.into_iter().next() {
                    problems.push(
                        Field::SamlHeaders,
                        FormError::SamlHeaderRow {
                            row,
                            part,
                            error: Box::new(error),
                        },
                    );
                }
                None
            }
        };

        let (
            Some(team),
            Some(sso_url),
            Some(idp_entity_id),
            Some(identity_provider_name),
            Some(display_label),
            Some(subject),
            Some(validity_days),
            Some(attributes),
            Some(email_attribute_name),
            Some(allowed_groups),
            Some(header_attributes),
        ) = (
            team,
            sso_url,
            idp_entity_id,
            identity_provider_name,
            display_label,
            subject,
            validity_days,
            attributes,
            email_attribute_name,
            allowed_groups,
            header_attributes,
        )
        else {
            return Err(problems.into_sorted());
        };
        Ok(Setup {
            team,
            jumpcloud_app: input.jumpcloud_app,
            sso_url,
            idp_entity_id,
            identity_provider_name,
            display_label,
            attributes,
            email_attribute_name,
            sign_request: input.sign_request,
            scim: input.scim_enabled.then_some(ScimOptions {
                user_deprovision: input.scim_user_deprovision,
                seat_deprovision: input.scim_seat_deprovision,
                identity_update_behavior: input.scim_identity_update_behavior,
            }),
            groups_attribute: input.include_groups_attribute,
            allowed_groups,
            header_attributes,
            terraform_provider: input.terraform_provider,
            force_authn: input.force_authn,
            certificate: CertificateOptions {
                subject,
                validity_days,
                profile: input.profile,
            },
            key_size: input.key_size,
            key_format: input.key_format,
        })
    }

    /// The certificate subject, with empty optional fields left out.
    fn subject(&self) -> Subject {
        let optional = |text: &str| (!text.is_empty()).then(|| text.to_owned());
        Subject {
            common_name: self.common_name.clone(),
            organization: optional(&self.organization),
            organizational_unit: optional(&self.organizational_unit),
            locality: optional(&self.locality),
            state_or_province: optional(&self.state_or_province),
            country: optional(&self.country),
            email_address: optional(&self.email_address),
        }
    }
}
