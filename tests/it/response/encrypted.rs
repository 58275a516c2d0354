//! Encrypted assertions, NameIDs and attributes: reported on their own line, never as tampering,
//! with what lies outside the encryption checked by the usual rules.

use super::diagnoses::{assert_no_alarm, text};
use super::{clock, expected, expected_with, fixture, names};
use saml_idp_kit::response::{self, Check, Status, Verifier};

#[test]
fn an_encrypted_assertion_is_reported_not_refused() {
    let setup = expected_with("encrypted-idp.crt");
    for (file, signature) in [
        ("encrypted-response-signed.xml", Status::Pass),
        ("encrypted-unsigned.xml", Status::NotChecked),
    ] {
        let runs = [
            response::check(&fixture(file), &setup, clock()).unwrap(),
            response::check_with(&fixture(file), None, Verifier::Configured, clock()).unwrap(),
            response::check_with(&fixture(file), None, Verifier::KeyInfo, clock()).unwrap(),
        ];
        for report in &runs {
            let encryption = report.line(Check::Encryption).unwrap();
            assert_eq!(encryption.status, Status::Warning, "{file}");
            assert_eq!(
                encryption.detail,
                "The assertion is encrypted for Cloudflare; its contents cannot be checked here."
            );
            assert_no_alarm(file, report);
            let summary = report.summary();
            assert!(
                summary.contains("turn assertion encryption off for one test sign-in")
                    && summary.contains("use Test on the identity provider"),
                "{file}: {summary}"
            );
            assert_eq!(report.name_id, None, "{file}");
        }
        let [with_setup, ..] = &runs;
        assert_eq!(
            with_setup.line(Check::Signature).unwrap().status,
            signature,
            "{file}: {:#?}",
            with_setup.lines
        );
        assert!(with_setup.passed(), "{file}: {:#?}", with_setup.lines);
        assert!(
            with_setup
                .summary()
                .starts_with("No problem found outside the encryption, 1 warning"),
            "{file}: {}",
            with_setup.summary()
        );
        for outside in [Check::Issuer, Check::Destination, Check::Status] {
            assert_eq!(
                with_setup.line(outside).unwrap().status,
                Status::Pass,
                "{file}"
            );
        }
        assert!(
            with_setup
                .line(Check::TimeWindow)
                .unwrap()
                .detail
                .contains("30 s before this device's clock"),
            "{file}: {:?}",
            with_setup.line(Check::TimeWindow)
        );
    }
    let signed = response::check(
        &fixture("encrypted-response-signed.xml"),
        &expected_with("encrypted-idp.crt"),
        clock(),
    )
    .unwrap();
    assert!(
        signed
            .line(Check::Signature)
            .unwrap()
            .detail
            .starts_with("The Response is signed (RSA-SHA-256, SHA-256 digest) and verified")
    );
    // Outside the encryption, the page's rules hold: another Destination fails; a Response
    // changed after signing is still told not to be trusted.
    let moved = text("encrypted-unsigned.xml").replace(
        "Destination=\"https://acme.cloudflareaccess.com/cdn-cgi/access/callback\"",
        "Destination=\"https://other.cloudflareaccess.com/cdn-cgi/access/callback\"",
    );
    let report = response::check(moved.as_bytes(), &setup, clock()).unwrap();
    assert_eq!(names(&report, Status::Fail), ["Destination"]);
    assert!(report.summary().contains("turn assertion encryption off"));
    let changed = text("encrypted-response-signed.xml").replace(
        "Destination=\"https://acme.cloudflareaccess.com/cdn-cgi/access/callback\"",
        "Destination=\"https://other.cloudflareaccess.com/cdn-cgi/access/callback\"",
    );
    let report = response::check(changed.as_bytes(), &setup, clock()).unwrap();
    assert_eq!(names(&report, Status::Fail), ["Signature", "Destination"]);
    assert!(
        report.summary().contains("do not trust"),
        "{}",
        report.summary()
    );
    // Two encrypted assertions are wrapping like two plain ones.
    let doubled = text("encrypted-unsigned.xml").replacen(
        "<saml:EncryptedAssertion>",
        "<saml:EncryptedAssertion/><saml:EncryptedAssertion>",
        1,
    );
    let report = response::check(doubled.as_bytes(), &setup, clock()).unwrap();
    assert!(
        report.lines[0].detail.contains("2 Assertions"),
        "{:?}",
        report.lines
    );
}

#[test]
fn an_encrypted_name_id_or_attribute_is_reported_not_failed() {
    let xml = text("unsigned.xml")
        .replacen(
            "<saml:NameID Format=\"urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress\">ada@example.com</saml:NameID>",
            "<saml:EncryptedID><xenc:EncryptedData xmlns:xenc=\"http://www.w3.org/2001/04/xmlenc#\"/></saml:EncryptedID>",
            1,
        )
        .replacen(
            "<saml:AttributeStatement>",
            "<saml:AttributeStatement><saml:EncryptedAttribute><xenc:EncryptedData xmlns:xenc=\"http://www.w3.org/2001/04/xmlenc#\"/></saml:EncryptedAttribute>",
            1,
        );
    let mut setup = expected();
    setup.email_attribute = Some("mail".to_owned());
    let report = response::check(xml.as_bytes(), &setup, clock()).unwrap();
    let encryption = report.line(Check::Encryption).unwrap();
    assert_eq!(encryption.status, Status::Warning);
    assert_eq!(
        encryption.detail,
        "The NameID and one attribute are encrypted for Cloudflare; their contents cannot be checked here."
    );
    assert_eq!(
        report.line(Check::NameId),
        None,
        "the NameID is inside the encryption"
    );
    assert_eq!(
        report.line(Check::EmailAttribute).unwrap().status,
        Status::NotChecked
    );
    // The response is unsigned: that, and only that, fails.
    assert_eq!(names(&report, Status::Fail), ["Signature"]);
}
