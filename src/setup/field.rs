//! The text inputs that can carry a validation message, declared once: labels, DOM ids,
//! storage keys and the `FormInput` member each one edits.

use super::form::FormInput;
use crate::pki::SubjectField;

/// Declares the form's fields once, in form order: each variant with the `FormInput` member
/// that holds its text, its DOM id and its visible label. `Field::ALL`, [`Field::label`],
/// [`Field::id`], [`Field::stored_key`] (the member's name, which is also its key in the
/// remembered JSON) and [`FormInput::text`] / [`FormInput::text_mut`] all follow from this one
/// table; validation is per field in `FormInput::validate`, reported under these variants.
macro_rules! fields {
    (
        $(
            $(#[$doc:meta])*
            $variant:ident => $member:ident, $id:literal, $label:expr;
        )*
        @rows
        $(#[$rows_doc:meta])*
        $rows:ident, $rows_id:literal, $rows_label:expr;
    ) => {
        /// The text inputs that can carry a validation message, in form order.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Field {
            $( $(#[$doc])* $variant, )*
            $(#[$rows_doc])*
            $rows,
        }

        impl Field {
            /// Every field, in form order.
            pub const ALL: [Field; fields!(@count $($variant)* $rows)] =
                [$(Field::$variant,)* Field::$rows];

            /// The visible label (the page's contract with its tests and docs).
            pub fn label(self) -> &'static str {
                match self {
                    $( Field::$variant => $label, )*
                    Field::$rows => $rows_label,
                }
            }

            /// A stable DOM id for the input.
            pub fn id(self) -> &'static str {
                match self {
                    $( Field::$variant => $id, )*
                    Field::$rows => $rows_id,
                }
            }

            /// The field's key in the remembered inputs (its `FormInput` member's name).
            pub fn stored_key(self) -> &'static str {
                match self {
                    $( Field::$variant => stringify!($member), )*
                    Field::$rows => "saml_headers",
                }
            }
        }

        impl FormInput {
            /// The text of a text input; empty for the rows field, which is rows, not text.
            pub fn text(&self, field: Field) -> &str {
                match field {
                    $( Field::$variant => &self.$member, )*
                    Field::$rows => "",
                }
            }

            /// The text of a text input, to edit; `None` for the rows field.
            pub fn text_mut(&mut self, field: Field) -> Option<&mut String> {
                Some(match field {
                    $( Field::$variant => &mut self.$member, )*
                    Field::$rows => return None,
                })
            }
        }
    };
    (@count) => { 0 };
    (@count $head:ident $($tail:ident)*) => { 1 + fields!(@count $($tail)*) };
}

fields! {
    /// Team name.
    TeamName => team_name, "team-name", "Team name";
    /// JumpCloud SSO URL.
    SsoUrl => sso_url, "sso-url", "JumpCloud SSO URL";
    /// IdP Entity ID.
    IdpEntityId => idp_entity_id, "idp-entity-id", "IdP Entity ID";
    /// Identity provider name (Cloudflare's "Name" of the identity provider). Cloudflare's term
    /// for what it used to call a login method (cloudflare/cloudflare-docs
    /// src/content/docs/cloudflare-one/integrations/identity-providers/generic-saml.mdx,
    /// commit 036ae51b313f8ef78eac8719fdc2b609309bbdf3: "Choose a descriptive name for your
    /// identity provider").
    IdentityProviderName => identity_provider_name, "identity-provider-name", "Identity provider name";
    /// JumpCloud display label.
    DisplayLabel => display_label, "display-label", "JumpCloud display label";
    // The subject fields share pki's labels, so certificate errors name the same field.
    /// Common name (CN).
    CommonName => common_name, "common-name", SubjectField::CommonName.label();
    /// Organization (O).
    Organization => organization, "organization", SubjectField::Organization.label();
    /// Organizational unit (OU).
    OrganizationalUnit => organizational_unit, "organizational-unit", SubjectField::OrganizationalUnit.label();
    /// Locality (L).
    Locality => locality, "locality", SubjectField::Locality.label();
    /// State or province (ST).
    StateOrProvince => state_or_province, "state-or-province", SubjectField::StateOrProvince.label();
    /// Country (C).
    Country => country, "country", SubjectField::Country.label();
    /// Email address.
    EmailAddress => email_address, "email-address", SubjectField::EmailAddress.label();
    /// Validity (days).
    ValidityDays => validity_days, "validity-days", "Validity (days)";
    /// SAML attributes.
    SamlAttributes => saml_attributes, "saml-attributes", "SAML attributes";
    /// Email attribute name.
    EmailAttributeName => email_attribute_name, "email-attribute-name", "Email attribute name";
    /// JumpCloud groups allowed.
    AllowedGroups => allowed_groups, "allowed-groups", "JumpCloud groups allowed";
    @rows
    /// The SAML header rows as a whole (each row's inputs have their own labels: see
    /// [`super::HeaderPart`]).
    SamlHeaders, "saml-headers", "SAML headers";
}

impl Field {
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
