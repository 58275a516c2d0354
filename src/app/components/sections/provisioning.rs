//! Access policy and provisioning: SCIM, the group attribute with the groups allowed, and the
//! SAML headers, and the Terraform provider. Every label comes from the setup core, where its
//! source is cited.

use super::setup::FieldView;
use crate::app::components::fields::{CheckboxField, ChoiceSelect, SelectField, TextField};
use crate::browser;
use crate::setup::options::{
    ADD_SAML_HEADER_LABEL, INCLUDE_GROUP_ATTRIBUTE_LABEL, remove_saml_header_label, scim_labels,
    sign_in,
};
use crate::setup::{
    Field, FormError, HeaderPart, IdentityUpdateBehavior, SamlHeaderInput, TerraformProvider,
};
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
    /// The SAML header rows as typed.
    pub headers: Rc<Vec<SamlHeaderInput>>,
    /// The messages to show next to the SAML header inputs: (row, part, message).
    pub header_problems: Rc<Vec<(usize, HeaderPart, FormError)>>,
    /// "Terraform provider".
    pub provider: TerraformProvider,
    /// What the v4 provider cannot write for these options (empty for v5).
    pub v4_limits: Rc<Vec<String>>,
    /// "Ask JumpCloud to sign in again every time".
    pub force_authn: bool,
    /// Called when "Ask JumpCloud to sign in again every time" is toggled.
    pub onforceauthn: Callback<bool>,
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
    /// Called when "Add SAML header" is pressed.
    pub onaddheader: Callback<()>,
    /// Called with the row whose "Remove SAML header N" was pressed.
    pub onremoveheader: Callback<usize>,
    /// Called with the row, the half and the new text on every keystroke.
    pub oneditheader: Callback<(usize, HeaderPart, String)>,
}

/// One half of a SAML header row: a labelled text input with its message next to it.
fn header_input(props: &ProvisioningProps, index: usize, part: HeaderPart, value: &str) -> Html {
    let id = part.id(index);
    let error_id = format!("{id}-error");
    let problem = props
        .header_problems
        .iter()
        .find(|(row, p, _)| *row == index && *p == part)
        .map(|(_, _, error)| error.to_string());
    let oninput = {
        let onedit = props.oneditheader.clone();
        Callback::from(move |event: InputEvent| {
            onedit.emit((index, part, browser::input_text(&event)))
        })
    };
    html! {
        <div class={classes!("field", problem.is_some().then_some("invalid"))}>
            <div class="label-row">
                <label for={id.clone()}>{ part.label(index) }</label>
            </div>
            <input
                id={id.clone()}
                name={id}
                type="text"
                value={value.to_owned()}
                autocomplete="off"
                autocapitalize="off"
                spellcheck="false"
                aria-invalid={problem.is_some().then_some("true")}
                aria-describedby={problem.is_some().then(|| error_id.clone())}
                {oninput}
            />
            if let Some(problem) = problem {
                <p id={error_id} class="error">{ problem }</p>
            }
        </div>
    }
}

/// The SAML header rows with their add and remove buttons.
fn saml_headers(props: &ProvisioningProps) -> Html {
    let onadd = {
        let onadd = props.onaddheader.clone();
        Callback::from(move |_: MouseEvent| onadd.emit(()))
    };
    html! {
        <fieldset id="saml-headers">
            <legend>{ "SAML headers" }</legend>
            { for props.headers.iter().enumerate().map(|(index, row)| {
                let onremove = {
                    let onremove = props.onremoveheader.clone();
                    Callback::from(move |_: MouseEvent| onremove.emit(index))
                };
                html! {
                    <div class="saml-header-row">
                        { header_input(props, index, HeaderPart::AttributeName, &row.attribute_name) }
                        { header_input(props, index, HeaderPart::HeaderName, &row.header_name) }
                        <button type="button" onclick={onremove}>{ remove_saml_header_label(index) }</button>
                    </div>
                }
            }) }
            <button type="button" onclick={onadd}>{ ADD_SAML_HEADER_LABEL }</button>
        </fieldset>
    }
}

/// The section.
#[component]
pub fn ProvisioningSection(props: &ProvisioningProps) -> Html {
    let behavior_choice = ChoiceSelect::of(props.identity_update, &props.onidentityupdate);
    let provider_choice = ChoiceSelect::of(props.provider, &props.onprovider);
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
                        <SelectField id="scim-identity-update-behavior" label={IdentityUpdateBehavior::LABEL}
                            options={behavior_choice.options} selected={behavior_choice.selected} onchoose={behavior_choice.onchoose} />
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
                { saml_headers(props) }
                <fieldset id="cloudflare-sign-in">
                    <legend>{ "Cloudflare sign-in" }</legend>
                    <CheckboxField id={sign_in::FORCE_AUTHN_ID} label={sign_in::FORCE_AUTHN_LABEL} checked={props.force_authn}
                        help={AttrValue::Static(sign_in::FORCE_AUTHN_HELP)} ontoggle={props.onforceauthn.clone()} />
                    <p id="saml-encryption-note" class="help">{ sign_in::NO_ENCRYPTION_NOTE }</p>
                </fieldset>
                <SelectField id="terraform-provider" label={TerraformProvider::LABEL}
                    options={provider_choice.options} selected={provider_choice.selected} onchoose={provider_choice.onchoose} />
                if !props.v4_limits.is_empty() {
                    <ul id="terraform-v4-limits" class="help">
                        { for props.v4_limits.iter().map(|limit| html! { <li>{ limit.clone() }</li> }) }
                    </ul>
                }
            </form>
        </section>
    }
}
