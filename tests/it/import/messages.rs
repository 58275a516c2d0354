//! Messages: every refusal has its own, and every input its label.

use super::*;

#[test]
fn every_refusal_has_its_own_message() {
    let errors = vec![
        key_error(RSA2048_ENCRYPTED),
        key_error(EC_P256),
        key_error(RSA1024_PKCS8),
        key_error(RSA2048_E3),
        key_error(OPENSSL_GUIDE_CERT),
        key_error(format!("{RSA2048_PKCS8}{RSA2048_PKCS8}")),
        key_error("-----BEGIN X-----\nAAAA\n-----END X-----\n"),
        key_error(TRUNCATED_KEY),
        key_error("garbage"),
        key_error([0x89, 0x00]),
        key_error(""),
        key_error(JUMPCLOUD_METADATA),
        key_error(RSA2048_PUBLIC),
        key_error(OPENSSH_RSA2048),
        key_error([0xff, 0xfe, 0x00]),
        key_error(vec![b'\n'; MAX_INPUT_BYTES + 1]),
        certificate_error(RSA2048_PKCS8),
        certificate_error(RSA2048_PUBLIC),
        certificate_error("garbage"),
        certificate_error(""),
        certificate_error(JUMPCLOUD_METADATA),
        certificate_error([0x89, 0x00]),
        metadata_error(OPENSSL_GUIDE_CERT),
        metadata_error("<a"),
        metadata_error("<!DOCTYPE a><a/>"),
        metadata_error(fixture_with(
            "<md:NameIDFormat>",
            "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"x\"/><md:NameIDFormat>",
        )),
        metadata_error("<a/>"),
        metadata_error(fixture_with("IDPSSODescriptor", "SPSSODescriptor")),
        metadata_error(fixture_with("IDPSSODescriptor", "PDPDescriptor")),
        metadata_error(format!(
            r#"<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata">{0}{0}</md:EntitiesDescriptor>"#,
            JUMPCLOUD_METADATA.replacen("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "", 1)
        )),
        metadata_error(fixture_with("SAML:2.0:protocol", "SAML:1.1:protocol")),
        metadata_error(fixture_with(
            " entityID=\"https://acme.cloudflareaccess.com/\"",
            "",
        )),
        metadata_error(fixture_with(
            "entityID=\"https://acme.cloudflareaccess.com/\"",
            "entityID=\"a b\"",
        )),
        metadata_error(fixture_with("SingleSignOnService", "SingleLogoutService")),
        metadata_error(fixture_with("https://sso.", "http://sso.")),
        metadata_error(fixture_with("https://sso.", "https://u@sso.")),
        metadata_error(fixture_with("use=\"signing\"", "use=\"encryption\"")),
        metadata_error(fixture_with("MIIDGzCCAgOg", "!")),
        metadata_error([0x3c, 0xff]),
        metadata_error(""),
    ];
    let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
    let distinct: BTreeSet<&String> = messages.iter().collect();
    assert_eq!(
        distinct.len(),
        messages.len(),
        "two refusals share a message: {messages:#?}"
    );
    for message in &messages {
        assert!(!message.contains("Error"), "internal wording in {message}");
    }
    // Every input's label, as the page shows it.
    let labels: Vec<&str> = InputKind::ALL.iter().map(|input| input.label()).collect();
    assert_eq!(
        labels,
        [
            "Private key file",
            "Certificate file",
            "JumpCloud metadata file",
            "Certificate to check against"
        ]
    );
    let _ = import::MAX_INPUT_BYTES;
}
