//! 2 (New key): the Generate button, progress and the certificate summary.

use super::{CertificateSummary, SummaryFacts};
use crate::app::state::Generation;
use crate::pki::KeySize;
use yew::prelude::*;

/// Props of [`GenerateSection`].
#[derive(Properties, PartialEq, Clone)]
pub struct GenerateProps {
    /// Why Generate cannot be pressed, if it cannot.
    pub blocker: Option<AttrValue>,
    /// Whether generation is running or failed.
    pub generation: Generation,
    /// The key size being made (for the progress line).
    pub key_size: KeySize,
    /// The generated key's certificate, once there is one.
    pub summary: Option<SummaryFacts>,
    /// Called when Generate is pressed.
    pub ongenerate: Callback<()>,
}

/// The Generate section.
#[component]
pub fn GenerateSection(props: &GenerateProps) -> Html {
    let running = matches!(props.generation, Generation::Running(_));
    let onclick = props.ongenerate.reform(|_: MouseEvent| ());
    html! {
        <section id="generate" class="card" aria-labelledby="generate-heading">
            <h2 id="generate-heading"><span class="step">{ "2" }</span>{ "Generate" }</h2>
            <div class="generate-row">
                <button type="button" id="generate-button" class={classes!("primary", running.then_some("busy"))}
                    disabled={props.blocker.is_some() && !running} aria-disabled={running.then_some("true")} aria-describedby="generate-reason"
                    {onclick}>
                    if running { <span class="spinner" aria-hidden="true"></span> }
                    { if running { "Generating…" } else { "Generate key and certificate" } }
                </button>
                <span id="generate-reason" class="reason">{ props.blocker.clone().unwrap_or_default() }</span>
            </div>
            if let Generation::Running(origin) = &props.generation {
                <p class="progress">{ format!("Making an RSA-{} key with {}…", props.key_size.bits(), origin.label()) }</p>
            }
            if let Generation::Failed(message) = &props.generation {
                <p class="error" role="alert">{ message.clone() }</p>
            }
            if let Some(facts) = props.summary.clone() {
                <CertificateSummary {facts} />
            }
        </section>
    }
}
