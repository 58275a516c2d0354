//! Section 3, "In JumpCloud": which app to create, its steps with every value in the order
//! of JumpCloud's screens, and the files to upload.

use crate::app::choice::Choice;
use crate::app::components::fields::choice_radios;
use crate::app::components::markup::heading;
use crate::app::components::values::{DownloadButton, StepList};
use crate::app::views::JumpCloudView;
use crate::setup::JumpCloudApp;
use crate::setup::files::{FileSpec, PageFile};
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
    /// Called with a file to save it.
    pub ondownload: Callback<FileSpec>,
    /// Called with a status message to announce.
    pub onannounce: Callback<String>,
}

/// The JumpCloud section.
#[component]
pub fn JumpCloudSection(props: &JumpCloudProps) -> Html {
    let view = &props.view;
    let button = |file: PageFile, primary: bool| {
        html! {
            if let Some(file) = view.files.get(file).cloned() {
                <DownloadButton {file} ondownload={props.ondownload.clone()} class={classes!(primary.then_some("primary"))} />
            }
        }
    };
    let choices = choice_radios(
        "jumpcloud-app",
        <JumpCloudApp as Choice>::ALL,
        props.app,
        &props.onapp,
    );
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
                    { button(PageFile::Key, true) }
                    { button(PageFile::Certificate, false) }
                    { button(PageFile::SpMetadata, false) }
                </div>
            </>
        }
    };
    html! {
        <section id="jumpcloud" class="card" aria-labelledby="jumpcloud-heading">
            { heading("jumpcloud-heading", "3".into(), "In JumpCloud") }
            { choices }
            { body }
        </section>
    }
}
