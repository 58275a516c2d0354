//! 2 (Renew certificate): which key the new certificate is for (the current key, read from its
//! file, or a new one made here), the certificates Cloudflare trusts today (a certificate file
//! or JumpCloud's metadata), both side by side, and whether Cloudflare keeps the current ones
//! during the switch.

use super::generate::{GenerateControls, GenerateProps};
use super::{CertificateSummary, SummaryFacts};
use crate::app::choice::Choice;
use crate::app::components::fields::{CheckboxField, choice_radios};
use crate::app::components::file_input::{FileBytes, FileInput};
use crate::app::components::markup::{
    fact, fingerprint_fact, heading, marked_fact, matches_key_fact,
};
use crate::app::state::{FileNames, RenewKey};
use crate::app::views::{CertificateCard, Expiry};
use crate::import::InputKind;
use crate::pki::{KeyFormat, KeyPair};
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`RenewSection`].
#[derive(Properties, PartialEq, Clone)]
pub struct RenewProps {
    /// "Key for the new certificate".
    pub renew_key: RenewKey,
    /// The imported key and the format it came in ("Keep my current key").
    pub imported: Option<(Rc<KeyPair>, KeyFormat)>,
    /// The message for the last refused key file.
    pub key_error: Option<AttrValue>,
    /// The Generate controls ("Make a new key").
    pub generate: GenerateProps,
    /// Whether a current certificate (or JumpCloud's metadata) was given, and how many
    /// certificates it holds.
    pub current_count: usize,
    /// Whether the current certificates came from JumpCloud's metadata.
    pub current_from_metadata: bool,
    /// The message for the last refused certificate file.
    pub certificate_error: Option<AttrValue>,
    /// The current and new certificates, side by side.
    pub cards: Rc<Vec<CertificateCard>>,
    /// Where JumpCloud's metadata differs from the form: (label, form, metadata).
    pub differences: Rc<Vec<(&'static str, String, String)>>,
    /// "Keep the current certificate too".
    pub keep_current: bool,
    /// The new certificate for a kept key, once issued.
    pub summary: Option<SummaryFacts>,
    /// Called with the chosen key option.
    pub onrenewkey: Callback<RenewKey>,
    /// The names of the files read.
    pub files: FileNames,
    /// Called with the bytes of a chosen file.
    pub onimport: Callback<(InputKind, FileBytes)>,
    /// Called when "Keep the current certificate too" is toggled.
    pub onkeepcurrent: Callback<bool>,
}

/// What "Keep the current certificate too" does, on and off.
const KEEP_ON_HELP: &str = "Cloudflare trusts the new and the current certificates (new first) until a test sign-in works, so sign-ins keep working while JumpCloud switches to the new pair. The last step removes the old certificate.";
const KEEP_OFF_HELP: &str = "Off: an immediate replacement. Sign-ins fail between the Cloudflare step and the JumpCloud step, whichever you do first, so do them back to back. Right when the current key may be exposed and must stop being trusted at once.";

/// The Renew certificate section.
#[component]
pub fn RenewSection(props: &RenewProps) -> Html {
    let key_loaded = props.imported.as_ref().map(|(key, format)| {
        let what = format!(
            "an RSA {}-bit key ({}). It stays in this tab and is offered back unchanged.",
            key.size().bits(),
            format.label()
        );
        AttrValue::from(props.files.read_line(InputKind::PrivateKey, &what))
    });
    let certificate_loaded = match (props.current_count, props.current_from_metadata) {
        (0, _) => None,
        (1, false) => Some("the current certificate.".to_owned()),
        (n, true) => Some(format!(
            "JumpCloud's metadata: {n} signing certificate(s), all current."
        )),
        (n, false) => Some(format!("{n} current certificates.")),
    }
    .map(|what| AttrValue::from(props.files.read_line(InputKind::Certificate, &what)));
    let choices = html! {
        { choice_radios("renew-key", <RenewKey as Choice>::ALL, props.renew_key, &props.onrenewkey) }
    };
    let key_part = match props.renew_key {
        RenewKey::Keep => html! {
            <>
                <FileInput kind={InputKind::PrivateKey} id="private-key-file" accept=".key,.pem,.der,application/x-pem-file"
                    help="The unencrypted private key (PEM PKCS#8 or PKCS#1), e.g. samlidp.key. RSA 2048–4096 bits."
                    problem={props.key_error.clone()}
                    loaded={key_loaded} onbytes={props.onimport.clone()} />
            </>
        },
        RenewKey::New => html! {
            <>
                <p class="hint" id="renew-new-key-hint">{ "For a pair JumpCloud made (its key never left JumpCloud), or to retire a key that may be exposed: a new key and certificate, made here. JumpCloud gets both, so no match with the current certificate is expected." }</p>
                <GenerateControls ..props.generate.clone() />
            </>
        },
    };
    html! {
        <section id="generate" class="card" aria-labelledby="renew-heading">
            { heading("renew-heading", "2".into(), "Your existing key") }
            <p class="lead">{ "Renew the certificate of a setup that works today, without an outage: a new certificate (for your current key or a new one), then the steps that add it to Cloudflare before JumpCloud signs with it. Files are read in this tab only." }</p>
            { choices }
            { key_part }
            <FileInput kind={InputKind::Certificate} id="certificate-file" accept=".crt,.pem,.cer,.der,.xml,application/xml,text/xml"
                help="The certificate Cloudflare trusts today: samlidp.crt, JumpCloud's certificate.pem (IDP Certificate Valid → Download certificate), or JumpCloud's metadata XML (Export Metadata on the app's SSO tab). Optional, but without it Cloudflare cannot keep trusting it during the switch."
                problem={props.certificate_error.clone()}
                loaded={certificate_loaded} onbytes={props.onimport.clone()} />
            if !props.differences.is_empty() {
                <div class="note" id="renew-differences">
                    <p>{ "JumpCloud's metadata differs from the form; the update uses JumpCloud's values, which the identity provider uses today:" }</p>
                    <ul>
                        { for props.differences.iter().map(|(label, form, metadata)| html! {
                            <li>{ format!("{label}: the form says {form}, JumpCloud's metadata {metadata}.") }</li>
                        }) }
                    </ul>
                </div>
            }
            if !props.cards.is_empty() {
                <h3>{ "Current and new" }</h3>
                <div class="compare" id="certificate-comparison">
                    { for props.cards.iter().map(card) }
                </div>
            }
            if props.current_count > 0 {
                <CheckboxField id="keep-current" label="Keep the current certificate too" checked={props.keep_current} ontoggle={props.onkeepcurrent.clone()}
                    help={AttrValue::Static(if props.keep_current { KEEP_ON_HELP } else { KEEP_OFF_HELP })} />
            }
            if props.renew_key == RenewKey::Keep {
                if let Some(facts) = props.summary.clone() {
                    <h3>{ "New certificate" }</h3>
                    <CertificateSummary {facts} />
                }
            }
        </section>
    }
}

/// One certificate of the side-by-side view.
fn card(card: &CertificateCard) -> Html {
    let id = format!(
        "certificate-card-{}",
        card.role.to_lowercase().replace(' ', "-")
    );
    let (class, days_class) = match card.expiry() {
        Expiry::Fine => (None, None),
        Expiry::Soon => (Some("soon"), Some("warn")),
        Expiry::Expired => (Some("expired"), Some("bad")),
    };
    html! {
        <div class={classes!("certificate-card", class)} {id}>
            <h4>{ card.role.clone() }</h4>
            <dl class="facts">
                { fact("Subject", card.subject.clone().into()) }
                { marked_fact("Valid to", format!("{} ({})", card.not_after, Expiry::describe(card.days_left)).into(), days_class) }
                if let Some(matches) = card.matches_key {
                    { matches_key_fact(matches) }
                }
                { fingerprint_fact(card.sha256.clone().into(), None) }
            </dl>
        </div>
    }
}
