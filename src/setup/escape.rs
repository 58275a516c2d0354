//! Escaping for the languages the outputs are written in besides XML (crate::text::xml) and
//! JSON (left to `serde_json`).
//!
//! Every field that reaches these functions has already refused control characters, so the
//! control-character branches are a second line of defence: they keep an output well-formed
//! even if a caller skips validation.

use core::fmt::Write;

/// A quoted HCL (Terraform) string literal holding exactly `text`.
///
/// Besides `"` and `\`, the template openers `${` and `%{` must be doubled (`$${`, `%%{`),
/// or Terraform would interpolate or run a directive.
pub(crate) fn hcl_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '$' | '%' if chars.peek() == Some(&'{') => {
                out.push(c);
                out.push(c);
            }
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// An iCalendar TEXT value (RFC 5545 §3.3.11): `\`, `;` and `,` escaped, line breaks as `\n`,
/// other control characters (which TEXT cannot hold) dropped.
pub(crate) fn ics_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Longest iCalendar content line in octets, excluding the line break (RFC 5545 §3.1).
pub(crate) const ICS_LINE_OCTETS: usize = 75;

/// One iCalendar content line, folded at 75 octets (continuation lines start with a space,
/// which counts towards their 75) and ended with CRLF. Folds fall between characters, never
/// inside a UTF-8 sequence, and never between a backslash and the character it escapes: RFC
/// 5545 would allow that, but simple readers unescape before unfolding.
pub(crate) fn ics_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 50 + 2);
    let mut width = 0;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        let escaped = if c == '\\' { chars.next() } else { None };
        let unit = c.len_utf8() + escaped.map_or(0, char::len_utf8);
        if width + unit > ICS_LINE_OCTETS {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        out.extend(escaped);
        width += unit;
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hcl_doubles_template_openers_and_escapes_quotes() {
        assert_eq!(
            hcl_string(r#"say "hi" \ ${x} %{y} $z %w"#),
            r#""say \"hi\" \\ $${x} %%{y} $z %w""#
        );
        assert_eq!(hcl_string("a\nb\u{1}"), r#""a\nb\u0001""#);
        assert_eq!(hcl_string("$$${"), r#""$$$${""#);
    }

    #[test]
    fn ics_text_escapes_backslash_semicolon_comma_and_newline() {
        assert_eq!(ics_text("a\\b;c,d\ne\r\nf"), "a\\\\b\\;c\\,d\\ne\\nf");
        assert_eq!(ics_text("x\u{7}y: \"q\""), "xy: \"q\"");
    }

    #[test]
    fn ics_lines_fold_at_75_octets_between_characters() {
        let short = ics_line("SUMMARY:hi");
        assert_eq!(short, "SUMMARY:hi\r\n");
        let long = ics_line(&format!("X:{}", "é".repeat(100)));
        for line in long.split_terminator("\r\n") {
            assert!(line.len() <= ICS_LINE_OCTETS, "{} octets", line.len());
        }
        let unfolded = long.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, format!("X:{}", "é".repeat(100)));
        let exact = "A".repeat(75);
        assert_eq!(ics_line(&exact), format!("{exact}\r\n"));
        assert_eq!(ics_line(&format!("{exact}B")), format!("{exact}\r\n B\r\n"));
        // An escape pair moves to the next line whole.
        let pair = format!("{}\\n", "A".repeat(74));
        assert_eq!(ics_line(&pair), format!("{}\r\n \\n\r\n", "A".repeat(74)));
    }
}
