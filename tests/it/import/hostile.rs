//! Hostile input: each returns an error (and promptly; the fuzz targets watch for hangs).

use super::*;

#[test]
fn billion_laughs_and_any_doctype_are_refused_before_parsing() {
    let laughs = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<lolz>&lol9;</lolz>"#;
    assert_eq!(metadata_error(laughs), Error::XmlDtd);
    let external = r#"<?xml version="1.0"?>
<!DOCTYPE md:EntityDescriptor [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="&xxe;"/>"#;
    assert_eq!(metadata_error(external), Error::XmlDtd);
    let external_dtd = fixture_with(
        "<md:EntityDescriptor ",
        "<!DOCTYPE md:EntityDescriptor SYSTEM \"https://evil.example/x.dtd\">\n<md:EntityDescriptor ",
    );
    assert_eq!(metadata_error(external_dtd), Error::XmlDtd);
    // A bare declaration without DOCTYPE is refused too.
    assert_eq!(metadata_error("<!ENTITY x \"y\"><a/>"), Error::XmlDtd);
    let xinclude = fixture_with(
        "<md:NameIDFormat>",
        "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"file:///etc/passwd\" parse=\"text\"/>\n    <md:NameIDFormat>",
    );
    assert_eq!(metadata_error(xinclude), Error::XmlExternalReference);
    // Comments and CDATA are fine.
    let commented = fixture_with(
        "<md:NameIDFormat>",
        "<!-- a comment --><![CDATA[ data ]]>\n    <md:NameIDFormat>",
    );
    assert_eq!(read(&commented), read(JUMPCLOUD_METADATA));
}

#[test]
fn deeply_nested_elements_are_refused_or_read_without_recursion() {
    let depth = 140_000;
    let deep = format!("{}{}", "<a>".repeat(depth), "</a>".repeat(depth));
    assert!(deep.len() <= MAX_INPUT_BYTES);
    assert!(matches!(metadata_error(&deep), Error::NotXml(_)));
    // Under the node limit, deep nesting inside valid metadata is walked iteratively.
    let nested = 15_000;
    let extensions = format!(
        "<md:Extensions>{}{}</md:Extensions>\n    <md:KeyDescriptor use=\"signing\">",
        "<x:n xmlns:x=\"urn:example\">".to_owned() + &"<x:n>".repeat(nested - 1),
        "</x:n>".repeat(nested)
    );
    let xml = JUMPCLOUD_METADATA.replacen("<md:KeyDescriptor use=\"signing\">", &extensions, 1);
    assert_eq!(read(&xml).certificates.len(), 1);
    // Unclosed nesting.
    assert!(matches!(
        metadata_error("<a>".repeat(300_000)),
        Error::NotXml(_)
    ));
}

#[test]
fn random_bytes_are_refused_by_every_input() {
    for (index, len) in [1, 2, 16, 1000, 65_536, MAX_INPUT_BYTES]
        .into_iter()
        .enumerate()
    {
        let bytes = pseudo_random_bytes(&format!("garbage {index}"), len);
        assert!(private_key(&bytes).is_err(), "{len} random bytes as key");
        assert!(
            certificate(&bytes).is_err(),
            "{len} random bytes as certificate"
        );
        assert!(
            jumpcloud_metadata(&bytes).is_err(),
            "{len} random bytes as metadata"
        );
        let mut der_like = bytes.clone();
        der_like[0] = 0x30;
        assert!(private_key(&der_like).is_err());
        assert!(certificate(&der_like).is_err());
    }
    let base64_garbage = "QUJD".repeat(1000);
    assert!(private_key(base64_garbage.as_bytes()).is_err());
    assert!(certificate(base64_garbage.as_bytes()).is_err());
}

#[test]
fn a_huge_pem_body_of_valid_base64_fails_cleanly() {
    let line = "A".repeat(64);
    let body: String = (0..15_000).map(|_| format!("{line}\n")).collect();
    let pem = format!("-----BEGIN PRIVATE KEY-----\n{body}-----END PRIVATE KEY-----\n");
    assert!(pem.len() <= MAX_INPUT_BYTES);
    assert!(is_malformed(&key_error(&pem)));
    let certificate_pem = pem.replace("PRIVATE KEY", "CERTIFICATE");
    assert!(is_malformed(&certificate_error(&certificate_pem)));
}
