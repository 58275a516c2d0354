//! Turns Trunk's multi-file release output into one self-contained HTML page.
//!
//! Trunk writes `index.html` plus a CSS file, the wasm-bindgen JS glue and the `.wasm`, and
//! injects a module script that imports the glue and fetches the wasm. Multi-file output does
//! not load from `file://` (CORS blocks the module import and the wasm fetch), and every extra
//! file is a request. So we rewrite the page:
//! - `<link rel="stylesheet" href=X>` becomes `<style>` with X's text;
//! - `<link rel="preload">` / `<link rel="modulepreload">` are dropped (they would fetch);
//! - Trunk's bootstrap module script is replaced by one module script holding the glue (its
//!   `export`s turned into plain declarations) and a few lines that decode the base64 wasm and
//!   instantiate it from bytes, so there is no fetch;
//! - a Content-Security-Policy meta with the SHA-256 of every inline script and style goes
//!   first in `<head>`.
//!
//! Anything else that would load a resource (a `src`, an `href` that is not `data:` or a
//! fragment, an unknown `<link>`) is an error: the page must stay one file with no requests.

use base64ct::{Base64, Encoding};

use crate::util::{Context, Result, fail, sha256};

/// The finished page and the policy it carries (for `_headers`).
pub struct Page {
    /// The whole single-file page.
    pub html: String,
    /// The Content-Security-Policy in the meta tag.
    pub csp: String,
}

/// Reads a file Trunk wrote, by the path the HTML refers to it with.
pub trait Assets {
    /// The bytes of `href` (as written in the page, e.g. `/style.css`).
    fn read(&self, href: &str) -> Result<Vec<u8>>;
}

/// Rewrites Trunk's `index.html` into the single-file page.
pub fn bundle(trunk_html: &str, assets: &impl Assets) -> Result<Page> {
    if trunk_html.contains('\r') {
        // The HTML parser turns CRLF into LF before hashing inline scripts, so a CR would make
        // our hashes disagree with the browser's.
        return fail("index.html contains carriage returns; use LF line endings");
    }
    let mut out = String::with_capacity(trunk_html.len());
    let mut inline_scripts = Vec::new();
    let mut inline_styles = Vec::new();
    let mut bootstraps = 0;
    let mut pos = 0;

    while let Some(offset) = trunk_html[pos..].find('<') {
        let start = pos + offset;
        out.push_str(&trunk_html[pos..start]);
        let rest = &trunk_html[start..];
        if rest.starts_with("<!--") {
            let end = rest.find("-->").map(|i| start + i + 3);
            let Some(end) = end else {
                return fail("unterminated comment in index.html");
            };
            out.push_str(&trunk_html[start..end]);
            pos = end;
            continue;
        }
        let is_tag = rest[1..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!');
        if !is_tag {
            out.push('<');
            pos = start + 1;
            continue;
        }
        let tag = Tag::parse(trunk_html, start)?;
        pos = tag.end;
        match tag.name.as_str() {
            "link" => {
                let rel = tag.attr("rel").unwrap_or_default().to_ascii_lowercase();
                let href = tag.attr("href").unwrap_or_default();
                match rel.as_str() {
                    "stylesheet" => {
                        let css = text(assets.read(href)?, href)?;
                        guard_raw_text(&css, "style", href)?;
                        out.push_str("<style>");
                        out.push_str(&css);
                        out.push_str("</style>");
                        inline_styles.push(css);
                    }
                    "preload" | "modulepreload" => trim_trailing_blank_line(&mut out),
                    _ if is_local_reference(href) => out.push_str(tag.raw(trunk_html)),
                    _ => {
                        return fail(format!(
                            "<link rel=\"{rel}\" href=\"{href}\"> would load a file; inline it or use a data: URL"
                        ));
                    }
                }
            }
            "script" => {
                if let Some(src) = tag.attr("src") {
                    return fail(format!("<script src=\"{src}\"> would load a file"));
                }
                let (body, end) = raw_text(trunk_html, tag.end, "script")?;
                pos = end;
                let script = match bootstrap_glue(body) {
                    Some(glue_href) => {
                        bootstraps += 1;
                        single_file_bootstrap(assets, glue_href, body)?
                    }
                    None => body.to_string(),
                };
                let open = if tag.attr("type") == Some("module") {
                    "<script type=\"module\">"
                } else {
                    "<script>"
                };
                out.push_str(open);
                out.push_str(&script);
                out.push_str("</script>");
                inline_scripts.push(script);
            }
            "style" => {
                let (body, end) = raw_text(trunk_html, tag.end, "style")?;
                pos = end;
                out.push_str(tag.raw(trunk_html));
                out.push_str(body);
                out.push_str("</style>");
                inline_styles.push(body.to_string());
            }
            _ => {
                for name in [
                    "src",
                    "href",
                    "srcset",
                    "action",
                    "formaction",
                    "poster",
                    "data",
                ] {
                    if let Some(value) = tag.attr(name)
                        && !is_local_reference(value)
                    {
                        return fail(format!(
                            "<{} {name}=\"{value}\"> would load a resource",
                            tag.name
                        ));
                    }
                }
                if tag.attr("style").is_some() {
                    return fail(format!(
                        "<{}> has a style attribute, which the hash-based style-src blocks; use a class",
                        tag.name
                    ));
                }
                out.push_str(tag.raw(trunk_html));
            }
        }
    }
    out.push_str(&trunk_html[pos..]);

    if bootstraps != 1 {
        return fail(format!(
            "expected exactly one Trunk bootstrap script importing the wasm-bindgen glue, found {bootstraps}"
        ));
    }
    let csp = policy(&inline_scripts, &inline_styles);
    let html = insert_csp_meta(&out, &csp)?;
    Ok(Page { html, csp })
}

/// The page's Content-Security-Policy: nothing but its own inline code, by hash.
fn policy(scripts: &[String], styles: &[String]) -> String {
    let hashes = |items: &[String]| {
        items
            .iter()
            .map(|s| format!("'sha256-{}'", Base64::encode_string(&sha256(s.as_bytes()))))
            .collect::<Vec<_>>()
            .join(" ")
    };
    // `'wasm-unsafe-eval'` allows compiling wasm only, not `eval`. `img-src data:` is for the
    // favicon. `connect-src 'none'` is the one that keeps keys in the tab: no fetch, XHR,
    // WebSocket or beacon can leave the page.
    let mut directives = vec!["default-src 'none'".to_string()];
    directives.push(format!("script-src {} 'wasm-unsafe-eval'", hashes(scripts)));
    if !styles.is_empty() {
        directives.push(format!("style-src {}", hashes(styles)));
    }
    directives.extend(
        [
            "img-src data:",
            "connect-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
        ]
        .map(str::to_string),
    );
    directives.join("; ")
}

/// Puts the CSP meta first in `<head>`, so it governs everything after it.
fn insert_csp_meta(html: &str, csp: &str) -> Result<String> {
    let Some(head) = find_ascii_ci(html, "<head>") else {
        return fail("index.html has no <head>");
    };
    let at = head + "<head>".len();
    let meta = format!("\n  <meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">");
    let page = format!("{}{meta}{}", &html[..at], &html[at..]);
    // Browsers only honour `<meta charset>` within the first 1024 bytes.
    match find_ascii_ci(&page, "<meta charset") {
        Some(i) if i < 1024 => Ok(page),
        _ => {
            fail("<meta charset=\"utf-8\"> must be within the first 1024 bytes, after the CSP meta")
        }
    }
}

/// If `script` is Trunk's bootstrap, the glue module it imports (`/name.js`).
fn bootstrap_glue(script: &str) -> Option<&str> {
    let (_, after) = script.split_once("import init")?;
    let (_, after) = after.split_once(" from '")?;
    let (href, _) = after.split_once('\'')?;
    href.ends_with(".js").then_some(href)
}

/// One module script: the glue without its `export`s, then code that instantiates the wasm
/// from embedded bytes. Top-level names stay private to the module script.
fn single_file_bootstrap(
    assets: &impl Assets,
    glue_href: &str,
    trunk_script: &str,
) -> Result<String> {
    let Some(wasm_href) = quoted_ending_with(trunk_script, ".wasm") else {
        return fail("Trunk's bootstrap script names no .wasm file");
    };
    let glue = text(assets.read(glue_href)?, glue_href)?;
    let wasm = assets.read(wasm_href)?;
    if !wasm.starts_with(b"\0asm") {
        return fail(format!("{wasm_href} is not a WebAssembly module"));
    }
    let mut code = String::with_capacity(glue.len() + wasm.len() * 4 / 3 + 1024);
    for line in glue.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("import ") {
            // Snippets (`#[wasm_bindgen(module = ...)]`, `inline_js`) would be separate files.
            return fail(format!(
                "{glue_href} imports another module ({trimmed}); the single file cannot load it"
            ));
        }
        if trimmed.starts_with("export {") || trimmed.starts_with("export default") {
            continue;
        }
        code.push_str(line.strip_prefix("export ").unwrap_or(line));
        code.push('\n');
    }
    if !code.contains("async function __wbg_init(") {
        return fail(format!(
            "{glue_href} has no `__wbg_init`; was it generated by wasm-bindgen --target web?"
        ));
    }
    code.push_str(
        "\n// Single-file bootstrap (cargo xtask dist): the wasm is embedded, so nothing is fetched.\n",
    );
    code.push_str("const wasmBase64 = \"");
    code.push_str(&Base64::encode_string(&wasm));
    code.push_str("\";\n");
    code.push_str(
        "const wasmBytes = typeof Uint8Array.fromBase64 === \"function\"\n  \
         ? Uint8Array.fromBase64(wasmBase64)\n  \
         : Uint8Array.from(atob(wasmBase64), (c) => c.charCodeAt(0));\n\
         await __wbg_init({ module_or_path: wasmBytes });\n",
    );
    guard_raw_text(&code, "script", glue_href)?;
    Ok(code)
}

/// Text inside `<script>`/`<style>` ends at the first `</script`/`</style`, and `<!--` in
/// a script changes how the parser looks for that end; refuse content that contains either.
fn guard_raw_text(content: &str, element: &str, origin: &str) -> Result {
    if find_ascii_ci(content, &format!("</{element}")).is_some() || content.contains("<!--") {
        return fail(format!(
            "{origin} contains `</{element}` or `<!--` and cannot be inlined safely"
        ));
    }
    Ok(())
}

fn text(bytes: Vec<u8>, origin: &str) -> Result<String> {
    let text = String::from_utf8(bytes).context(|| format!("{origin} is not UTF-8"))?;
    if text.contains('\r') {
        return fail(format!(
            "{origin} contains carriage returns; use LF line endings"
        ));
    }
    Ok(text)
}

/// `data:` URLs and in-page fragments load nothing from elsewhere.
fn is_local_reference(value: &str) -> bool {
    let v = value.trim_start().to_ascii_lowercase();
    v.starts_with("data:") || v.starts_with('#')
}

/// Drops the indentation left on the current output line by a removed tag, so removing a
/// `<link>` does not leave a blank line.
fn trim_trailing_blank_line(out: &mut String) {
    let kept = out.trim_end_matches([' ', '\t']).len();
    if out[..kept].ends_with('\n') {
        out.truncate(kept - 1);
    }
}

/// A start or end tag: name (lowercase), attributes, and where it ends.
struct Tag {
    name: String,
    attrs: Vec<(String, String)>,
    start: usize,
    end: usize,
}

impl Tag {
    /// Parses the tag starting at `html[start] == '<'`.
    fn parse(html: &str, start: usize) -> Result<Tag> {
        let bytes = html.as_bytes();
        let mut i = start + 1;
        let name_start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
            if bytes[i] == b'/' && i > name_start {
                break;
            }
            i += 1;
        }
        let name = html[name_start..i].to_ascii_lowercase();
        let mut attrs = Vec::new();
        loop {
            while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
                i += 1;
            }
            match bytes.get(i) {
                None => return fail(format!("unterminated <{name}> tag in index.html")),
                Some(b'>') => {
                    return Ok(Tag {
                        name,
                        attrs,
                        start,
                        end: i + 1,
                    });
                }
                Some(_) => {}
            }
            let key_start = i;
            while i < bytes.len()
                && !bytes[i].is_ascii_whitespace()
                && !matches!(bytes[i], b'=' | b'>' | b'/')
            {
                i += 1;
            }
            let key = html[key_start..i].to_ascii_lowercase();
            let mut value = String::new();
            if bytes.get(i) == Some(&b'=') {
                i += 1;
                match bytes.get(i) {
                    Some(&q @ (b'"' | b'\'')) => {
                        let Some(close) = html[i + 1..].find(q as char) else {
                            return fail(format!("unterminated attribute {key} in <{name}>"));
                        };
                        value = html[i + 1..i + 1 + close].to_string();
                        i += close + 2;
                    }
                    _ => {
                        let value_start = i;
                        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>'
                        {
                            i += 1;
                        }
                        value = html[value_start..i].to_string();
                    }
                }
            }
            attrs.push((key, value));
        }
    }

    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn raw<'a>(&self, html: &'a str) -> &'a str {
        &html[self.start..self.end]
    }
}

/// The raw text of a `<script>`/`<style>` starting at `from`, and the index after its end tag.
fn raw_text<'a>(html: &'a str, from: usize, element: &str) -> Result<(&'a str, usize)> {
    let Some(close) = find_ascii_ci(&html[from..], &format!("</{element}")) else {
        return fail(format!("<{element}> without </{element}> in index.html"));
    };
    let body = &html[from..from + close];
    let Some(gt) = html[from + close..].find('>') else {
        return fail(format!("unterminated </{element}> in index.html"));
    };
    Ok((body, from + close + gt + 1))
}

/// The first `'...'` or `"..."` literal in `code` whose content ends with `suffix`.
fn quoted_ending_with<'a>(code: &'a str, suffix: &str) -> Option<&'a str> {
    code.split(['\'', '"'])
        .skip(1)
        .step_by(2)
        .find(|s| s.ends_with(suffix))
}

/// Case-insensitive ASCII `find`.
fn find_ascii_ci(haystack: &str, needle: &str) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    if n.is_empty() || h.len() < n.len() {
        return None;
    }
    (0..=h.len() - n.len()).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    struct Files(HashMap<&'static str, Vec<u8>>);

    impl Assets for Files {
        fn read(&self, href: &str) -> Result<Vec<u8>> {
            match self.0.get(href) {
                Some(bytes) => Ok(bytes.clone()),
                None => fail(format!("no such file {href}")),
            }
        }
    }

    const GLUE: &str = "let wasm;\nexport function greet() {}\nasync function __wbg_init(module_or_path) {}\nexport { initSync, __wbg_init as default };\n";

    fn files() -> Files {
        Files(HashMap::from([
            ("/style.css", b"body { color: red; }".to_vec()),
            ("/app.js", GLUE.as_bytes().to_vec()),
            ("/app_bg.wasm", b"\0asm\x01\0\0\0".to_vec()),
        ]))
    }

    fn trunk_page(extra_head: &str) -> String {
        format!(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n  <meta charset=\"utf-8\">\n  <link rel=\"icon\" href=\"data:image/svg+xml,x\">\n  <link rel=\"stylesheet\" href=\"/style.css\" integrity=\"sha384-x\"/>\n  {extra_head}\n<link rel=\"modulepreload\" href=\"/app.js\" crossorigin=\"anonymous\">\n<link rel=\"preload\" href=\"/app_bg.wasm\" crossorigin=\"anonymous\" as=\"fetch\" type=\"application/wasm\"></head>\n<body>\n<script type=\"module\">\nimport init, * as bindings from '/app.js';\nconst wasm = await init({{ module_or_path: '/app_bg.wasm' }});\n</script></body>\n</html>\n"
        )
    }

    #[test]
    fn inlines_everything_and_hashes_it() -> Result {
        let page = bundle(&trunk_page(""), &files())?;
        assert!(page.html.contains("<style>body { color: red; }</style>"));
        assert!(page.html.contains("function greet() {}"));
        assert!(!page.html.contains("export "));
        assert!(!page.html.contains("preload"));
        assert!(!page.html.contains("/app.js"));
        assert!(page.html.contains("const wasmBase64 = \"AGFzbQEAAAA=\";"));
        assert!(
            page.html
                .contains("await __wbg_init({ module_or_path: wasmBytes });")
        );
        let head = page
            .html
            .find("<head>\n  <meta http-equiv=\"Content-Security-Policy\"");
        assert!(head.is_some(), "CSP meta must be first in head");
        let style_hash = Base64::encode_string(&sha256(b"body { color: red; }"));
        assert!(
            page.csp
                .contains(&format!("style-src 'sha256-{style_hash}'"))
        );
        assert!(
            page.csp
                .starts_with("default-src 'none'; script-src 'sha256-")
        );
        assert!(page.csp.contains("'wasm-unsafe-eval'; style-src"));
        assert!(
            page.csp.ends_with(
                "img-src data:; connect-src 'none'; base-uri 'none'; form-action 'none'"
            )
        );
        // The script hash covers exactly the text between the tags.
        let open = "<script type=\"module\">";
        let body_start = page.html.find(open).map(|i| i + open.len()).unwrap_or(0);
        let body_end = page.html.find("</script>").unwrap_or(0);
        let script_hash =
            Base64::encode_string(&sha256(&page.html.as_bytes()[body_start..body_end]));
        assert!(
            page.csp
                .contains(&format!("script-src 'sha256-{script_hash}'"))
        );
        Ok(())
    }

    #[test]
    fn refuses_anything_that_would_load() {
        for extra in [
            "<script src=\"https://cdn.example/x.js\"></script>",
            "<img src=\"logo.png\">",
            "<link rel=\"manifest\" href=\"/site.webmanifest\">",
            "<div style=\"color: red\"></div>",
        ] {
            assert!(bundle(&trunk_page(extra), &files()).is_err(), "{extra}");
        }
    }

    #[test]
    fn refuses_glue_that_would_end_the_script_early() {
        let mut f = files();
        f.0.insert(
            "/app.js",
            format!("{GLUE}const s = \"</script>\";\n").into_bytes(),
        );
        assert!(bundle(&trunk_page(""), &f).is_err());
    }

    #[test]
    fn keeps_other_inline_scripts_and_hashes_them() -> Result {
        let page = bundle(&trunk_page("<script>var a = 1;</script>"), &files())?;
        let hash = Base64::encode_string(&sha256(b"var a = 1;"));
        assert!(page.csp.contains(&format!("'sha256-{hash}'")));
        Ok(())
    }
}
