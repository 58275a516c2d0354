//! Cross-checks with the real `openssl` CLI: what we make must satisfy the tool the guide uses.
//!
//! `cargo xtask setup` installs openssl; if it is still missing these tests fail with a message
//! saying so (they never skip).

use crate::common::*;
use saml_idp_kit::pki::{
    Certificate, CertificateOptions, CertificateProfile, KeyFormat, KeyPair, KeySize,
};
use std::path::Path;
use std::process::Command;

fn openssl(args: &[&str], dir: &Path) -> String {
    let output = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
        .expect(
            "the openssl CLI is needed for these tests; run `cargo xtask setup` or install openssl",
        );
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "openssl {args:?} failed:\n{stdout}\n{stderr}"
    );
    stdout
}

fn write(dir: &Path, name: &str, contents: &[u8]) {
    std::fs::write(dir.join(name), contents).expect("write into the scratch folder");
}

fn fresh_pair(profile: CertificateProfile, format: KeyFormat, name: &str) -> std::path::PathBuf {
    let dir = scratch_dir(name);
    let key = KeyPair::generate(&mut getrandom::SysRng, KeySize::Rsa2048).expect("key generation");
    let options = CertificateOptions {
        profile,
        ..CertificateOptions::default()
    };
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("the clock is after 1970")
        .as_secs();
    let certificate =
        Certificate::issue(&key, &options, now, &mut getrandom::SysRng).expect("certificate");
    write(
        &dir,
        "samlidp.key",
        key.to_pem(format).expect("key PEM").as_bytes(),
    );
    write(
        &dir,
        "samlidp.crt",
        certificate.to_pem().expect("certificate PEM").as_bytes(),
    );
    dir
}

/// `openssl verify -x509_strict -check_ss_sig` accepts `samlidp.crt` in `dir` as its own CA.
fn assert_openssl_verifies(dir: &Path, profile: CertificateProfile) {
    let out = openssl(
        &[
            "verify",
            "-x509_strict",
            "-check_ss_sig",
            "-CAfile",
            "samlidp.crt",
            "samlidp.crt",
        ],
        dir,
    );
    assert_eq!(out.trim(), "samlidp.crt: OK", "{profile:?}");
}

#[test]
fn openssl_verifies_the_self_signed_certificate_for_both_profiles() {
    for profile in CertificateProfile::ALL {
        let dir = fresh_pair(profile, KeyFormat::Pkcs8, &format!("verify-{profile:?}"));
        assert_openssl_verifies(&dir, profile);
    }
}

#[test]
fn openssl_shows_the_expected_fields_for_saml_signing() {
    let dir = fresh_pair(
        CertificateProfile::SamlSigning,
        KeyFormat::Pkcs8,
        "text-saml",
    );
    let text = openssl(&["x509", "-in", "samlidp.crt", "-noout", "-text"], &dir);
    for expected in [
        "Version: 3 (0x2)",
        "Signature Algorithm: sha256WithRSAEncryption",
        "Issuer: CN = JumpCloud SAML IdP",
        "Subject: CN = JumpCloud SAML IdP",
        "Public-Key: (2048 bit)",
        "Exponent: 65537 (0x10001)",
        "X509v3 Basic Constraints: critical\n                CA:FALSE",
        "X509v3 Key Usage: critical\n                Digital Signature",
        "X509v3 Subject Key Identifier:",
        "X509v3 Authority Key Identifier:",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    assert!(!text.contains("CA:TRUE"));
    // The fingerprint we display is exactly what openssl prints.
    let fingerprint = openssl(
        &[
            "x509",
            "-in",
            "samlidp.crt",
            "-noout",
            "-fingerprint",
            "-sha256",
        ],
        &dir,
    );
    let pem = std::fs::read_to_string(dir.join("samlidp.crt")).unwrap();
    let ours = Certificate::from_pem(&pem).unwrap().sha256_fingerprint();
    assert_eq!(fingerprint.trim(), format!("sha256 Fingerprint={ours}"));
}

#[test]
fn openssl_compatible_profile_has_openssls_extensions() {
    let dir = fresh_pair(
        CertificateProfile::OpenSslCompatible,
        KeyFormat::Pkcs8,
        "text-openssl",
    );
    let ours = openssl(
        &[
            "x509",
            "-in",
            "samlidp.crt",
            "-noout",
            "-ext",
            "basicConstraints,keyUsage,subjectKeyIdentifier,authorityKeyIdentifier",
        ],
        &dir,
    );
    // The guide's own command on the same key, for comparison.
    openssl(
        &[
            "req",
            "-new",
            "-x509",
            "-sha256",
            "-key",
            "samlidp.key",
            "-out",
            "guide.crt",
            "-days",
            "1095",
            "-subj",
            "/CN=JumpCloud SAML IdP",
        ],
        &dir,
    );
    let guide = openssl(
        &[
            "x509",
            "-in",
            "guide.crt",
            "-noout",
            "-ext",
            "basicConstraints,keyUsage,subjectKeyIdentifier,authorityKeyIdentifier",
        ],
        &dir,
    );
    assert_eq!(ours, guide);
    assert!(ours.contains("CA:TRUE"));
}

#[test]
fn openssl_checks_both_key_formats_and_they_match_the_certificate() {
    for format in KeyFormat::ALL {
        let dir = fresh_pair(
            CertificateProfile::SamlSigning,
            format,
            &format!("key-{format:?}"),
        );
        let check = openssl(&["pkey", "-in", "samlidp.key", "-check", "-noout"], &dir);
        assert!(check.contains("Key is valid"), "{format:?}: {check}");
        let head = std::fs::read_to_string(dir.join("samlidp.key")).unwrap();
        let label = match format {
            KeyFormat::Pkcs8 => "-----BEGIN PRIVATE KEY-----",
            KeyFormat::Pkcs1 => "-----BEGIN RSA PRIVATE KEY-----",
        };
        assert!(head.starts_with(label));
        let key_modulus = openssl(&["rsa", "-in", "samlidp.key", "-noout", "-modulus"], &dir);
        let cert_modulus = openssl(&["x509", "-in", "samlidp.crt", "-noout", "-modulus"], &dir);
        assert_eq!(key_modulus, cert_modulus);
        assert!(key_modulus.starts_with("Modulus="));
    }
}

/// `openssl dgst -sha256 -sign samlidp.key` over the file `name` in `dir` (RSASSA-PKCS1-v1_5,
/// as WebCrypto signs); the signature is also left in `sig.bin`.
fn sign_with_openssl(dir: &Path, name: &str) -> Vec<u8> {
    openssl(
        &[
            "dgst",
            "-sha256",
            "-sign",
            "samlidp.key",
            "-out",
            "sig.bin",
            name,
        ],
        dir,
    );
    std::fs::read(dir.join("sig.bin")).expect("openssl wrote sig.bin")
}

#[test]
fn a_signature_made_with_the_key_verifies_with_the_certificate() {
    let dir = fresh_pair(CertificateProfile::SamlSigning, KeyFormat::Pkcs1, "sign");
    write(
        &dir,
        "assertion.xml",
        b"<saml:Assertion>signed by JumpCloud</saml:Assertion>",
    );
    sign_with_openssl(&dir, "assertion.xml");
    openssl(
        &[
            "x509",
            "-in",
            "samlidp.crt",
            "-pubkey",
            "-noout",
            "-out",
            "pub.pem",
        ],
        &dir,
    );
    let out = openssl(
        &[
            "dgst",
            "-sha256",
            "-verify",
            "pub.pem",
            "-signature",
            "sig.bin",
            "assertion.xml",
        ],
        &dir,
    );
    assert_eq!(out.trim(), "Verified OK");
}

/// The split WebCrypto uses: the core builds the to-be-signed bytes, something else signs them
/// (here `openssl dgst -sign`, as WebCrypto's `sign` would), and the core assembles and checks
/// the certificate. OpenSSL must accept the result exactly as it accepts the built-in path's, and
/// the bytes must be the ones the built-in path makes (PKCS#1 v1.5 signatures are deterministic).
#[test]
fn a_certificate_signed_outside_the_core_passes_openssls_checks() {
    use saml_idp_kit::pki::UnsignedCertificate;
    for profile in CertificateProfile::ALL {
        let dir = scratch_dir(&format!("split-{profile:?}"));
        let key = fixed_key();
        let options = CertificateOptions {
            profile,
            ..CertificateOptions::default()
        };
        let unsigned = UnsignedCertificate::new(
            &key.public_key_der().unwrap(),
            &options,
            NOW,
            &mut TestRng::new("split"),
        )
        .unwrap();
        write(&dir, "samlidp.key", RSA2048_PKCS8.as_bytes());
        write(&dir, "tbs.der", unsigned.tbs_der());
        let signature = sign_with_openssl(&dir, "tbs.der");
        let certificate = unsigned.assemble(&signature).unwrap();
        assert!(certificate.is_self_signature_valid());
        assert!(certificate.matches_key(&key));
        let built_in = Certificate::issue(&key, &options, NOW, &mut TestRng::new("split")).unwrap();
        assert_eq!(
            certificate.der(),
            built_in.der(),
            "{profile:?}: same bytes as the rsa path"
        );
        write(
            &dir,
            "samlidp.crt",
            certificate.to_pem().unwrap().as_bytes(),
        );
        assert_openssl_verifies(&dir, profile);
        let key_modulus = openssl(&["rsa", "-in", "samlidp.key", "-noout", "-modulus"], &dir);
        let cert_modulus = openssl(&["x509", "-in", "samlidp.crt", "-noout", "-modulus"], &dir);
        assert_eq!(key_modulus, cert_modulus);
    }
}
