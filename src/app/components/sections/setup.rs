//! 1. Your setup: the form.

use crate::app::components::fields::{CheckboxField, ChoiceSelect, SelectField, TextField};
use crate::app::components::markup::{fact, heading};
use crate::app::state::Mode;
use crate::pki::{CertificateProfile, KeyFormat, KeySize};
use crate::setup::{Field, TEAM_NAME_HELP};
use std::rc::Rc;
use yew::prelude::*;

/// One text field as the form shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldView {
    /// Which field.
    pub field: Field,
    /// The text it shows.
    pub text: AttrValue,
    /// Its message, once the user typed in it or left it.
    pub problem: Option<AttrValue>,
}

/// Props of [`SetupSection`].
#[derive(Properties, PartialEq, Clone)]
pub struct SetupProps {
    /// The mode (metadata mode hides what JumpCloud's metadata supplies).
    pub mode: Mode,
    /// Whether the Advanced fields are on the page yet (the first render adds them last).
    pub advanced: bool,
    /// Every text field, in any order.
    pub fields: Rc<Vec<FieldView>>,
    /// New key: the chosen key size.
    pub key_size: KeySize,
    /// Whether this mode makes a key (New key, Renew with "Make a new key"): then the key size
    /// and format are choices.
    pub makes_key: bool,
    /// New key: the chosen key format.
    pub key_format: KeyFormat,
    /// Renew: the imported key's size and format, once read.
    pub imported_key: Option<(KeySize, KeyFormat)>,
    /// The certificate profile.
    pub profile: CertificateProfile,
    /// "Sign SAML requests".
    pub sign_request: bool,
    /// "Remember my inputs on this device".
    pub remember: bool,
    /// The key-size select, so a declined change can be put back.
    pub key_size_ref: NodeRef,
    /// Whether a key is being made (its size cannot change meanwhile).
    pub generating: bool,
    /// Called with a field and its new text on every keystroke.
    pub onedit: Callback<(Field, String)>,
    /// Called when the user leaves a field.
    pub onleave: Callback<Field>,
    /// Called with the chosen key size.
    pub onkeysize: Callback<KeySize>,
    /// Called with the chosen key format.
    pub onkeyformat: Callback<KeyFormat>,
    /// Called with the chosen certificate profile.
    pub onprofile: Callback<CertificateProfile>,
    /// Called when "Sign SAML requests" is toggled.
    pub onsignrequest: Callback<bool>,
    /// Called when "Remember my inputs on this device" is toggled.
    pub onremember: Callback<bool>,
    /// Called when Reset is pressed.
    pub onreset: Callback<()>,
}

/// The setup form.
#[component]
pub fn SetupSection(props: &SetupProps) -> Html {
    let key_size_choice = ChoiceSelect::of(props.key_size, &props.onkeysize);
    let key_format_choice = ChoiceSelect::of(props.key_format, &props.onkeyformat);
    let profile_choice = ChoiceSelect::of(props.profile, &props.onprofile);
    // JumpCloud's metadata supplies the SSO URL, the entity ID and the certificate.
    let metadata_mode = props.mode == Mode::FromMetadata;
    let text_field = |field: Field,
                      required: bool,
                      help: Option<Html>,
                      placeholder: Option<&str>| {
        let view = props.fields.iter().find(|view| view.field == field);
        html! {
            <TextField
                {field}
                value={view.map(|v| v.text.clone()).unwrap_or_default()}
                problem={view.and_then(|v| v.problem.clone())}
                {help}
                placeholder={placeholder.map(|p| AttrValue::from(p.to_owned()))}
                {required}
                inputmode={(field == Field::ValidityDays).then_some(AttrValue::Static("numeric"))}
                onedit={props.onedit.clone()}
                onleave={props.onleave.clone()}
            />
        }
    };
    let team_help = html! {
        // The path comes from the setup core, where its source is cited.
        <>{ "Your Cloudflare Zero Trust team. " }{ TEAM_NAME_HELP }{ " The team domain is " }
        <code>{ "<team>.cloudflareaccess.com" }</code>{ "; pasting the whole domain or URL works too." }</>
    };
    let sso_help = html! { <>{ "JumpCloud's IdP URL for the app. It cannot be changed after the app is created in JumpCloud." }</> };
    let entity_help = html! { <>{ "Identical in JumpCloud and Cloudflare. Follows the team name until you edit it." }</> };
    let key_controls = if props.makes_key {
        html! {
            <>
                <SelectField id="key-size" label="Key size" options={key_size_choice.options} selected={key_size_choice.selected} onchoose={key_size_choice.onchoose} node_ref={props.key_size_ref.clone()} disabled={props.generating} />
                <SelectField id="key-format" label="Private key format" options={key_format_choice.options} selected={key_format_choice.selected} onchoose={key_format_choice.onchoose} />
            </>
        }
    } else {
        // A kept key stays as it is: its size and format are facts, not choices.
        html! {
            <dl class="facts key-facts" id="imported-key-facts">
                { fact("Key size", props.imported_key.map_or("that of your key".to_owned(), |(size, _)| format!("RSA {} bits (your key)", size.bits())).into()) }
                { fact("Private key format", props.imported_key.map_or("that of your key".to_owned(), |(_, format)| format!("{} (as your file)", format.label())).into()) }
            </dl>
        }
    };
    let onreset = props.onreset.reform(|_: MouseEvent| ());
    html! {
        <section id="setup" class="card" aria-labelledby="setup-heading">
            { heading("setup-heading", "1".into(), "Your setup") }
            <form class="form" novalidate=true onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                { text_field(Field::TeamName, true, Some(team_help), Some("acme")) }
                if !metadata_mode {
                    { text_field(Field::SsoUrl, false, Some(sso_help), None) }
                    { text_field(Field::IdpEntityId, false, Some(entity_help), Some("https://<team>.cloudflareaccess.com/")) }
                }
                <div class="two-columns">
                    { text_field(Field::IdentityProviderName, false, None, None) }
                    if !metadata_mode { { text_field(Field::DisplayLabel, false, None, None) } }
                </div>
                <details class="advanced">
                    <summary>{ "Advanced" }</summary>
                    if props.advanced && !metadata_mode {
                    <fieldset>
                        <legend>{ "Certificate" }</legend>
                        { text_field(Field::CommonName, false, None, None) }
                        <div class="two-columns">
                            { text_field(Field::Organization, false, None, Some("optional")) }
                            { text_field(Field::OrganizationalUnit, false, None, Some("optional")) }
                            { text_field(Field::Locality, false, None, Some("optional")) }
                            { text_field(Field::StateOrProvince, false, None, Some("optional")) }
                            { text_field(Field::Country, false, None, Some("optional, e.g. US")) }
                            { text_field(Field::EmailAddress, false, None, Some("optional")) }
                        </div>
                        <div class="three-columns">
                            { text_field(Field::ValidityDays, false, None, None) }
                            { key_controls }
                        </div>
                        <SelectField id="profile" label="Certificate profile" options={profile_choice.options} selected={profile_choice.selected} onchoose={profile_choice.onchoose}
                            help={AttrValue::Static("SAML signing: a non-CA signing certificate that RFC 5280 linters accept. OpenSSL compatible: exactly the extensions of the guide's openssl req -x509.")} />
                    </fieldset>
                    }
                    if props.advanced {
                    <fieldset>
                        <legend>{ "Cloudflare" }</legend>
                        { text_field(Field::SamlAttributes, false, Some(html!{ <>{ "Attribute names JumpCloud sends and Cloudflare reads, separated by commas." }</> }), None) }
                        { text_field(Field::EmailAttributeName, false, Some(html!{ <>{ "Leave empty to use the NameID (the user's email), as Cloudflare's guide does." }</> }), None) }
                        <CheckboxField id="sign-request" label="Sign SAML requests" checked={props.sign_request} ontoggle={props.onsignrequest.clone()} />
                    </fieldset>
                    }
                </details>
                <div class="form-footer">
                    <CheckboxField id="remember" label="Remember my inputs on this device" checked={props.remember} ontoggle={props.onremember.clone()}
                        help={AttrValue::Static("Only the inputs above, in this browser's local storage. The key and certificate are never stored.")} />
                    <button type="button" class="secondary" onclick={onreset}>{ "Reset" }</button>
                </div>
            </form>
        </section>
    }
}
