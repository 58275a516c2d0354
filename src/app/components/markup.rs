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

/// A row across the list's width whose value is `<code>`: serials, fingerprints, entity IDs.
pub fn code_fact(term: &'static str, value: AttrValue) -> Html {
    let code = html! { <code>{ value }</code> };
    row(term, Some("wide"), None, code)
}

/// A new certificate's SHA-256 fingerprint: a wide row, the value styled as a fingerprint,
/// with `id` for the one the page names.
pub fn fingerprint_fact(value: AttrValue, id: Option<&'static str>) -> Html {
    let code = html! { <code class="fingerprint" {id}>{ value }</code> };
    row("SHA-256 fingerprint", Some("wide"), None, code)
}

/// A short `<code>` value in a normal row (the footer's source commit).
pub fn short_code_fact(term: &'static str, value: AttrValue) -> Html {
    let code = html! { <code>{ value }</code> };
    row(term, None, None, code)
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
