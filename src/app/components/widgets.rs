//! Small building blocks: labelled inputs, values with copy buttons, download buttons.

use crate::browser;
use crate::setup::{Field, NamedValue};
use yew::prelude::*;

/// Props of [`TextField`].
#[derive(Properties, PartialEq, Clone)]
pub struct TextFieldProps {
    /// Which field this is (gives the label and the DOM id).
    pub field: Field,
    /// The current text.
    pub value: AttrValue,
    /// The message to show under the field, if any.
    #[prop_or_default]
    pub problem: Option<AttrValue>,
    /// A help line under the field.
    #[prop_or_default]
    pub help: Option<Html>,
    /// Placeholder text.
    #[prop_or_default]
    pub placeholder: Option<AttrValue>,
    /// Whether the field is required (marker outside the label, `aria-required`).
    #[prop_or_default]
    pub required: bool,
    /// The input's `inputmode` (e.g. "numeric").
    #[prop_or_default]
    pub inputmode: Option<AttrValue>,
    /// Called with the new text on every keystroke.
    pub onedit: Callback<(Field, String)>,
    /// Called when the user leaves the field.
    pub onleave: Callback<Field>,
}

/// A labelled text input with its help line and validation message.
#[component]
pub fn TextField(props: &TextFieldProps) -> Html {
    let id = props.field.id();
    let help_id = format!("{id}-help");
    let error_id = format!("{id}-error");
    let mut described = Vec::new();
    if props.help.is_some() {
        described.push(help_id.clone());
    }
    if props.problem.is_some() {
        described.push(error_id.clone());
    }
    let oninput = {
        let onedit = props.onedit.clone();
        let field = props.field;
        Callback::from(move |event: InputEvent| {
            let input: web_sys::HtmlInputElement = event.target_unchecked_into();
            onedit.emit((field, input.value()));
        })
    };
    let onblur = {
        let onleave = props.onleave.clone();
        let field = props.field;
        Callback::from(move |_: FocusEvent| onleave.emit(field))
    };
    html! {
        <div class={classes!("field", props.problem.is_some().then_some("invalid"))}>
            <div class="label-row">
                <label for={id}>{ props.field.label() }</label>
                if props.required { <span class="required" aria-hidden="true">{ "required" }</span> }
            </div>
            <input
                id={id}
                name={id}
                type="text"
                value={props.value.clone()}
                placeholder={props.placeholder.clone()}
                inputmode={props.inputmode.clone()}
                autocomplete="off"
                autocapitalize="off"
                spellcheck="false"
                aria-required={props.required.then_some("true")}
                aria-invalid={props.problem.is_some().then_some("true")}
                aria-describedby={(!described.is_empty()).then(|| described.join(" "))}
                {oninput}
                {onblur}
            />
            if let Some(help) = props.help.clone() {
                <p id={help_id} class="help">{ help }</p>
            }
            if let Some(problem) = props.problem.clone() {
                <p id={error_id} class="error">{ problem }</p>
            }
        </div>
    }
}

/// Props of [`SelectField`].
#[derive(Properties, PartialEq, Clone)]
pub struct SelectFieldProps {
    /// DOM id.
    pub id: AttrValue,
    /// Visible label.
    pub label: AttrValue,
    /// Option texts; the value of each option is its index.
    pub options: Vec<AttrValue>,
    /// The selected index.
    pub selected: usize,
    /// Called with the chosen index and the select element (so a handler can revert it).
    pub onchoose: Callback<(usize, web_sys::HtmlSelectElement)>,
    /// A help line.
    #[prop_or_default]
    pub help: Option<AttrValue>,
}

/// A labelled `<select>`.
#[component]
pub fn SelectField(props: &SelectFieldProps) -> Html {
    let onchange = {
        let onchoose = props.onchoose.clone();
        Callback::from(move |event: Event| {
            let select: web_sys::HtmlSelectElement = event.target_unchecked_into();
            if let Ok(index) = select.value().parse::<usize>() {
                onchoose.emit((index, select));
            }
        })
    };
    let help_id = format!("{}-help", props.id);
    html! {
        <div class="field">
            <div class="label-row"><label for={props.id.clone()}>{ props.label.clone() }</label></div>
            <select id={props.id.clone()} {onchange}
                aria-describedby={props.help.is_some().then(|| help_id.clone())}>
                { for props.options.iter().enumerate().map(|(index, text)| html! {
                    <option value={index.to_string()} selected={index == props.selected}>{ text.clone() }</option>
                }) }
            </select>
            if let Some(help) = props.help.clone() { <p id={help_id} class="help">{ help }</p> }
        </div>
    }
}

/// Props of [`CheckboxField`].
#[derive(Properties, PartialEq, Clone)]
pub struct CheckboxFieldProps {
    /// DOM id.
    pub id: AttrValue,
    /// Visible label.
    pub label: AttrValue,
    /// Whether it is ticked.
    pub checked: bool,
    /// Called with the new state.
    pub ontoggle: Callback<bool>,
    /// A help line.
    #[prop_or_default]
    pub help: Option<AttrValue>,
}

/// A checkbox with its label.
#[component]
pub fn CheckboxField(props: &CheckboxFieldProps) -> Html {
    let onchange = {
        let ontoggle = props.ontoggle.clone();
        Callback::from(move |event: Event| {
            let input: web_sys::HtmlInputElement = event.target_unchecked_into();
            ontoggle.emit(input.checked());
        })
    };
    let help_id = format!("{}-help", props.id);
    html! {
        <div class="field checkbox">
            <input type="checkbox" id={props.id.clone()} checked={props.checked} {onchange}
                aria-describedby={props.help.is_some().then(|| help_id.clone())} />
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            if let Some(help) = props.help.clone() { <p id={help_id} class="help">{ help }</p> }
        </div>
    }
}

/// Props of [`CopyButton`].
#[derive(Properties, PartialEq, Clone)]
pub struct CopyButtonProps {
    /// The text to copy.
    pub text: AttrValue,
    /// What is being copied, for screen readers ("Copy SP Entity ID").
    pub what: AttrValue,
    /// Called with a status message after copying (announced).
    pub onannounce: Callback<String>,
}

/// A "Copy" button that says "Copied" for a moment.
#[component]
pub fn CopyButton(props: &CopyButtonProps) -> Html {
    let status = use_state(|| None::<&'static str>);
    let onclick = {
        let status = status.clone();
        let text = props.text.clone();
        let what = props.what.clone();
        let onannounce = props.onannounce.clone();
        Callback::from(move |_: MouseEvent| {
            let status = status.clone();
            let text = text.clone();
            let what = what.clone();
            let onannounce = onannounce.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match browser::copy_text(&text).await {
                    Ok(()) => {
                        status.set(Some("Copied"));
                        onannounce.emit(format!("Copied {what}."));
                    }
                    Err(error) => {
                        status.set(Some("Select and copy"));
                        onannounce.emit(format!("{error} Select the text and copy it by hand."));
                    }
                }
                browser::sleep_ms(2000).await;
                status.set(None);
            });
        })
    };
    html! {
        <button type="button" class="copy" {onclick} aria-label={format!("Copy {}", props.what)}>
            { status.unwrap_or("Copy") }
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

/// A list of label → value rows, each with a copy button.
#[component]
pub fn ValueList(props: &ValueListProps) -> Html {
    html! {
        <dl class="values">
            { for props.values.iter().map(|value| html! {
                <div class="value-row">
                    <dt>{ value.label.clone() }</dt>
                    <dd>
                        <code class="value">{ value.value.clone() }</code>
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
    /// The file name saved (and shown on the button).
    pub name: AttrValue,
    /// Called with the file name when pressed.
    pub ondownload: Callback<String>,
    /// Extra class, e.g. "primary".
    #[prop_or_default]
    pub class: Classes,
    /// Button text instead of "Download <name>".
    #[prop_or_default]
    pub text: Option<AttrValue>,
}

/// A button that saves one file.
#[component]
pub fn DownloadButton(props: &DownloadButtonProps) -> Html {
    let onclick = {
        let ondownload = props.ondownload.clone();
        let name = props.name.to_string();
        Callback::from(move |_: MouseEvent| ondownload.emit(name.clone()))
    };
    html! {
        <button type="button" class={classes!("download", props.class.clone())} {onclick} data-file={props.name.clone()}>
            <span aria-hidden="true" class="icon">{ "↓" }</span>
            { props.text.clone().unwrap_or_else(|| format!("Download {}", props.name).into()) }
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

/// A file's bytes (wiped when dropped), or why it could not be read.
pub type FileBytes = Result<std::rc::Rc<zeroize::Zeroizing<Vec<u8>>>, String>;

/// Props of [`FileInput`].
#[derive(Properties, PartialEq, Clone)]
pub struct FileInputProps {
    /// Which input this is (gives the label).
    pub kind: crate::import::InputKind,
    /// DOM id.
    pub id: AttrValue,
    /// What the input accepts, for the file picker.
    pub accept: AttrValue,
    /// A help line.
    pub help: AttrValue,
    /// The message for the last refused file, if any.
    #[prop_or_default]
    pub problem: Option<AttrValue>,
    /// A short confirmation once a file was read.
    #[prop_or_default]
    pub loaded: Option<AttrValue>,
    /// Called with the bytes of a chosen, dropped or pasted file.
    pub onbytes: Callback<(crate::import::InputKind, FileBytes)>,
}

/// A file input with a drop zone that also takes a paste. Files are read with the File API
/// only; a pasted key never becomes text in the DOM (no textarea holds it).
#[component]
pub fn FileInput(props: &FileInputProps) -> Html {
    let dragging = use_state(|| false);
    let deliver = {
        let onbytes = props.onbytes.clone();
        let kind = props.kind;
        Callback::from(move |file: web_sys::File| {
            let onbytes = onbytes.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let bytes = browser::read_file(&file)
                    .await
                    .map(std::rc::Rc::new)
                    .map_err(|error| error.to_string());
                onbytes.emit((kind, bytes));
            });
        })
    };
    let onchange = {
        let deliver = deliver.clone();
        Callback::from(move |event: Event| {
            let input: web_sys::HtmlInputElement = event.target_unchecked_into();
            if let Some(file) = input.files().and_then(|files| files.get(0)) {
                deliver.emit(file);
            }
            // Allow choosing the same file again after fixing it.
            input.set_value("");
        })
    };
    let ondragover = {
        let dragging = dragging.clone();
        Callback::from(move |event: DragEvent| {
            event.prevent_default();
            dragging.set(true);
        })
    };
    let ondragleave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let ondrop = {
        let dragging = dragging.clone();
        let deliver = deliver.clone();
        Callback::from(move |event: DragEvent| {
            event.prevent_default();
            dragging.set(false);
            if let Some(file) = event
                .data_transfer()
                .and_then(|data| data.files())
                .and_then(|files| files.get(0))
            {
                deliver.emit(file);
            }
        })
    };
    let onpaste = {
        let onbytes = props.onbytes.clone();
        let kind = props.kind;
        Callback::from(move |event: Event| {
            let event: web_sys::ClipboardEvent = wasm_bindgen::JsCast::unchecked_into(event);
            event.prevent_default();
            if let Some(text) = event
                .clipboard_data()
                .and_then(|data| data.get_data("text").ok())
            {
                let bytes = zeroize::Zeroizing::new(text.into_bytes());
                let checked = crate::import::check_size(bytes.len())
                    .map(|()| std::rc::Rc::new(bytes))
                    .map_err(|error| error.to_string());
                onbytes.emit((kind, checked));
            }
        })
    };
    let id = props.id.clone();
    let help_id = format!("{id}-help");
    let error_id = format!("{id}-error");
    let described = if props.problem.is_some() {
        format!("{help_id} {error_id}")
    } else {
        help_id.clone()
    };
    html! {
        <div class={classes!("field", "file-field", props.problem.is_some().then_some("invalid"))}>
            <div class="label-row"><label for={id.clone()}>{ props.kind.label() }</label></div>
            <div class={classes!("drop-zone", dragging.then_some("dragging"))}
                tabindex="0" role="group" aria-label={format!("{}: drop a file here or paste with Ctrl+V", props.kind.label())}
                {ondragover} {ondragleave} {ondrop} onpaste={onpaste}>
                <input type="file" id={id.clone()} accept={props.accept.clone()} {onchange}
                    aria-describedby={described} aria-invalid={props.problem.is_some().then_some("true")} />
                <span class="drop-hint">{ "or drop the file here, or click here and paste (Ctrl+V / ⌘V)" }</span>
            </div>
            <p id={help_id} class="help">{ props.help.clone() }</p>
            if let Some(loaded) = props.loaded.clone() { <p class="ok">{ loaded }</p> }
            if let Some(problem) = props.problem.clone() { <p id={error_id} class="error">{ problem }</p> }
        </div>
    }
}
