//! XML escaping, one loop for three sets of rules, each chosen by what the text is for:
//! - [`document`]: the XML documents the page writes (SAML metadata).
//! - [`canonical_text`] and [`canonical_attribute`]: Canonical XML 1.0 §2.3 (the same in
//!   Exclusive XML Canonicalization), byte-exact because a digest covers every byte.
//! - [`readable_attribute`]: attribute values of the indented response: the canonical rules
//!   plus `>`, so the copy is well-formed and reads like the original (its text uses
//!   [`canonical_text`]).

/// What one character becomes, or None to keep it.
type Rule = fn(char) -> Option<&'static str>;

/// `text` with each character replaced as `rule` says.
pub fn escape(text: &str, rule: Rule) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match rule(c) {
            Some(replacement) => out.push_str(replacement),
            None => out.push(c),
        }
    }
    out
}

/// Text for XML content or a double- or single-quoted attribute value of a document the page
/// writes. Every field that reaches it has already refused control characters, so the
/// control-character branches are a second line of defence that keeps the output well-formed.
pub fn document(c: char) -> Option<&'static str> {
    Some(match c {
        '&' => "&amp;",
        '<' => "&lt;",
        '>' => "&gt;",
        '"' => "&quot;",
        '\'' => "&apos;",
        // Character references survive attribute-value normalisation, which would turn a
        // raw tab or line break into a space.
        '\t' => "&#9;",
        '\n' => "&#10;",
        '\r' => "&#13;",
        // XML 1.0 cannot carry other C0 controls at all, not even as references.
        c if c.is_control() && u32::from(c) < 0x20 => "\u{FFFD}",
        _ => return None,
    })
}

/// Canonical XML 1.0 §2.3 for text nodes: `&`, `<`, `>` and CR as references.
pub fn canonical_text(c: char) -> Option<&'static str> {
    Some(match c {
        '&' => "&amp;",
        '<' => "&lt;",
        '>' => "&gt;",
        '\r' => "&#xD;",
        _ => return None,
    })
}

/// Canonical XML 1.0 §2.3 for attribute values: `&`, `<`, `"`, TAB, LF and CR as references
/// (`>` stays as it is).
pub fn canonical_attribute(c: char) -> Option<&'static str> {
    Some(match c {
        '&' => "&amp;",
        '<' => "&lt;",
        '"' => "&quot;",
        '\t' => "&#x9;",
        '\n' => "&#xA;",
        '\r' => "&#xD;",
        _ => return None,
    })
}

/// Attribute values of the indented response: [`canonical_attribute`] and `>`.
pub fn readable_attribute(c: char) -> Option<&'static str> {
    match c {
        '>' => Some("&gt;"),
        c => canonical_attribute(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_escape_the_five_markup_characters() {
        assert_eq!(
            escape(r#"a&b<c>d"e'f"#, document),
            "a&amp;b&lt;c&gt;d&quot;e&apos;f"
        );
        assert_eq!(escape("tab\tline\n", document), "tab&#9;line&#10;");
        assert_eq!(escape("bell\u{7}", document), "bell\u{FFFD}");
        assert_eq!(escape("Ünïcødé 🙂", document), "Ünïcødé 🙂");
    }

    #[test]
    fn canonical_rules_follow_c14n() {
        let all = "&<>\"'\t\n\ré";
        assert_eq!(escape(all, canonical_text), "&amp;&lt;&gt;\"'\t\n&#xD;é");
        assert_eq!(
            escape(all, canonical_attribute),
            "&amp;&lt;>&quot;'&#x9;&#xA;&#xD;é"
        );
        assert_eq!(
            escape(all, readable_attribute),
            "&amp;&lt;&gt;&quot;'&#x9;&#xA;&#xD;é"
        );
    }
}
