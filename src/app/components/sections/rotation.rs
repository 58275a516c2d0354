//! 3 (Renew certificate): the rotation plan, in the order that never leaves JumpCloud signing
//! with a certificate Cloudflare does not trust. Each step names its console path, its values
//! with copy buttons, and the files it uses.

use crate::app::components::markup::heading;
use crate::app::components::values::{ValueList, download_button};
use crate::app::views::RotationView;
use crate::setup::files::FileSpec;
use crate::setup::rotation::Phase;
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`RotationSection`].
#[derive(Properties, PartialEq, Clone)]
pub struct RotationProps {
    /// The plan, once the new certificate exists (`None` before).
    pub view: Option<Rc<RotationView>>,
    /// Called with a file to save it.
    pub ondownload: Callback<FileSpec>,
    /// Called with a status message to announce.
    pub onannounce: Callback<String>,
    /// "Check a response against the new certificate".
    pub oncheck: Callback<()>,
}

/// The rotation plan section.
#[component]
pub fn RotationSection(props: &RotationProps) -> Html {
    let heading = html! {
        { heading("rotation-heading", "3".into(), "Rotate without an outage") }
    };
    let Some(view) = &props.view else {
        return html! {
            <section id="rotation" class="card" aria-labelledby="rotation-heading">
                { heading }
                <p class="hint">{ "The steps appear once the new certificate exists: read your key above, or choose Make a new key and generate." }</p>
            </section>
        };
    };
    html! {
        <section id="rotation" class="card" aria-labelledby="rotation-heading">
            { heading }
            <p class="lead">{ "Your JumpCloud app and Cloudflare identity provider stay as they are: these steps edit them, in this order." }</p>
            <ol class="steps rotation-steps" id="rotation-steps">
                { for view.steps.iter().map(|step| {
                    let files = step.files.iter().filter_map(|file| view.files.get(*file).cloned());
                    html! {
                        <li data-phase={format!("{:?}", step.phase)}>
                            <h3>{ step.title.clone() }</h3>
                            <p>{ step.step.text.clone() }</p>
                            if !step.step.values.is_empty() {
                                <ValueList values={step.step.values.clone()} onannounce={props.onannounce.clone()} />
                            }
                            <div class="downloads">
                                { for files.map(|file| html! {
                                    { download_button(file, &props.ondownload) }
                                }) }
                                if step.phase == Phase::Test {
                                    <button type="button" id="check-new-certificate" class="secondary"
                                        onclick={props.oncheck.reform(|_: MouseEvent| ())}>
                                        { "Check a response against the new certificate" }
                                    </button>
                                }
                            </div>
                        </li>
                    }
                }) }
            </ol>
        </section>
    }
}
