//! Labelled form controls: text inputs with their messages, selects and checkboxes.

use crate::app::choice::{Choice, RadioChoice};
use crate::browser;
use crate::setup::Field;
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
        Callback::from(move |event: InputEvent| onedit.emit((field, browser::input_text(&event))))
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
    /// Called with the chosen index.
    pub onchoose: Callback<usize>,
    /// A help line.
    #[prop_or_default]
    pub help: Option<AttrValue>,
    /// The `<select>`, for a handler that has to put it back (a declined change).
    #[prop_or_default]
    pub node_ref: NodeRef,
    /// Whether the choice is locked for now (the key size while a key is being made).
    #[prop_or_default]
    pub disabled: bool,
}

/// A labelled `<select>`.
#[component]
pub fn SelectField(props: &SelectFieldProps) -> Html {
    let onchange = {
        let onchoose = props.onchoose.clone();
        Callback::from(move |event: Event| {
            if let Ok(index) = browser::select_value(&event).parse::<usize>() {
                onchoose.emit(index);
            }
        })
    };
    let help_id = format!("{}-help", props.id);
    html! {
        <div class="field">
            <div class="label-row"><label for={props.id.clone()}>{ props.label.clone() }</label></div>
            <select id={props.id.clone()} ref={props.node_ref.clone()} {onchange} disabled={props.disabled}
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
    /// Whether it cannot be changed now (it depends on another control).
    #[prop_or_default]
    pub disabled: bool,
}

/// A checkbox with its label.
#[component]
pub fn CheckboxField(props: &CheckboxFieldProps) -> Html {
    let onchange = {
        let ontoggle = props.ontoggle.clone();
        Callback::from(move |event: Event| ontoggle.emit(browser::checkbox_checked(&event)))
    };
    let help_id = format!("{}-help", props.id);
    html! {
        <div class="field checkbox">
            <input type="checkbox" id={props.id.clone()} checked={props.checked} disabled={props.disabled} {onchange}
                aria-describedby={props.help.is_some().then(|| help_id.clone())} />
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            if let Some(help) = props.help.clone() { <p id={help_id} class="help">{ help }</p> }
        </div>
    }
}

/// Props of [`RadioGroup`].
#[derive(Properties, PartialEq, Clone)]
pub struct RadioGroupProps {
    /// The fieldset's DOM id, also the radios' `name`.
    pub id: AttrValue,
    /// The legend: the group's label.
    pub legend: AttrValue,
    /// Each option as (its input's DOM id, its label).
    pub options: Vec<(AttrValue, AttrValue)>,
    /// The index of the chosen option.
    pub selected: usize,
    /// Called with the index of the option chosen.
    pub onchoose: Callback<usize>,
}

/// A fieldset of radio buttons with a legend.
#[component]
pub fn RadioGroup(props: &RadioGroupProps) -> Html {
    html! {
        <fieldset class="radio-group" id={props.id.clone()}>
            <legend>{ props.legend.clone() }</legend>
            { for props.options.iter().enumerate().map(|(index, (id, label))| {
                let onchange = props.onchoose.reform(move |_: Event| index);
                html! {
                    <label for={id.clone()} class="radio">
                        <input type="radio" id={id.clone()} name={props.id.clone()} checked={props.selected == index} {onchange} />
                        { label.clone() }
                    </label>
                }
            }) }
        </fieldset>
    }
}

/// What a [`SelectField`] needs to offer every option of a [`Choice`]: the option texts, the
/// selected index, and the callback that turns the chosen index back into the option. A
/// function, not a generic component: one small copy per choice type instead of a whole
/// component's (the page's size, docs/size.md).
pub struct ChoiceSelect {
    /// The option texts, in order.
    pub options: Vec<AttrValue>,
    /// The selected option's index.
    pub selected: usize,
    /// Called with the chosen index.
    pub onchoose: Callback<usize>,
}

impl ChoiceSelect {
    /// Every option of `T`, `selected` chosen, answering through `onchoose`.
    pub fn of<T: Choice>(selected: T, onchoose: &Callback<T>) -> ChoiceSelect {
        let onchoose = onchoose.clone();
        ChoiceSelect {
            options: T::ALL
                .iter()
                .map(|o| AttrValue::Static(o.label()))
                .collect(),
            selected: selected.index(),
            onchoose: Callback::from(move |index: usize| {
                if let Some(option) = T::at(index) {
                    onchoose.emit(option);
                }
            }),
        }
    }
}

/// A [`RadioGroup`] over the `offered` options of a [`RadioChoice`], with its legend.
pub fn choice_radios<T: RadioChoice>(
    id: &'static str,
    offered: &[T],
    selected: T,
    onchoose: &Callback<T>,
) -> Html {
    let options = offered
        .iter()
        .map(|o| (AttrValue::Static(o.id()), AttrValue::Static(o.label())))
        .collect::<Vec<_>>();
    let index = offered.iter().position(|o| *o == selected).unwrap_or(0);
    let onchoose = {
        let (offered, onchoose) = (offered.to_vec(), onchoose.clone());
        Callback::from(move |index: usize| {
            if let Some(option) = offered.get(index) {
                onchoose.emit(*option);
            }
        })
    };
    html! { <RadioGroup {id} legend={T::LEGEND} {options} selected={index} {onchoose} /> }
}
