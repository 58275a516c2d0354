//! Section 3, "In JumpCloud": which app to create, its steps with every value in the order
//! of JumpCloud's screens, and the files to upload.

use crate::app::components::values::{DownloadButton, StepList};
use crate::setup::files::{CERT_FILE, KEY_FILE, SP_METADATA_FILE};
use crate::setup::guide::KEEP_JUMPCLOUD_PAIR_NOTE;
use crate::setup::{JumpCloudApp, Step};
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`JumpCloudSection`].
#[derive(Properties, PartialEq, Clone)]
pub struct JumpCloudProps {
    /// Which JumpCloud app the steps are for.
    pub app: JumpCloudApp,
    /// JumpCloud's steps for that app (empty until the team name is valid).
    pub steps: Rc<Vec<Step>>,
    /// Whether the mode's key and certificate exist.
    pub has_key: bool,
    /// The files this mode offers (the section shows the ones JumpCloud takes).
    pub files: Rc<Vec<String>>,
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
    let offered = |name: &str| props.files.iter().any(|file| file == name);
    let button = |name: &'static str, primary: bool| {
        html! {
            if offered(name) {
                <DownloadButton {name} ondownload={props.ondownload.clone()} class={classes!(primary.then_some("primary"))} />
            }
        }
    };
    let choices = html! {
        <fieldset class="radio-group" id="jumpcloud-app">
            <legend>{ JumpCloudApp::LEGEND }</legend>
            { for JumpCloudApp::ALL.iter().map(|app| {
                let app = *app;
                let onchange = props.onapp.reform(move |_: Event| app);
                html! {
                    <label for={app.id()} class="radio">
                        <input type="radio" id={app.id()} name="jumpcloud-app" checked={props.app == app} {onchange} />
                        { app.label() }
                    </label>
                }
            }) }
        </fieldset>
    };
    let body = if props.steps.is_empty() {
        html! { <p class="hint">{ "Enter your team name above to see the values." }</p> }
    } else {
        html! {
            <>
                if !props.has_key {
                    <p class="hint">{ "These values need no key. The key and the certificate to upload appear after you generate." }</p>
                }
                <StepList id="jumpcloud-steps" steps={props.steps.clone()} onannounce={props.onannounce.clone()} />
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
