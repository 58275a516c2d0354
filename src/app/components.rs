//! The page's components, the way Yew's todomvc example splits them: the root ([`super::app`])
//! owns the state and the effects; each section under [`sections`] gets only the data it shows
//! and the callbacks it emits; [`fields`], [`values`] and [`file_input`] are small building
//! blocks. None of them calls web-sys: reading controls, focus and files go through
//! `crate::browser`.

pub mod fields;
pub mod file_input;
pub mod markup;
pub mod sections;
pub mod values;

use super::state::{Action, State};
use yew::prelude::*;

/// A callback that turns its input into an action and dispatches it.
pub fn make_callback<E, F>(dispatch: &UseReducerDispatcher<State>, make: F) -> Callback<E>
where
    E: 'static,
    F: Fn(E) -> Action + 'static,
{
    let dispatch = dispatch.clone();
    Callback::from(move |input: E| dispatch.dispatch(make(input)))
}
