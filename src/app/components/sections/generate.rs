//! 2 (New key): the Generate button, progress and the certificate summary.

use super::{CertificateSummary, SummaryFacts};
use crate::app::components::markup::heading;
use crate::app::effects::use_elapsed_ms;
use crate::app::state::{Generation, KeyOrigin};
use crate::pki::KeySize;
use yew::prelude::*;

/// Props of [`GenerateSection`] and [`GenerateControls`].
#[derive(Properties, PartialEq, Clone)]
pub struct GenerateProps {
    /// Why Generate cannot be pressed, if it cannot.
    pub blocker: Option<AttrValue>,
    /// Whether generation is running or failed.
    pub generation: Generation,
    /// Why the built-in RSA runs on the main thread (no worker), while it does.
    pub worker_refused: Option<AttrValue>,
    /// Called when Cancel is pressed (built-in RSA in a worker only).
    pub oncancel: Callback<()>,
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
    html! {
        <section id="generate" class="card" aria-labelledby="generate-heading">
            { heading("generate-heading", "2".into(), "Generate") }
            <GenerateControls ..props.clone() />
        </section>
    }
}

/// The Generate button with its progress, failure and the new certificate's summary: New key's
/// section, and Renew certificate's "Make a new key".
#[component]
pub fn GenerateControls(props: &GenerateProps) -> Html {
    let running = matches!(props.generation, Generation::Running(_));
    let onclick = props.ongenerate.reform(|_: MouseEvent| ());
    // While WebCrypto makes the key (well under a second at 2048 bits), its progress line is the
    // text beside the button: a line of its own would move everything below it, and the browser
    // would repaint the page while the key is being made (docs/speed.md).
    let reason = match props.generation {
        Generation::Running(KeyOrigin::WebCrypto) => AttrValue::from(format!(
            "Making an RSA-{} key with {}…",
            props.key_size.bits(),
            KeyOrigin::WebCrypto.label()
        )),
        _ => props.blocker.clone().unwrap_or_default(),
    };
    html! {
        <>
            <div class="generate-row">
                <button type="button" id="generate-button" class={classes!("primary", running.then_some("busy"))}
                    disabled={props.blocker.is_some() && !running} aria-disabled={running.then_some("true")} aria-describedby="generate-reason"
                    {onclick}>
                    if running { <span class="spinner" aria-hidden="true"></span> }
                    { if running { "Generating…" } else { "Generate key and certificate" } }
                </button>
                <span id="generate-reason" class="reason">{ reason }</span>
            </div>
            if let Generation::Running(KeyOrigin::Wasm) = &props.generation {
                { builtin_progress(props.key_size, props.worker_refused.as_ref(), &props.oncancel) }
            }
            if let Generation::Failed(message) = &props.generation {
                <p class="error" role="alert">{ message.to_string() }</p>
            }
            if let Some(facts) = props.summary.clone() {
                <CertificateSummary {facts} />
            }
        </>
    }
}

/// The built-in RSA's progress line: the worker's (elapsed time and Cancel), or the main
/// thread's with the reason it is slower.
fn builtin_progress(
    size: KeySize,
    worker_refused: Option<&AttrValue>,
    oncancel: &Callback<()>,
) -> Html {
    match worker_refused {
        None => html! {
            <p class="progress" id="generate-progress">
                { format!("Generating with built-in RSA (no WebCrypto on this origin)… RSA-{} ", size.bits()) }
                <Elapsed />
                { " " }
                <button type="button" id="cancel-button" class="secondary" onclick={oncancel.reform(|_: MouseEvent| ())}>{ "Cancel" }</button>
            </p>
        },
        Some(reason) => html! {
            <p class="progress" id="generate-progress">
                { format!("Generating with built-in RSA (no WebCrypto on this origin) on the page itself, because {}. This is slower: the page may not respond until the RSA-{} key is ready.", reason.trim_end_matches('.'), size.bits()) }
            </p>
        },
    }
}

/// Seconds since it appeared, updated ten times a second.
#[component]
fn Elapsed() -> Html {
    let elapsed_ms = use_elapsed_ms();
    // Tenths of a second in integers: float formatting would put ~10 KB into the wasm.
    let tenths = (elapsed_ms / 100.0) as u64;
    let text = format!("{}.{} s", tenths / 10, tenths % 10);
    html! { <span class="elapsed" id="generate-elapsed">{ text }</span> }
}
