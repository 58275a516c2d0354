use super::modes::renewed;
use super::*;
use saml_idp_kit::app::outputs::Outputs;
use saml_idp_kit::app::state::KeySizeChange;
use saml_idp_kit::import::jumpcloud_metadata;
use saml_idp_kit::pki::{KeyFormat, KeyPair};
use saml_idp_kit::setup::files::{KEY_FILE, zip_name};

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
        .file(PageFile::Key)
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
        jumpcloud_metadata(include_bytes!("../../fixtures/jumpcloud-idp-metadata.xml")).unwrap(),
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
        file: zip.clone(),
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
    state.apply(saved_in(Mode::Renew, KEY_FILE, true));
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
    for file in [
        PageFile::Terraform,
        PageFile::ApiBody,
        PageFile::Certificate,
    ] {
        assert!(outputs.file(file).unwrap().is_some(), "{file:?}");
    }
    assert_eq!(outputs.key_pem_encodings(), 0, "no key for the other files");
    assert!(outputs.file(PageFile::Key).unwrap().is_some());
    assert_eq!(outputs.key_pem_encodings(), 1);
    assert!(outputs.file(PageFile::Zip).unwrap().is_some());
    assert_eq!(outputs.key_pem_encodings(), 2);
    // A file this mode does not offer is not made (a file that does not exist cannot be
    // named: files are a type, not text).
    assert_eq!(outputs.file(PageFile::ApiUpdateBody).unwrap(), None);
}

fn pem_body_bytes(pem: &str) -> Vec<u8> {
    use base64ct::Encoding;
    let body: String = pem
        .lines()
        .filter(|line| !line.starts_with("-----"))
        .collect();
    base64ct::Base64::decode_vec(&body).unwrap()
}

/// WebCrypto signs a reissued certificate asynchronously: one that comes back for a key the
/// slot no longer holds is dropped, one for the slot's key is taken.
#[test]
fn a_reissued_certificate_for_a_replaced_key_is_dropped() {
    let state = after([
        edit(Field::TeamName, "acme"),
        generated(),
        edit(Field::CommonName, "Acme IdP"),
    ]);
    let options = state.reissue_due().expect("a new certificate is due");
    let generated_key = state.new_key.as_ref().map(|g| g.key.clone()).unwrap();
    let certificate = Rc::new(fixed_certificate());
    let reissued = |key: Rc<KeyPair>| Action::CertificateReissued {
        key,
        certificate: certificate.clone(),
        options: options.clone(),
    };
    // The same key's bytes in another slot value: not the slot's key.
    let mut stale = state.clone();
    stale.apply(reissued(Rc::new(fixed_key())));
    assert!(
        stale.reissue_due().is_some(),
        "still due: the answer was dropped"
    );
    let mut current = state.clone();
    current.apply(reissued(generated_key));
    assert_eq!(current.reissue_due(), None);
    assert_eq!(
        current
            .new_key
            .as_ref()
            .map(|g| g.options.subject.common_name.clone()),
        Some("Acme IdP".to_owned())
    );
}
