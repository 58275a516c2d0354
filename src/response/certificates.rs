//! The Signing certificate and Certificate validity lines.

use super::signature::{NO_SETUP_FIX, fail, line};
use super::{Check, CheckLine, Expected, Status, Verifier};
use crate::pki::Certificate;

/// Where to change the certificate. Labels: Cloudflare's "Signing certificate" field
/// (cloudflare/cloudflare-docs src/content/docs/cloudflare-one/integrations/identity-providers/
/// generic-saml.mdx, "Enter the Single Sign on URL, IdP Entity ID or Issuer URL, and Signing
/// certificate"); Cloudflare One → Integrations → Identity providers (same file).
pub(super) const CERTIFICATE_FIX: &str = "JumpCloud signs with a key Cloudflare does not know. Either upload this page's certificate and private key to the JumpCloud app as a pair, or in Cloudflare One → Integrations → Identity providers → your SAML provider, put JumpCloud's certificate in Signing certificate.";

/// What the KeyInfo choice cannot tell, and how to tell it.
pub(super) const KEY_INFO_FIX: &str = "To check who signed it, check against this page's setup or against a certificate file (the certificate Cloudflare has).";

/// The Signing certificate line without a configured certificate to compare with: the KeyInfo
/// certificate's subject, fingerprint and validity, shown, not judged.
pub(super) fn key_info_line(
    key_info: Option<Result<Certificate, String>>,
    verifier: Verifier,
) -> CheckLine {
    match key_info {
        None => fail(
            Check::SigningCertificate,
            "The response carries no certificate in KeyInfo; Cloudflare requires the signing certificate in the response.".to_owned(),
            "In JumpCloud, export the app's metadata again and make sure the app has its certificate; JumpCloud includes it in every signed response.",
        ),
        Some(Err(error)) => fail(
            Check::SigningCertificate,
            format!("The KeyInfo certificate cannot be read: {error}"),
            CERTIFICATE_FIX,
        ),
        Some(Ok(certificate)) => {
            let about = format!(
                "{}, SHA-256 {}, valid from {} to {}",
                certificate.subject(),
                certificate.sha256_fingerprint(),
                certificate.not_before_iso(),
                certificate.not_after_iso()
            );
            match verifier {
                Verifier::Configured => line(
                    Check::SigningCertificate,
                    Status::NotChecked,
                    format!(
                        "Not checked: no setup. The response's KeyInfo certificate is {about}."
                    ),
                    NO_SETUP_FIX,
                ),
                Verifier::KeyInfo => line(
                    Check::SigningCertificate,
                    Status::NotChecked,
                    format!(
                        "Not compared: the response's KeyInfo certificate ({about}) is the one the signature was checked with; it was not compared with the certificate Cloudflare has."
                    ),
                    KEY_INFO_FIX,
                ),
            }
        }
    }
}

pub(super) fn signing_certificate(
    key_info: Option<Result<Certificate, String>>,
    expected: &Expected,
) -> CheckLine {
    let configured: Vec<_> = expected
        .certificates
        .iter()
        .map(Certificate::sha256_fingerprint)
        .collect();
    match key_info {
        // Cloudflare: "The IdP must include the signing public key in the SAML response."
        // (cloudflare-docs …/identity-providers/generic-saml.mdx, Prerequisites)
        None => fail(Check::SigningCertificate, "The response carries no certificate in KeyInfo; Cloudflare requires the signing certificate in the response.".to_owned(), "In JumpCloud, export the app's metadata again and make sure the app has its certificate; JumpCloud includes it in every signed response."),
        Some(Err(error)) => fail(Check::SigningCertificate, format!("The KeyInfo certificate cannot be read: {error}"), CERTIFICATE_FIX),
        Some(Ok(certificate)) => {
            let fingerprint = certificate.sha256_fingerprint();
            if expected.certificates.iter().any(|c| c.der() == certificate.der()) {
                CheckLine {
                    check: Check::SigningCertificate,
                    status: Status::Pass,
                    detail: format!("The response's KeyInfo certificate ({}) is the configured certificate, SHA-256 {fingerprint}.", certificate.subject()),
                    fix: None,
                }
            } else {
                fail(Check::SigningCertificate, format!("The response's KeyInfo certificate ({}, SHA-256 {fingerprint}) is not the configured one (SHA-256 {}).", certificate.subject(), configured.join(", ")), CERTIFICATE_FIX)
            }
        }
    }
}

/// The Certificate validity line, for the certificate that verified (else the first
/// configured one; without a setup, the KeyInfo certificate).
pub fn validity(certificate: Option<&Certificate>, now_unix: u64) -> Option<CheckLine> {
    let certificate = certificate?;
    let days = certificate.days_left(now_unix);
    let renew = "Make a new certificate (Renew certificate on this page), upload it with its key to the JumpCloud app, and add it to Cloudflare's Signing certificate before the old one expires.";
    let (status, detail, fix) = if now_unix < certificate.not_before() {
        (
            Status::Fail,
            format!(
                "The certificate is not valid until {}.",
                certificate.not_before_iso()
            ),
            Some(renew),
        )
    } else if now_unix >= certificate.not_after() {
        (
            Status::Fail,
            format!(
                "The certificate expired on {}.",
                certificate.not_after_iso()
            ),
            Some(renew),
        )
    } else if days < 30 {
        (
            Status::Warning,
            format!(
                "The certificate expires on {} ({days} days left).",
                certificate.not_after_iso()
            ),
            Some(renew),
        )
    } else {
        (
            Status::Pass,
            format!(
                "The certificate is valid until {} ({days} days left).",
                certificate.not_after_iso()
            ),
            None,
        )
    };
    Some(CheckLine {
        check: Check::CertificateValidity,
        status,
        detail,
        fix: fix.map(str::to_owned),
    })
}
