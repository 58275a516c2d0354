//! The prose string literals of `src/`: where a text lives may change, what it says may not.

use super::*;

/// The prose string literals of `src/` (those with a space and a letter), sorted and without
/// repeats: where a text lives may change, what it says may not.
#[test]
fn every_prose_literal_in_the_source() {
    let mut found = std::collections::BTreeSet::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut stack = vec![root];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("src").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("source");
                for literal in string_literals(&text) {
                    let literal = placeholders_as_braces(
                        &literal.split_whitespace().collect::<Vec<_>>().join(" "),
                    );
                    if literal.contains(' ') && literal.chars().any(char::is_alphabetic) {
                        found.insert(literal);
                    }
                }
            }
        }
    }
    let mut out = String::new();
    for literal in found {
        line(&mut out, literal);
    }
    golden("texts/literals.txt", &out);
}

/// `text` with every format placeholder (`{name}`, `{0}`, `{:?}`) written `{}`, so that
/// naming a format argument inline or not is not a change of text.
fn placeholders_as_braces(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                out.push_str("{{");
            }
            '{' => {
                let mut inner = String::new();
                let mut closed = false;
                for d in chars.by_ref() {
                    if d == '}' {
                        closed = true;
                        break;
                    }
                    inner.push(d);
                }
                if closed && !inner.contains(' ') {
                    out.push_str("{}");
                } else {
                    out.push('{');
                    out.push_str(&inner);
                    if closed {
                        out.push('}');
                    }
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// The string literals of Rust source text, as written (escapes kept, raw strings included),
/// outside comments and character literals.
fn string_literals(source: &str) -> Vec<String> {
    let chars: Vec<char> = source.chars().collect();
    let mut literals = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            i += 2;
            while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                i += 1;
            }
            i += 2;
        } else if c == 'r' && (next == Some('"') || next == Some('#')) && !ident_before(&chars, i) {
            let mut j = i + 1;
            let mut hashes = 0;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                i += 1;
                continue;
            }
            let start = j + 1;
            let mut k = start;
            loop {
                if k >= chars.len() {
                    break;
                }
                if chars[k] == '"' && (0..hashes).all(|h| chars.get(k + 1 + h) == Some(&'#')) {
                    break;
                }
                k += 1;
            }
            literals.push(chars[start..k.min(chars.len())].iter().collect());
            i = k + 1 + hashes;
        } else if c == '"' {
            let start = i + 1;
            let mut k = start;
            while k < chars.len() && chars[k] != '"' {
                if chars[k] == '\\' {
                    k += 1;
                }
                k += 1;
            }
            literals.push(chars[start..k.min(chars.len())].iter().collect());
            i = k + 1;
        } else if c == '\'' {
            // A character literal ('"', '\'', '\u{2014}') or a lifetime ('a).
            if next == Some('\\') {
                let mut k = i + 2;
                while k < chars.len() && chars[k] != '\'' {
                    k += 1;
                }
                i = k + 1;
            } else if chars.get(i + 2) == Some(&'\'') {
                i += 3;
            } else {
                i += 1;
            }
        } else {
            i += 1;
        }
    }
    literals
}

fn ident_before(chars: &[char], i: usize) -> bool {
    i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_')
}

#[test]
fn placeholders_are_compared_without_their_names() {
    assert_eq!(
        placeholders_as_braces("Saved {name} ({0:?}) {{x}} {not closed"),
        "Saved {} ({}) {{x}} {not closed"
    );
}

#[test]
fn the_literal_reader_finds_what_it_looks_for() {
    let source = "let a = \"one two\"; // \"comment\"\nlet b = '\"'; let c = r#\"raw \"x\"\"#; let d = \"esc \\\" q\";";
    assert_eq!(
        string_literals(source),
        ["one two", "raw \"x\"", "esc \\\" q"]
    );
}
