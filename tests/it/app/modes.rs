use super::*;
use saml_idp_kit::app::state::{ImportProblem, Issued};
use saml_idp_kit::import::{InputKind, jumpcloud_metadata};
use saml_idp_kit::pki::{Certificate, KeyFormat};

pub(super) fn renewed(key: Rc<saml_idp_kit::pki::KeyPair>) -> Action {
    let certificate = match Certificate::issue(
        &key,
        &CertificateOptions::default(),
        NOW,
        &mut TestRng::new("renew"),
    ) {
        Ok(certificate) => certificate,
        Err(error) => panic!("renewal certificate: {error}"),
    };
    Action::Renewed {
        key,
        issued: Issued {
            certificate: Rc::new(certificate),
            options: CertificateOptions::default(),
            issued_at: NOW,
            took_ms: 3.0,
        },
    }
}

#[test]
fn an_imported_key_is_due_a_certificate_and_is_never_at_risk() {
    let key = Rc::new(fixed_key());
    let mut state = after([
        edit(Field::TeamName, "acme"),
        Action::SetMode(Mode::Renew),
        Action::KeyImported {
            key: key.clone(),
            format: KeyFormat::Pkcs1,
        },
    ]);
    assert_eq!(
        state.renewal.as_ref().map(|r| r.format),
        Some(KeyFormat::Pkcs1),
        "offered back in its own format"
    );
    assert!(
        state.active_key(Mode::Renew).is_none(),
        "no certificate yet"
    );
    assert_eq!(
        state.form.key_format,
        KeyFormat::Pkcs8,
        "the New-key format control is not touched"
    );
    assert!(state.renewal_due().is_some());
    state.apply(renewed(key));
    assert_eq!(state.renewal_due(), None);
    assert!(!state.key_at_risk());
    assert!(state.active_key(Mode::Renew).is_some());
    state.apply(Action::SetMode(Mode::NewKey));
    assert!(
        state.active_key(state.mode).is_none(),
        "New key mode does not show the renewal"
    );
}

#[test]
fn keeping_the_current_certificate_lists_new_then_current() {
    let key = Rc::new(fixed_key());
    let current = Rc::new(fixed_certificate());
    let mut state = after([
        edit(Field::TeamName, "acme"),
        Action::SetMode(Mode::Renew),
        Action::KeyImported {
            key: key.clone(),
            format: KeyFormat::Pkcs8,
        },
        renewed(key),
        Action::CertificateImported(current.clone()),
    ]);
    assert!(state.imports.keep_current, "on by default");
    let certificates = state.cloudflare_certificates(Mode::Renew);
    assert_eq!(certificates.len(), 2);
    assert_ne!(certificates[0].der(), current.der(), "new first");
    assert_eq!(certificates[1].der(), current.der());
    state.apply(Action::SetKeepCurrent(false));
    assert_eq!(
        state.cloudflare_certificates(Mode::Renew).len(),
        1,
        "off: the new one alone (an immediate replacement)"
    );
}

#[test]
fn a_refused_file_gets_its_message_and_changes_nothing_else() {
    let key = Rc::new(fixed_key());
    let state = after([
        Action::SetMode(Mode::Renew),
        Action::KeyImported {
            key,
            format: KeyFormat::Pkcs8,
        },
        Action::ImportFailed(
            InputKind::PrivateKey,
            ImportProblem::Unread("encrypted".into()).into(),
        ),
    ]);
    assert_eq!(
        import_error(&state, InputKind::PrivateKey).as_deref(),
        Some("encrypted")
    );
    assert!(state.renewal.is_some(), "the earlier key stays");
    assert_eq!(state.imports.error(InputKind::Certificate), None);
}

#[test]
fn metadata_mode_needs_the_team_name_for_its_outputs() {
    let xml = include_bytes!("../../fixtures/jumpcloud-idp-metadata.xml");
    let metadata = match jumpcloud_metadata(xml) {
        Ok(metadata) => Rc::new(metadata),
        Err(error) => panic!("fixture metadata: {error}"),
    };
    let state = after([
        Action::SetMode(Mode::FromMetadata),
        Action::MetadataImported(metadata.clone()),
    ]);
    assert!(matches!(state.metadata_setup(), Some(Err(_))));
    let state = after([
        edit(Field::TeamName, "acme"),
        Action::SetMode(Mode::FromMetadata),
        Action::MetadataImported(metadata.clone()),
    ]);
    match state.metadata_setup() {
        Some(Ok(setup)) => {
            assert_eq!(setup.idp_entity_id, metadata.entity_id);
            assert_eq!(Some(setup.sso_url.as_str()), metadata.sso_target_url());
        }
        other => panic!("expected a setup, got {other:?}"),
    }
}
