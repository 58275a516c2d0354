//! What a new certificate looks like once made, and the facts of a certificate read from a file.

use crate::app::components::markup::{
    code_fact, fact, fingerprint_fact, marked_fact, matches_key_fact,
};
use crate::app::state::ActiveKey;
use crate::import::Inspection;
use crate::pki::Certificate;
use std::rc::Rc;
use yew::prelude::*;

/// The facts the summary of a new certificate shows.
#[derive(Debug, Clone, PartialEq)]
pub struct SummaryFacts {
    /// The certificate.
    pub certificate: Rc<Certificate>,
    /// The key's size in bits.
    pub key_bits: usize,
    /// How long making it took, in milliseconds.
    pub took_ms: f64,
    /// What made it ("the browser's WebCrypto", "your existing key").
    pub made_by: &'static str,
    /// Whether the key is still unsaved (then a warning says so).
    pub unsaved: bool,
}

impl SummaryFacts {
    /// The facts of a mode's key and certificate.
    pub fn of(active: &ActiveKey<'_>) -> SummaryFacts {
        SummaryFacts {
            certificate: active.certificate.clone(),
            key_bits: active.key.size().bits(),
            took_ms: active.took_ms,
            made_by: active.made_by,
            unsaved: !active.saved,
        }
    }
}

/// Props of [`CertificateSummary`].
#[derive(Properties, PartialEq, Clone)]
pub struct CertificateSummaryProps {
    /// What to show.
    pub facts: SummaryFacts,
}

/// The summary of a new certificate: what generation (or renewal) finished with.
#[component]
pub fn CertificateSummary(props: &CertificateSummaryProps) -> Html {
    let facts = &props.facts;
    let certificate = &facts.certificate;
    html! {
        <div class="summary" id="certificate-summary">
            <p class="done">{ format!("Done in {} ms with {}.", facts.took_ms.max(0.0).round() as u64, facts.made_by) }</p>
            <dl class="facts">
                { fact("Subject", certificate.subject().into()) }
                { fact("Valid from", certificate.not_before_iso().into()) }
                { fact("Valid to", certificate.not_after_iso().into()) }
                { fact("Key size", format!("RSA {} bits", facts.key_bits).into()) }
                { fingerprint_fact(certificate.sha256_fingerprint().into(), Some("sha256-fingerprint")) }
            </dl>
            if facts.unsaved {
                <p class="warning">{ "The private key exists only in this tab until you download it. Download samlidp.key (or Download all) before leaving." }</p>
            }
        </div>
    }
}

/// The facts about a certificate read from a file (JumpCloud metadata's certificates), as
/// `import::inspect` made them for the date.
pub fn inspection(facts: &Inspection, id: &str) -> Html {
    let facts = facts.clone();
    let expired = facts.is_expired();
    let days = if expired {
        format!("expired {} days ago", -facts.days_left)
    } else {
        format!("{} days left", facts.days_left)
    };
    html! {
        <dl class="facts inspection" id={id.to_owned()}>
            { fact("Subject", facts.subject.into()) }
            { fact("Issuer", facts.issuer.into()) }
            { fact("Valid from", facts.not_before_iso.into()) }
            { marked_fact("Valid to", format!("{} ({days})", facts.not_after_iso).into(), expired.then_some("bad")) }
            { fact("Key size", facts.key_bits.map_or("not RSA".to_owned(), |bits| format!("RSA {bits} bits")).into()) }
            if let Some(matches) = facts.matches_key {
                { matches_key_fact(matches) }
            }
            { code_fact("Serial", facts.serial_hex.into()) }
            { code_fact("SHA-1 fingerprint", facts.sha1.into()) }
            { code_fact("SHA-256 fingerprint", facts.sha256.into()) }
        </dl>
    }
}
