//! The shape checks that defend against signature wrapping, and the Signature, Signing
//! certificate and Certificate validity lines. An `EncryptedAssertion` is not wrapping: it
//! stands in for the one Assertion, and only the Response's own signature is checked.

use super::certificates::{CERTIFICATE_FIX, KEY_INFO_FIX, key_info_line, signing_certificate};
use super::checks::ENCRYPTED_HOW_TO;
use super::dsig::{self, Hash, Problem, Verified};
use super::shape::{Found, own_signature, shape};
use super::{Check, CheckLine, Expected, Status, Verifier};
use crate::pki::Certificate;
use roxmltree::Node;

/// What the signature checks found, for the other lines.
pub struct Signatures<'a, 'i> {
    /// The one Assertion (plain or encrypted), none, or refused (wrapping).
    pub found: Found<'a, 'i>,
    /// The certificate that verified a signature (index into the certificates used).
    pub verifying: Option<usize>,
    /// The certificate the Certificate validity line judges.
    pub validity: Option<Certificate>,
    /// The lines made here: Signature, then Signing certificate when there is a signature.
    pub lines: Vec<CheckLine>,
}

/// What a Signature or Signing certificate line says when there is no setup to check it with.
pub const NO_SETUP_FIX: &str = "To check this, make a setup on this page (generate a key in New key, read a key in Renew certificate or JumpCloud's metadata in From JumpCloud metadata), or check against a certificate file with your team name in the form.";

pub(super) fn line(check: Check, status: Status, detail: String, fix: &str) -> CheckLine {
    CheckLine {
        check,
        status,
        detail,
        fix: Some(fix.to_owned()),
    }
}

pub(super) fn fail(check: Check, detail: String, fix: &str) -> CheckLine {
    line(check, Status::Fail, detail, fix)
}

fn problem_text(element: &str, problem: &Problem, verifier: Verifier) -> String {
    match problem {
        Problem::Unsupported(what) => {
            format!("The {element}'s signature uses something this check does not support: {what}.")
        }
        Problem::WrongReference(what) => {
            format!(
                "The {element}'s signature does not point at the {element}: {what}. This is how signature-wrapping attacks look, so nothing in it is trusted."
            )
        }
        Problem::DigestMismatch => {
            format!("The {element} was changed after it was signed: its digest does not match.")
        }
        Problem::NoCertificateVerifies => match verifier {
            Verifier::Configured => format!(
                "The {element}'s signature does not verify with the configured certificate."
            ),
            Verifier::KeyInfo => format!(
                "The {element}'s signature does not verify with the certificate in its own KeyInfo."
            ),
        },
    }
}

/// The fix for a response whose shape is one signature wrapping uses.
const WRAPPING_FIX: &str = "Paste the response exactly as the browser posted it to /cdn-cgi/access/callback. If it is unchanged, something altered it on the way; do not trust it.";

/// The Signature and Signing certificate lines, and the one Assertion when the shape is sound.
/// `setup` gives the certificates with [`Verifier::Configured`]; without a setup the
/// signature is not verified (Not checked) unless the verifier is [`Verifier::KeyInfo`].
pub fn check<'a, 'i>(
    root: Node<'a, 'i>,
    setup: Option<&Expected>,
    verifier: Verifier,
) -> Signatures<'a, 'i> {
    let found = match shape(root) {
        Ok(found) => found,
        Err(detail) => {
            return Signatures {
                found: Found::Refused,
                verifying: None,
                validity: None,
                lines: vec![fail(
                    Check::Signature,
                    format!(
                        "{detail} This is how signature-wrapping attacks look, so nothing in it is trusted."
                    ),
                    WRAPPING_FIX,
                )],
            };
        }
    };
    let mut elements = vec![("Response", root)];
    if let Found::Plain(assertion) = found {
        elements.push(("Assertion", assertion));
    }
    let signed: Vec<(&str, Node<'_, '_>, Node<'_, '_>)> = elements
        .into_iter()
        .filter_map(|(name, element)| own_signature(element).map(|s| (name, element, s)))
        .collect();
    // The certificate shown is the one in the Assertion's signature, else the Response's.
    let key_info_read = signed
        .iter()
        .rev()
        .find_map(|(_, _, signature)| dsig::key_info_certificate(*signature));
    let key_info = key_info_read.clone().and_then(Result::ok);
    let mut result = Signatures {
        found,
        verifying: None,
        validity: match (verifier, setup) {
            (Verifier::Configured, Some(setup)) => setup.certificates.first().cloned(),
            _ => key_info.clone(),
        },
        lines: Vec::new(),
    };
    if let Found::None = found {
        // No Assertion: the caller says so; a signature alone says nothing about a sign-in.
        return result;
    }
    if signed.is_empty() {
        result.lines.push(match found {
            Found::Encrypted => line(
                Check::Signature,
                Status::NotChecked,
                "The Response is not signed, and the Assertion is encrypted: whether the Assertion inside is signed cannot be seen here.".to_owned(),
                ENCRYPTED_HOW_TO,
            ),
            _ => fail(
                Check::Signature,
                "Neither the Response nor the Assertion is signed.".to_owned(),
                "In JumpCloud, open the app's SSO tab and make it sign the assertion (JumpCloud signs with the certificate and key uploaded to the app).",
            ),
        });
        return result;
    }
    let certificates: Vec<Certificate> = match (verifier, setup) {
        (Verifier::KeyInfo, _) => key_info.iter().cloned().collect(),
        (Verifier::Configured, Some(setup)) => setup.certificates.clone(),
        (Verifier::Configured, None) => Vec::new(),
    };
    let names: Vec<_> = signed.iter().map(|(name, _, _)| *name).collect();
    let what = format!(
        "The {} {} signed",
        names.join(" and the "),
        if names.len() > 1 { "are" } else { "is" }
    );
    if certificates.is_empty() {
        result.lines.push(match verifier {
            Verifier::Configured => line(
                Check::Signature,
                Status::NotChecked,
                format!(
                    "Not checked: no setup. {what}; whether the signature verifies needs the certificate Cloudflare has."
                ),
                NO_SETUP_FIX,
            ),
            Verifier::KeyInfo => line(
                Check::Signature,
                Status::NotChecked,
                format!(
                    "Not checked: {what}, but the response carries no readable certificate in KeyInfo to check it with."
                ),
                NO_SETUP_FIX,
            ),
        });
    } else {
        let (lines, verifying) = verify(&signed, &certificates, verifier, &what);
        result.lines = lines;
        result.verifying = verifying;
    }
    result.validity = match (verifier, setup) {
        (Verifier::Configured, Some(setup)) => setup
            .certificates
            .get(result.verifying.unwrap_or(0))
            .cloned(),
        _ => key_info,
    };
    result.lines.push(match (verifier, setup) {
        (Verifier::Configured, Some(setup)) => signing_certificate(key_info_read, setup),
        _ => key_info_line(key_info_read, verifier),
    });
    result
}

/// Verifies every signature with `certificates`: one Signature line, and the certificate
/// that verified.
fn verify(
    signed: &[(&str, Node<'_, '_>, Node<'_, '_>)],
    certificates: &[Certificate],
    verifier: Verifier,
    what: &str,
) -> (Vec<CheckLine>, Option<usize>) {
    let mut verified: Vec<Verified> = Vec::new();
    let mut lines = Vec::new();
    for (name, element, signature) in signed {
        match dsig::verify(*element, *signature, certificates) {
            Ok(result) => verified.push(result),
            Err(problem) => {
                let fix = match (&problem, verifier) {
                    (Problem::NoCertificateVerifies, Verifier::Configured) => CERTIFICATE_FIX,
                    (Problem::NoCertificateVerifies, Verifier::KeyInfo) => {
                        "Paste the response exactly as the browser posted it. If it is unchanged, it was altered after it was signed, or signed with another key than the certificate it carries; do not trust it."
                    }
                    (Problem::DigestMismatch, _) => {
                        "Paste the response exactly as the browser posted it. If it is unchanged, it was altered after JumpCloud signed it; do not trust it."
                    }
                    (Problem::WrongReference(_), _) => WRAPPING_FIX,
                    (Problem::Unsupported(_), _) => {
                        "In JumpCloud, keep the app's signature algorithm at RSA-SHA256; this check supports what JumpCloud sends."
                    }
                };
                lines.push(fail(
                    Check::Signature,
                    problem_text(name, &problem, verifier),
                    fix,
                ));
            }
        }
    }
    let verifying = verified.first().map(|v| v.certificate);
    if let Some(first) = verified.first().filter(|_| lines.is_empty()) {
        let weak = verified
            .iter()
            .any(|v| v.signature_hash == Hash::Sha1 || v.digest_hash == Hash::Sha1);
        let fingerprint = certificates
            .get(first.certificate)
            .map(Certificate::sha256_fingerprint)
            .unwrap_or_default();
        let hashes = format!(
            "RSA-{}, {} digest",
            first.signature_hash.label(),
            first.digest_hash.label()
        );
        let sha1 = "In JumpCloud, set the app's signature algorithm to RSA-SHA256.";
        lines.push(match verifier {
            Verifier::Configured => {
                let detail = format!(
                    "{what} ({hashes}) and verified with the configured certificate {fingerprint}."
                );
                if weak {
                    line(
                        Check::Signature,
                        Status::Warning,
                        format!("{detail} SHA-1 is deprecated."),
                        sha1,
                    )
                } else {
                    CheckLine {
                        check: Check::Signature,
                        status: Status::Pass,
                        detail,
                        fix: None,
                    }
                }
            }
            Verifier::KeyInfo => line(
                Check::Signature,
                Status::Warning,
                format!(
                    "{what} ({hashes}) and verified with the certificate in the response's own KeyInfo, SHA-256 {fingerprint}. This proves only that the response is unchanged since it was signed, not who signed it.{}",
                    if weak { " SHA-1 is deprecated." } else { "" }
                ),
                KEY_INFO_FIX,
            ),
        });
    } else if lines.len() > 1 {
        // One Signature line: the first problem, the others appended.
        let rest: Vec<_> = lines.drain(1..).map(|l| l.detail).collect();
        lines[0].detail = format!("{} {}", lines[0].detail, rest.join(" "));
    }
    (lines, verifying)
}
