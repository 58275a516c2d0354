//! What the check says matches what it was given: no setup (the cold start), no Assertion, no
//! Status, a refused sign-in, wrapping.

use super::{check, clock, expected, fixture, names};
use saml_idp_kit::response::{self, Check, Report, Status, Verifier};

pub(super) fn text(name: &str) -> String {
    String::from_utf8(fixture(name)).unwrap()
}

/// `xml` without the first element named `tag` (its start tag to its end tag).
fn without(xml: &str, tag: &str) -> String {
    let start = xml.find(&format!("<{tag}")).unwrap();
    let end_tag = format!("</{tag}>");
    let end = xml.find(&end_tag).unwrap() + end_tag.len();
    format!("{}{}", &xml[..start], &xml[end..])
}

pub(super) fn statuses(report: &Report) -> Vec<(&'static str, Status)> {
    report
        .lines
        .iter()
        .map(|l| (l.check.name(), l.status))
        .collect()
}

/// Words that belong only to tampering and wrapping.
const ALARMS: [&str; 4] = [
    "do not trust",
    "altered",
    "signature-wrapping",
    "All checks passed",
];

pub(super) fn assert_no_alarm(what: &str, report: &Report) {
    let everything = format!("{} {:?}", report.summary(), report.lines);
    for alarm in ALARMS {
        assert!(
            !everything.contains(alarm),
            "{what}: {alarm:?} in {everything}"
        );
    }
}

#[test]
fn each_diagnosis_matches_the_input() {
    let unsigned = text("unsigned.xml");
    let responder = unsigned.replace(
        "urn:oasis:names:tc:SAML:2.0:status:Success",
        "urn:oasis:names:tc:SAML:2.0:status:Responder",
    );
    let signed = text("assertion-signed.xml");
    // (case, response, the lines as (name, status), a phrase of the first line, phrases nowhere)
    type Case = (
        &'static str,
        String,
        Vec<(&'static str, Status)>,
        &'static str,
        Vec<&'static str>,
    );
    let cases: Vec<Case> = vec![
        (
            "Success without an Assertion",
            without(&unsigned, "saml:Assertion"),
            vec![("Assertion", Status::Fail), ("Status", Status::Pass)],
            "No Assertion found: paste the whole SAMLResponse value",
            vec!["signature-wrapping", "do not trust", "altered"],
        ),
        (
            "a refused sign-in (no Assertion, no message)",
            without(&responder, "saml:Assertion"),
            vec![("Status", Status::Fail)],
            "Status is Responder.",
            vec!["No Assertion found", "status message above", "signature-wrapping"],
        ),
        (
            "a refused sign-in with a StatusMessage",
            without(&responder, "saml:Assertion").replace(
                "\n  </samlp:Status>",
                "<samlp:StatusMessage>User is not assigned to this application</samlp:StatusMessage>\n  </samlp:Status>",
            ),
            vec![("Status", Status::Fail)],
            "Status is Responder: User is not assigned to this application.",
            vec!["No Assertion found", "signature-wrapping"],
        ),
        (
            "no Status",
            without(&unsigned, "samlp:Status"),
            vec![
                ("Signature", Status::Fail),
                ("Issuer", Status::Pass),
                ("Destination", Status::Pass),
                ("Recipient", Status::Pass),
                ("Audience", Status::Pass),
                ("NameID", Status::Pass),
                ("Status", Status::Fail),
                ("Time window", Status::Pass),
                ("Certificate validity", Status::Pass),
            ],
            "Neither the Response nor the Assertion is signed.",
            vec!["JumpCloud refused", "status message above", "signature-wrapping"],
        ),
        (
            "neither Status nor Assertion",
            without(&without(&unsigned, "samlp:Status"), "saml:Assertion"),
            vec![("Assertion", Status::Fail), ("Status", Status::Fail)],
            "No Assertion found",
            vec!["JumpCloud refused", "signature-wrapping"],
        ),
        (
            "two Assertions",
            text("wrap-unsigned-before.xml"),
            vec![("Signature", Status::Fail)],
            "holds 2 Assertions; exactly one is allowed. This is how signature-wrapping attacks look",
            vec!["No Assertion found"],
        ),
        (
            "an ID used twice",
            unsigned.replace(
                "ID=\"_r0f6b1c2d3e4f5a6b7c8d9e0f1a2b3c4d\"",
                "ID=\"_a9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b\"",
            ),
            vec![("Signature", Status::Fail)],
            "is used twice. This is how signature-wrapping attacks look",
            vec!["No Assertion found"],
        ),
        (
            "a signature over another element than the one read",
            signed.replacen(
                "URI=\"#_a9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b\"",
                "URI=\"#_r0f6b1c2d3e4f5a6b7c8d9e0f1a2b3c4d\"",
                1,
            ),
            vec![
                ("Signature", Status::Fail),
                ("Signing certificate", Status::Pass),
                ("Issuer", Status::Pass),
                ("Destination", Status::Pass),
                ("Recipient", Status::Pass),
                ("Audience", Status::Pass),
                ("NameID", Status::Pass),
                ("Status", Status::Pass),
                ("Time window", Status::Pass),
                ("Certificate validity", Status::Pass),
            ],
            "does not point at the Assertion",
            vec!["No Assertion found", "RSA-SHA256"],
        ),
    ];
    for (case, xml, lines, first, nowhere) in cases {
        let report = response::check(xml.as_bytes(), &expected(), clock())
            .unwrap_or_else(|e| panic!("{case}: {e}"));
        assert_eq!(statuses(&report), lines, "{case}: {:#?}", report.lines);
        assert!(
            report.lines[0].detail.contains(first),
            "{case}: {}",
            report.lines[0].detail
        );
        let everything = format!("{} {:?}", report.summary(), report.lines);
        for phrase in nowhere {
            assert!(
                !everything.contains(phrase),
                "{case}: {phrase:?} in {everything}"
            );
        }
    }
    // Wrapping, and only wrapping, is told not to be trusted.
    let wrapped = check("wrap-unsigned-before.xml");
    assert!(
        wrapped.summary().contains("do not trust"),
        "{}",
        wrapped.summary()
    );
}

#[test]
fn without_a_setup_everything_that_needs_none_is_checked_and_shown() {
    let report = response::check_with(
        &fixture("assertion-signed.xml"),
        None,
        Verifier::Configured,
        clock(),
    )
    .unwrap();
    assert_eq!(
        statuses(&report),
        [
            ("Signature", Status::NotChecked),
            ("Signing certificate", Status::NotChecked),
            ("Issuer", Status::NotChecked),
            ("Destination", Status::Pass),
            ("Recipient", Status::Pass),
            ("Audience", Status::Pass),
            ("NameID", Status::Pass),
            ("Status", Status::Pass),
            ("Time window", Status::Pass),
            ("Certificate validity", Status::Pass),
        ],
        "{:#?}",
        report.lines
    );
    for line in report
        .lines
        .iter()
        .filter(|l| l.status == Status::NotChecked)
    {
        assert!(
            line.detail.starts_with("Not checked: no setup. "),
            "{line:?}"
        );
        assert!(line.fix.as_deref().unwrap().contains("New key"), "{line:?}");
    }
    let certificate = super::certificate("idp.crt");
    let signing = &report.line(Check::SigningCertificate).unwrap().detail;
    assert!(
        signing.contains(&certificate.sha256_fingerprint()),
        "{signing}"
    );
    assert!(signing.contains(&certificate.not_after_iso()), "{signing}");
    assert!(signing.contains("JumpCloud SAML IdP (idp)"), "{signing}");
    assert!(
        report
            .line(Check::Destination)
            .unwrap()
            .detail
            .contains("team acme"),
        "{:?}",
        report.line(Check::Destination)
    );
    assert!(
        report
            .line(Check::Issuer)
            .unwrap()
            .detail
            .contains("sso.jumpcloud.com")
    );
    assert_eq!(report.name_id.as_deref(), Some("ada@example.com"));
    assert_eq!(report.attributes.len(), 2);
    assert!(!report.pretty_xml.is_empty());
    assert_eq!(
        report.headline(),
        "No problem found in what could be checked, 3 lines not checked"
    );
    assert!(
        report.summary().contains("make a setup on this page"),
        "{}",
        report.summary()
    );
    assert_no_alarm("no setup", &report);

    // A URL of no Cloudflare team fails even without a setup.
    let elsewhere = text("assertion-signed.xml").replace(
        "Destination=\"https://acme.cloudflareaccess.com/cdn-cgi/access/callback\"",
        "Destination=\"https://example.com/acs\"",
    );
    let report =
        response::check_with(elsewhere.as_bytes(), None, Verifier::Configured, clock()).unwrap();
    assert_eq!(names(&report, Status::Fail), ["Destination"]);

    // The certificate in the response verifies it, with a warning of what that proves.
    let report = response::check_with(
        &fixture("assertion-signed.xml"),
        None,
        Verifier::KeyInfo,
        clock(),
    )
    .unwrap();
    let signature = report.line(Check::Signature).unwrap();
    assert_eq!(signature.status, Status::Warning, "{signature:?}");
    assert!(
        signature.detail.contains("This proves only that the response is unchanged since it was signed, not who signed it."),
        "{}",
        signature.detail
    );
    assert!(report.passed());
    assert!(
        !report.summary().contains("All checks passed"),
        "{}",
        report.summary()
    );
    // … and catches a change made after signing, which no setup could without it.
    let report = response::check_with(
        &fixture("nameid-changed.xml"),
        None,
        Verifier::KeyInfo,
        clock(),
    )
    .unwrap();
    assert_eq!(names(&report, Status::Fail), ["Signature"]);
    // The certificate is read from what was pasted, for the "Check against" choice.
    assert_eq!(
        response::key_info_certificate(&fixture("assertion-signed.xml")),
        Some(certificate)
    );
    assert_eq!(
        response::key_info_certificate(&fixture("unsigned.xml")),
        None
    );
    assert_eq!(response::key_info_certificate(b"not xml"), None);
}

#[test]
fn without_a_setup_a_response_without_an_assertion_says_so() {
    let xml = without(&text("response-signed.xml"), "saml:Assertion");
    for verifier in [Verifier::Configured, Verifier::KeyInfo] {
        let report = response::check_with(xml.as_bytes(), None, verifier, clock()).unwrap();
        assert_eq!(
            statuses(&report),
            [("Assertion", Status::Fail), ("Status", Status::Pass)]
        );
        assert_eq!(
            report.summary(),
            "1 problem found. Paste the whole SAMLResponse value from the POST to /cdn-cgi/access/callback; a copy cut short loses the Assertion."
        );
    }
}
