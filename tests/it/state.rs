//! The page's state machine, driven by actions without a DOM.

use crate::common::*;
use saml_idp_kit::app::state::{Action, Generated, Generation, KeyOrigin, Mode, State, field_text};
use saml_idp_kit::pki::{CertificateOptions, KeySize};
use saml_idp_kit::setup::{Field, FormInput};
use std::rc::Rc;

fn after(actions: impl IntoIterator<Item = Action>) -> State {
    let mut state = State::new();
    for action in actions {
        state.apply(action);
    }
    state
}

fn edit(field: Field, text: &str) -> Action {
    Action::Edit(field, text.to_owned())
}

fn generated() -> Action {
    Action::Generated(Generated {
        key: Rc::new(fixed_key()),
        certificate: Rc::new(fixed_certificate()),
        options: CertificateOptions::default(),
        generated_at: NOW,
        took_ms: 42.0,
        origin: KeyOrigin::WebCrypto,
        saved: false,
    })
}

/// Saving a New-key file: what the outputs module says the file holds decides the flag.
fn saved(name: &str, holds_key: bool) -> Action {
    Action::FileSaved {
        mode: Mode::NewKey,
        name: name.to_owned(),
        holds_key,
    }
}

#[test]
fn a_fresh_page_remembers_inputs_and_asks_for_the_team_name() {
    let state = State::new();
    assert!(state.remember);
    assert!(state.setup.is_none());
    assert_eq!(
        state.generate_blocker().as_deref(),
        Some("Enter your team name")
    );
    assert_eq!(
        field_text(&state.form, Field::IdpEntityId),
        "",
        "only a placeholder while the team is empty"
    );
}

#[test]
fn a_valid_team_name_enables_generate_and_fills_the_entity_id() {
    let state = after([edit(Field::TeamName, "acme")]);
    assert_eq!(state.generate_blocker(), None);
    let setup = state.setup.as_ref().map(|s| s.team.as_str().to_owned());
    assert_eq!(setup.as_deref(), Some("acme"));
    assert_eq!(
        field_text(&state.form, Field::IdpEntityId),
        "https://acme.cloudflareaccess.com/"
    );
}

#[test]
fn leaving_the_team_field_shows_the_normalised_name() {
    let state = after([
        edit(
            Field::TeamName,
            "https://ACME.cloudflareaccess.com/cdn-cgi/access/login",
        ),
        Action::Leave(Field::TeamName),
    ]);
    assert_eq!(state.form.team_name, "acme");
}

#[test]
fn messages_appear_only_after_typing_or_leaving() {
    let state = State::new();
    assert_eq!(state.visible_problem(Field::TeamName), None);
    let state = after([Action::Leave(Field::TeamName)]);
    assert!(state.visible_problem(Field::TeamName).is_some());
}

#[test]
fn a_bad_team_name_shows_its_message_and_changes_nothing_else() {
    let state = after([
        edit(Field::TeamName, "acme"),
        edit(Field::LoginMethodName, "JumpCloud SSO"),
        edit(Field::TeamName, "Bad_Name!"),
    ]);
    assert!(state.visible_problem(Field::TeamName).is_some());
    assert!(state.generate_blocker().is_some());
    assert_eq!(
        state.form.login_method_name, "JumpCloud SSO",
        "other fields keep their text"
    );
    let team = state.setup.as_ref().map(|s| s.team.as_str().to_owned());
    assert_eq!(
        team.as_deref(),
        Some("acme"),
        "outputs keep following the last valid input"
    );
}

#[test]
fn an_edited_entity_id_no_longer_follows_the_team_until_reset() {
    let state = after([
        edit(Field::TeamName, "acme"),
        edit(Field::IdpEntityId, "https://idp.example.com/acme"),
        edit(Field::TeamName, "other"),
    ]);
    assert!(state.form.idp_entity_id_edited);
    assert_eq!(
        field_text(&state.form, Field::IdpEntityId),
        "https://idp.example.com/acme"
    );
    let mut state = state;
    state.apply(Action::Reset);
    assert_eq!(state.form, FormInput::default());
    assert!(!state.form.idp_entity_id_edited);
}

#[test]
fn a_generated_key_is_at_risk_until_downloaded() {
    let state = after([edit(Field::TeamName, "acme"), generated()]);
    assert!(state.key_at_risk());
    assert_eq!(state.generation, Generation::Idle);
    assert!(
        state
            .announcement
            .contains(&fixed_certificate().sha256_fingerprint())
    );
    let state = after([
        edit(Field::TeamName, "acme"),
        generated(),
        saved("samlidp.crt", false),
    ]);
    assert!(state.key_at_risk(), "a file without the key saves nothing");
    let state = after([
        edit(Field::TeamName, "acme"),
        generated(),
        saved("samlidp.key", true),
    ]);
    assert!(!state.key_at_risk());
    assert_eq!(state.announcement, "Saved samlidp.key.");
}

#[test]
fn a_new_key_resets_the_downloaded_flag() {
    let state = after([
        edit(Field::TeamName, "acme"),
        generated(),
        saved("samlidp.key", true),
        generated(),
    ]);
    assert!(state.key_at_risk());
}

#[test]
fn changing_the_cn_asks_for_a_new_certificate_for_the_same_key() {
    let state = after([edit(Field::TeamName, "acme"), generated()]);
    assert_eq!(state.reissue_due(), None);
    let state = after([
        edit(Field::TeamName, "acme"),
        generated(),
        edit(Field::CommonName, "Acme IdP"),
    ]);
    let due = state.reissue_due();
    assert_eq!(
        due.map(|o| o.subject.common_name),
        Some("Acme IdP".to_owned())
    );
}

#[test]
fn changing_the_team_or_format_needs_no_new_certificate() {
    let state = after([
        edit(Field::TeamName, "acme"),
        generated(),
        edit(Field::TeamName, "other"),
        Action::SetKeyFormat(saml_idp_kit::pki::KeyFormat::Pkcs1),
    ]);
    assert_eq!(state.reissue_due(), None);
    assert!(!state.key_size_differs());
    let state = after([
        edit(Field::TeamName, "acme"),
        generated(),
        Action::SetKeySize(KeySize::Rsa4096),
    ]);
    assert!(state.key_size_differs());
}

#[test]
fn generate_is_blocked_while_running_and_failure_is_reported() {
    let state = after([
        edit(Field::TeamName, "acme"),
        Action::GenerationStarted(KeyOrigin::Wasm),
    ]);
    assert_eq!(state.generate_blocker().as_deref(), Some("Generating…"));
    let state = after([
        edit(Field::TeamName, "acme"),
        Action::GenerationStarted(KeyOrigin::WebCrypto),
        Action::GenerationFailed("no randomness".into()),
    ]);
    assert_eq!(state.generation, Generation::Failed("no randomness".into()));
    assert_eq!(state.generate_blocker(), None);
}

#[test]
fn checklist_steps_toggle() {
    let state = after([
        Action::ToggleStep(2),
        Action::ToggleStep(3),
        Action::ToggleStep(2),
        Action::ToggleStep(99),
    ]);
    assert_eq!(state.checked.iter().copied().collect::<Vec<_>>(), [3]);
}

#[test]
fn remembered_inputs_are_restored_on_start() {
    let remembered = FormInput {
        team_name: "acme".into(),
        ..FormInput::default()
    };
    let state = after([Action::Start {
        remembered: Some(remembered),
    }]);
    assert!(state.setup.is_some());
}

mod modes {
    use super::*;
    use saml_idp_kit::app::state::Issued;
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
        assert_eq!(
            state.cloudflare_certificates(Mode::Renew).len(),
            1,
            "only the new one until asked"
        );
        state.apply(Action::SetKeepCurrent(true));
        let certificates = state.cloudflare_certificates(Mode::Renew);
        assert_eq!(certificates.len(), 2);
        assert_ne!(certificates[0].der(), current.der(), "new first");
        assert_eq!(certificates[1].der(), current.der());
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
            Action::ImportFailed(InputKind::PrivateKey, "encrypted".into()),
        ]);
        assert_eq!(
            state.imports.error(InputKind::PrivateKey),
            Some("encrypted")
        );
        assert!(state.renewal.is_some(), "the earlier key stays");
        assert_eq!(state.imports.error(InputKind::Certificate), None);
    }

    #[test]
    fn metadata_mode_needs_the_team_name_for_its_outputs() {
        let xml = include_bytes!("../fixtures/jumpcloud-idp-metadata.xml");
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
}

#[test]
fn a_bad_team_name_keeps_showing_the_entity_id_in_use() {
    let state = after([
        edit(Field::TeamName, "acme"),
        edit(Field::TeamName, "Bad_Name!"),
    ]);
    assert_eq!(
        state.field_text(Field::IdpEntityId),
        "https://acme.cloudflareaccess.com/"
    );
    let state = after([edit(Field::TeamName, "acme"), edit(Field::TeamName, "")]);
    assert_eq!(
        state.field_text(Field::IdpEntityId),
        "",
        "no team: only the placeholder"
    );
}

/// One slot per mode: no key is lost or silently marked saved when switching modes (A–E).
mod slots {
    use super::modes::renewed;
    use super::*;
    use saml_idp_kit::app::outputs::Outputs;
    use saml_idp_kit::app::state::KeySizeChange;
    use saml_idp_kit::import::jumpcloud_metadata;
    use saml_idp_kit::pki::{KeyFormat, KeyPair};
    use saml_idp_kit::setup::files::{
        API_BODY_FILE, CERT_FILE, KEY_FILE, TERRAFORM_FILE, zip_name,
    };

    fn imported_key() -> Rc<KeyPair> {
        Rc::new(KeyPair::from_pem(RSA3072_PKCS8).unwrap())
    }

    fn import(key: &Rc<KeyPair>, format: KeyFormat) -> Action {
        Action::KeyImported {
            key: key.clone(),
            format,
        }
    }

    fn key_file_text(state: &State, mode: Mode) -> String {
        let outputs = Outputs::new(state, mode, NOW);
        let file = outputs
            .file(KEY_FILE)
            .unwrap()
            .expect("samlidp.key is offered");
        String::from_utf8(file.bytes.to_vec()).unwrap()
    }

    fn generated_then_renewed() -> (State, Rc<KeyPair>) {
        let other = imported_key();
        let state = after([
            edit(Field::TeamName, "acme"),
            generated(),
            Action::SetMode(Mode::Renew),
            import(&other, KeyFormat::Pkcs8),
            renewed(other.clone()),
            Action::SetMode(Mode::NewKey),
        ]);
        (state, other)
    }

    /// A: importing a key in Renew keeps the unsaved generated key, its certificate and the
    /// leave-page guard.
    #[test]
    fn a_renewal_keeps_the_unsaved_generated_key_and_the_guard() {
        let (state, other) = generated_then_renewed();
        assert!(state.key_at_risk(), "the generated key is still unsaved");
        let new_key = state.new_key.as_ref().expect("the generated key is kept");
        assert!(!new_key.saved);
        assert_eq!(
            new_key.certificate.sha256_fingerprint(),
            fixed_certificate().sha256_fingerprint()
        );
        let active = state
            .active_key(Mode::NewKey)
            .expect("New key shows its key");
        assert_eq!(**active.key, fixed_key());
        assert_eq!(
            key_file_text(&state, Mode::NewKey),
            *fixed_key().to_pem(KeyFormat::Pkcs8).unwrap(),
            "samlidp.key is still the generated key"
        );
        assert_eq!(
            key_file_text(&state, Mode::Renew),
            *other.to_pem(KeyFormat::Pkcs8).unwrap(),
            "Renew offers the imported key"
        );
        let renewal = state.renewal.as_ref().expect("the renewal is kept too");
        assert!(renewal.saved, "an imported key is the user's own file");
    }

    /// B: the key-size and key-format controls belong to New key; Renew shows the imported
    /// key's size and format.
    #[test]
    fn key_size_and_format_belong_to_new_key_only() {
        let other = imported_key();
        let mut state = after([
            edit(Field::TeamName, "acme"),
            generated(),
            Action::SetMode(Mode::Renew),
            import(&other, KeyFormat::Pkcs1),
        ]);
        assert_eq!(
            state.key_size_change(KeySize::Rsa4096),
            KeySizeChange::Ignore
        );
        state.apply(Action::SetKeySize(KeySize::Rsa4096));
        state.apply(Action::SetKeyFormat(KeyFormat::Pkcs1));
        assert_eq!(state.form.key_size, KeySize::Rsa2048, "ignored in Renew");
        assert_eq!(state.form.key_format, KeyFormat::Pkcs8, "ignored in Renew");
        let shown = state.renewal.as_ref().expect("the imported key");
        assert_eq!(shown.key.size(), KeySize::Rsa3072);
        assert_eq!(shown.format, KeyFormat::Pkcs1);
        assert!(!state.key_size_differs());

        state.apply(Action::SetMode(Mode::NewKey));
        assert_eq!(
            state.key_size_change(KeySize::Rsa4096),
            KeySizeChange::ConfirmThenRegenerate,
            "the generated key is unsaved"
        );
        assert_eq!(
            state.key_size_change(KeySize::Rsa2048),
            KeySizeChange::Ignore,
            "same size"
        );
        state.apply(saved(KEY_FILE, true));
        assert_eq!(
            state.key_size_change(KeySize::Rsa4096),
            KeySizeChange::Regenerate
        );
        let fresh = after([edit(Field::TeamName, "acme")]);
        assert_eq!(fresh.key_size_change(KeySize::Rsa4096), KeySizeChange::Set);
    }

    /// C: a ZIP without the key (metadata mode) does not mark the generated key saved.
    #[test]
    fn a_metadata_zip_leaves_the_new_key_unsaved() {
        let metadata = Rc::new(
            jumpcloud_metadata(include_bytes!("../fixtures/jumpcloud-idp-metadata.xml")).unwrap(),
        );
        let mut state = after([
            edit(Field::TeamName, "acme"),
            generated(),
            Action::SetMode(Mode::FromMetadata),
            Action::MetadataImported(metadata),
        ]);
        let outputs = Outputs::new(&state, Mode::FromMetadata, NOW);
        let files = outputs.files();
        let zip = files
            .iter()
            .find(|f| f.name == zip_name(&state.setup.as_ref().unwrap().team))
            .expect("metadata mode offers a ZIP");
        assert!(!zip.holds_key);
        assert!(files.iter().all(|f| !f.holds_key), "no file holds a key");
        state.apply(Action::FileSaved {
            mode: Mode::FromMetadata,
            name: zip.name.clone(),
            holds_key: zip.holds_key,
        });
        assert!(state.key_at_risk());
        assert!(!state.new_key.as_ref().unwrap().saved);

        // The New-key ZIP holds the key: saving it is saving the key.
        state.apply(Action::SetMode(Mode::NewKey));
        let outputs = Outputs::new(&state, Mode::NewKey, NOW);
        let holding: Vec<String> = outputs
            .files()
            .into_iter()
            .filter(|f| f.holds_key)
            .map(|f| f.name)
            .collect();
        assert_eq!(
            holding,
            [KEY_FILE.to_owned(), "saml-idp-kit-acme.zip".to_owned()]
        );
        state.apply(saved("saml-idp-kit-acme.zip", true));
        assert!(!state.key_at_risk());
    }

    /// Saving in Renew marks the renewal, never the New-key slot.
    #[test]
    fn saving_in_renew_does_not_save_the_new_key() {
        let (mut state, _) = generated_then_renewed();
        state.apply(Action::FileSaved {
            mode: Mode::Renew,
            name: KEY_FILE.to_owned(),
            holds_key: true,
        });
        assert!(state.key_at_risk());
        assert!(!state.new_key.as_ref().unwrap().saved);
    }

    /// D: a PKCS#1 key given as DER is offered back as PKCS#1 (the decoder that succeeded
    /// decides the format, not a search for "RSA PRIVATE KEY").
    #[test]
    fn a_der_pkcs1_key_is_offered_back_as_pkcs1() {
        let der = pem_body_bytes(RSA2048_PKCS1);
        let (key, format) = saml_idp_kit::import::private_key(&der).unwrap();
        assert_eq!(format, KeyFormat::Pkcs1);
        let key = Rc::new(key);
        let mut state = after([
            edit(Field::TeamName, "acme"),
            Action::SetMode(Mode::Renew),
            import(&key, format),
        ]);
        state.apply(renewed(key));
        assert_eq!(key_file_text(&state, Mode::Renew), RSA2048_PKCS1);
    }

    /// E: files are built on demand, and only samlidp.key and the ZIP encode the key.
    #[test]
    fn only_the_key_file_and_the_zip_encode_the_key() {
        let state = after([edit(Field::TeamName, "acme"), generated()]);
        let outputs = Outputs::new(&state, Mode::NewKey, NOW);
        assert_eq!(outputs.files().len(), 8);
        for name in [TERRAFORM_FILE, API_BODY_FILE, CERT_FILE] {
            assert!(outputs.file(name).unwrap().is_some(), "{name}");
        }
        assert_eq!(outputs.key_pem_encodings(), 0, "no key for the other files");
        assert!(outputs.file(KEY_FILE).unwrap().is_some());
        assert_eq!(outputs.key_pem_encodings(), 1);
        assert!(outputs.file("saml-idp-kit-acme.zip").unwrap().is_some());
        assert_eq!(outputs.key_pem_encodings(), 2);
        assert_eq!(outputs.file("nonsense.txt").unwrap(), None);
    }

    fn pem_body_bytes(pem: &str) -> Vec<u8> {
        use base64ct::Encoding;
        let body: String = pem
            .lines()
            .filter(|line| !line.starts_with("-----"))
            .collect();
        base64ct::Base64::decode_vec(&body).unwrap()
    }
}

/// Which files each mode offers, and that each matches its output function.
mod outputs {
    use super::*;
    use saml_idp_kit::app::outputs::Outputs;
    use saml_idp_kit::import::jumpcloud_metadata;
    use saml_idp_kit::pki::{Certificate, KeyFormat, KeyPair};
    use saml_idp_kit::setup::{cloudflare, files, metadata, reminder};

    fn names(outputs: &Outputs) -> Vec<(String, &'static str, bool)> {
        outputs
            .files()
            .into_iter()
            .map(|f| (f.name, f.mime, f.holds_key))
            .collect()
    }

    #[test]
    fn before_generating_only_the_sp_metadata_exists() {
        let state = after([edit(Field::TeamName, "acme")]);
        let outputs = Outputs::new(&state, Mode::NewKey, NOW);
        assert_eq!(
            names(&outputs),
            [("sp-metadata.xml".to_owned(), "application/xml", false)]
        );
        let none = Outputs::new(&State::new(), Mode::NewKey, NOW);
        assert!(none.files().is_empty());
        assert_eq!(none.file("sp-metadata.xml").unwrap(), None);
    }

    #[test]
    fn new_key_offers_every_file_and_each_matches_its_output() {
        let state = after([edit(Field::TeamName, "acme"), generated()]);
        let outputs = Outputs::new(&state, Mode::NewKey, NOW);
        let expected = [
            ("samlidp.key", "application/x-pem-file", true),
            ("samlidp.crt", "application/x-pem-file", false),
            ("sp-metadata.xml", "application/xml", false),
            ("idp-metadata.xml", "application/xml", false),
            (
                "cloudflare-identity-provider.json",
                "application/json",
                false,
            ),
            ("cloudflare-access-idp.tf", "text/plain", false),
            ("samlidp-expiry.ics", "text/calendar", false),
            ("saml-idp-kit-acme.zip", "application/zip", true),
        ];
        let listed = names(&outputs);
        assert_eq!(listed.len(), expected.len());
        for ((name, mime, holds_key), (e_name, e_mime, e_holds)) in listed.iter().zip(expected) {
            assert_eq!(
                (name.as_str(), *mime, *holds_key),
                (e_name, e_mime, e_holds)
            );
        }
        let setup = state.setup.clone().unwrap();
        let certificate = fixed_certificate();
        let certificates = [&certificate];
        let contents: [(&str, String); 7] = [
            (
                files::KEY_FILE,
                fixed_key().to_pem(KeyFormat::Pkcs8).unwrap().to_string(),
            ),
            (files::CERT_FILE, certificate.to_pem().unwrap()),
            (
                files::SP_METADATA_FILE,
                metadata::sp_metadata_xml(&setup.team),
            ),
            (
                files::IDP_METADATA_FILE,
                metadata::idp_metadata_xml(&setup, &certificates),
            ),
            (
                files::API_BODY_FILE,
                cloudflare::api_body(&setup, &certificates),
            ),
            (
                files::TERRAFORM_FILE,
                cloudflare::terraform(&setup, &certificates),
            ),
            (
                files::REMINDER_FILE,
                reminder::expiry_ics(&setup, &certificate, NOW),
            ),
        ];
        let mut built = Vec::new();
        for (name, content) in &contents {
            let file = outputs.file(name).unwrap().unwrap();
            assert_eq!(file.bytes.as_slice(), content.as_bytes(), "{name}");
            built.push(file);
        }
        // The ZIP holds exactly those files, in that order.
        let zip = outputs.file("saml-idp-kit-acme.zip").unwrap().unwrap();
        assert_eq!(zip.bytes.as_slice(), files::zip_all(&built, NOW).unwrap());
        assert!(outputs.file(files::API_UPDATE_BODY_FILE).unwrap().is_none());
        // Debug output never shows content (the key).
        assert!(!format!("{:?}", built[0]).contains("PRIVATE KEY"));
    }

    #[test]
    fn the_key_file_follows_the_format_control_in_new_key() {
        let state = after([
            edit(Field::TeamName, "acme"),
            generated(),
            Action::SetKeyFormat(KeyFormat::Pkcs1),
        ]);
        let outputs = Outputs::new(&state, Mode::NewKey, NOW);
        let file = outputs.file(files::KEY_FILE).unwrap().unwrap();
        assert!(file.bytes.starts_with(b"-----BEGIN RSA PRIVATE KEY-----"));
    }

    #[test]
    fn renew_adds_the_update_body_and_metadata_mode_has_no_key_files() {
        let key = Rc::new(KeyPair::from_pem(RSA2048_PKCS8).unwrap());
        let state = after([
            edit(Field::TeamName, "acme"),
            Action::SetMode(Mode::Renew),
            Action::KeyImported {
                key: key.clone(),
                format: KeyFormat::Pkcs8,
            },
            super::modes::renewed(key),
        ]);
        let outputs = Outputs::new(&state, Mode::Renew, NOW);
        let listed: Vec<String> = names(&outputs).into_iter().map(|n| n.0).collect();
        assert_eq!(
            listed,
            [
                "samlidp.key",
                "samlidp.crt",
                "sp-metadata.xml",
                "idp-metadata.xml",
                "cloudflare-identity-provider.json",
                "cloudflare-identity-provider-update.json",
                "cloudflare-access-idp.tf",
                "samlidp-expiry.ics",
                "saml-idp-kit-acme.zip",
            ]
        );
        let body = outputs.file(files::API_BODY_FILE).unwrap().unwrap();
        let update = outputs.file(files::API_UPDATE_BODY_FILE).unwrap().unwrap();
        assert_eq!(body.bytes, update.bytes);

        let xml = include_bytes!("../fixtures/jumpcloud-idp-metadata.xml");
        let metadata = Rc::new(jumpcloud_metadata(xml).unwrap());
        let state = after([
            edit(Field::TeamName, "acme"),
            Action::SetMode(Mode::FromMetadata),
            Action::MetadataImported(metadata.clone()),
        ]);
        let outputs = Outputs::new(&state, Mode::FromMetadata, NOW);
        let listed: Vec<String> = names(&outputs).into_iter().map(|n| n.0).collect();
        assert_eq!(
            listed,
            [
                "cloudflare-identity-provider.json",
                "cloudflare-access-idp.tf",
                "samlidp-expiry.ics",
                "saml-idp-kit-acme.zip",
            ]
        );
        let body = outputs.file(files::API_BODY_FILE).unwrap().unwrap();
        let json: serde_json::Value = serde_json::from_slice(&body.bytes).unwrap();
        let guide = Certificate::from_pem(OPENSSL_GUIDE_CERT).unwrap();
        assert_eq!(json["config"]["issuer_url"], metadata.entity_id.as_str());
        assert_eq!(
            json["config"]["idp_public_certs"][0],
            guide.base64().as_str()
        );
    }
}
