//! The mode switch at the top: New key, Renew certificate, From JumpCloud metadata, Check a SAML
//! response.

use crate::app::state::Mode;
use yew::prelude::*;

/// Props of [`ModeSwitch`].
#[derive(Properties, PartialEq, Clone)]
pub struct ModeSwitchProps {
    /// The current mode.
    pub mode: Mode,
    /// Called with the chosen mode.
    pub onmode: Callback<Mode>,
}

/// The radio group that picks the mode.
#[component]
pub fn ModeSwitch(props: &ModeSwitchProps) -> Html {
    html! {
        <fieldset class="mode-switch">
            <legend class="visually-hidden">{ "What do you want to do?" }</legend>
            { for Mode::ALL.iter().map(|mode| {
                let mode = *mode;
                let id = mode.id();
                let onmode = props.onmode.clone();
                let onchange = Callback::from(move |_: Event| onmode.emit(mode));
                html! {
                    <label for={id} class={classes!("mode", (props.mode == mode).then_some("selected"))}>
                        <input type="radio" name="mode" id={id} checked={props.mode == mode} {onchange} />
                        { mode.label() }
                    </label>
                }
            }) }
        </fieldset>
    }
}
