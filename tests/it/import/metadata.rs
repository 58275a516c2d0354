//! JumpCloud's IdP metadata: what is read from the export, the Cloudflare setup it gives, and
//! metadata that cannot configure Cloudflare.

use super::*;
use saml_idp_kit::setup::{Field, FormInput, cloudflare, metadata};

fn acme_form() -> FormInput {
    FormInput {
        team_name: "acme".to_owned(),
        ..FormInput::default()
    }
}

fn guide_base64() -> String {
    body_of(OPENSSL_GUIDE_CERT).replace('\n', "")
}

/// The fixture with a second signing certificate (the one the New-key flow makes) after the first.
fn metadata_with_two_certificates() -> String {
    let second = format!(
        r#"    <md:KeyDescriptor use="signing">
      <ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#">
        <ds:X509Data>
          <ds:X509Certificate>{}</ds:X509Certificate>
        </ds:X509Data>
      </ds:KeyInfo>
    </md:KeyDescriptor>
    <md:NameIDFormat>"#,
        fixed_certificate().base64()
    );
    JUMPCLOUD_METADATA.replacen("    <md:NameIDFormat>", &second, 1)
}

#[test]
fn jumpclouds_export_gives_entity_id_sso_urls_and_certificate() {
    let metadata = read(JUMPCLOUD_METADATA);
    assert_eq!(metadata.entity_id, "https://acme.cloudflareaccess.com/");
    assert_eq!(
        metadata.sso_urls,
        vec![
            (metadata::BINDING_REDIRECT.to_owned(), SSO_URL.to_owned()),
            (metadata::BINDING_POST.to_owned(), SSO_URL.to_owned()),
        ]
    );
    assert_eq!(metadata.sso_target_url(), Some(SSO_URL));
    assert_eq!(metadata.certificates.len(), 1);
    assert_eq!(metadata.certificates[0].base64(), guide_base64());
    assert!(!metadata.want_authn_requests_signed);
    assert_eq!(
        metadata.first_to_expire().map(Certificate::serial_hex),
        Some("103f841f04b90518a612f3bdab8081e464fab3e1".to_owned())
    );
}

#[test]
fn jumpclouds_export_yields_the_expected_cloudflare_api_body() -> Result<(), serde_json::Error> {
    let metadata = read(JUMPCLOUD_METADATA);
    let setup = match setup_from_metadata(&metadata, &acme_form()) {
        Ok(setup) => setup,
        Err(problems) => panic!("setup must validate: {problems:?}"),
    };
    let body = cloudflare::api_body(&setup, &metadata.certificate_refs());
    let expected = serde_json::json!({
        "config": {
            "issuer_url": "https://acme.cloudflareaccess.com/",
            "sso_target_url": SSO_URL,
            "attributes": ["email", "name", "username"],
            "email_attribute_name": "",
            "sign_request": false,
            "idp_public_certs": [guide_base64()],
        },
        "type": "saml",
        "name": "JumpCloud",
    });
    assert_eq!(serde_json::from_str::<serde_json::Value>(&body)?, expected);
    // Byte for byte, in the key order of Cloudflare's guide, as the New-key flow writes it.
    let expected_text = format!(
        r#"{{
  "config": {{
    "issuer_url": "https://acme.cloudflareaccess.com/",
    "sso_target_url": "{SSO_URL}",
    "attributes": [
      "email",
      "name",
      "username"
    ],
    "email_attribute_name": "",
    "sign_request": false,
    "idp_public_certs": [
      "{}"
    ]
  }},
  "type": "saml",
  "name": "JumpCloud"
}}
"#,
        guide_base64()
    );
    assert_eq!(body, expected_text);
    Ok(())
}

#[test]
fn two_signing_certificates_both_go_into_idp_public_certs() -> Result<(), serde_json::Error> {
    let metadata = read(&metadata_with_two_certificates());
    assert_eq!(metadata.certificates.len(), 2);
    let setup = match setup_from_metadata(&metadata, &acme_form()) {
        Ok(setup) => setup,
        Err(problems) => panic!("setup must validate: {problems:?}"),
    };
    let certificates = metadata.certificate_refs();
    let body: serde_json::Value =
        serde_json::from_str(&cloudflare::api_body(&setup, &certificates))?;
    assert_eq!(
        body["config"]["idp_public_certs"],
        serde_json::json!([guide_base64(), fixed_certificate().base64()])
    );
    let terraform = cloudflare::terraform(&setup, &certificates);
    assert!(terraform.contains(&guide_base64()));
    assert!(terraform.contains(&fixed_certificate().base64()));

    // The body has no single-certificate field: the API schema declares only the list.
    assert!(body["config"].get("idp_public_cert").is_none());
    Ok(())
}

#[test]
fn the_setup_takes_cloudflare_choices_from_the_form_and_ignores_the_certificate_fields() {
    let metadata = read(JUMPCLOUD_METADATA);
    let form = FormInput {
        identity_provider_name: "JumpCloud SAML".to_owned(),
        saml_attributes: "email groups".to_owned(),
        sign_request: true,
        force_authn: true,
        // A half-typed New-key form must not block this mode.
        common_name: String::new(),
        validity_days: "abc".to_owned(),
        sso_url: "http://ignored.example".to_owned(),
        idp_entity_id: "ignored".to_owned(),
        idp_entity_id_edited: true,
        ..acme_form()
    };
    let setup = match setup_from_metadata(&metadata, &form) {
        Ok(setup) => setup,
        Err(problems) => panic!("setup must validate: {problems:?}"),
    };
    assert_eq!(setup.team.as_str(), "acme");
    assert_eq!(setup.sso_url, SSO_URL);
    assert_eq!(setup.idp_entity_id, "https://acme.cloudflareaccess.com/");
    assert_eq!(setup.identity_provider_name, "JumpCloud SAML");
    assert_eq!(setup.attributes, vec!["email", "groups"]);
    assert!(setup.sign_request);
    assert!(setup.force_authn);

    let no_team = FormInput::default();
    let problems = match setup_from_metadata(&metadata, &no_team) {
        Ok(setup) => panic!("a team name is required, got {setup:?}"),
        Err(problems) => problems,
    };
    let fields: Vec<Field> = problems.0.iter().map(|(field, _)| *field).collect();
    assert_eq!(fields, vec![Field::TeamName]);
    assert_eq!(
        problems.to_string(),
        "Team name: Enter your team name.",
        "the metadata mode shows every problem with its field's label"
    );
}

#[test]
fn other_shapes_of_valid_metadata_are_read() {
    // Default namespace instead of prefixes, inside an EntitiesDescriptor, POST binding only,
    // a KeyDescriptor without `use`, an encryption key (skipped) and the signing certificate
    // repeated (dropped).
    let body = guide_base64();
    let encryption = fixed_certificate().base64();
    let xml = format!(
        r#"<EntitiesDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata">
  <EntityDescriptor entityID="JumpCloud">
    <IDPSSODescriptor WantAuthnRequestsSigned="true" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol urn:oasis:names:tc:SAML:1.1:protocol">
      <KeyDescriptor use="encryption"><KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#"><X509Data><X509Certificate>{encryption}</X509Certificate></X509Data></KeyInfo></KeyDescriptor>
      <KeyDescriptor><dsig:KeyInfo xmlns:dsig="http://www.w3.org/2000/09/xmldsig#"><dsig:X509Data><dsig:X509Certificate>{body}</dsig:X509Certificate></dsig:X509Data></dsig:KeyInfo></KeyDescriptor>
      <KeyDescriptor use="signing"><dsig:KeyInfo xmlns:dsig="http://www.w3.org/2000/09/xmldsig#"><dsig:X509Data><dsig:X509Certificate>{body}</dsig:X509Certificate></dsig:X509Data></dsig:KeyInfo></KeyDescriptor>
      <SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:SOAP" Location="https://soap.example/"/>
      <SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://sso.jumpcloud.com/saml2/post-only"/>
    </IDPSSODescriptor>
  </EntityDescriptor>
</EntitiesDescriptor>"#
    );
    let metadata = read(&xml);
    assert_eq!(metadata.entity_id, "JumpCloud");
    assert_eq!(
        metadata.sso_target_url(),
        Some("https://sso.jumpcloud.com/saml2/post-only")
    );
    assert_eq!(metadata.sso_urls.len(), 2);
    assert_eq!(metadata.certificates.len(), 1);
    assert_eq!(metadata.certificates[0].base64(), body);
    assert!(metadata.want_authn_requests_signed);
}

#[test]
fn metadata_that_cannot_configure_cloudflare_is_refused_with_its_reason() {
    let team = saml_idp_kit::setup::normalise_team_name("acme").ok();
    let sp = match team {
        Some(team) => metadata::sp_metadata_xml(&team),
        None => panic!("acme is a valid team"),
    };
    assert_eq!(metadata_error(sp), Error::SpMetadata);
    assert_eq!(metadata_error("<html><body/></html>"), Error::NotMetadata);
    assert_eq!(
        metadata_error(fixture_with(
            "urn:oasis:names:tc:SAML:2.0:metadata",
            "urn:example:not-metadata"
        )),
        Error::NotMetadata
    );
    assert_eq!(
        metadata_error(fixture_with(
            "IDPSSODescriptor",
            "AttributeAuthorityDescriptor"
        )),
        Error::NoIdentityProvider
    );
    let two = format!(
        r#"<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata">{}{}</md:EntitiesDescriptor>"#,
        JUMPCLOUD_METADATA.replacen("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "", 1),
        JUMPCLOUD_METADATA.replacen("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "", 1)
    );
    assert_eq!(metadata_error(two), Error::SeveralIdentityProviders(2));
    assert_eq!(
        metadata_error(fixture_with(
            "protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\"",
            "protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:1.1:protocol\""
        )),
        Error::NotSaml2
    );
    assert_eq!(
        metadata_error(fixture_with(
            " entityID=\"https://acme.cloudflareaccess.com/\"",
            ""
        )),
        Error::NoEntityId
    );
    assert!(matches!(
        metadata_error(fixture_with(
            "entityID=\"https://acme.cloudflareaccess.com/\"",
            "entityID=\"Jump Cloud\""
        )),
        Error::EntityIdInvalid(_)
    ));
    assert_eq!(
        metadata_error(fixture_with("SingleSignOnService", "SingleLogoutService")),
        Error::NoSsoUrl
    );
    assert_eq!(
        metadata_error(fixture_with("bindings:HTTP-", "bindings:SOAP-")),
        Error::NoSsoUrl
    );
    assert_eq!(
        metadata_error(fixture_with("https://sso.", "http://sso.")),
        Error::SsoUrlNotHttps("http://sso.jumpcloud.com/saml2/cloudflare-access".to_owned())
    );
    assert!(matches!(
        metadata_error(fixture_with("https://sso.", "https://user@sso.")),
        Error::SsoUrlInvalid { .. }
    ));
    assert_eq!(
        metadata_error(fixture_with("use=\"signing\"", "use=\"encryption\"")),
        Error::NoSigningCertificate
    );
    assert_eq!(
        metadata_error(fixture_with("X509Certificate>", "X509SubjectName>")),
        Error::NoSigningCertificate
    );
    assert!(matches!(
        metadata_error(fixture_with("MIIDGzCCAgOg", "MIIDGzCCAgOg!")),
        Error::MetadataCertificate { position: 1, .. }
    ));
    assert!(matches!(
        metadata_error(fixture_with("MIIDGzCCAgOg", "MIQ=")),
        Error::MetadataCertificate { position: 1, .. }
    ));
}

#[test]
fn non_xml_given_as_metadata_is_refused() {
    assert_eq!(metadata_error(OPENSSL_GUIDE_CERT), Error::PemNotMetadata);
    assert_eq!(metadata_error(RSA2048_PKCS8), Error::PemNotMetadata);
    assert!(matches!(metadata_error("hello"), Error::NotXml(_)));
    assert!(matches!(metadata_error("<a><b></a>"), Error::NotXml(_)));
    assert!(matches!(
        metadata_error("<a>&undefined;</a>"),
        Error::NotXml(_)
    ));
    assert_eq!(metadata_error(""), Error::Empty(InputKind::Metadata));
    assert_eq!(
        metadata_error([0x3c, 0xff, 0x3e]),
        Error::Binary(InputKind::Metadata)
    );
    let utf16: Vec<u8> = [0xff, 0xfe]
        .into_iter()
        .chain(JUMPCLOUD_METADATA.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    assert_eq!(metadata_error(utf16), Error::Utf16);
}
