use super::*;
use saml_idp_kit::app::state::{ImportProblem, MAX_SHOWN_NAME, file_read, shown_name};
use saml_idp_kit::import::{InputKind, check_size};

const METADATA: &[u8] = include_bytes!("../../fixtures/jumpcloud-idp-metadata.xml");

/// A file the user chose, as the page reads it.
fn chosen(kind: InputKind, name: &str, bytes: &[u8]) -> Action {
    file_read(kind, Some(name.to_owned()), Ok(bytes))
}

/// A 2 MiB file: refused by its size before a byte is read (the page's message).
fn too_large(kind: InputKind, name: &str) -> Action {
    let problem = match check_size(2 << 20) {
        Err(error) => ImportProblem::Refused(error),
        Ok(()) => panic!("2 MiB was not refused"),
    };
    file_read(kind, Some(name.to_owned()), Err(problem))
}

fn read_line(state: &State, kind: InputKind, what: &str) -> String {
    state.imports.files.read_line(kind, what)
}

#[test]
fn a_taken_key_is_named_and_a_refused_file_says_it_is_still_in_use() {
    let mut state = after([
        Action::SetMode(Mode::Renew),
        chosen(
            InputKind::PrivateKey,
            "samlidp.key",
            RSA2048_PKCS8.as_bytes(),
        ),
    ]);
    let key = state.renewal.as_ref().map(|r| r.key.clone());
    assert!(key.is_some(), "the key was read");
    assert_eq!(
        state.file_in_use(InputKind::PrivateKey).as_deref(),
        Some("samlidp.key")
    );
    assert_eq!(
        read_line(
            &state,
            InputKind::PrivateKey,
            "an RSA 2048-bit key (PKCS#8)."
        ),
        "Read samlidp.key: an RSA 2048-bit key (PKCS#8)."
    );
    assert_eq!(state.imports.error(InputKind::PrivateKey), None);

    // A 2 MiB file: refused, and the key from samlidp.key stays in use.
    state.apply(too_large(InputKind::PrivateKey, "big.bin"));
    let message = import_error(&state, InputKind::PrivateKey).unwrap_or_default();
    assert!(
        message.starts_with("This file is larger than 1 MiB"),
        "{message}"
    );
    assert!(
        message.ends_with(" samlidp.key is still in use."),
        "{message}"
    );
    assert_eq!(
        state.file_in_use(InputKind::PrivateKey).as_deref(),
        Some("samlidp.key"),
        "the refused file is not named as the one in use"
    );
    assert!(
        state.renewal.as_ref().map(|r| &r.key) == key.as_ref(),
        "the earlier key stays"
    );
    assert!(state.announcement.contains("samlidp.key is still in use"));

    // A text file that is no key: refused for what it holds, the same key still in use.
    state.apply(chosen(InputKind::PrivateKey, "notes.txt", b"meeting notes"));
    let message = import_error(&state, InputKind::PrivateKey).unwrap_or_default();
    assert!(
        !message.contains("1 MiB"),
        "the old message is replaced: {message}"
    );
    assert!(
        message.ends_with(" samlidp.key is still in use."),
        "{message}"
    );

    // Another good key: it is named, and the message goes.
    state.apply(chosen(
        InputKind::PrivateKey,
        "old-idp.pem",
        RSA2048_PKCS1.as_bytes(),
    ));
    assert_eq!(
        state.file_in_use(InputKind::PrivateKey).as_deref(),
        Some("old-idp.pem")
    );
    assert_eq!(state.imports.error(InputKind::PrivateKey), None);
}

#[test]
fn a_refused_first_file_names_nothing_in_use() {
    let state = after([
        Action::SetMode(Mode::Renew),
        too_large(InputKind::PrivateKey, "big.bin"),
    ]);
    let message = import_error(&state, InputKind::PrivateKey).unwrap_or_default();
    assert!(!message.contains("still in use"), "{message}");
    assert_eq!(state.file_in_use(InputKind::PrivateKey), None);
    assert_eq!(
        read_line(&state, InputKind::PrivateKey, "an RSA 2048-bit key."),
        "Read an RSA 2048-bit key.",
        "no file name is known"
    );
}

#[test]
fn each_input_keeps_its_own_file_name() {
    let mut state = after([
        Action::SetMode(Mode::Renew),
        chosen(
            InputKind::PrivateKey,
            "samlidp.key",
            RSA2048_PKCS8.as_bytes(),
        ),
        chosen(
            InputKind::Certificate,
            "samlidp.crt",
            OPENSSL_GUIDE_CERT.as_bytes(),
        ),
        chosen(InputKind::Metadata, "jumpcloud.xml", METADATA),
        chosen(
            InputKind::CheckCertificate,
            "cloudflare.crt",
            OPENSSL_GUIDE_CERT.as_bytes(),
        ),
    ]);
    for (kind, name) in [
        (InputKind::PrivateKey, "samlidp.key"),
        (InputKind::Certificate, "samlidp.crt"),
        (InputKind::Metadata, "jumpcloud.xml"),
        (InputKind::CheckCertificate, "cloudflare.crt"),
    ] {
        assert_eq!(state.file_in_use(kind).as_deref(), Some(name), "{kind:?}");
    }
    assert!(state.response.certificate.is_some());

    // Metadata that is not metadata: refused, the earlier file named; the others unchanged.
    state.apply(chosen(
        InputKind::Metadata,
        "samlidp.key",
        RSA2048_PKCS8.as_bytes(),
    ));
    let message = import_error(&state, InputKind::Metadata).unwrap_or_default();
    assert!(
        message.ends_with(" jumpcloud.xml is still in use."),
        "{message}"
    );
    assert!(state.imports.metadata.is_some(), "the metadata stays");
    assert_eq!(state.imports.error(InputKind::CheckCertificate), None);
    assert_eq!(
        state.file_in_use(InputKind::PrivateKey).as_deref(),
        Some("samlidp.key")
    );

    // The response check's certificate: a refused file keeps the earlier one.
    state.apply(too_large(InputKind::CheckCertificate, "huge.crt"));
    let message = import_error(&state, InputKind::CheckCertificate).unwrap_or_default();
    assert!(
        message.ends_with(" cloudflare.crt is still in use."),
        "{message}"
    );
    assert!(state.response.certificate.is_some());
}

#[test]
fn pasted_text_is_named_as_such() {
    let mut state = after([
        Action::SetMode(Mode::Renew),
        file_read(InputKind::PrivateKey, None, Ok(RSA2048_PKCS8.as_bytes())),
    ]);
    assert_eq!(
        read_line(&state, InputKind::PrivateKey, "an RSA 2048-bit key."),
        "Read the pasted text: an RSA 2048-bit key."
    );
    state.apply(file_read(InputKind::PrivateKey, None, Ok(b"not a key")));
    let message = import_error(&state, InputKind::PrivateKey).unwrap_or_default();
    assert!(
        message.ends_with(" The pasted text is still in use."),
        "{message}"
    );
}

#[test]
fn file_names_are_shown_as_plain_short_text() {
    assert_eq!(shown_name("samlidp.key"), "samlidp.key");
    let long = format!("{}-samlidp.key", "x".repeat(300));
    let shown = shown_name(&long);
    assert_eq!(shown.chars().count(), MAX_SHOWN_NAME);
    assert!(
        shown.starts_with("xxxx") && shown.ends_with("-samlidp.key"),
        "{shown}"
    );
    assert!(shown.contains('…'));
    // A right-to-left override would show "evil\u{202E}yek.exe" as "evilexe.key".
    assert_eq!(shown_name("evil\u{202E}yek.exe"), "evil\u{FFFD}yek.exe");
    assert_eq!(shown_name("a\nb\u{2066}c"), "a\u{FFFD}b\u{FFFD}c");
    // Multi-byte names are cut by characters, never inside one.
    let wide = "é".repeat(100);
    assert_eq!(shown_name(&wide).chars().count(), MAX_SHOWN_NAME);
}

#[test]
fn a_key_given_as_the_current_certificate_is_read_as_the_key_and_kept() {
    use saml_idp_kit::app::state::RenewKey;
    let mut state = after([
        Action::SetMode(Mode::Renew),
        Action::SetRenewKey(RenewKey::New),
        chosen(
            InputKind::Certificate,
            "samlidp.key",
            RSA2048_PKCS1.as_bytes(),
        ),
    ]);
    assert_eq!(state.renew_key, RenewKey::Keep, "Keep my current key");
    assert!(state.renewal.is_some(), "the key was read");
    assert_eq!(
        state.file_in_use(InputKind::PrivateKey).as_deref(),
        Some("samlidp.key"),
        "named under Private key file"
    );
    assert_eq!(state.file_in_use(InputKind::Certificate), None);
    assert_eq!(state.imports.error(InputKind::Certificate), None);
    assert!(state.current_certificates().is_empty());

    // A key this page refuses (EC, encrypted) stays a refused certificate file.
    for refused in [EC_P256, RSA2048_ENCRYPTED] {
        state.apply(chosen(
            InputKind::Certificate,
            "other.key",
            refused.as_bytes(),
        ));
        let message = import_error(&state, InputKind::Certificate).unwrap_or_default();
        assert!(message.contains("not a certificate"), "{message}");
        assert_eq!(
            state.file_in_use(InputKind::PrivateKey).as_deref(),
            Some("samlidp.key")
        );
    }
    // A certificate is still a certificate.
    state.apply(chosen(
        InputKind::Certificate,
        "samlidp.crt",
        OPENSSL_GUIDE_CERT.as_bytes(),
    ));
    assert_eq!(state.current_certificates().len(), 1);
}
