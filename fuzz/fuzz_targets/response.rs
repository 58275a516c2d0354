//! `response::check` (input decoding, XML parsing, exclusive c14n, signature verification and
//! every check line) on arbitrary bytes: never a panic or a hang, and a report that passed
//! always has a verified Signature line.
#![no_main]

use libfuzzer_sys::fuzz_target;
use saml_idp_kit::pki::Certificate;
use saml_idp_kit::response::{self, Check, Expected, Status};
use saml_idp_kit::setup::normalise_team_name;
use std::sync::OnceLock;

/// The fixtures' certificate, so fuzzed inputs derived from the seed corpus reach the RSA step.
const CERTIFICATE: &str = include_str!("../../tests/fixtures/saml-response/idp.crt");

fn expected() -> &'static Expected {
    static EXPECTED: OnceLock<Expected> = OnceLock::new();
    EXPECTED.get_or_init(|| Expected {
        team: normalise_team_name("acme").unwrap_or_else(|_| unreachable!()),
        idp_entity_id: "https://sso.jumpcloud.com/saml2/cloudflare-access".to_owned(),
        sso_url: "https://sso.jumpcloud.com/saml2/cloudflare-access".to_owned(),
        certificates: Certificate::from_pem(CERTIFICATE).into_iter().collect(),
        email_attribute: Some("email".to_owned()),
        group_attribute: Some("groups".to_owned()),
    })
}

fuzz_target!(|data: &[u8]| {
    // 2027-01-15T10:00:00Z, the fixtures' clock.
    if let Ok(report) = response::check(data, expected(), 1_800_007_200) {
        if report.passed() {
            let signature = report.line(Check::Signature);
            assert!(signature.is_some_and(|l| l.status != Status::Fail));
        }
        let _ = report.summary();
    }
});
