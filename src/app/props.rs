//! Each section's props, assembled from the state and its views with the section's callbacks:
//! the root's wiring for the two sections with the most inputs, kept here so that app.rs
//! reads as state, hooks and the mode's sections. What is computed (the v4 limits, the check's
//! basis) comes from `views`, where it is tested natively.

use super::components::file_input::FileBytes;
use super::components::make_callback;
use super::components::sections::{FieldView, ProvisioningSection, ResponseCheckSection};
use super::state::{Action, CheckAction, CheckError, State};
use super::views::{self, CheckView};
use crate::browser;
use crate::import::InputKind;
use crate::setup::{Field, HeaderPart};
use std::rc::Rc;
use yew::prelude::*;

/// The Provisioning section's props, from the state and its views, with its callbacks.
pub(super) fn provisioning(state: &State, dispatch: &UseReducerDispatcher<State>) -> Html {
    let form = &state.form;
    let v4_limits = views::v4_limits(state);
    let groups = FieldView {
        field: Field::AllowedGroups,
        text: state.field_text(Field::AllowedGroups).into(),
        problem: state
            .visible_problem(Field::AllowedGroups)
            .map(|error| AttrValue::from(error.to_string())),
    };
    // Row messages show once a row has been typed in, like the other fields' after a touch.
    let header_problems = if state.touched.contains(&Field::SamlHeaders) {
        form.saml_header_problems()
    } else {
        Vec::new()
    };
    html! {
        <ProvisioningSection
            scim={form.scim_enabled}
            user_deprovision={form.scim_user_deprovision}
            seat_deprovision={form.scim_seat_deprovision}
            identity_update={form.scim_identity_update_behavior}
            include_groups={form.include_groups_attribute}
            {groups}
            headers={Rc::new(form.saml_headers.clone())}
            header_problems={Rc::new(header_problems)}
            provider={form.terraform_provider}
            v4_limits={Rc::new(v4_limits)}
            force_authn={form.force_authn}
            onforceauthn={make_callback(dispatch, Action::SetForceAuthn)}
            onscim={make_callback(dispatch, Action::SetScim)}
            onuserdeprovision={make_callback(dispatch, Action::SetUserDeprovision)}
            onseatdeprovision={make_callback(dispatch, Action::SetSeatDeprovision)}
            onidentityupdate={make_callback(dispatch, Action::SetIdentityUpdateBehavior)}
            onincludegroups={make_callback(dispatch, Action::SetIncludeGroups)}
            onedit={make_callback(dispatch, |(field, text): (Field, String)| Action::Edit(field, text))}
            onleave={make_callback(dispatch, Action::Leave)}
            onprovider={make_callback(dispatch, Action::SetTerraformProvider)}
            onaddheader={make_callback(dispatch, |()| Action::AddSamlHeader)}
            onremoveheader={make_callback(dispatch, Action::RemoveSamlHeader)}
            oneditheader={make_callback(dispatch, |(index, part, text): (usize, HeaderPart, String)| Action::EditSamlHeader(index, part, text))} />
    }
}

/// The Check a SAML response section's props, from the state and the check's view, with its
/// callbacks.
pub(super) fn response_check(
    state: &State,
    check: &CheckView,
    dispatch: &UseReducerDispatcher<State>,
    onimport: Callback<(InputKind, FileBytes)>,
) -> Html {
    let slot = &state.response;
    let basis = check
        .basis
        .clone()
        .map(AttrValue::from)
        .map_err(AttrValue::from);
    let certificate_loaded = slot.certificate.as_ref().map(|c| {
        let what = format!("the certificate (SHA-256 {}).", c.sha256_fingerprint());
        AttrValue::from(
            state
                .imports
                .files
                .read_line(InputKind::CheckCertificate, &what),
        )
    });
    let certificate_error = state
        .imports
        .error(InputKind::CheckCertificate)
        .map(|error| AttrValue::from(error.to_string()));
    html! {
        <ResponseCheckSection
            text={AttrValue::from(slot.text.clone())}
            against={check.against}
            offered={state.offered_against()}
            {basis}
            {certificate_loaded}
            {certificate_error}
            outcome={slot.outcome.clone().map(|outcome| outcome.map_err(|error| error.to_string()))}
            checked_against={AttrValue::from(slot.checked_against.clone())}
            onedit={make_callback(dispatch, |text| Action::ResponseCheck(CheckAction::Edit(text)))}
            onfile={make_callback(dispatch, |read: Result<String, String>| Action::ResponseCheck(CheckAction::FileRead(read.map_err(CheckError::Unread))))}
            onagainst={make_callback(dispatch, |against| Action::ResponseCheck(CheckAction::SetAgainst(against)))}
            {onimport}
            oncheck={make_callback(dispatch, |(): ()| Action::ResponseCheck(CheckAction::Run { now: browser::now_unix_seconds() }))}
            onclear={make_callback(dispatch, |(): ()| Action::ResponseCheck(CheckAction::Clear))}
            onannounce={make_callback(dispatch, Action::Announce)} />
    }
}

/// A callback that dispatches `make(input)`, made once for the component's life, so it compares
/// equal across renders.
#[hook]
pub(super) fn use_dispatch_callback<E: 'static>(
    dispatch: &UseReducerDispatcher<State>,
    make: fn(E) -> Action,
) -> Callback<E> {
    let callback = use_memo((), {
        let dispatch = dispatch.clone();
        move |()| make_callback(&dispatch, make)
    });
    (*callback).clone()
}

/// Every text field as the form shows it.
pub(super) fn field_views(state: &State) -> Vec<FieldView> {
    Field::ALL
        .iter()
        .map(|&field| FieldView {
            field,
            text: state.field_text(field).into(),
            problem: state
                .visible_problem(field)
                .map(|error| AttrValue::from(error.to_string())),
        })
        .collect()
}
