//! Exclusive c14n against the W3C examples and against `xmllint --exc-c14n` (libxml2) on every
//! fixture's signed element.

use super::{fixture, manifest};
use saml_idp_kit::response::{self, C14nOptions};
use std::process::Command;

fn c14n(xml: &str, apex: &str, options: &C14nOptions) -> String {
    let doc = roxmltree::Document::parse(xml).unwrap();
    let node = doc
        .descendants()
        .find(|n| n.is_element() && n.tag_name().name() == apex)
        .unwrap();
    String::from_utf8(response::canonicalize(node, None, options).unwrap()).unwrap()
}

/// `xmllint --exc-c14n` of a whole document (it keeps comments). Missing xmllint fails the
/// test: `cargo xtask setup` installs it (Debian package libxml2-utils).
fn xmllint(xml: &str) -> String {
    let path = std::env::temp_dir().join(format!(
        "saml-idp-kit-c14n-{}-{:x}.xml",
        std::process::id(),
        xml.len()
    ));
    std::fs::write(&path, xml).unwrap();
    let output = Command::new("xmllint")
        .arg("--exc-c14n")
        .arg(&path)
        .output()
        .unwrap_or_else(|e| panic!("xmllint is needed for this test (apt-get install libxml2-utils, or cargo xtask setup): {e}"));
    let _ = std::fs::remove_file(&path);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// RFC 3741 (Exclusive XML Canonicalization 1.0) section 2.2: the `n1:elem2` subtree of two
/// different documents has one exclusive canonical form, without the ancestors' namespaces.
#[test]
fn w3c_exclusive_c14n_example_section_2_2() {
    let first = "<n0:local xmlns:n0=\"foo:bar\" xmlns:n3=\"ftp://example.org\">\n   <n1:elem2 xmlns:n1=\"http://example.net\" xml:lang=\"en\">\n       <n3:stuff xmlns:n3=\"ftp://example.org\"/>\n   </n1:elem2>\n</n0:local>";
    let second = "<n2:pdu xmlns:n1=\"http://example.com\" xmlns:n2=\"http://foo.example\" xml:lang=\"fr\" xml:space=\"retain\">\n   <n1:elem2 xmlns:n1=\"http://example.net\" xml:lang=\"en\">\n       <n3:stuff xmlns:n3=\"ftp://example.org\"/>\n   </n1:elem2>\n</n2:pdu>";
    let wanted = "<n1:elem2 xmlns:n1=\"http://example.net\" xml:lang=\"en\">\n       <n3:stuff xmlns:n3=\"ftp://example.org\"></n3:stuff>\n   </n1:elem2>";
    let options = C14nOptions::default();
    assert_eq!(c14n(first, "elem2", &options), wanted);
    assert_eq!(c14n(second, "elem2", &options), wanted);
    // InclusiveNamespaces: a listed prefix in scope is output like inclusive c14n would.
    let inclusive = C14nOptions {
        with_comments: false,
        inclusive_prefixes: vec!["n3".to_owned()],
    };
    assert!(c14n(first, "elem2", &inclusive).starts_with(
        "<n1:elem2 xmlns:n1=\"http://example.net\" xmlns:n3=\"ftp://example.org\" xml:lang=\"en\">"
    ));
}

/// Canonical XML 1.0 sections 3.2 (whitespace in content), 3.3 (start and end tags, without the
/// DTD's default attribute) and 3.6 (UTF-8), whose exclusive forms differ only in namespaces;
/// each also checked by xmllint.
#[test]
fn w3c_c14n_examples_in_exclusive_form_agree_with_xmllint() {
    let whitespace = "<doc>\n   <clean>   </clean>\n   <dirty>   A   B   </dirty>\n   <mixed>\n      A\n      <clean>   </clean>\n      B\n      <dirty>   A   B   </dirty>\n      C\n   </mixed>\n</doc>";
    let tags = "<doc>\n   <e1   />\n   <e2   ></e2>\n   <e3   name = \"elem3\"   id=\"elem3\"   />\n   <e4   name=\"elem4\"   id=\"elem4\"   ></e4>\n   <e5 a:attr=\"out\" b:attr=\"sorted\" attr2=\"all\" attr=\"I'm\"\n      xmlns:b=\"http://www.ietf.org\"\n      xmlns:a=\"http://www.w3.org\"\n      xmlns=\"http://example.org\"/>\n   <e6 xmlns=\"\" xmlns:a=\"http://www.w3.org\">\n      <e7 xmlns=\"http://www.ietf.org\">\n         <e8 xmlns=\"\" xmlns:a=\"http://www.w3.org\">\n            <e9 xmlns=\"\" xmlns:a=\"http://www.ietf.org\"/>\n         </e8>\n      </e7>\n   </e6>\n</doc>";
    let tags_wanted = "<doc>\n   <e1></e1>\n   <e2></e2>\n   <e3 id=\"elem3\" name=\"elem3\"></e3>\n   <e4 id=\"elem4\" name=\"elem4\"></e4>\n   <e5 xmlns=\"http://example.org\" xmlns:a=\"http://www.w3.org\" xmlns:b=\"http://www.ietf.org\" attr=\"I'm\" attr2=\"all\" b:attr=\"sorted\" a:attr=\"out\"></e5>\n   <e6>\n      <e7 xmlns=\"http://www.ietf.org\">\n         <e8 xmlns=\"\">\n            <e9></e9>\n         </e8>\n      </e7>\n   </e6>\n</doc>";
    let utf8 = "<?xml version=\"1.0\"?>\n<doc>&#169; &#xD;&amp;&lt;&gt;\"<x a=\"&#9;&#10;&#13;&quot;\"/><!--c--></doc>";
    let options = C14nOptions::default();
    assert_eq!(c14n(whitespace, "doc", &options), whitespace);
    assert_eq!(c14n(tags, "doc", &options), tags_wanted);
    assert_eq!(
        c14n(utf8, "doc", &options),
        "<doc>© &#xD;&amp;&lt;&gt;\"<x a=\"&#x9;&#xA;&#xD;&quot;\"></x></doc>"
    );
    let with = C14nOptions {
        with_comments: true,
        inclusive_prefixes: Vec::new(),
    };
    for xml in [whitespace, tags, utf8] {
        assert_eq!(c14n(xml, "doc", &with), xmllint(xml), "{xml}");
    }
}

/// The element a signature covers, as a document of its own for xmllint: its text cut out of
/// the fixture, its enveloped signature cut out, the root's namespace declarations added (in
/// exclusive c14n only the visibly used ones are output, so extra ones change nothing).
fn standalone(text: &str, start: &str, end: &str, root_declarations: &str) -> String {
    let from = text.find(start).unwrap();
    let to = text[from..].find(end).unwrap() + from + end.len();
    let mut element = text[from..to].to_owned();
    if start != "<samlp:Response" {
        element = element.replacen(start, &format!("{start} {root_declarations}"), 1);
    }
    let signature_from = element.find("<ds:Signature").unwrap();
    let signature_to = element.find("</ds:Signature>").unwrap() + "</ds:Signature>".len();
    element.replace_range(signature_from..signature_to, "");
    element
}

#[test]
fn every_fixture_s_signed_element_canonicalizes_as_xmllint_does() {
    let m = manifest();
    let mut compared = 0;
    for entry in m["fixtures"].as_array().unwrap() {
        let file = entry["file"].as_str().unwrap();
        let text = String::from_utf8(fixture(file)).unwrap();
        let Ok(doc) = roxmltree::Document::parse(&text) else {
            continue; // doctype.xml: refused before parsing
        };
        let assertions = doc
            .descendants()
            .filter(|n| n.has_tag_name((response::ASSERTION_NS, "Assertion")))
            .count();
        if assertions != 1 {
            continue; // the wrapping cases: their signed Assertion is assertion-signed.xml's
        }
        let root = doc.root_element();
        let declarations = "xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\"";
        for (element, start, end) in [
            (root, "<samlp:Response", "</samlp:Response>"),
            (
                root.children()
                    .find(|n| n.has_tag_name((response::ASSERTION_NS, "Assertion")))
                    .unwrap(),
                "<saml:Assertion",
                "</saml:Assertion>",
            ),
        ] {
            let Some(signature) = element
                .children()
                .find(|n| n.has_tag_name((response::DSIG_NS, "Signature")))
            else {
                continue;
            };
            // When both are signed, the first signature in the Response's text is its own (it
            // follows the Response's Issuer); the Assertion keeps its signature.
            let doc_text = standalone(&text, start, end, declarations);
            let options = C14nOptions {
                with_comments: true,
                inclusive_prefixes: Vec::new(),
            };
            let ours = String::from_utf8(
                response::canonicalize(element, Some(signature.id()), &options).unwrap(),
            )
            .unwrap();
            assert_eq!(ours, xmllint(&doc_text), "{file} {start}");
            compared += 1;
        }
    }
    assert!(compared >= 18, "compared {compared} signed elements");
}
