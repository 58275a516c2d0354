//! A file input with a drop zone that also takes a paste.

use crate::app::effects::file_reader;
use crate::browser;
use yew::prelude::*;

/// A chosen, dropped or pasted file: its name and its bytes, or why they could not be read.
/// (No `Debug`: the bytes may be a private key.)
#[derive(Clone, PartialEq)]
pub struct FileBytes {
    /// The browser's name for the file (`File.name`; user input, shown as text only), or `None`
    /// when it was pasted.
    pub name: Option<String>,
    /// The file's bytes (wiped when dropped), or why they could not be read.
    pub bytes: Result<std::rc::Rc<zeroize::Zeroizing<Vec<u8>>>, FileError>,
}

/// Why a chosen, dropped or pasted file was not taken.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FileError {
    /// The browser could not read the file.
    #[error("{0}")]
    Read(browser::Error),
    /// The pasted bytes were refused before parsing (too large).
    #[error("{0}")]
    Refused(crate::import::Error),
}

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
    let deliver = file_reader(props.kind, props.onbytes.clone());
    let onchange = {
        let deliver = deliver.clone();
        Callback::from(move |event: Event| {
            if let Some(file) = browser::chosen_file(&event) {
                deliver.emit(file);
            }
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
            if let Some(file) = browser::dropped_file(&event) {
                deliver.emit(file);
            }
        })
    };
    let onpaste = {
        let onbytes = props.onbytes.clone();
        let kind = props.kind;
        Callback::from(move |event: Event| {
            if let Some(bytes) = browser::pasted_bytes(&event) {
                let checked = crate::import::check_size(bytes.len())
                    .map(|()| std::rc::Rc::new(bytes))
                    .map_err(FileError::Refused);
                onbytes.emit((
                    kind,
                    FileBytes {
                        name: None,
                        bytes: checked,
                    },
                ));
            }
        })
    };
    let id = props.id.clone();
    let help_id = format!("{id}-help");
    let loaded_id = format!("{id}-loaded");
    let error_id = format!("{id}-error");
    let mut described = help_id.clone();
    for (shown, part) in [
        (props.loaded.is_some(), &loaded_id),
        (props.problem.is_some(), &error_id),
    ] {
        if shown {
            described.push(' ');
            described.push_str(part);
        }
    }
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
            if let Some(loaded) = props.loaded.clone() { <p id={loaded_id} class="ok">{ loaded }</p> }
            if let Some(problem) = props.problem.clone() { <p id={error_id} class="error">{ problem }</p> }
        </div>
    }
}
