//! Values with copy buttons, download buttons and code blocks.

use crate::app::effects::use_copy;
use crate::setup::files::FileSpec;
use crate::setup::{NamedValue, Step};
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`CopyButton`].
#[derive(Properties, PartialEq, Clone)]
pub struct CopyButtonProps {
    /// The text to copy.
    pub text: AttrValue,
    /// What is being copied, for screen readers ("Copy SP Entity ID").
    pub what: AttrValue,
    /// Called with a status message after copying (announced).
    pub onannounce: Callback<String>,
    /// The button's text instead of "Copy" (then it should read like its accessible name).
    #[prop_or_default]
    pub label: Option<AttrValue>,
}

/// A "Copy" button that says "Copied" for a moment.
#[component]
pub fn CopyButton(props: &CopyButtonProps) -> Html {
    let (status, onclick) = use_copy(
        props.text.clone(),
        props.what.clone(),
        props.onannounce.clone(),
    );
    html! {
        <button type="button" class="copy" {onclick} aria-label={format!("Copy {}", props.what)}>
            { status.map_or_else(|| props.label.clone().unwrap_or(AttrValue::Static("Copy")), AttrValue::Static) }
        </button>
    }
}

/// Props of [`ValueList`].
#[derive(Properties, PartialEq, Clone)]
pub struct ValueListProps {
    /// The values, in the console's order.
    pub values: Vec<NamedValue>,
    /// Called with a status message after copying.
    pub onannounce: Callback<String>,
}

/// Values longer than this may overflow their box (at most about five lines) and scroll.
const SCROLLABLE_CHARS: usize = 100;

/// A list of label → value rows, each with a copy button.
#[component]
pub fn ValueList(props: &ValueListProps) -> Html {
    html! {
        <dl class="values">
            { for props.values.iter().map(|value| html! {
                <div class="value-row">
                    <dt>{ value.label.clone() }</dt>
                    <dd>
                        if value.value.len() > SCROLLABLE_CHARS {
                            // Long values (a certificate) scroll inside their box: keyboard users
                            // must be able to reach and scroll it too.
                            <code class="value" tabindex="0" role="region" aria-label={value.label.clone()}>{ value.value.clone() }</code>
                        } else {
                            <code class="value">{ value.value.clone() }</code>
                        }
                        <CopyButton text={value.value.clone()} what={value.label.clone()} onannounce={props.onannounce.clone()} />
                        if let Some(note) = &value.note { <p class="note">{ note.clone() }</p> }
                    </dd>
                </div>
            }) }
        </dl>
    }
}

/// Props of [`DownloadButton`].
#[derive(Properties, PartialEq, Clone)]
pub struct DownloadButtonProps {
    /// The file saved (its name is shown on the button).
    pub file: FileSpec,
    /// Called with the file when pressed.
    pub ondownload: Callback<FileSpec>,
    /// Extra class, e.g. "primary".
    #[prop_or_default]
    pub class: Classes,
    /// Button text instead of "Download <name>".
    #[prop_or_default]
    pub text: Option<AttrValue>,
}

/// A plain [`DownloadButton`] ("Download <name>", no extra class), made in one place.
pub fn download_button(file: FileSpec, ondownload: &Callback<FileSpec>) -> Html {
    html! { <DownloadButton {file} ondownload={ondownload.clone()} /> }
}

/// A button that saves one file.
#[component]
pub fn DownloadButton(props: &DownloadButtonProps) -> Html {
    let onclick = {
        let ondownload = props.ondownload.clone();
        let file = props.file.clone();
        Callback::from(move |_: MouseEvent| ondownload.emit(file.clone()))
    };
    let name = &props.file.name;
    html! {
        <button type="button" class={classes!("download", props.class.clone())} {onclick} data-file={name.clone()}>
            <span aria-hidden="true" class="icon">{ "↓" }</span>
            { props.text.clone().unwrap_or_else(|| format!("Download {name}").into()) }
        </button>
    }
}

/// Props of [`CodeBlock`].
#[derive(Properties, PartialEq, Clone)]
pub struct CodeBlockProps {
    /// DOM id.
    pub id: AttrValue,
    /// The code.
    pub code: AttrValue,
    /// Accessible name.
    pub label: AttrValue,
}

/// A scrollable block of code (JSON, shell, HCL).
#[component]
pub fn CodeBlock(props: &CodeBlockProps) -> Html {
    html! {
        <pre id={props.id.clone()} class="code" tabindex="0" aria-label={props.label.clone()}><code>{ props.code.clone() }</code></pre>
    }
}

/// Props of [`StepList`].
#[derive(Properties, PartialEq, Clone)]
pub struct StepListProps {
    /// A DOM id for the list, so tests and links can find it.
    pub id: AttrValue,
    /// The steps, in the console's order.
    pub steps: Rc<Vec<Step>>,
    /// Called with a status message after copying.
    pub onannounce: Callback<String>,
}

/// A console's steps as an ordered list; each step's values as copyable rows under it.
#[component]
pub fn StepList(props: &StepListProps) -> Html {
    html! {
        <ol class="steps" id={props.id.clone()}>
            { for props.steps.iter().map(|step| html! {
                <li>
                    <p>{ step.text.clone() }</p>
                    if !step.values.is_empty() {
                        <ValueList values={step.values.clone()} onannounce={props.onannounce.clone()} />
                    }
                </li>
            }) }
        </ol>
    }
}
