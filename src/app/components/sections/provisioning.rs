//! Access policy and provisioning: SCIM, the group attribute with the groups allowed, and the
//! Terraform provider. Every label comes from the setup core, where its source is cited.

use super::setup::FieldView;
use crate::app::components::fields::{CheckboxField, SelectField, TextField};
use crate::app::components::make_callback;
use crate::app::state::{Action, Mode, State};
use crate::setup::options::{INCLUDE_GROUP_ATTRIBUTE_LABEL, scim_labels};
use crate::setup::{Field, IdentityUpdateBehavior, TerraformProvider, terraform};
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`ProvisioningSection`].
#[derive(Properties, PartialEq, Clone)]
pub struct ProvisioningProps {
    /// "Enable SCIM".
    pub scim: bool,
    /// "Enable user deprovisioning".
    pub user_deprovision: bool,
    /// "Remove user seat on deprovision".
    pub seat_deprovision: bool,
    /// "SCIM identity update behavior".
    pub identity_update: IdentityUpdateBehavior,
    /// "Include group attribute".
    pub include_groups: bool,
    /// "JumpCloud groups allowed" as typed, with its message.
    pub groups: FieldView,
    /// "Terraform provider".
    pub provider: TerraformProvider,
    /// What the v4 provider cannot write for these options (empty for v5).
    pub v4_limits: Rc<Vec<String>>,
    /// Called when "Enable SCIM" is toggled.
    pub onscim: Callback<bool>,
    /// Called when "Enable user deprovisioning" is toggled.
    pub onuserdeprovision: Callback<bool>,
    /// Called when "Remove user seat on deprovision" is toggled.
    pub onseatdeprovision: Callback<bool>,
    /// Called with the chosen identity update behavior.
    pub onidentityupdate: Callback<IdentityUpdateBehavior>,
    /// Called when "Include group attribute" is toggled.
    pub onincludegroups: Callback<bool>,
    /// Called with a field and its new text on every keystroke.
    pub onedit: Callback<(Field, String)>,
    /// Called when the user leaves a field.
    pub onleave: Callback<Field>,
    /// Called with the chosen Terraform provider.
    pub onprovider: Callback<TerraformProvider>,
}

/// The section, built from the state with its callbacks (keeps the root component short).
pub fn provisioning_section(state: &State, dispatch: &UseReducerDispatcher<State>) -> Html {
    let form = &state.form;
    // Renew with "Keep the current certificate too" sends two certificates.
    let certificates = if state.mode == Mode::Renew
        && state.imports.keep_current
        && state.imports.current_certificate.is_some()
    {
        2
    } else {
        1
    };
    let v4_limits = state
        .setup
        .as_ref()
        .map(|setup| terraform::v4_limits(setup, certificates))
        .unwrap_or_default();
    let groups = FieldView {
        field: Field::AllowedGroups,
        text: state.field_text(Field::AllowedGroups).into(),
        problem: state
            .visible_problem(Field::AllowedGroups)
            .map(AttrValue::from),
    };
    html! {
        <ProvisioningSection
            scim={form.scim_enabled}
            user_deprovision={form.scim_user_deprovision}
            seat_deprovision={form.scim_seat_deprovision}
            identity_update={form.scim_identity_update_behavior}
            include_groups={form.include_groups_attribute}
            {groups}
            provider={form.terraform_provider}
            v4_limits={Rc::new(v4_limits)}
            onscim={make_callback(dispatch, Action::SetScim)}
            onuserdeprovision={make_callback(dispatch, Action::SetUserDeprovision)}
            onseatdeprovision={make_callback(dispatch, Action::SetSeatDeprovision)}
            onidentityupdate={make_callback(dispatch, Action::SetIdentityUpdateBehavior)}
            onincludegroups={make_callback(dispatch, Action::SetIncludeGroups)}
            onedit={make_callback(dispatch, |(field, text): (Field, String)| Action::Edit(field, text))}
            onleave={make_callback(dispatch, Action::Leave)}
            onprovider={make_callback(dispatch, Action::SetTerraformProvider)} />
    }
}

/// A select callback that maps the chosen index into `all`.
fn chooser<T: Copy + 'static>(all: &'static [T], onchoose: &Callback<T>) -> Callback<usize> {
    let onchoose = onchoose.clone();
    Callback::from(move |index: usize| {
        if let Some(item) = all.get(index) {
            onchoose.emit(*item);
        }
    })
}

/// The section.
#[component]
pub fn ProvisioningSection(props: &ProvisioningProps) -> Html {
    let behaviors = IdentityUpdateBehavior::ALL
        .iter()
        .map(|b| AttrValue::Static(b.label()))
        .collect::<Vec<_>>();
    let behavior_index = IdentityUpdateBehavior::ALL
        .iter()
        .position(|b| *b == props.identity_update)
        .unwrap_or(0);
    let providers = TerraformProvider::ALL
        .iter()
        .map(|p| AttrValue::Static(p.label()))
        .collect::<Vec<_>>();
    let provider_index = TerraformProvider::ALL
        .iter()
        .position(|p| *p == props.provider)
        .unwrap_or(0);
    html! {
        <section id="provisioning" class="card" aria-labelledby="provisioning-heading">
            <h2 id="provisioning-heading">{ "Access policy and provisioning" }</h2>
            <form class="form" novalidate=true onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                <fieldset>
                    <legend>{ "SCIM provisioning" }</legend>
                    <CheckboxField id="scim-enabled" label={scim_labels::ENABLE} checked={props.scim} ontoggle={props.onscim.clone()} />
                    if props.scim {
                        <CheckboxField id="scim-user-deprovision" label={scim_labels::USER_DEPROVISION} checked={props.user_deprovision} ontoggle={props.onuserdeprovision.clone()} />
                        <CheckboxField id="scim-seat-deprovision" label={scim_labels::SEAT_DEPROVISION} checked={props.seat_deprovision}
                            disabled={!props.user_deprovision} ontoggle={props.onseatdeprovision.clone()} />
                        <SelectField id="scim-identity-update-behavior" label={IdentityUpdateBehavior::LABEL} options={behaviors}
                            selected={behavior_index} onchoose={chooser(&IdentityUpdateBehavior::ALL, &props.onidentityupdate)} />
                    }
                </fieldset>
                <fieldset>
                    <legend>{ "Groups" }</legend>
                    <CheckboxField id="include-group-attribute" label={INCLUDE_GROUP_ATTRIBUTE_LABEL} checked={props.include_groups} ontoggle={props.onincludegroups.clone()} />
                    if props.include_groups {
                        <TextField field={Field::AllowedGroups} value={props.groups.text.clone()} problem={props.groups.problem.clone()}
                            help={html! { <>{ "Separated by commas. Each becomes an include rule of an Access group." }</> }}
                            onedit={props.onedit.clone()} onleave={props.onleave.clone()} />
                    }
                </fieldset>
                <SelectField id="terraform-provider" label={TerraformProvider::LABEL} options={providers}
                    selected={provider_index} onchoose={chooser(&TerraformProvider::ALL, &props.onprovider)} />
                if !props.v4_limits.is_empty() {
                    <ul id="terraform-v4-limits" class="help">
                        { for props.v4_limits.iter().map(|limit| html! { <li>{ limit.clone() }</li> }) }
                    </ul>
                }
            </form>
        </section>
    }
}
