//! 2 (Renew certificate): the existing key, the current certificate and rotation.

use super::certificate::inspection;
use super::{CertificateSummary, SummaryFacts};
use crate::app::components::fields::CheckboxField;
use crate::app::components::file_input::{FileBytes, FileInput};
use crate::app::state::FileNames;
use crate::import::InputKind;
use crate::pki::{Certificate, KeyFormat, KeyPair};
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`RenewSection`].
#[derive(Properties, PartialEq, Clone)]
pub struct RenewProps {
    /// The imported key and the format it came in.
    pub imported: Option<(Rc<KeyPair>, KeyFormat)>,
    /// The message for the last refused key file.
    pub key_error: Option<AttrValue>,
    /// The current certificate, when given.
    pub current: Option<Rc<Certificate>>,
    /// The message for the last refused certificate file.
    pub certificate_error: Option<AttrValue>,
    /// "Keep the current certificate too".
    pub keep_current: bool,
    /// The new certificate, once issued.
    pub summary: Option<SummaryFacts>,
    /// The names of the files read.
    pub files: FileNames,
    /// Called with the bytes of a chosen file.
    pub onimport: Callback<(InputKind, FileBytes)>,
    /// Called when "Keep the current certificate too" is toggled.
    pub onkeepcurrent: Callback<bool>,
}

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
    let certificate_loaded = props.current.as_ref().map(|_| {
        AttrValue::from(
            props
                .files
                .read_line(InputKind::Certificate, "the current certificate."),
        )
    });
    html! {
        <section id="generate" class="card" aria-labelledby="renew-heading">
            <h2 id="renew-heading"><span class="step">{ "2" }</span>{ "Your existing key" }</h2>
            <p class="lead">{ "Renew the certificate for the key JumpCloud already has: a new certificate with the options above, for the same key, and the matching update for Cloudflare. Files are read in this tab only." }</p>
            <FileInput kind={InputKind::PrivateKey} id="private-key-file" accept=".key,.pem,.der,application/x-pem-file"
                help="The unencrypted private key (PEM PKCS#8 or PKCS#1), e.g. samlidp.key. RSA 2048–4096 bits."
                problem={props.key_error.clone()}
                loaded={key_loaded} onbytes={props.onimport.clone()} />
            <FileInput kind={InputKind::Certificate} id="certificate-file" accept=".crt,.pem,.cer,.der"
                help="Optional: the current certificate (samlidp.crt), to inspect it and to keep it trusted during the switch."
                problem={props.certificate_error.clone()}
                loaded={certificate_loaded} onbytes={props.onimport.clone()} />
            if let Some(current) = &props.current {
                <h3>{ "Current certificate" }</h3>
                { inspection(current, props.imported.as_ref().map(|(key, _)| key.as_ref()), "current-certificate") }
                <CheckboxField id="keep-current" label="Keep the current certificate too" checked={props.keep_current} ontoggle={props.onkeepcurrent.clone()}
                    help={AttrValue::Static("Cloudflare then trusts both certificates (new first), so sign-ins keep working while JumpCloud switches to the new one. Remove the old certificate from Cloudflare once JumpCloud signs with the new one and a test sign-in works.")} />
            }
            if let Some(facts) = props.summary.clone() {
                <h3>{ "New certificate" }</h3>
                <CertificateSummary {facts} />
            }
        </section>
    }
}
