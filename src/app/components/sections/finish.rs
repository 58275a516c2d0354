//! 5. Finish: the reminder, Download all, and the checklist.

use crate::app::components::markup::heading;
use crate::app::components::values::{DownloadButton, download_button};
use crate::setup::files::FileSpec;
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`FinishSection`].
#[derive(Properties, PartialEq, Clone)]
pub struct FinishProps {
    /// The section's number (4 in From JumpCloud metadata, 5 elsewhere).
    pub number: u8,
    /// The "Download all" ZIP and the expiry reminder, once the mode has its files.
    pub downloads: Option<(FileSpec, FileSpec)>,
    /// This mode's checklist, made from the same step data as its sections.
    pub checklist: Rc<Vec<String>>,
    /// Which checklist steps are ticked (one flag per step of `checklist`).
    pub checked: Vec<bool>,
    /// Called with a file to save it.
    pub ondownload: Callback<FileSpec>,
    /// Called with the index of a toggled step.
    pub ontoggle: Callback<usize>,
}

/// The Finish section.
#[component]
pub fn FinishSection(props: &FinishProps) -> Html {
    let downloads = match props.downloads.clone() {
        Some((zip, reminder)) => html! {
            <div class="downloads">
                <DownloadButton text={AttrValue::from(format!("Download all ({})", zip.name))} file={zip}
                    ondownload={props.ondownload.clone()} class={classes!("primary")} />
                { download_button(reminder, &props.ondownload) }
            </div>
        },
        None => {
            html! { <p class="hint">{ "The expiry reminder and the ZIP of every file appear after you generate." }</p> }
        }
    };
    html! {
        <section id="finish" class="card" aria-labelledby="finish-heading">
            { heading("finish-heading", props.number.to_string().into(), "Finish") }
            { downloads }
            <ol class="checklist">
                { for props.checklist.iter().enumerate().map(|(index, step)| {
                    let id = format!("step-{index}");
                    let checked = props.checked.get(index).copied().unwrap_or(false);
                    let onchange = props.ontoggle.reform(move |_: Event| index);
                    html! {
                        <li class={classes!(checked.then_some("done"))}>
                            <input type="checkbox" id={id.clone()} {checked} {onchange} />
                            <label for={id}>{ step.clone() }</label>
                        </li>
                    }
                }) }
            </ol>
        </section>
    }
}
