//! 3. In JumpCloud: every value in the order of JumpCloud's form, and the files to upload.

use crate::app::components::values::{DownloadButton, ValueList};
use crate::setup::NamedValue;
use crate::setup::files::{CERT_FILE, KEY_FILE, SP_METADATA_FILE};
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`JumpCloudSection`].
#[derive(Properties, PartialEq, Clone)]
pub struct JumpCloudProps {
    /// The values for JumpCloud's form (only the key-free ones before the key exists).
    pub values: Rc<Vec<NamedValue>>,
    /// Whether the mode's key and certificate exist.
    pub has_key: bool,
    /// The files this mode offers (the section shows the ones JumpCloud takes).
    pub files: Rc<Vec<String>>,
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
    let body = if props.values.is_empty() {
        html! { <p class="hint">{ "Enter your team name above to see the values." }</p> }
    } else {
        html! {
            <>
                if !props.has_key {
                    <p class="hint">{ "These values need no key. The key, the certificate and the rest appear after you generate." }</p>
                }
                <ValueList values={(*props.values).clone()} onannounce={props.onannounce.clone()} />
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
            <p class="lead">{ "SSO Applications → Add New Application → Custom Application (SAML 2.0). Enter these values; or import sp-metadata.xml with Upload Metadata." }</p>
            { body }
        </section>
    }
}
