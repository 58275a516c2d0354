//! Reading and writing the form's text fields by [`Field`].

use crate::setup::{Field, FormInput};

/// The text an input shows for `field`.
pub fn field_text(form: &FormInput, field: Field) -> String {
    if field == Field::IdpEntityId && !form.idp_entity_id_edited {
        // Until edited, the IdP Entity ID follows the team name (empty: only a placeholder).
        return form.effective_idp_entity_id();
    }
    form.text(field).to_owned()
}
