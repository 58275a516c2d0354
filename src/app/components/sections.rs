//! The five sections of the page, top to bottom.

use super::outputs;
use super::widgets::{
    CheckboxField, CodeBlock, CopyButton, DownloadButton, FileBytes, FileInput, SelectField,
    TextField, ValueList,
};
use crate::app::state::{Action, CHECKLIST, CloudflareTab, Generated, Generation, Mode, State};
use crate::browser;
use crate::import::{self, InputKind};
use crate::pki::{CertificateProfile, KeyFormat, KeySize};
use crate::setup::files::{
    API_BODY_FILE, API_UPDATE_BODY_FILE, CERT_FILE, IDP_METADATA_FILE, KEY_FILE, REMINDER_FILE,
    SP_METADATA_FILE, TERRAFORM_FILE, zip_name,
};
use crate::setup::{Field, cloudflare, jumpcloud};
use yew::prelude::*;

/// Props shared by the sections: the page state.
#[derive(Properties, PartialEq, Clone)]
pub struct SectionProps {
    /// The page state and its dispatcher.
    pub state: UseReducerHandle<State>,
    /// Called with a file name to save it.
    #[prop_or_default]
    pub ondownload: Callback<String>,
    /// Called with a status message to announce.
    #[prop_or_default]
    pub onannounce: Callback<String>,
    /// Called to generate.
    #[prop_or_default]
    pub ongenerate: Callback<MouseEvent>,
    /// Called when the key size select changes.
    #[prop_or_default]
    pub onkeysize: Callback<(KeySize, web_sys::HtmlSelectElement)>,
    /// Called with the bytes of an imported file.
    #[prop_or_default]
    pub onimport: Callback<(InputKind, FileBytes)>,
}

/// Props of [`ModeSwitch`].
#[derive(Properties, PartialEq, Clone)]
pub struct ModeSwitchProps {
    /// The current mode.
    pub mode: Mode,
    /// Called with the chosen mode.
    pub onmode: Callback<Mode>,
}

/// The mode switch at the top: New key, Renew certificate, From JumpCloud metadata.
#[component]
pub fn ModeSwitch(props: &ModeSwitchProps) -> Html {
    html! {
        <fieldset class="mode-switch">
            <legend class="visually-hidden">{ "What do you want to do?" }</legend>
            { for Mode::ALL.iter().map(|mode| {
                let mode = *mode;
                let id = format!("mode-{}", match mode { Mode::NewKey => "new-key", Mode::Renew => "renew", Mode::FromMetadata => "metadata" });
                let onmode = props.onmode.clone();
                let onchange = Callback::from(move |_: Event| onmode.emit(mode));
                html! {
                    <label for={id.clone()} class={classes!("mode", (props.mode == mode).then_some("selected"))}>
                        <input type="radio" name="mode" id={id} checked={props.mode == mode} {onchange} />
                        { mode.label() }
                    </label>
                }
            }) }
        </fieldset>
    }
}

/// The summary of a new certificate: what generation (or renewal) finished with.
fn certificate_summary(state: &State, generated: &Generated) -> Html {
    html! {
        <div class="summary" id="certificate-summary">
            <p class="done">{ format!("Done in {} ms with {}.", generated.took_ms.max(0.0).round() as u64, generated.origin.label()) }</p>
            <dl class="facts">
                <div><dt>{ "Subject" }</dt><dd>{ generated.certificate.subject() }</dd></div>
                <div><dt>{ "Valid from" }</dt><dd>{ generated.certificate.not_before_iso() }</dd></div>
                <div><dt>{ "Valid to" }</dt><dd>{ generated.certificate.not_after_iso() }</dd></div>
                <div><dt>{ "Key size" }</dt><dd>{ format!("RSA {} bits", generated.key.size().bits()) }</dd></div>
                <div class="wide"><dt>{ "SHA-256 fingerprint" }</dt><dd><code id="sha256-fingerprint" class="fingerprint">{ generated.certificate.sha256_fingerprint() }</code></dd></div>
            </dl>
            if state.key_at_risk() {
                <p class="warning">{ "The private key exists only in this tab until you download it. Download samlidp.key (or Download all) before leaving." }</p>
            }
        </div>
    }
}

/// The facts about a certificate read from a file (Renew's inspection, metadata's certificates).
fn inspection(
    certificate: &crate::pki::Certificate,
    key: Option<&crate::pki::KeyPair>,
    id: &str,
) -> Html {
    let facts = import::inspect(certificate, key, browser::now_unix_seconds());
    let expired = facts.is_expired();
    let days = if facts.is_expired() {
        format!("expired {} days ago", -facts.days_left)
    } else {
        format!("{} days left", facts.days_left)
    };
    html! {
        <dl class="facts inspection" id={id.to_owned()}>
            <div><dt>{ "Subject" }</dt><dd>{ facts.subject }</dd></div>
            <div><dt>{ "Issuer" }</dt><dd>{ facts.issuer }</dd></div>
            <div><dt>{ "Valid from" }</dt><dd>{ facts.not_before_iso }</dd></div>
            <div><dt>{ "Valid to" }</dt><dd class={classes!(expired.then_some("bad"))}>{ format!("{} ({days})", facts.not_after_iso) }</dd></div>
            <div><dt>{ "Key size" }</dt><dd>{ facts.key_bits.map_or("not RSA".to_owned(), |bits| format!("RSA {bits} bits")) }</dd></div>
            if let Some(matches) = facts.matches_key {
                <div><dt>{ "Matches the key" }</dt><dd class={classes!((!matches).then_some("bad"))}>{ if matches { "Yes" } else { "No — this certificate belongs to another key" } }</dd></div>
            }
            <div class="wide"><dt>{ "Serial" }</dt><dd><code>{ facts.serial_hex }</code></dd></div>
            <div class="wide"><dt>{ "SHA-1 fingerprint" }</dt><dd><code>{ facts.sha1 }</code></dd></div>
            <div class="wide"><dt>{ "SHA-256 fingerprint" }</dt><dd><code>{ facts.sha256 }</code></dd></div>
        </dl>
    }
}

/// 2 (Renew certificate): the existing key, the current certificate and rotation.
#[component]
pub fn RenewSection(props: &SectionProps) -> Html {
    let state = &props.state;
    let imports = &state.imports;
    let keep_current = {
        let state = state.clone();
        Callback::from(move |on: bool| state.dispatch(Action::SetKeepCurrent(on)))
    };
    let key_loaded = imports.key.as_ref().map(|key| {
        AttrValue::from(format!(
            "Read an RSA {}-bit key. It stays in this tab and is offered back unchanged.",
            key.size().bits()
        ))
    });
    let certificate_loaded = imports
        .current_certificate
        .as_ref()
        .map(|_| AttrValue::Static("Read the current certificate."));
    html! {
        <section id="generate" class="card" aria-labelledby="renew-heading">
            <h2 id="renew-heading"><span class="step">{ "2" }</span>{ "Your existing key" }</h2>
            <p class="lead">{ "Renew the certificate for the key JumpCloud already has: a new certificate with the options above, for the same key, and the matching update for Cloudflare. Files are read in this tab only." }</p>
            <FileInput kind={InputKind::PrivateKey} id="private-key-file" accept=".key,.pem,.der,application/x-pem-file"
                help="The unencrypted private key (PEM PKCS#8 or PKCS#1), e.g. samlidp.key. RSA 2048–4096 bits."
                problem={imports.error(InputKind::PrivateKey).map(|m| AttrValue::from(m.to_owned()))}
                loaded={key_loaded} onbytes={props.onimport.clone()} />
            <FileInput kind={InputKind::Certificate} id="certificate-file" accept=".crt,.pem,.cer,.der"
                help="Optional: the current certificate (samlidp.crt), to inspect it and to keep it trusted during the switch."
                problem={imports.error(InputKind::Certificate).map(|m| AttrValue::from(m.to_owned()))}
                loaded={certificate_loaded} onbytes={props.onimport.clone()} />
            if let Some(current) = &imports.current_certificate {
                <h3>{ "Current certificate" }</h3>
                { inspection(current, imports.key.as_deref(), "current-certificate") }
                <CheckboxField id="keep-current" label="Keep the current certificate too" checked={imports.keep_current} ontoggle={keep_current}
                    help={AttrValue::Static("Cloudflare then trusts both certificates (new first), so sign-ins keep working while JumpCloud switches to the new one. Remove the old certificate from Cloudflare once JumpCloud signs with the new one and a test sign-in works.")} />
            }
            if let Some(generated) = state.active_generated() {
                <h3>{ "New certificate" }</h3>
                { certificate_summary(state, generated) }
            }
        </section>
    }
}

/// 2 (From JumpCloud metadata): JumpCloud's exported metadata.
#[component]
pub fn MetadataSection(props: &SectionProps) -> Html {
    let state = &props.state;
    let imports = &state.imports;
    let loaded = imports.metadata.as_ref().map(|m| {
        AttrValue::from(format!(
            "Read the metadata of {} with {} signing certificate(s).",
            m.entity_id,
            m.certificates.len()
        ))
    });
    html! {
        <section id="generate" class="card" aria-labelledby="metadata-heading">
            <h2 id="metadata-heading"><span class="step">{ "2" }</span>{ "JumpCloud's metadata" }</h2>
            <p class="lead">{ "When JumpCloud made the key pair itself: in JumpCloud open the app's SSO tab and use Export Metadata. The Cloudflare values below come from that file." }</p>
            <FileInput kind={InputKind::Metadata} id="metadata-file" accept=".xml,application/xml,text/xml"
                help="The XML from JumpCloud's Export Metadata."
                problem={imports.error(InputKind::Metadata).map(|m| AttrValue::from(m.to_owned()))}
                {loaded} onbytes={props.onimport.clone()} />
            if let Some(metadata) = &imports.metadata {
                <dl class="facts" id="metadata-summary">
                    <div class="wide"><dt>{ "IdP Entity ID" }</dt><dd><code>{ metadata.entity_id.clone() }</code></dd></div>
                    <div class="wide"><dt>{ "Single Sign On URL" }</dt><dd><code>{ metadata.sso_target_url().unwrap_or_default().to_owned() }</code></dd></div>
                </dl>
                { for metadata.certificates.iter().enumerate().map(|(index, certificate)| html! {
                    <>
                        <h3>{ format!("Signing certificate {}", index + 1) }</h3>
                        { inspection(certificate, None, &format!("metadata-certificate-{index}")) }
                    </>
                }) }
                if let Some(Err(problem)) = state.metadata_setup() {
                    <p class="error">{ problem }</p>
                }
            }
        </section>
    }
}

/// A select over a fixed list of choices: its option texts, the selected index, and a callback
/// that turns the chosen index back into the choice.
fn choice<T: Copy + PartialEq + 'static>(
    all: &'static [T],
    current: T,
    text: fn(T) -> String,
    choose: impl Fn(T, web_sys::HtmlSelectElement) + 'static,
) -> (
    Vec<AttrValue>,
    usize,
    Callback<(usize, web_sys::HtmlSelectElement)>,
) {
    let options = all
        .iter()
        .map(|item| AttrValue::from(text(*item)))
        .collect();
    let selected = all.iter().position(|item| *item == current).unwrap_or(0);
    let onchoose = Callback::from(
        move |(index, select): (usize, web_sys::HtmlSelectElement)| {
            if let Some(item) = all.get(index) {
                choose(*item, select);
            }
        },
    );
    (options, selected, onchoose)
}

/// 1. Your setup: the form.
#[component]
pub fn SetupSection(props: &SectionProps) -> Html {
    let state = &props.state;
    // JumpCloud's metadata supplies the SSO URL, the entity ID and the certificate.
    let metadata_mode = state.mode == Mode::FromMetadata;
    let onedit = {
        let state = state.clone();
        Callback::from(move |(field, text): (Field, String)| {
            state.dispatch(Action::Edit(field, text))
        })
    };
    let onleave = {
        let state = state.clone();
        Callback::from(move |field: Field| state.dispatch(Action::Leave(field)))
    };
    let text_field = |field: Field,
                      required: bool,
                      help: Option<Html>,
                      placeholder: Option<&str>| {
        html! {
            <TextField
                {field}
                value={state.field_text(field)}
                problem={state.visible_problem(field).map(AttrValue::from)}
                {help}
                placeholder={placeholder.map(|p| AttrValue::from(p.to_owned()))}
                {required}
                inputmode={(field == Field::ValidityDays).then_some(AttrValue::Static("numeric"))}
                onedit={onedit.clone()}
                onleave={onleave.clone()}
            />
        }
    };
    let team_help = html! {
        <>{ "Your Cloudflare Zero Trust team: in the Zero Trust dashboard go to " }
        <strong>{ "Settings → Custom Pages" }</strong>{ " and read the team domain " }
        <code>{ "<team>.cloudflareaccess.com" }</code>{ ". Pasting the whole domain or URL works too." }</>
    };
    let sso_help = html! { <>{ "JumpCloud's IdP URL for the app. It cannot be changed after the app is created in JumpCloud." }</> };
    let entity_help = html! { <>{ "Identical in JumpCloud and Cloudflare. Follows the team name until you edit it." }</> };
    let select = |id: &'static str,
                  label: &'static str,
                  options: Vec<AttrValue>,
                  selected: usize,
                  onchoose: Callback<(usize, web_sys::HtmlSelectElement)>,
                  help: Option<&'static str>| {
        html! { <SelectField id={id} label={label} {options} {selected} {onchoose} help={help.map(AttrValue::Static)} /> }
    };
    let (key_sizes, key_size_index, onkeysize) = {
        let onkeysize = props.onkeysize.clone();
        choice(
            &KeySize::ALL,
            state.form.key_size,
            |s| s.bits().to_string(),
            move |size, select| onkeysize.emit((size, select)),
        )
    };
    let (formats, format_index, onformat) = {
        let state = state.clone();
        choice(
            &KeyFormat::ALL,
            state.form.key_format,
            |f| f.label().to_owned(),
            move |format, _| state.dispatch(Action::SetKeyFormat(format)),
        )
    };
    let (profiles, profile_index, onprofile) = {
        let state = state.clone();
        choice(
            &CertificateProfile::ALL,
            state.form.profile,
            |p| p.label().to_owned(),
            move |profile, _| state.dispatch(Action::SetProfile(profile)),
        )
    };
    let toggle = |make: fn(bool) -> Action| {
        let state = state.clone();
        Callback::from(move |on: bool| state.dispatch(make(on)))
    };
    let onreset = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Reset))
    };
    html! {
        <section id="setup" class="card" aria-labelledby="setup-heading">
            <h2 id="setup-heading"><span class="step">{ "1" }</span>{ "Your setup" }</h2>
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
                    if !metadata_mode {
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
                            { select("key-size", "Key size", key_sizes, key_size_index, onkeysize, None) }
                            { select("key-format", "Private key format", formats, format_index, onformat, None) }
                        </div>
                        { select("profile", "Certificate profile", profiles, profile_index, onprofile,
                            Some("SAML signing: a non-CA signing certificate that RFC 5280 linters accept. OpenSSL compatible: exactly the extensions of the guide's openssl req -x509.")) }
                    </fieldset>
                    }
                    <fieldset>
                        <legend>{ "Cloudflare" }</legend>
                        { text_field(Field::SamlAttributes, false, Some(html!{ <>{ "Attribute names JumpCloud sends and Cloudflare reads, separated by commas." }</> }), None) }
                        { text_field(Field::EmailAttributeName, false, Some(html!{ <>{ "Leave empty to use the NameID (the user's email), as Cloudflare's guide does." }</> }), None) }
                        <CheckboxField id="sign-request" label="Sign SAML requests" checked={state.form.sign_request} ontoggle={toggle(Action::SetSignRequest)} />
                    </fieldset>
                </details>
                <div class="form-footer">
                    <CheckboxField id="remember" label="Remember my inputs on this device" checked={state.remember} ontoggle={toggle(Action::SetRemember)}
                        help={AttrValue::Static("Only the inputs above, in this browser's local storage. The key and certificate are never stored.")} />
                    <button type="button" class="secondary" onclick={onreset}>{ "Reset" }</button>
                </div>
            </form>
        </section>
    }
}

/// 2. Generate: the button, progress and the certificate summary.
#[component]
pub fn GenerateSection(props: &SectionProps) -> Html {
    let state = &props.state;
    let blocker = state.generate_blocker();
    let running = matches!(state.generation, Generation::Running(_));
    let button_text = match &state.generation {
        Generation::Running(_) => "Generating…",
        _ => "Generate key and certificate",
    };
    html! {
        <section id="generate" class="card" aria-labelledby="generate-heading">
            <h2 id="generate-heading"><span class="step">{ "2" }</span>{ "Generate" }</h2>
            <div class="generate-row">
                <button type="button" id="generate-button" class={classes!("primary", running.then_some("busy"))}
                    disabled={blocker.is_some() && !running} aria-disabled={running.then_some("true")} aria-describedby="generate-reason"
                    onclick={props.ongenerate.clone()}>
                    if running { <span class="spinner" aria-hidden="true"></span> }
                    { if running { button_text } else { "Generate key and certificate" } }
                </button>
                <span id="generate-reason" class="reason">{ blocker.clone().unwrap_or_default() }</span>
            </div>
            if let Generation::Running(origin) = &state.generation {
                <p class="progress">{ format!("Making an RSA-{} key with {}…", state.form.key_size.bits(), origin.label()) }</p>
            }
            if let Generation::Failed(message) = &state.generation {
                <p class="error" role="alert">{ message.clone() }</p>
            }
            if let Some(generated) = state.active_generated() {
                { certificate_summary(state, generated) }
            }
        </section>
    }
}

/// 3. In JumpCloud: every value in the order of JumpCloud's form, and the files to upload.
#[component]
pub fn JumpCloudSection(props: &SectionProps) -> Html {
    let state = &props.state;
    let body = match (&state.setup, state.active_generated()) {
        (Some(setup), Some(_)) => html! {
            <>
                <ValueList values={jumpcloud::values(setup)} onannounce={props.onannounce.clone()} />
                <div class="downloads">
                    <DownloadButton name={KEY_FILE} ondownload={props.ondownload.clone()} class={classes!("primary")} />
                    <DownloadButton name={CERT_FILE} ondownload={props.ondownload.clone()} />
                    <DownloadButton name={SP_METADATA_FILE} ondownload={props.ondownload.clone()} />
                </div>
            </>
        },
        (Some(setup), None) => html! {
            <>
                <p class="hint">{ "These values need no key. The key, the certificate and the rest appear after you generate." }</p>
                <ValueList values={jumpcloud::sp_values(&setup.team, &setup.display_label)} onannounce={props.onannounce.clone()} />
                <div class="downloads">
                    <DownloadButton name={SP_METADATA_FILE} ondownload={props.ondownload.clone()} />
                </div>
            </>
        },
        _ => html! { <p class="hint">{ "Enter your team name above to see the values." }</p> },
    };
    html! {
        <section id="jumpcloud" class="card" aria-labelledby="jumpcloud-heading">
            <h2 id="jumpcloud-heading"><span class="step">{ "3" }</span>{ "In JumpCloud" }</h2>
            <p class="lead">{ "SSO Applications → Add New Application → Custom Application (SAML 2.0). Enter these values; or import sp-metadata.xml with Upload Metadata." }</p>
            { body }
        </section>
    }
}

/// 4. In Cloudflare: dashboard values, metadata and the API/Terraform tabs.
#[component]
pub fn CloudflareSection(props: &SectionProps) -> Html {
    let state = &props.state;
    let content = match outputs(state) {
        Some(outputs) => {
            let setup = &outputs.setup;
            let certificates = outputs.certificate_refs();
            let renew = state.mode == crate::app::state::Mode::Renew;
            let tab = state.tab;
            let tab_button = |which: CloudflareTab, id: &'static str, text: &'static str| {
                let state = state.clone();
                let selected = tab == which;
                html! {
                    <button type="button" role="tab" id={format!("tab-{id}")} aria-selected={selected.to_string()}
                        aria-controls={format!("panel-{id}")} tabindex={if selected { "0" } else { "-1" }}
                        class={classes!("tab", selected.then_some("selected"))}
                        onclick={Callback::from(move |_: MouseEvent| state.dispatch(Action::SelectTab(which)))}>
                        { text }
                    </button>
                }
            };
            let onkeydown = {
                let state = state.clone();
                Callback::from(move |event: KeyboardEvent| {
                    let order = [
                        CloudflareTab::ApiJson,
                        CloudflareTab::Curl,
                        CloudflareTab::Terraform,
                    ];
                    let current = order.iter().position(|t| *t == state.tab).unwrap_or(0);
                    let next = match event.key().as_str() {
                        "ArrowRight" => (current + 1) % order.len(),
                        "ArrowLeft" => (current + order.len() - 1) % order.len(),
                        _ => return,
                    };
                    event.prevent_default();
                    let id = match order[next] {
                        CloudflareTab::ApiJson => "tab-api-json",
                        CloudflareTab::Curl => "tab-curl",
                        CloudflareTab::Terraform => "tab-terraform",
                        CloudflareTab::Update => "tab-update",
                    };
                    // Focus follows the selection (WAI-ARIA tabs pattern).
                    if let Some(tab) = web_sys::window()
                        .and_then(|w| w.document())
                        .and_then(|d| d.get_element_by_id(id))
                        .and_then(|e| {
                            wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok()
                        })
                    {
                        let _ = tab.focus();
                    }
                    state.dispatch(Action::SelectTab(order[next]));
                })
            };
            let (panel_id, code, label, download) = match tab {
                CloudflareTab::ApiJson => (
                    "api-json",
                    cloudflare::api_body(setup, &certificates),
                    "Cloudflare API body (JSON)",
                    Some(API_BODY_FILE),
                ),
                CloudflareTab::Curl => (
                    "curl",
                    cloudflare::curl_command(setup),
                    "curl command",
                    None,
                ),
                CloudflareTab::Terraform => (
                    "terraform",
                    cloudflare::terraform(setup, &certificates),
                    "Terraform",
                    Some(TERRAFORM_FILE),
                ),
                CloudflareTab::Update => (
                    "update",
                    format!(
                        "{}\n# {API_UPDATE_BODY_FILE}:\n{}",
                        cloudflare::update_curl_command(setup),
                        cloudflare::api_body(setup, &certificates)
                    ),
                    "Update (PUT)",
                    Some(API_UPDATE_BODY_FILE),
                ),
            };
            let dashboard_certificate = certificates.first().copied();
            html! {
                <>
                    <h3>{ "Dashboard" }</h3>
                    <p class="lead">{ "Zero Trust → Settings → Authentication → Login methods → Add new → SAML. Enter these values, or upload idp-metadata.xml there." }</p>
                    if let Some(certificate) = dashboard_certificate {
                        <ValueList values={cloudflare::dashboard_values(setup, certificate)} onannounce={props.onannounce.clone()} />
                    }
                    if certificates.len() > 1 {
                        <p class="note">{ format!("The dashboard takes one Signing certificate; the API body and Terraform carry all {}.", certificates.len()) }</p>
                    }
                    if outputs.key.is_some() {
                        <div class="downloads">
                            <DownloadButton name={IDP_METADATA_FILE} ondownload={props.ondownload.clone()} />
                        </div>
                    }
                    <h3>{ "API or Terraform" }</h3>
                    <div class="tabs" role="tablist" aria-label="Cloudflare API formats" {onkeydown}>
                        { tab_button(CloudflareTab::ApiJson, "api-json", "API JSON") }
                        { tab_button(CloudflareTab::Curl, "curl", "curl") }
                        { tab_button(CloudflareTab::Terraform, "terraform", "Terraform") }
                        if renew { { tab_button(CloudflareTab::Update, "update", "Update (PUT)") } }
                    </div>
                    <div class="tab-panel" role="tabpanel" id={format!("panel-{panel_id}")} aria-labelledby={format!("tab-{panel_id}")}>
                        <CodeBlock id={format!("code-{panel_id}")} code={code.clone()} label={label} />
                        <div class="downloads">
                            <CopyButton text={code} what={label} onannounce={props.onannounce.clone()} />
                            if let Some(file) = download {
                                <DownloadButton name={file} ondownload={props.ondownload.clone()} />
                            }
                        </div>
                    </div>
                </>
            }
        }
        _ => {
            html! { <p class="hint">{ "Generate the key and certificate to see the Cloudflare values." }</p> }
        }
    };
    html! {
        <section id="cloudflare" class="card" aria-labelledby="cloudflare-heading">
            <h2 id="cloudflare-heading"><span class="step">{ "4" }</span>{ "In Cloudflare" }</h2>
            { content }
        </section>
    }
}

/// 5. Finish: reminder, Download all, checklist.
#[component]
pub fn FinishSection(props: &SectionProps) -> Html {
    let state = &props.state;
    let downloads = match outputs(state).map(|o| o.setup) {
        Some(setup) => html! {
            <div class="downloads">
                <DownloadButton name={zip_name(&setup.team)} ondownload={props.ondownload.clone()} class={classes!("primary")}
                    text={AttrValue::from(format!("Download all ({})", zip_name(&setup.team)))} />
                <DownloadButton name={REMINDER_FILE} ondownload={props.ondownload.clone()} />
            </div>
        },
        _ => {
            html! { <p class="hint">{ "The expiry reminder and the ZIP of every file appear after you generate." }</p> }
        }
    };
    html! {
        <section id="finish" class="card" aria-labelledby="finish-heading">
            <h2 id="finish-heading"><span class="step">{ "5" }</span>{ "Finish" }</h2>
            { downloads }
            <ol class="checklist">
                { for CHECKLIST.iter().enumerate().map(|(index, step)| {
                    let state = state.clone();
                    let id = format!("step-{index}");
                    let checked = state.checked.contains(&index);
                    let onchange = Callback::from(move |_: Event| state.dispatch(Action::ToggleStep(index)));
                    html! {
                        <li class={classes!(checked.then_some("done"))}>
                            <input type="checkbox" id={id.clone()} {checked} {onchange} />
                            <label for={id}>{ *step }</label>
                        </li>
                    }
                }) }
            </ol>
        </section>
    }
}
