//! Markup the sections share, written here once and called: each `html!` element compiles to
//! its own construction code, so a row or heading repeated in every section is repeated code
//! (these two made the page 0.9 KB gzip smaller; docs/size.md).
//!
//! - A section's heading: its step number and title.
//! - The rows of a facts list (`<dl class="facts">`): a certificate's subject, dates, key size
//!   and fingerprints, a kept key's size and format, the page's version.

use yew::prelude::*;

/// A section's `<h2 id={id}>` with its step number before the title.
pub fn heading(id: &'static str, number: AttrValue, title: &'static str) -> Html {
    html! {
        <h2 {id}><span class="step">{ number }</span>{ title }</h2>
    }
}

/// `<div><dt>{term}</dt><dd>{value}</dd></div>`.
pub fn fact(term: &'static str, value: AttrValue) -> Html {
    row(term, None, None, html! { { value } })
}

/// A fact whose value is marked with `class` (`bad`, `warn`) when there is one.
pub fn marked_fact(term: &'static str, value: AttrValue, class: Option<&'static str>) -> Html {
    row(term, None, class, html! { { value } })
}

/// Whether a certificate belongs to the key: "Yes", or a "No …" marked bad.
pub fn matches_key_fact(matches: bool) -> Html {
    let (value, class) = if matches {
        ("Yes", None)
    } else {
        ("No — this certificate belongs to another key", Some("bad"))
    };
    marked_fact("Matches the key", value.into(), class)
}

/// A fact whose value is `<code>` (serials, fingerprints, entity IDs, the source commit), in a
/// row across the list's width when `wide`; `code_class` and `code_id` go on the `<code>`.
pub fn code_fact(
    term: &'static str,
    value: AttrValue,
    wide: bool,
    code_class: Option<&'static str>,
    code_id: Option<&'static str>,
) -> Html {
    let code = html! { <code class={code_class} id={code_id}>{ value }</code> };
    row(term, wide.then_some("wide"), None, code)
}

/// The one copy of the row's markup.
fn row(
    term: &'static str,
    row_class: Option<&'static str>,
    value_class: Option<&'static str>,
    value: Html,
) -> Html {
    html! {
        <div class={row_class}><dt>{ term }</dt><dd class={value_class}>{ value }</dd></div>
    }
}
