//! Importing what the user brings: existing keys and certificates (Renew certificate, inspect)
//! and JumpCloud's IdP metadata (From JumpCloud metadata). Every accepted shape, every refusal
//! with its own message, the round trip from the New-key flow, and hostile inputs.

mod certificate;
mod hostile;
mod key;
mod limits;
mod messages;
mod metadata;

use crate::common::*;
use saml_idp_kit::import::{
    self, Error, IdpMetadata, InputKind, MAX_INPUT_BYTES, certificate, check_size, inspect,
    jumpcloud_metadata, private_key, setup_from_metadata,
};
use saml_idp_kit::pki::{self, Certificate, CertificateOptions, KeyFormat, KeyPair, KeySize};
use std::collections::BTreeSet;

const ED25519: &str = include_str!("../fixtures/ed25519.key");
const EC_P256_SEC1: &str = include_str!("../fixtures/ec-p256-sec1.key");
const RSA2048_ENCRYPTED_LEGACY: &str = include_str!("../fixtures/rsa2048-encrypted-legacy.key");
const RSA2048_PUBLIC: &str = include_str!("../fixtures/rsa2048.pub");
const OPENSSH_RSA2048: &str = include_str!("../fixtures/openssh-rsa2048.key");
const JUMPCLOUD_METADATA: &str = include_str!("../fixtures/jumpcloud-idp-metadata.xml");
const SSO_URL: &str = "https://sso.jumpcloud.com/saml2/cloudflare-access";
const TRUNCATED_KEY: &str = "-----BEGIN PRIVATE KEY-----\nMIQ=\n-----END PRIVATE KEY-----\n";
const TRUNCATED_CERTIFICATE: &str =
    "-----BEGIN CERTIFICATE-----\nMIQ=\n-----END CERTIFICATE-----\n";

fn der_of(pem: &str) -> Vec<u8> {
    match der::pem::decode_vec(pem.as_bytes()) {
        Ok((_, der)) => der,
        Err(error) => panic!("fixture PEM must decode: {error}"),
    }
}

/// The base64 body of a PEM, lines kept.
fn body_of(pem: &str) -> String {
    pem.lines()
        .filter(|line| !line.starts_with("-----"))
        .map(|line| format!("{line}\n"))
        .collect()
}

fn key_error(input: impl AsRef<[u8]>) -> Error {
    match private_key(input.as_ref()) {
        Ok((key, _)) => panic!("expected a refusal, got {key:?}"),
        Err(error) => error,
    }
}

fn certificate_error(input: impl AsRef<[u8]>) -> Error {
    match certificate(input.as_ref()) {
        Ok(certificate) => panic!("expected a refusal, got {}", certificate.subject()),
        Err(error) => error,
    }
}

fn metadata_error(input: impl AsRef<[u8]>) -> Error {
    match jumpcloud_metadata(input.as_ref()) {
        Ok(metadata) => panic!("expected a refusal, got {metadata:?}"),
        Err(error) => error,
    }
}

fn is_malformed(error: &Error) -> bool {
    matches!(error, Error::Pki(pki::Error::Malformed(_)))
}

/// Bytes from a fixed seed (SHA-256 in counter mode), the same on every run.
fn pseudo_random_bytes(seed: &str, len: usize) -> Vec<u8> {
    use rand_core::TryRng;
    let mut bytes = vec![0u8; len];
    let Ok(()) = TestRng::new(seed).try_fill_bytes(&mut bytes);
    bytes
}

fn read(xml: &str) -> IdpMetadata {
    match jumpcloud_metadata(xml.as_bytes()) {
        Ok(metadata) => metadata,
        Err(error) => panic!("metadata must be read: {error}"),
    }
}

/// The fixture with `from` replaced by `to` (which must occur).
fn fixture_with(from: &str, to: &str) -> String {
    assert!(JUMPCLOUD_METADATA.contains(from), "fixture lacks {from}");
    JUMPCLOUD_METADATA.replace(from, to)
}
