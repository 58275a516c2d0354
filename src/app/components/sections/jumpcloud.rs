//! Section 3, "In JumpCloud": which app to create, its steps with every value in the order
//! of JumpCloud's screens, and the files to upload.

use crate::app::components::fields::RadioGroup;
use crate::app::components::values::{DownloadButton, StepList};
use crate::app::views::JumpCloudView;
use crate::setup::JumpCloudApp;
use crate::setup::files::{CERT_FILE, KEY_FILE, SP_METADATA_FILE};
use crate::setup::guide::KEEP_JUMPCLOUD_PAIR_NOTE;
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`JumpCloudSection`].
#[derive(Properties, PartialEq, Clone)]
pub struct JumpCloudProps {
    /// Which JumpCloud app the steps are for.
    pub app: JumpCloudApp,
    /// The steps, whether the key exists, and the files offered (the section shows the ones
    /// JumpCloud takes), made once per change of the outputs.
    pub view: Rc<JumpCloudView>,
    /// Called with the chosen app.
    pub onapp: Callback<JumpCloudApp>,
    /// Called with a file name to save it.
    pub ondownload: Callback<String>,
    /// Called with a status message to announce.
    pub onannounce: Callback<String>,
}

/// The JumpCloud section.
#[component]
pub fn JumpCloudSection(props: &JumpCloudProps) -> Html {
    let view = &props.view;
    let offered = |name: &str| view.files.iter().any(|file| file == name);
    let button = |name: &'static str, primary: bool| {
        html! {
            if offered(name) {
                <DownloadButton {name} ondownload={props.ondownload.clone()} class={classes!(primary.then_some("primary"))} />
            }
        }
    };
    let choices = html! {
        <RadioGroup id="jumpcloud-app" legend={JumpCloudApp::LEGEND}
            options={JumpCloudApp::ALL.map(|app| (app.id().into(), app.label().into())).to_vec()}
            selected={JumpCloudApp::ALL.iter().position(|app| *app == props.app).unwrap_or(0)}
            onchoose={props.onapp.reform(|index: usize| JumpCloudApp::ALL.get(index).copied().unwrap_or_default())} />
    };
    let body = if view.steps.is_empty() {
        html! { <p class="hint">{ "Enter your team name above to see the values." }</p> }
    } else {
        html! {
            <>
                if !view.has_key {
                    <p class="hint">{ "These values need no key. The key and the certificate to upload appear after you generate." }</p>
                }
                <StepList id="jumpcloud-steps" steps={view.steps.clone()} onannounce={props.onannounce.clone()} />
                if props.app == JumpCloudApp::Catalog {
                    <p class="note" id="keep-jumpcloud-pair">{ KEEP_JUMPCLOUD_PAIR_NOTE }</p>
                }
                <div class="downloads">
                    { button(KEY_FILE, true) }
                    { button(CERT_FILE, false) }
                    { button(SP_METADATA_FILE, false) }
                </div>
            </>
        }
    };
    html! {
        <section id="jumpcloud" class="card" aria-labelledby="jumpcloud-heading">
            <h2 id="jumpcloud-heading"><span class="step">{ "3" }</span>{ "In JumpCloud" }</h2>
            { choices }
            { body }
        </section>
    }
}
