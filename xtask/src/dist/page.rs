//! The single-file page: `page.html` (next to this file) filled with the stylesheet, the
//! wasm-bindgen glue and the wasm, under a Content-Security-Policy that allows exactly that
//! inline code by hash.
//!
//! xtask owns the page's shape: `page.html` is index.html (Trunk's input for `cargo xtask
//! serve`) with Trunk's two `data-trunk` links replaced by the slots and a `{{csp}}` meta first
//! in `<head>`; a test keeps the two files in step. Multi-file output does not load from
//! `file://` (CORS blocks the module import and the wasm fetch), so everything is inline and
//! nothing is fetched:
//! - `{{wasm}}`: the wasm, compressed with LZMA (fixed settings, so two builds are
//!   byte-identical) and in base64, in a data block (`<script type="application/octet-stream">`),
//!   which the HTML parser skims as text and no JavaScript parser reads;
//! - `{{loader}}`: `loader.js` with the LZMA decoder (lzma-decoder/, built to wasm) inline, a
//!   classic script that unpacks the data block piece by piece into
//!   `WebAssembly.compileStreaming` as soon as the parser reaches it, or says which browser
//!   versions the page needs;
//! - `{{script}}` (made in `page/code.rs`, as the data): the glue without its `export`s, then
//!   `bootstrap.js`, which instantiates the compiled module (the page) or serves key requests
//!   (the key worker, a classic worker that src/browser/worker.rs starts from a `blob:` URL
//!   made of these same three texts).
//!
//! The module script stays in `<head>`: the app renders into `<body>` and replaces what is
//! there.

use base64ct::{Base64, Encoding};

use crate::util::{Result, fail, sha256};

mod code;

use code::{loader, module_script, wasm_data};

/// The page template.
const TEMPLATE: &str = include_str!("page.html");
/// The script elements of the template, in order: the data block, the loader, the module.
const SCRIPT_TAGS: [&str; 3] = [
    "<script type=\"application/octet-stream\" id=\"wasm-data\">{{wasm}}</script>",
    "<script id=\"loader-script\">{{loader}}</script>",
    "<script type=\"module\" id=\"app-script\">{{script}}</script>",
];
/// The one Trusted Types policy the page may create: src/browser/worker.rs makes the key
/// worker's `blob:` URL through it (its `TRUSTED_TYPES_POLICY`; a test keeps the two equal).
pub const TRUSTED_TYPES_POLICY: &str = "saml-idp-kit-worker";

/// The finished page and the policy it carries (for `_headers`).
pub struct Page {
    /// The whole single-file page.
    pub html: String,
    /// The Content-Security-Policy in the meta tag.
    pub csp: String,
}

/// Fills the template with `css` (the stylesheet), `glue` (wasm-bindgen's `--target web`
/// JavaScript), `wasm` (the optimised module) and `decoder` (the LZMA decoder's module).
pub fn assemble(css: &str, glue: &str, wasm: &[u8], decoder: &[u8]) -> Result<Page> {
    check_template(TEMPLATE)?;
    lf_only(css, "the stylesheet")?;
    guard_raw_text(css, "style", "the stylesheet")?;
    check_stylesheet(css)?;
    let loader = loader(decoder)?;
    lf_only(&loader, "loader.js")?;
    guard_raw_text(&loader, "script", "loader.js")?;
    let script = module_script(glue)?;
    let data = wasm_data(wasm)?;
    let csp = policy(&[&loader, &script], css);
    let html = fill(
        TEMPLATE,
        &[
            ("csp", &csp),
            ("style", css),
            ("wasm", &data),
            ("loader", &loader),
            ("script", &script),
        ],
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
/// hrefs, and only the slots for code: one style, and the three scripts of [`SCRIPT_TAGS`].
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
    if template.matches("<style").count() != 1 {
        return fail(
            "page.html must have exactly one <style> element, the slot for the stylesheet",
        );
    }
    let scripts: Vec<usize> = SCRIPT_TAGS
        .iter()
        .filter_map(|tag| template.find(tag))
        .collect();
    if template.matches("<script").count() != SCRIPT_TAGS.len()
        || scripts.len() != SCRIPT_TAGS.len()
        || !scripts.is_sorted()
    {
        return fail(format!(
            "page.html must have exactly these script elements, in this order: {}",
            SCRIPT_TAGS.join(" ")
        ));
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

/// The page's Content-Security-Policy: nothing but its own inline code, by hash.
fn policy(scripts: &[&str], style: &str) -> String {
    let hash = |text: &str| {
        format!(
            "'sha256-{}'",
            Base64::encode_string(&sha256(text.as_bytes()))
        )
    };
    let scripts: Vec<String> = scripts.iter().map(|s| hash(s)).collect();
    // `'wasm-unsafe-eval'` allows compiling wasm only, not `eval`. `img-src data:` is for the
    // favicon. `connect-src 'none'` is the one that keeps keys in the tab: no fetch, XHR,
    // WebSocket or beacon can leave the page. `worker-src blob:` is for the key worker (the
    // built-in RSA path), made from the page's own scripts; it inherits this policy.
    // `require-trusted-types-for 'script'` makes every DOM script sink (`innerHTML`,
    // `new Worker(url)`, `eval`...) refuse plain strings, and `trusted-types` allows one policy,
    // ours, which passes only the worker's `blob:` URL: no later change can add a sink without
    // the browser refusing it.
    [
        "default-src 'none'".to_string(),
        format!("script-src {} 'wasm-unsafe-eval'", scripts.join(" ")),
        format!("style-src {}", hash(style)),
        "img-src data:".to_string(),
        "connect-src 'none'".to_string(),
        "worker-src blob:".to_string(),
        "base-uri 'none'".to_string(),
        "form-action 'none'".to_string(),
        "require-trusted-types-for 'script'".to_string(),
        format!("trusted-types {TRUSTED_TYPES_POLICY}"),
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
    use crate::util::Context;

    const GLUE: &str = "let wasm;\nexport function greet() {}\nasync function __wbg_init(module_or_path) {}\nexport { initSync, __wbg_init as default };\n";
    const WASM: &[u8] = b"\0asm\x01\0\0\0";
    const DECODER: &[u8] = b"\0asm\x01\0\0\0decoder";

    fn between<'a>(html: &'a str, open: &str, close: &str) -> &'a str {
        let start = html.find(open).map_or(0, |i| i + open.len());
        let end = html[start..].find(close).map_or(start, |i| start + i);
        &html[start..end]
    }

    #[test]
    fn inlines_everything_and_hashes_it() -> Result {
        let page = assemble("body { color: red; }", GLUE, WASM, DECODER)?;
        assert!(page.html.contains("<style>body { color: red; }</style>"));
        assert!(page.html.contains("function greet() {}"));
        assert!(!page.html.contains("export "));
        assert!(page.html.contains(code::BOOTSTRAP));
        assert!(
            page.html
                .contains("<head>\n  <meta http-equiv=\"Content-Security-Policy\""),
            "CSP meta must be first in head"
        );
        assert!(page.html.contains(&format!("content=\"{}\"", page.csp)));
        let style = between(&page.html, "<style>", "</style>");
        let data = between(&page.html, "id=\"wasm-data\">", "</script>");
        let loader = between(&page.html, "<script id=\"loader-script\">", "</script>");
        let script = between(&page.html, "id=\"app-script\">", "</script>");
        assert_eq!(loader, code::loader(DECODER)?);
        assert!(loader.contains(&Base64::encode_string(DECODER)));
        // The data block is the wasm, compressed with LZMA, in base64.
        let packed = Base64::decode_vec(data).context(|| "the data block".into())?;
        let mut unpacked =
            vec![0; lzma_decoder::decoded_size(&packed).context(|| "its size".into())?];
        lzma_decoder::decode(&packed, &mut unpacked).context(|| "unpacking".into())?;
        assert_eq!(unpacked, WASM);
        let hash = |t: &str| Base64::encode_string(&sha256(t.as_bytes()));
        // The data block is not code: its hash is not in the policy.
        assert_eq!(
            page.csp,
            format!(
                "default-src 'none'; script-src 'sha256-{}' 'sha256-{}' 'wasm-unsafe-eval'; style-src 'sha256-{}'; img-src data:; connect-src 'none'; worker-src blob:; base-uri 'none'; form-action 'none'; require-trusted-types-for 'script'; trusted-types saml-idp-kit-worker",
                hash(loader),
                hash(script),
                hash(style)
            )
        );
        Ok(())
    }

    #[test]
    fn refuses_code_that_would_end_its_element_early_or_import() -> Result {
        assert!(assemble("a::after { content: '</style>' }", GLUE, WASM, DECODER).is_err());
        assert!(
            assemble(
                "",
                &format!("{GLUE}const s = \"</SCRIPT>\";\n"),
                WASM,
                DECODER
            )
            .is_err()
        );
        assert!(
            assemble(
                "",
                &format!("import x from './x.js';\n{GLUE}"),
                WASM,
                DECODER
            )
            .is_err()
        );
        assert!(assemble("", GLUE, b"not wasm", DECODER).is_err());
        assert!(assemble("", GLUE, WASM, b"not wasm").is_err());
        let meta = "const u = import.meta.url;\n";
        assert!(assemble("", &format!("{GLUE}{meta}"), WASM, DECODER).is_err());
        let default_path = format!("{GLUE}x = {};\n", code::WASM_URL_FROM_MODULE);
        assert!(
            !assemble("", &default_path, WASM, DECODER)?
                .html
                .contains("import.meta")
        );
        assert!(assemble("a {}\r\n", GLUE, WASM, DECODER).is_err());
        assert!(assemble("@import 'x.css';", GLUE, WASM, DECODER).is_err());
        assert!(assemble("a { background: url( \"/x.png\") }", GLUE, WASM, DECODER).is_err());
        assert!(
            assemble(
                "a { background: url('data:image/png,x') }",
                GLUE,
                WASM,
                DECODER
            )
            .is_ok()
        );
        Ok(())
    }

    #[test]
    fn refuses_templates_that_load_or_style_inline() {
        let ok = format!(
            "<head><link rel=\"icon\" href=\"data:x\"><style>{{{{style}}}}</style>{}</head>",
            SCRIPT_TAGS.join("\n")
        );
        assert!(check_template(&ok).is_ok());
        for bad in [
            ok.replace("data:x", "/favicon.ico"),
            ok.replace("<head>", "<head><img src=\"x.png\">"),
            ok.replace("<head>", "<head><div style=\"color: red\"></div>"),
            ok.replace("<head>", "<head><script src=\"x.js\"></script>"),
            ok.replace("<head>", "<head><script>alert(1)</script>"),
            ok.replace(SCRIPT_TAGS[1], ""),
            format!("{}{}", ok.replace(SCRIPT_TAGS[0], ""), SCRIPT_TAGS[0]),
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

    /// The policy the CSP allows is the one the page creates.
    #[test]
    fn trusted_types_policy_is_the_workers() {
        let worker = include_str!("../../../src/browser/worker/trusted_types.rs");
        assert!(
            worker.contains(&format!(
                "pub const TRUSTED_TYPES_POLICY: &str = \"{TRUSTED_TYPES_POLICY}\";"
            )),
            "src/browser/worker/trusted_types.rs must create the policy named in the CSP, {TRUSTED_TYPES_POLICY}"
        );
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
