//! The text inputs that can carry a validation message: labels and DOM ids.

use super::form::FormInput;
use crate::pki::SubjectField;

/// The text inputs that can carry a validation message, in form order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// Team name.
    TeamName,
    /// JumpCloud SSO URL.
    SsoUrl,
    /// IdP Entity ID.
    IdpEntityId,
    /// Identity provider name (Cloudflare's "Name" of the identity provider).
    IdentityProviderName,
    /// JumpCloud display label.
    DisplayLabel,
    /// Common name (CN).
    CommonName,
    /// Organization (O).
    Organization,
    /// Organizational unit (OU).
    OrganizationalUnit,
    /// Locality (L).
    Locality,
    /// State or province (ST).
    StateOrProvince,
    /// Country (C).
    Country,
    /// Email address.
    EmailAddress,
    /// Validity (days).
    ValidityDays,
    /// SAML attributes.
    SamlAttributes,
    /// Email attribute name.
    EmailAttributeName,
    /// JumpCloud groups allowed.
    AllowedGroups,
    /// The SAML header rows as a whole (each row's inputs have their own labels: see
    /// [`super::HeaderPart`]).
    SamlHeaders,
}

impl Field {
    /// Every field, in form order.
    pub const ALL: [Field; 17] = [
        Field::TeamName,
        Field::SsoUrl,
        Field::IdpEntityId,
        Field::IdentityProviderName,
        Field::DisplayLabel,
        Field::CommonName,
        Field::Organization,
        Field::OrganizationalUnit,
        Field::Locality,
        Field::StateOrProvince,
        Field::Country,
        Field::EmailAddress,
        Field::ValidityDays,
        Field::SamlAttributes,
        Field::EmailAttributeName,
        Field::AllowedGroups,
        Field::SamlHeaders,
    ];

    /// The visible label (the page's contract with its tests and docs).
    pub fn label(self) -> &'static str {
        match self {
            Field::TeamName => "Team name",
            Field::SsoUrl => "JumpCloud SSO URL",
            Field::IdpEntityId => "IdP Entity ID",
            // Cloudflare's term for what it used to call a login method (cloudflare/cloudflare-docs
            // src/content/docs/cloudflare-one/integrations/identity-providers/generic-saml.mdx,
            // commit 036ae51b313f8ef78eac8719fdc2b609309bbdf3: "Choose a descriptive name for
            // your identity provider").
            Field::IdentityProviderName => "Identity provider name",
            Field::DisplayLabel => "JumpCloud display label",
            // Subject fields share pki's labels, so certificate errors name the same field.
            Field::CommonName => SubjectField::CommonName.label(),
            Field::Organization => SubjectField::Organization.label(),
            Field::OrganizationalUnit => SubjectField::OrganizationalUnit.label(),
            Field::Locality => SubjectField::Locality.label(),
            Field::StateOrProvince => SubjectField::StateOrProvince.label(),
            Field::Country => SubjectField::Country.label(),
            Field::EmailAddress => SubjectField::EmailAddress.label(),
            Field::ValidityDays => "Validity (days)",
            Field::SamlAttributes => "SAML attributes",
            Field::EmailAttributeName => "Email attribute name",
            Field::AllowedGroups => "JumpCloud groups allowed",
            Field::SamlHeaders => "SAML headers",
        }
    }

    /// A stable DOM id for the input.
    pub fn id(self) -> &'static str {
        match self {
            Field::TeamName => "team-name",
            Field::SsoUrl => "sso-url",
            Field::IdpEntityId => "idp-entity-id",
            Field::IdentityProviderName => "identity-provider-name",
            Field::DisplayLabel => "display-label",
            Field::CommonName => "common-name",
            Field::Organization => "organization",
            Field::OrganizationalUnit => "organizational-unit",
            Field::Locality => "locality",
            Field::StateOrProvince => "state-or-province",
            Field::Country => "country",
            Field::EmailAddress => "email-address",
            Field::ValidityDays => "validity-days",
            Field::SamlAttributes => "saml-attributes",
            Field::EmailAttributeName => "email-attribute-name",
            Field::AllowedGroups => "allowed-groups",
            Field::SamlHeaders => "saml-headers",
        }
    }

    /// The certificate subject attribute this field sets, if it is one.
    pub fn subject_field(self) -> Option<SubjectField> {
        match self {
            Field::CommonName => Some(SubjectField::CommonName),
            Field::Organization => Some(SubjectField::Organization),
            Field::OrganizationalUnit => Some(SubjectField::OrganizationalUnit),
            Field::Locality => Some(SubjectField::Locality),
            Field::StateOrProvince => Some(SubjectField::StateOrProvince),
            Field::Country => Some(SubjectField::Country),
            Field::EmailAddress => Some(SubjectField::EmailAddress),
            _ => None,
        }
    }
}

impl From<SubjectField> for Field {
    fn from(field: SubjectField) -> Self {
        match field {
            SubjectField::CommonName => Field::CommonName,
            SubjectField::Organization => Field::Organization,
            SubjectField::OrganizationalUnit => Field::OrganizationalUnit,
            SubjectField::Locality => Field::Locality,
            SubjectField::StateOrProvince => Field::StateOrProvince,
            SubjectField::Country => Field::Country,
            SubjectField::EmailAddress => Field::EmailAddress,
        }
    }
}

impl FormInput {
    /// The text of a text input; empty for [`Field::SamlHeaders`], which is rows, not text.
    pub fn text(&self, field: Field) -> &str {
        match field {
            Field::TeamName => &self.team_name,
            Field::SsoUrl => &self.sso_url,
            Field::IdpEntityId => &self.idp_entity_id,
            Field::IdentityProviderName => &self.identity_provider_name,
            Field::DisplayLabel => &self.display_label,
            Field::CommonName => &self.common_name,
            Field::Organization => &self.organization,
            Field::OrganizationalUnit => &self.organizational_unit,
            Field::Locality => &self.locality,
            Field::StateOrProvince => &self.state_or_province,
            Field::Country => &self.country,
            Field::EmailAddress => &self.email_address,
            Field::ValidityDays => &self.validity_days,
            Field::SamlAttributes => &self.saml_attributes,
            Field::EmailAttributeName => &self.email_attribute_name,
            Field::AllowedGroups => &self.allowed_groups,
            Field::SamlHeaders => "",
        }
    }

    /// The text of a text input, to edit; `None` for [`Field::SamlHeaders`].
    pub fn text_mut(&mut self, field: Field) -> Option<&mut String> {
        Some(match field {
            Field::TeamName => &mut self.team_name,
            Field::SsoUrl => &mut self.sso_url,
            Field::IdpEntityId => &mut self.idp_entity_id,
            Field::IdentityProviderName => &mut self.identity_provider_name,
            Field::DisplayLabel => &mut self.display_label,
            Field::CommonName => &mut self.common_name,
            Field::Organization => &mut self.organization,
            Field::OrganizationalUnit => &mut self.organizational_unit,
            Field::Locality => &mut self.locality,
            Field::StateOrProvince => &mut self.state_or_province,
            Field::Country => &mut self.country,
            Field::EmailAddress => &mut self.email_address,
            Field::ValidityDays => &mut self.validity_days,
            Field::SamlAttributes => &mut self.saml_attributes,
            Field::EmailAttributeName => &mut self.email_attribute_name,
            Field::AllowedGroups => &mut self.allowed_groups,
            Field::SamlHeaders => return None,
        })
    }
}
