//! Metadata XML.

use super::*;
#[allow(unused_imports)]
use saml_idp_kit::setup::{cloudflare, files, guide, jumpcloud, metadata, reminder};

// ---------------------------------------------------------------------------------------------
// Metadata XML

#[test]
fn idp_metadata_describes_jumpcloud_as_idp() {
    let setup = acme();
    let certificate = certificate_for(&setup);
    let xml = metadata::idp_metadata_xml(&setup, &[&certificate]);
    golden("idp-metadata.xml", &xml);
    let document = parse_xml(&xml);
    let root = document.root_element();
    assert_eq!(root.tag_name().namespace(), Some(MD));
    assert_eq!(root.tag_name().name(), "EntityDescriptor");
    assert_eq!(
        root.attribute("entityID"),
        Some("https://acme.cloudflareaccess.com/")
    );
    let idp = only_child(root, MD, "IDPSSODescriptor");
    assert_eq!(
        idp.attribute("protocolSupportEnumeration"),
        Some("urn:oasis:names:tc:SAML:2.0:protocol")
    );
    assert_eq!(idp.attribute("WantAuthnRequestsSigned"), Some("false"));
    let key = only_child(idp, MD, "KeyDescriptor");
    assert_eq!(key.attribute("use"), Some("signing"));
    let x509 = only_child(
        only_child(only_child(key, DS, "KeyInfo"), DS, "X509Data"),
        DS,
        "X509Certificate",
    );
    assert_eq!(decode_base64(x509.text().unwrap()), certificate.der());
    assert_eq!(
        only_child(idp, MD, "NameIDFormat").text(),
        Some(EMAIL_FORMAT)
    );
    let services: Vec<(Option<&str>, Option<&str>)> = child(idp, MD, "SingleSignOnService")
        .iter()
        .map(|s| (s.attribute("Binding"), s.attribute("Location")))
        .collect();
    let sso = Some("https://sso.jumpcloud.com/saml2/cloudflare-access");
    assert_eq!(
        services,
        [
            (
                Some("urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"),
                sso
            ),
            (Some("urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"), sso),
        ]
    );
    // Schema sequence: KeyDescriptor*, NameIDFormat*, SingleSignOnService+.
    let order: Vec<&str> = idp
        .children()
        .filter(|n| n.is_element())
        .map(|n| n.tag_name().name())
        .collect();
    assert_eq!(
        order,
        [
            "KeyDescriptor",
            "NameIDFormat",
            "SingleSignOnService",
            "SingleSignOnService"
        ]
    );
}

#[test]
fn idp_metadata_has_a_key_descriptor_per_certificate() {
    let mut input = acme_input();
    input.sign_request = true;
    let setup = valid(&input);
    let new = certificate_for(&setup);
    let older = older_certificate();
    let xml = metadata::idp_metadata_xml(&setup, &[&new, &older]);
    let document = parse_xml(&xml);
    let idp = only_child(document.root_element(), MD, "IDPSSODescriptor");
    assert_eq!(idp.attribute("WantAuthnRequestsSigned"), Some("true"));
    let certs: Vec<Vec<u8>> = child(idp, MD, "KeyDescriptor")
        .iter()
        .map(|key| {
            let x509 = key
                .descendants()
                .find(|n| n.tag_name().name() == "X509Certificate");
            decode_base64(x509.and_then(|n| n.text()).unwrap())
        })
        .collect();
    assert_eq!(certs, [new.der().to_vec(), older.der().to_vec()]);
}

#[test]
fn sp_metadata_describes_cloudflare_as_sp() {
    let team = acme().team;
    let xml = metadata::sp_metadata_xml(&team);
    golden("sp-metadata.xml", &xml);
    let document = parse_xml(&xml);
    let root = document.root_element();
    let callback = Some("https://acme.cloudflareaccess.com/cdn-cgi/access/callback");
    assert_eq!(root.tag_name().namespace(), Some(MD));
    assert_eq!(root.attribute("entityID"), callback);
    let sp = only_child(root, MD, "SPSSODescriptor");
    assert_eq!(
        only_child(sp, MD, "NameIDFormat").text(),
        Some(EMAIL_FORMAT)
    );
    let acs = only_child(sp, MD, "AssertionConsumerService");
    assert_eq!(
        acs.attribute("Binding"),
        Some("urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST")
    );
    assert_eq!(acs.attribute("Location"), callback);
    assert_eq!(acs.attribute("index"), Some("0"));
}
