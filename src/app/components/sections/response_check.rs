//! 2 (Check a SAML response): paste or drop what JumpCloud posted to Cloudflare, choose what to
//! check it against, and read one line per setting with the fix for each failure. The report
//! is shown as text nodes only; nothing is stored. The check lines' names, status words and
//! fixes (with the console fields they name, and their sources) come from `crate::response`.

use crate::app::components::fields::choice_radios;
use crate::app::components::file_input::{FileBytes, FileInput};
use crate::app::components::markup::heading;
use crate::app::components::values::CopyButton;
use crate::app::effects::text_file_reader;
use crate::app::state::CheckAgainst;
use crate::browser;
use crate::import::InputKind;
use crate::response::{Report, Status};
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`ResponseCheckSection`].
#[derive(Properties, PartialEq, Clone)]
pub struct ResponseCheckProps {
    /// The "SAML response" text area's text.
    pub text: AttrValue,
    /// "Check against" in effect.
    pub against: CheckAgainst,
    /// The "Check against" choices offered.
    pub offered: Vec<CheckAgainst>,
    /// What "Check response" would use now, in words, or what is missing.
    pub basis: Result<AttrValue, AttrValue>,
    /// "Certificate to check against": a line once read.
    pub certificate_loaded: Option<AttrValue>,
    /// The message for the last refused certificate file.
    pub certificate_error: Option<AttrValue>,
    /// The last check's report, or why it could not run.
    pub outcome: Option<Result<Rc<Report>, String>>,
    /// What the last check used, in words.
    pub checked_against: AttrValue,
    /// Called with the text area's new text.
    pub onedit: Callback<String>,
    /// Called with the text of a file dropped on the text area, or why it could not be read.
    pub onfile: Callback<Result<String, String>>,
    /// Called when "Check against" changes.
    pub onagainst: Callback<CheckAgainst>,
    /// Called with the bytes of the certificate file.
    pub onimport: Callback<(InputKind, FileBytes)>,
    /// "Check response" pressed.
    pub oncheck: Callback<()>,
    /// "Clear" pressed.
    pub onclear: Callback<()>,
    /// Called with a status message after copying.
    pub onannounce: Callback<String>,
}

/// The Check a SAML response section.
#[component]
pub fn ResponseCheckSection(props: &ResponseCheckProps) -> Html {
    let oninput = props
        .onedit
        .reform(|event: InputEvent| browser::input_text(&event));
    let ondragover = Callback::from(|event: DragEvent| event.prevent_default());
    let read_dropped = text_file_reader(props.onfile.clone());
    let ondrop = Callback::from(move |event: DragEvent| {
        // A file is read here; dropped text falls through to the text area as usual.
        if let Some(file) = browser::dropped_file(&event) {
            event.prevent_default();
            read_dropped.emit(file);
        }
    });
    let choices = choice_radios(
        "check-against",
        &props.offered,
        props.against,
        &props.onagainst,
    );
    let basis = match &props.basis {
        Ok(text) | Err(text) => text.clone(),
    };
    html! {
        <section id="response-check" class="card" aria-labelledby="response-check-heading">
            { heading("response-check-heading", "2".into(), "What JumpCloud sent") }
            <p class="lead">{ "When Test in Cloudflare fails: capture what JumpCloud posted to Cloudflare's callback (the SAMLResponse form value, from the browser's developer tools or a SAML tracer) and paste it here, whole form body, base64 value or decoded XML. It is checked in this tab against the setup made on this page, line by line, with the setting to change for each failure. Nothing is sent or stored." }</p>
            <div class="field">
                <div class="label-row"><label for="saml-response">{ "SAML response" }</label></div>
                <textarea id="saml-response" class="response-input" rows="8" spellcheck="false" autocomplete="off"
                    aria-describedby="saml-response-help" value={props.text.clone()} {oninput} {ondragover} {ondrop} />
                <p id="saml-response-help" class="help">{ "Paste, or drop a saved file on the box. Up to 1 MiB; DOCTYPE and entity declarations are refused." }</p>
            </div>
            { choices }
            <p class="hint" id="check-basis">{ basis }</p>
            if props.against == CheckAgainst::CertificateFile {
                <FileInput kind={InputKind::CheckCertificate} id="check-certificate-file" accept=".crt,.pem,.cer,.der"
                    help="The certificate Cloudflare has for JumpCloud (samlidp.crt). The team name, IdP Entity ID and attribute names come from the form above."
                    problem={props.certificate_error.clone()}
                    loaded={props.certificate_loaded.clone()} onbytes={props.onimport.clone()} />
            }
            <div class="actions">
                <button type="button" class="primary" id="check-response" onclick={props.oncheck.reform(|_: MouseEvent| ())}>{ "Check response" }</button>
                <button type="button" class="secondary" id="clear-response" onclick={props.onclear.reform(|_: MouseEvent| ())}>{ "Clear" }</button>
            </div>
            { match &props.outcome {
                None => html! {},
                Some(Err(message)) => html! { <p class="error" id="check-error">{ message.clone() }</p> },
                Some(Ok(report)) => report_view(report, &props.checked_against, &props.onannounce),
            } }
        </section>
    }
}

/// The summary, the check lines, the subject and attributes, and Copy XML. Text nodes only.
fn report_view(
    report: &Report,
    checked_against: &AttrValue,
    onannounce: &Callback<String>,
) -> Html {
    let status_class = |status: Status| match status {
        Status::Pass => "pass",
        Status::Fail => "fail",
        Status::Warning => "warn",
        Status::NotChecked => "unchecked",
    };
    html! {
        <div class="report" id="check-report">
            <p id="check-summary" class={classes!("summary", if report.passed() { "ok" } else { "bad" })}>{ report.summary() }</p>
            <p class="help">{ format!("Checked against {checked_against}, with this device's clock.") }</p>
            <table class="check-lines" id="check-lines">
                <caption class="visually-hidden">{ "Check lines" }</caption>
                <thead><tr><th scope="col">{ "Check" }</th><th scope="col">{ "Result" }</th><th scope="col">{ "Details" }</th></tr></thead>
                <tbody>
                    { for report.lines.iter().map(|line| html! {
                        <tr>
                            <th scope="row">{ line.check.name() }</th>
                            <td class={classes!("status", status_class(line.status))}>{ line.status.label() }</td>
                            <td>
                                <p>{ line.detail.clone() }</p>
                                if let Some(fix) = line.fix.clone() { <p class="fix">{ "Fix: " }{ fix }</p> }
                            </td>
                        </tr>
                    }) }
                </tbody>
            </table>
            <h3>{ "Subject and attributes" }</h3>
            <table class="attributes" id="response-attributes">
                <caption class="visually-hidden">{ "Subject and attributes" }</caption>
                <thead><tr><th scope="col">{ "Name" }</th><th scope="col">{ "Value" }</th></tr></thead>
                <tbody>
                    <tr><th scope="row">{ "NameID" }</th><td>{ report.name_id.clone().unwrap_or_default() }</td></tr>
                    <tr><th scope="row">{ "NameID Format" }</th><td>{ report.name_id_format.clone().unwrap_or_default() }</td></tr>
                    { for report.attributes.iter().map(|attribute| html! {
                        <tr>
                            <th scope="row">{ attribute.name.clone() }</th>
                            <td>{ for attribute.values.iter().map(|value| html! { <div>{ value.clone() }</div> }) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            <div class="actions">
                <CopyButton text={AttrValue::from(report.pretty_xml.clone())} what="XML" label={AttrValue::Static("Copy XML")} onannounce={onannounce.clone()} />
            </div>
        </div>
    }
}
