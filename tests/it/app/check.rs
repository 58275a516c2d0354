//! Check a SAML response: a mode without a key. It takes the setup of the most recent mode
//! that has one (or a certificate file with the form's values), checks with the clock given,
//! keeps every key slot as it was, and remembers nothing.

use super::modes::renewed;
use super::*;
use saml_idp_kit::app::outputs::Outputs;
use saml_idp_kit::app::state::{CheckAction, CheckAgainst, CheckError, ImportProblem};
use saml_idp_kit::import::{InputKind, jumpcloud_metadata};
use saml_idp_kit::pki::{Certificate, KeyFormat};
use saml_idp_kit::response::{Check, Report, Status};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/saml-response/");

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{FIXTURES}{name}")).unwrap()
}

/// The clock the response fixtures were signed around (their manifest's `clock_unix`).
fn fixture_clock() -> u64 {
    let manifest: serde_json::Value = serde_json::from_str(&fixture("manifest.json")).unwrap();
    manifest["clock_unix"].as_u64().unwrap()
}

fn check(action: CheckAction) -> Action {
    Action::ResponseCheck(action)
}

/// The form as the fixtures' service provider (team acme, JumpCloud's entity ID), checking
/// against the fixtures' certificate file.
fn against_the_fixture_certificate() -> State {
    let certificate = Certificate::from_pem(&fixture("idp.crt")).unwrap();
    after([
        edit(Field::TeamName, "acme"),
        edit(
            Field::IdpEntityId,
            "https://sso.jumpcloud.com/saml2/cloudflare-access",
        ),
        Action::SetMode(Mode::CheckResponse),
        check(CheckAction::SetAgainst(CheckAgainst::CertificateFile)),
        check(CheckAction::CertificateImported(Rc::new(certificate))),
    ])
}

fn run(state: &mut State, file: &str) {
    state.apply(check(CheckAction::Edit(fixture(file))));
    state.apply(check(CheckAction::Run {
        now: fixture_clock(),
    }));
}

/// The last check's outcome with its error as the page shows it.
fn outcome_message(state: &State) -> Option<Result<Rc<Report>, String>> {
    let outcome = state.response.outcome.clone()?;
    Some(outcome.map_err(|error| error.to_string()))
}

#[test]
fn a_valid_response_passes_against_a_certificate_file_and_a_tampered_one_fails_its_signature() {
    let mut state = against_the_fixture_certificate();
    run(&mut state, "assertion-signed.xml");
    let report = state.response.outcome.clone().unwrap().unwrap();
    assert_eq!(report.summary(), "All checks passed");
    assert_eq!(state.announcement, "All checks passed");
    assert!(
        state
            .response
            .checked_against
            .starts_with("the certificate file (SHA-256 "),
        "{}",
        state.response.checked_against
    );

    run(&mut state, "nameid-changed.xml");
    let report = state.response.outcome.clone().unwrap().unwrap();
    assert_eq!(report.line(Check::Signature).unwrap().status, Status::Fail);
    assert!(
        report.summary().starts_with("1 problem found. "),
        "{}",
        report.summary()
    );
}

#[test]
fn this_page_s_setup_is_the_most_recent_mode_that_has_one() {
    // Nothing made yet: no setup, and the page says what would give one.
    let mut state = after([
        edit(Field::TeamName, "acme"),
        Action::SetMode(Mode::CheckResponse),
    ]);
    let none = state.check_basis(NOW).unwrap();
    assert_eq!(none.expected, None);
    assert_eq!(none.source, "no setup (no mode has one yet)");
    assert!(
        none.note.contains("generate a key in New key"),
        "{}",
        none.note
    );

    // New key, then metadata mode without a file (no setup there): New key's setup.
    state.apply(Action::SetMode(Mode::NewKey));
    state.apply(generated());
    state.apply(Action::SetMode(Mode::FromMetadata));
    state.apply(Action::SetMode(Mode::CheckResponse));
    let basis = state.check_basis(NOW).unwrap();
    assert!(basis.source.starts_with("the setup of New key (team acme, IdP Entity ID https://acme.cloudflareaccess.com/, 1 signing certificate)"), "{}", basis.source);
    let expected = basis.expected.unwrap();
    assert_eq!(expected.certificates, [fixed_certificate()]);
    assert_eq!(expected.email_attribute, None);
    assert_eq!(expected.group_attribute, None);

    // Then the metadata is read: that mode is now the most recent with a setup.
    let metadata = Rc::new(
        jumpcloud_metadata(include_bytes!("../../fixtures/jumpcloud-idp-metadata.xml")).unwrap(),
    );
    state.apply(Action::SetMode(Mode::FromMetadata));
    state.apply(Action::MetadataImported(metadata.clone()));
    state.apply(Action::SetMode(Mode::CheckResponse));
    let basis = state.check_basis(NOW).unwrap();
    assert!(
        basis
            .source
            .starts_with("the setup of From JumpCloud metadata"),
        "{}",
        basis.source
    );
    let expected = basis.expected.unwrap();
    assert_eq!(expected.idp_entity_id, metadata.entity_id);
    assert_eq!(expected.certificates, metadata.certificates);

    // Renew, with both certificates kept: the renewal's setup, new certificate first.
    let key = Rc::new(fixed_key());
    state.apply(Action::SetMode(Mode::Renew));
    state.apply(Action::KeyImported {
        key: key.clone(),
        format: KeyFormat::Pkcs8,
    });
    state.apply(renewed(key));
    state.apply(Action::SetMode(Mode::CheckResponse));
    let basis = state.check_basis(NOW).unwrap();
    assert!(
        basis.source.starts_with("the setup of Renew certificate"),
        "{}",
        basis.source
    );
}

#[test]
fn the_group_and_email_attributes_configured_are_checked() {
    let state = after([
        edit(Field::TeamName, "acme"),
        edit(Field::EmailAttributeName, "email"),
        Action::SetIncludeGroups(true),
        generated(),
        Action::SetMode(Mode::CheckResponse),
    ]);
    let expected = state.check_basis(NOW).unwrap().expected.unwrap();
    assert_eq!(expected.email_attribute.as_deref(), Some("email"));
    assert_eq!(expected.group_attribute.as_deref(), Some("groups"));
}

#[test]
fn a_certificate_file_needs_the_file_and_the_team_name() {
    let mut state = after([
        Action::SetMode(Mode::CheckResponse),
        check(CheckAction::SetAgainst(CheckAgainst::CertificateFile)),
    ]);
    let message = state.check_basis(NOW).unwrap_err().to_string();
    assert!(message.starts_with("Enter your team name"), "{message}");
    state.apply(edit(Field::TeamName, "acme"));
    let message = state.check_basis(NOW).unwrap_err().to_string();
    assert!(message.starts_with("Choose the certificate"), "{message}");
    // Pressing Check response says the same, as the outcome and to screen readers.
    state.apply(check(CheckAction::Edit("<x/>".into())));
    state.apply(check(CheckAction::Run { now: NOW }));
    assert_eq!(outcome_message(&state), Some(Err(message.clone())));
    assert_eq!(state.announcement, message);
    // A refused certificate file gets its message under its input.
    state.apply(Action::ImportFailed(
        InputKind::CheckCertificate,
        ImportProblem::Unread("not a certificate".into()).into(),
    ));
    assert_eq!(
        import_error(&state, InputKind::CheckCertificate).as_deref(),
        Some("not a certificate")
    );
    state.apply(check(CheckAction::CertificateImported(Rc::new(
        fixed_certificate(),
    ))));
    assert_eq!(state.imports.error(InputKind::CheckCertificate), None);
    assert!(state.check_basis(NOW).is_ok());
}

#[test]
fn unreadable_input_gives_the_checker_s_message_and_a_dropped_file_fills_the_text() {
    let mut state = against_the_fixture_certificate();
    state.apply(check(CheckAction::Run { now: NOW }));
    assert_eq!(
        outcome_message(&state),
        Some(Err("Paste the SAML response first.".into()))
    );
    state.apply(check(CheckAction::FileRead(Ok("PHgvPg==".into()))));
    assert_eq!(state.response.text, "PHgvPg==");
    assert_eq!(
        state.response.outcome, None,
        "a new text drops the old results"
    );
    state.apply(check(CheckAction::Run { now: NOW }));
    let message = state.response.outcome.clone().unwrap().unwrap_err();
    assert!(
        message.to_string().contains("not a SAML Response"),
        "{message}"
    );
    state.apply(check(CheckAction::FileRead(Err(CheckError::Unread(
        "The browser could not read the file".into(),
    )))));
    assert_eq!(
        outcome_message(&state),
        Some(Err("The browser could not read the file".into()))
    );
}

#[test]
fn clear_wipes_the_text_and_the_results_and_keeps_the_choice() {
    let mut state = against_the_fixture_certificate();
    run(&mut state, "assertion-signed.xml");
    assert!(state.response.outcome.is_some());
    state.apply(check(CheckAction::Clear));
    assert_eq!(state.response.text, "");
    assert_eq!(state.response.outcome, None);
    assert_eq!(state.response.checked_against, "");
    assert_eq!(state.response.against, Some(CheckAgainst::CertificateFile));
    assert!(
        state.response.certificate.is_some(),
        "the certificate file stays chosen"
    );
    // Editing after a check drops the stale results too.
    run(&mut state, "assertion-signed.xml");
    state.apply(check(CheckAction::Edit(String::new())));
    assert_eq!(state.response.outcome, None);
}

#[test]
fn the_check_mode_holds_no_key_keeps_the_others_and_remembers_nothing() {
    let mut state = after([edit(Field::TeamName, "acme"), generated()]);
    let before = state.new_key.clone();
    state.apply(Action::SetMode(Mode::CheckResponse));
    let pasted = fixture("assertion-signed.xml");
    state.apply(check(CheckAction::Edit(pasted.clone())));
    state.apply(check(CheckAction::Run {
        now: fixture_clock(),
    }));
    assert!(state.active_key(Mode::CheckResponse).is_none());
    assert!(
        Outputs::new(&state, Mode::CheckResponse, NOW)
            .files()
            .is_empty(),
        "no files"
    );
    assert_eq!(state.new_key, before, "the New-key slot is untouched");
    assert!(
        state.key_at_risk(),
        "the unsaved generated key still arms the guard"
    );
    // A file saved from another mode still marks only that mode's key.
    state.apply(saved_in(Mode::CheckResponse, "x", true));
    assert!(state.key_at_risk());
    // What the page remembers is the form; the pasted response is not in it.
    let remembered = serde_json::to_string(&state.form).unwrap();
    assert!(!remembered.contains("ada@example.com"), "{remembered}");
    assert!(
        !remembered.contains("_a9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b"),
        "{remembered}"
    );
    state.apply(Action::SetMode(Mode::NewKey));
    assert_eq!(state.new_key, before);
    assert_eq!(
        state.response.text, pasted,
        "the text waits in its own slot"
    );
}

#[test]
fn a_fresh_tab_checks_what_needs_no_setup_and_offers_the_response_s_certificate() {
    let mut state = after([Action::SetMode(Mode::CheckResponse)]);
    assert_eq!(state.check_against(NOW), CheckAgainst::ThisSetup);
    assert_eq!(
        state.offered_against(),
        [CheckAgainst::ThisSetup, CheckAgainst::CertificateFile]
    );

    // A signed response carries its certificate: offered, and the default with no setup.
    run(&mut state, "assertion-signed.xml");
    assert_eq!(state.offered_against(), CheckAgainst::ALL);
    assert_eq!(state.check_against(NOW), CheckAgainst::ResponseCertificate);
    let report = state.response.outcome.clone().unwrap().unwrap();
    assert_eq!(report.name_id.as_deref(), Some("ada@example.com"));
    assert_eq!(
        report.line(Check::Signature).unwrap().status,
        Status::Warning
    );
    assert_eq!(
        report.line(Check::Issuer).unwrap().status,
        Status::NotChecked
    );
    assert!(report.passed(), "{:#?}", report.lines);
    assert!(
        !state.announcement.contains("All checks passed"),
        "{}",
        state.announcement
    );
    assert!(
        state
            .response
            .checked_against
            .starts_with("the certificate in this response (SHA-256 "),
        "{}",
        state.response.checked_against
    );
    let basis = state.check_basis(NOW).unwrap();
    assert!(basis.note.starts_with("This proves only that the response is unchanged since it was signed, not who signed it."), "{}", basis.note);

    // This page's setup, chosen with none: the lines that need one are Not checked.
    state.apply(check(CheckAction::SetAgainst(CheckAgainst::ThisSetup)));
    state.apply(check(CheckAction::Run {
        now: fixture_clock(),
    }));
    let report = state.response.outcome.clone().unwrap().unwrap();
    assert_eq!(
        report.line(Check::Signature).unwrap().status,
        Status::NotChecked
    );
    assert_eq!(report.name_id.as_deref(), Some("ada@example.com"));
    assert!(!state.announcement.contains("No mode has a complete setup"));

    // A response without a certificate falls back to this page's setup (none), and one
    // without an Assertion says so.
    state.apply(check(CheckAction::SetAgainst(
        CheckAgainst::ResponseCertificate,
    )));
    let cut = fixture("unsigned.xml");
    let cut = format!(
        "{}{}",
        &cut[..cut.find("<saml:Assertion").unwrap()],
        &cut[cut.find("</saml:Assertion>").unwrap() + "</saml:Assertion>".len()..]
    );
    state.apply(check(CheckAction::Edit(cut)));
    assert_eq!(state.check_against(NOW), CheckAgainst::ThisSetup);
    state.apply(check(CheckAction::Run {
        now: fixture_clock(),
    }));
    assert!(
        state
            .announcement
            .starts_with("1 problem found. Paste the whole SAMLResponse value"),
        "{}",
        state.announcement
    );
    let report = state.response.outcome.clone().unwrap().unwrap();
    assert_eq!(report.line(Check::Assertion).unwrap().status, Status::Fail);

    // When a mode has a setup, it is the default, certificate in the response or not.
    let mut state = after([
        edit(Field::TeamName, "acme"),
        generated(),
        Action::SetMode(Mode::CheckResponse),
    ]);
    run(&mut state, "assertion-signed.xml");
    assert_eq!(state.offered_against(), CheckAgainst::ALL);
    assert_eq!(state.check_against(NOW), CheckAgainst::ThisSetup);
}
