//! The size table: where the shipped wasm's bytes go, per crate and per function, in the manner
//! of twiggy and `cargo bloat`. It reads the optimised module with its name section, which
//! `cargo xtask dist` keeps next to the shipped one (the same bytes plus the names), so the
//! figures are those of the code in dist/index.html.

use std::collections::HashMap;
use std::fmt::Write as _;

use serde::Serialize;

use crate::util::{Context, Project, Result, fail};
use crate::wasm;

/// The optimised wasm with its name section, written by `cargo xtask dist`.
pub const NAMED_WASM: &str = "target/xtask-dist-staging/app_bg.names.wasm";

/// Rows of each table.
const TOP_CRATES: usize = 15;
const TOP_ITEMS: usize = 20;

/// Bytes and count of one crate's or one item's functions.
#[derive(Serialize, Debug, PartialEq)]
pub struct Entry {
    pub name: String,
    pub bytes: usize,
    pub functions: usize,
}

/// What the shipped wasm is made of.
#[derive(Serialize, Debug)]
pub struct WasmSizes {
    /// The module as shipped (no name section).
    pub bytes: usize,
    pub gzip9: usize,
    pub code: usize,
    pub data: usize,
    pub data_segments: usize,
    /// Bytes of every other section (types, imports, exports, element, …).
    pub other: usize,
    /// Every section of the shipped module and its bytes, in file order.
    pub sections: Vec<(String, usize)>,
    pub functions: usize,
    pub crates: Vec<Entry>,
    /// Every item; the JSON keeps the largest [`JSON_ITEMS`].
    #[serde(serialize_with = "largest_items")]
    pub items: Vec<Entry>,
}

/// Items in the JSON report.
const JSON_ITEMS: usize = 100;

fn largest_items<S: serde::Serializer>(
    items: &[Entry],
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    s.collect_seq(items.iter().take(JSON_ITEMS))
}

/// Reads `NAMED_WASM` and sorts its code by crate and by item.
pub fn measure(project: &Project) -> Result<WasmSizes> {
    let path = project.path(NAMED_WASM);
    let named = std::fs::read(&path).context(|| {
        format!(
            "reading {} (written by `cargo xtask dist`; run it)",
            path.display()
        )
    })?;
    let shipped = wasm::without_custom_section(&named, "name")?;
    let module = wasm::parse(&named)?;
    if module.functions.iter().all(|f| f.name.is_none()) {
        return fail(format!("{} has no function names", path.display()));
    }
    let code: usize = section_bytes(&module, 10);
    let data: usize = section_bytes(&module, 11);
    let names: usize = module
        .sections
        .iter()
        .filter(|s| s.name.as_deref() == Some("name"))
        .map(|s| s.range.len())
        .sum();
    Ok(WasmSizes {
        bytes: shipped.len(),
        gzip9: gzip9(project, &shipped)?,
        code,
        data,
        data_segments: module.data_segments.iter().sum(),
        other: named.len() - names - code - data,
        sections: wasm::sections(&shipped)?
            .iter()
            .map(|s| (s.label(), s.range.len()))
            .collect(),
        functions: module.functions.len(),
        crates: top(&module.functions, |name| crate_of(name).to_string()),
        items: top(&module.functions, |name| without_hash(name).to_string()),
    })
}

fn section_bytes(module: &wasm::Module, id: u8) -> usize {
    module
        .sections
        .iter()
        .filter(|s| s.id == id && s.name.is_none())
        .map(|s| s.range.len())
        .sum()
}

/// Sums function sizes under `key(name)`, biggest first.
fn top(functions: &[wasm::Function], key: impl Fn(&str) -> String) -> Vec<Entry> {
    let mut sums: HashMap<String, (usize, usize)> = HashMap::new();
    for f in functions {
        let k = f
            .name
            .as_deref()
            .map_or_else(|| "[unnamed]".to_string(), &key);
        let e = sums.entry(k).or_default();
        e.0 += f.size;
        e.1 += 1;
    }
    let mut out: Vec<Entry> = sums
        .into_iter()
        .map(|(name, (bytes, functions))| Entry {
            name,
            bytes,
            functions,
        })
        .collect();
    out.sort_by(|a, b| b.bytes.cmp(&a.bytes).then_with(|| a.name.cmp(&b.name)));
    out
}

/// `gzip -9 -n` of `bytes` (GNU gzip, as bench.mjs measures the page).
pub fn gzip9(project: &Project, bytes: &[u8]) -> Result<usize> {
    use std::io::Write as _;
    use std::process::Stdio;
    let mut child = project
        .cmd("gzip")
        .args(["-9", "-n", "-c"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .context(|| "starting gzip".to_string())?;
    let mut stdin = child.stdin.take();
    let input = bytes.to_vec();
    let writer = std::thread::spawn(move || stdin.as_mut().map(|s| s.write_all(&input)));
    let output = child
        .wait_with_output()
        .context(|| "running gzip".to_string())?;
    let _ = writer.join();
    if !output.status.success() {
        return fail(format!("gzip failed ({})", output.status));
    }
    Ok(output.stdout.len())
}

/// `saml_idp_kit::pki::Key::new::h0123456789abcdef` → without the `::h…` hash.
fn without_hash(name: &str) -> &str {
    match name.rsplit_once("::h") {
        Some((head, hash)) if hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()) => {
            head
        }
        _ => name,
    }
}

/// Types whose inherent methods (`<char>::escape_debug_ext`) live in core.
const PRIMITIVES: &[&str] = &[
    "bool", "char", "str", "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64",
    "i128", "isize", "f32", "f64",
];

/// The crate a demangled symbol belongs to: the first path segment; for `<T as Trait>::f`,
/// T's crate, or the trait's when T is not a path (`[u8]`, `&T`, a tuple). Names that are not
/// Rust paths are grouped by what they are.
pub fn crate_of(name: &str) -> &str {
    let path = name.trim_start_matches(['<', '&', '*', ' ']);
    let path = ["mut ", "const ", "dyn "]
        .iter()
        .fold(path, |p, prefix| p.strip_prefix(prefix).unwrap_or(p));
    let ident_len = path
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(path.len());
    let ident = &path[..ident_len];
    // The standard library's symbols are demangled from the v0 scheme, which adds the
    // crate's disambiguator: `core[c5930c85a12de822]::str::from_utf8`.
    let after = path[ident_len..]
        .strip_prefix('[')
        .and_then(|rest| rest.split_once(']'))
        .filter(|(hash, _)| hash.bytes().all(|b| b.is_ascii_hexdigit()))
        .map_or(&path[ident_len..], |(_, rest)| rest);
    if !ident.is_empty() && after.starts_with("::") {
        return ident;
    }
    if PRIMITIVES.contains(&ident) && after.starts_with(['>', ' ']) && !name.contains(" as ") {
        return "core";
    }
    if let Some((_, trait_path)) = name.split_once(" as ") {
        let trait_crate = crate_of(trait_path);
        if trait_crate != "[other]" {
            return trait_crate;
        }
    }
    if name.starts_with("__wbg")
        || name.starts_with("__wbindgen")
        || name.starts_with("__externref")
    {
        "[wasm-bindgen exports]"
    } else if ["memcpy", "memmove", "memset", "memcmp", "bcmp", "__"]
        .iter()
        .any(|p| name.starts_with(p))
    {
        "[compiler-builtins]"
    } else {
        "[other]"
    }
}

/// The size table as text.
pub fn table(sizes: &WasmSizes) -> String {
    let mut t = String::new();
    let pct = |n: usize| 100.0 * n as f64 / sizes.bytes.max(1) as f64;
    let _ = writeln!(
        t,
        "wasm as shipped: {} bytes, gzip -9 {} bytes; code {} ({:.1}%), data {} ({:.1}%, {} bytes in segments), other sections {}",
        sizes.bytes,
        sizes.gzip9,
        sizes.code,
        pct(sizes.code),
        sizes.data,
        pct(sizes.data),
        sizes.data_segments,
        sizes.other
    );
    let sections: Vec<String> = sizes
        .sections
        .iter()
        .map(|(name, bytes)| format!("{name} {bytes}"))
        .collect();
    let _ = writeln!(t, "sections: {}", sections.join(", "));
    let mut rows = |title: &str, entries: &[Entry], n: usize| {
        let _ = writeln!(t, "{title:<72} {:>9} {:>6} {:>5}", "bytes", "% wasm", "fns");
        for e in entries.iter().take(n) {
            let _ = writeln!(
                t,
                "  {:<70} {:>9} {:>5.1}% {:>5}",
                shorten(&e.name, 70),
                e.bytes,
                pct(e.bytes),
                e.functions
            );
        }
        let rest: usize = entries.iter().skip(n).map(|e| e.bytes).sum();
        let _ = writeln!(
            t,
            "  {:<70} {:>9} {:>5.1}%",
            format!("({} more)", entries.len().saturating_sub(n)),
            rest,
            pct(rest)
        );
    };
    rows("code by crate", &sizes.crates, TOP_CRATES);
    rows(
        "largest functions (same name summed)",
        &sizes.items,
        TOP_ITEMS,
    );
    t
}

/// At most `max` characters, the middle elided.
fn shorten(s: &str, max: usize) -> String {
    let chars: Vec<char> = s.chars().collect();
    if chars.len() <= max {
        return s.to_string();
    }
    let head = (max - 1) / 2;
    let tail = max - 1 - head;
    let mut out: String = chars[..head].iter().collect();
    out.push('…');
    out.extend(&chars[chars.len() - tail..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crates_of_symbols() {
        let cases = [
            (
                "saml_idp_kit::pki::key::generate::h0123456789abcdef",
                "saml_idp_kit",
            ),
            (
                "<alloc::string::String as core::fmt::Write>::write_str",
                "alloc",
            ),
            ("<[T] as core::fmt::Debug>::fmt::h0123456789abcdef", "core"),
            ("<&T as core::fmt::Display>::fmt", "core"),
            (
                "<&mut serde_json::ser::Serializer<W> as serde::Serializer>::x",
                "serde_json",
            ),
            ("core::ptr::drop_in_place<yew::html::Html>", "core"),
            ("core[c5930c85a12de822]::str::slice_error_fail", "core"),
            (
                "<u128 as core[c5930c85a12de822]::fmt::Display>::fmt",
                "core",
            ),
            (
                "<dlmalloc[e24a27700634d609]::dlmalloc::Dlmalloc<x>>::malloc",
                "dlmalloc",
            ),
            (
                "<T as der::encode::Encode>::encode::h4a341bb2333cc2cd",
                "der",
            ),
            ("<char>::escape_debug_ext", "core"),
            ("memcpy", "[compiler-builtins]"),
            ("__wbindgen_malloc", "[wasm-bindgen exports]"),
            ("main", "[other]"),
        ];
        for (name, want) in cases {
            assert_eq!(crate_of(name), want, "{name}");
        }
    }

    #[test]
    fn hashes_and_long_names() {
        assert_eq!(without_hash("a::b::h0123456789abcdef"), "a::b");
        assert_eq!(without_hash("a::hello"), "a::hello");
        assert_eq!(shorten("abcdefghij", 5), "ab…ij");
        assert_eq!(shorten("abc", 5), "abc");
    }

    #[test]
    fn sums_by_key_biggest_first() {
        let f = |name: &str, size| wasm::Function {
            index: 0,
            name: Some(name.to_string()),
            size,
        };
        let fns = [f("a::x", 5), f("b::y", 7), f("a::z", 4)];
        let crates = top(&fns, |n| crate_of(n).to_string());
        let want = |name: &str, bytes, functions| Entry {
            name: name.to_string(),
            bytes,
            functions,
        };
        assert_eq!(crates, [want("a", 9, 2), want("b", 7, 1)]);
    }
}
