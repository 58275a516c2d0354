//! Reading and writing the form's text fields by [`Field`].

use crate::setup::{Field, FormInput};

pub(super) fn text(form: &FormInput, field: Field) -> &str {
    match field {
        Field::TeamName => &form.team_name,
        Field::SsoUrl => &form.sso_url,
        Field::IdpEntityId => &form.idp_entity_id,
        Field::LoginMethodName => &form.login_method_name,
        Field::DisplayLabel => &form.display_label,
        Field::CommonName => &form.common_name,
        Field::Organization => &form.organization,
        Field::OrganizationalUnit => &form.organizational_unit,
        Field::Locality => &form.locality,
        Field::StateOrProvince => &form.state_or_province,
        Field::Country => &form.country,
        Field::EmailAddress => &form.email_address,
        Field::ValidityDays => &form.validity_days,
        Field::SamlAttributes => &form.saml_attributes,
        Field::EmailAttributeName => &form.email_attribute_name,
    }
}

pub(super) fn text_mut(form: &mut FormInput, field: Field) -> &mut String {
    match field {
        Field::TeamName => &mut form.team_name,
        Field::SsoUrl => &mut form.sso_url,
        Field::IdpEntityId => &mut form.idp_entity_id,
        Field::LoginMethodName => &mut form.login_method_name,
        Field::DisplayLabel => &mut form.display_label,
        Field::CommonName => &mut form.common_name,
        Field::Organization => &mut form.organization,
        Field::OrganizationalUnit => &mut form.organizational_unit,
        Field::Locality => &mut form.locality,
        Field::StateOrProvince => &mut form.state_or_province,
        Field::Country => &mut form.country,
        Field::EmailAddress => &mut form.email_address,
        Field::ValidityDays => &mut form.validity_days,
        Field::SamlAttributes => &mut form.saml_attributes,
        Field::EmailAttributeName => &mut form.email_attribute_name,
    }
}

/// The text an input shows for `field`.
pub fn field_text(form: &FormInput, field: Field) -> String {
    if field == Field::IdpEntityId && !form.idp_entity_id_edited {
        // Until edited, the IdP Entity ID follows the team name (empty: only a placeholder).
        return form.effective_idp_entity_id();
    }
    text(form, field).to_owned()
}
