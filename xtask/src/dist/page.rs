//! The single-file page: `page.html` (next to this file) filled with the stylesheet, the
//! wasm-bindgen glue and the wasm, under a Content-Security-Policy that allows exactly that
//! inline code by hash.
//!
//! xtask owns the page's shape: `page.html` is index.html (Trunk's input for `cargo xtask
//! serve`) with Trunk's two `data-trunk` links replaced by `{{style}}` and `{{script}}` slots
//! and a `{{csp}}` meta first in `<head>`; a test keeps the two files in step. The module
//! script stays in `<head>`: the app renders into `<body>` and replaces what is there. Multi-file
//! output does not load from `file://` (CORS blocks the module import and the wasm fetch), so
//! the wasm goes into the page as base64 and is instantiated from bytes: nothing is fetched.

use base64ct::{Base64, Encoding};

use crate::util::{Result, fail, sha256};

/// The page template.
const TEMPLATE: &str = include_str!("page.html");

/// The finished page and the policy it carries (for `_headers`).
pub struct Page {
    /// The whole single-file page.
    pub html: String,
    /// The Content-Security-Policy in the meta tag.
    pub csp: String,
}

/// Fills the template with `css` (the stylesheet), `glue` (wasm-bindgen's `--target web`
/// JavaScript) and `wasm` (the optimised module).
pub fn assemble(css: &str, glue: &str, wasm: &[u8]) -> Result<Page> {
    check_template(TEMPLATE)?;
    lf_only(css, "the stylesheet")?;
    guard_raw_text(css, "style", "the stylesheet")?;
    check_stylesheet(css)?;
    let script = module_script(glue, wasm)?;
    let csp = policy(&script, css);
    let html = fill(
        TEMPLATE,
        &[("csp", &csp), ("style", css), ("script", &script)],
    )?;
    // Browsers only honour `<meta charset>` within the first 1024 bytes.
    match html.find("<meta charset") {
        Some(i) if i < 1024 => Ok(Page { html, csp }),
        _ => fail("<meta charset=\"utf-8\"> must be within the first 1024 bytes of the page"),
    }
}

/// Replaces each `{{name}}` of `template` with its value; every slot must be filled exactly
/// once and the template must have no other `{{`. Values are not searched for slots.
fn fill(template: &str, values: &[(&str, &str)]) -> Result<String> {
    let mut out =
        String::with_capacity(template.len() + values.iter().map(|v| v.1.len()).sum::<usize>());
    let mut used = vec![0; values.len()];
    let mut rest = template;
    while let Some(open) = rest.find("{{") {
        out.push_str(&rest[..open]);
        let after = &rest[open + 2..];
        let Some(close) = after.find("}}") else {
            return fail("page.html has an unclosed `{{`");
        };
        let name = &after[..close];
        let Some(i) = values.iter().position(|(n, _)| *n == name) else {
            return fail(format!("page.html has an unknown slot {{{{{name}}}}}"));
        };
        out.push_str(values[i].1);
        used[i] += 1;
        rest = &after[close + 2..];
    }
    out.push_str(rest);
    if let Some(i) = used.iter().position(|&n| n != 1) {
        return fail(format!(
            "page.html must have the slot {{{{{}}}}} exactly once",
            values[i].0
        ));
    }
    Ok(out)
}

/// The template itself must load nothing and need no policy exception: no inline `style=`
/// (the hash-based style-src blocks it), no `src`-like attribute, only `data:` or fragment
/// hrefs, and only the two slots for code.
fn check_template(template: &str) -> Result {
    lf_only(template, "page.html")?;
    for attribute in [
        " style=",
        " src=",
        " srcset=",
        " action=",
        " formaction=",
        " poster=",
    ] {
        if template.contains(attribute) {
            return fail(format!(
                "page.html has a{attribute}\u{2026} attribute: the page must load nothing and \
                 carry no inline style attribute; use a class or a data: URL"
            ));
        }
    }
    for (at, _) in template.match_indices(" href=") {
        let value = template[at + " href=".len()..].trim_start_matches(['"', '\'']);
        if !(value.starts_with("data:") || value.starts_with('#')) {
            return fail("page.html links to a file: only data: URLs and #fragments are allowed");
        }
    }
    for element in ["<script", "<style"] {
        if template.matches(element).count() != 1 {
            return fail(format!(
                "page.html must have exactly one {element}> element, the slot for the build's code"
            ));
        }
    }
    Ok(())
}

/// The stylesheet must load nothing either: no `@import`, and `url(…)` only for `data:`.
fn check_stylesheet(css: &str) -> Result {
    let lower = css.to_ascii_lowercase();
    if lower.contains("@import") {
        return fail("the stylesheet has an @import, which would load another file");
    }
    for (at, _) in lower.match_indices("url(") {
        let value = lower[at + 4..].trim_start().trim_start_matches(['"', '\'']);
        if !value.starts_with("data:") {
            return fail(
                "the stylesheet has a url(…) that is not a data: URL; it would load a file",
            );
        }
    }
    Ok(())
}

/// One module script: the glue without its `export`s, then code that instantiates the wasm
/// from embedded bytes. Top-level names stay private to the module script.
fn module_script(glue: &str, wasm: &[u8]) -> Result<String> {
    lf_only(glue, "the wasm-bindgen glue")?;
    if !wasm.starts_with(b"\0asm") {
        return fail("the optimised module is not WebAssembly");
    }
    let mut code = String::with_capacity(glue.len() + wasm.len() * 4 / 3 + 1024);
    for line in glue.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("import ") {
            // Snippets (`#[wasm_bindgen(module = ...)]`, `inline_js`) would be separate files.
            return fail(format!(
                "the wasm-bindgen glue imports another module ({trimmed}); the single file cannot load it"
            ));
        }
        if trimmed.starts_with("export {") || trimmed.starts_with("export default") {
            continue;
        }
        code.push_str(line.strip_prefix("export ").unwrap_or(line));
        code.push('\n');
    }
    if !code.contains("async function __wbg_init(") {
        return fail(
            "the glue has no `__wbg_init`; was it generated by wasm-bindgen --target web?",
        );
    }
    code.push_str(
        "\n// Single-file bootstrap (cargo xtask dist): the wasm is embedded, so nothing is fetched.\n",
    );
    code.push_str("const wasmBase64 = \"");
    code.push_str(&Base64::encode_string(wasm));
    code.push_str("\";\n");
    code.push_str(
        "const wasmBytes = typeof Uint8Array.fromBase64 === \"function\"\n  \
         ? Uint8Array.fromBase64(wasmBase64)\n  \
         : Uint8Array.from(atob(wasmBase64), (c) => c.charCodeAt(0));\n\
         await __wbg_init({ module_or_path: wasmBytes });\n",
    );
    guard_raw_text(&code, "script", "the wasm-bindgen glue")?;
    Ok(code)
}

/// The page's Content-Security-Policy: nothing but its own inline code, by hash.
fn policy(script: &str, style: &str) -> String {
    let hash = |text: &str| {
        format!(
            "'sha256-{}'",
            Base64::encode_string(&sha256(text.as_bytes()))
        )
    };
    // `'wasm-unsafe-eval'` allows compiling wasm only, not `eval`. `img-src data:` is for the
    // favicon. `connect-src 'none'` is the one that keeps keys in the tab: no fetch, XHR,
    // WebSocket or beacon can leave the page.
    [
        "default-src 'none'".to_string(),
        format!("script-src {} 'wasm-unsafe-eval'", hash(script)),
        format!("style-src {}", hash(style)),
        "img-src data:".to_string(),
        "connect-src 'none'".to_string(),
        "base-uri 'none'".to_string(),
        "form-action 'none'".to_string(),
    ]
    .join("; ")
}

/// Text inside `<script>`/`<style>` ends at the first `</script`/`</style`, and `<!--` in
/// a script changes how the parser looks for that end; refuse content that contains either.
fn guard_raw_text(content: &str, element: &str, origin: &str) -> Result {
    let lower = content.to_ascii_lowercase();
    if lower.contains(&format!("</{element}")) || content.contains("<!--") {
        return fail(format!(
            "{origin} contains `</{element}` or `<!--` and cannot be inlined safely"
        ));
    }
    Ok(())
}

/// The HTML parser turns CRLF into LF before hashing inline code, so a CR would make our
/// hashes disagree with the browser's.
fn lf_only(text: &str, origin: &str) -> Result {
    if text.contains('\r') {
        return fail(format!(
            "{origin} contains carriage returns; use LF line endings"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const GLUE: &str = "let wasm;\nexport function greet() {}\nasync function __wbg_init(module_or_path) {}\nexport { initSync, __wbg_init as default };\n";
    const WASM: &[u8] = b"\0asm\x01\0\0\0";

    fn between<'a>(html: &'a str, open: &str, close: &str) -> &'a str {
        let start = html.find(open).map_or(0, |i| i + open.len());
        let end = html[start..].find(close).map_or(start, |i| start + i);
        &html[start..end]
    }

    #[test]
    fn inlines_everything_and_hashes_it() -> Result {
        let page = assemble("body { color: red; }", GLUE, WASM)?;
        assert!(page.html.contains("<style>body { color: red; }</style>"));
        assert!(page.html.contains("function greet() {}"));
        assert!(!page.html.contains("export "));
        assert!(page.html.contains("const wasmBase64 = \"AGFzbQEAAAA=\";"));
        assert!(
            page.html
                .contains("await __wbg_init({ module_or_path: wasmBytes });")
        );
        assert!(
            page.html
                .contains("<head>\n  <meta http-equiv=\"Content-Security-Policy\""),
            "CSP meta must be first in head"
        );
        assert!(page.html.contains(&format!("content=\"{}\"", page.csp)));
        let style = between(&page.html, "<style>", "</style>");
        let script = between(&page.html, "<script type=\"module\">", "</script>");
        let hash = |t: &str| Base64::encode_string(&sha256(t.as_bytes()));
        assert_eq!(
            page.csp,
            format!(
                "default-src 'none'; script-src 'sha256-{}' 'wasm-unsafe-eval'; style-src 'sha256-{}'; img-src data:; connect-src 'none'; base-uri 'none'; form-action 'none'",
                hash(script),
                hash(style)
            )
        );
        Ok(())
    }

    #[test]
    fn refuses_code_that_would_end_its_element_early_or_import() {
        assert!(assemble("a::after { content: '</style>' }", GLUE, WASM).is_err());
        assert!(assemble("", &format!("{GLUE}const s = \"</SCRIPT>\";\n"), WASM).is_err());
        assert!(assemble("", &format!("import x from './x.js';\n{GLUE}"), WASM).is_err());
        assert!(assemble("", GLUE, b"not wasm").is_err());
        assert!(assemble("a {}\r\n", GLUE, WASM).is_err());
        assert!(assemble("@import 'x.css';", GLUE, WASM).is_err());
        assert!(assemble("a { background: url( \"/x.png\") }", GLUE, WASM).is_err());
        assert!(assemble("a { background: url('data:image/png,x') }", GLUE, WASM).is_ok());
    }

    #[test]
    fn refuses_templates_that_load_or_style_inline() {
        let ok = "<head><link rel=\"icon\" href=\"data:x\"><style>{{style}}</style></head><script type=\"module\">{{script}}</script>";
        assert!(check_template(ok).is_ok());
        for bad in [
            ok.replace("data:x", "/favicon.ico"),
            ok.replace("<head>", "<head><img src=\"x.png\">"),
            ok.replace("<head>", "<head><div style=\"color: red\"></div>"),
            ok.replace("<head>", "<head><script src=\"x.js\"></script>"),
        ] {
            assert!(check_template(&bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn fills_each_slot_once() -> Result {
        assert_eq!(fill("a{{x}}b", &[("x", "{{x}}")])?, "a{{x}}b");
        assert!(fill("a{{x}}b{{x}}", &[("x", "1")]).is_err());
        assert!(fill("a{{y}}", &[("x", "1")]).is_err());
        assert!(fill("a", &[("x", "1")]).is_err());
        assert!(fill("a{{x", &[("x", "1")]).is_err());
        Ok(())
    }

    /// page.html is index.html with Trunk's links swapped for the slots and the CSP meta added.
    #[test]
    fn template_matches_index_html() {
        let index = include_str!("../../../index.html");
        let from_index: Vec<&str> = index
            .lines()
            .filter(|l| !l.contains("data-trunk"))
            .collect();
        let from_template: Vec<&str> = TEMPLATE.lines().filter(|l| !l.contains("{{")).collect();
        assert_eq!(
            from_template, from_index,
            "xtask/src/dist/page.html and index.html differ outside the slots; make the same edit in both"
        );
    }
}
