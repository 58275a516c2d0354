//! The shape checks that defend against signature wrapping, and the Signature, Signing
//! certificate and Certificate validity lines. An `EncryptedAssertion` is not wrapping: it
//! stands in for the one Assertion, and only the Response's own signature is checked.

use super::checks::ENCRYPTED_HOW_TO;
use super::dsig::{self, Hash, Problem, Verified};
use super::{ASSERTION_NS, Check, CheckLine, DSIG_NS, Expected, Status, Verifier};
use crate::pki::Certificate;
use roxmltree::Node;
use std::collections::HashSet;

/// Where to change the certificate. Labels: Cloudflare's "Signing certificate" field
/// (cloudflare/cloudflare-docs src/content/docs/cloudflare-one/integrations/identity-providers/
/// generic-saml.mdx, "Enter the Single Sign on URL, IdP Entity ID or Issuer URL, and Signing
/// certificate"); Cloudflare One → Integrations → Identity providers (same file).
const CERTIFICATE_FIX: &str = "JumpCloud signs with a key Cloudflare does not know. Either upload this page's certificate and private key to the JumpCloud app as a pair, or in Cloudflare One → Integrations → Identity providers → your SAML provider, put JumpCloud's certificate in Signing certificate.";

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

/// The Assertion the other lines read.
#[derive(Clone, Copy)]
pub enum Found<'a, 'i> {
    /// One `saml:Assertion`, a direct child of the Response.
    Plain(Node<'a, 'i>),
    /// One `saml:EncryptedAssertion`, a direct child of the Response: not read.
    Encrypted,
    /// No Assertion at all (a failed sign-in, or a response cut short).
    None,
    /// The shape is one signature wrapping uses: nothing is read.
    Refused,
}

/// What a Signature or Signing certificate line says when there is no setup to check it with.
pub const NO_SETUP_FIX: &str = "To check this, make a setup on this page (generate a key in New key, read a key in Renew certificate or JumpCloud's metadata in From JumpCloud metadata), or check against a certificate file with your team name in the form.";

/// What the KeyInfo choice cannot tell, and how to tell it.
const KEY_INFO_FIX: &str = "To check who signed it, check against this page's setup or against a certificate file (the certificate Cloudflare has).";

fn line(check: Check, status: Status, detail: String, fix: &str) -> CheckLine {
    CheckLine {
        check,
        status,
        detail,
        fix: Some(fix.to_owned()),
    }
}

fn fail(check: Check, detail: String, fix: &str) -> CheckLine {
    line(check, Status::Fail, detail, fix)
}

fn is(node: &Node<'_, '_>, ns: &str, name: &str) -> bool {
    node.is_element() && node.has_tag_name((ns, name))
}

fn is_assertion(node: &Node<'_, '_>) -> bool {
    is(node, ASSERTION_NS, "Assertion") || is(node, ASSERTION_NS, "EncryptedAssertion")
}

/// The one Assertion (plain or encrypted), none, or a wrapping problem: duplicate IDs, more
/// than one Assertion, one that is not a direct child of the Response, or a signature anywhere
/// but directly in the Response or that (plain) Assertion.
fn shape<'a, 'i>(root: Node<'a, 'i>) -> Result<Found<'a, 'i>, String> {
    let mut ids = HashSet::new();
    for node in root.descendants().filter(Node::is_element) {
        if let Some(id) = node.attribute("ID")
            && !ids.insert(id)
        {
            return Err(format!(
                "The ID \"{}\" is used twice.",
                crate::import::shorten(id)
            ));
        }
    }
    let assertions: Vec<_> = root.descendants().filter(is_assertion).collect();
    let found = match assertions.as_slice() {
        [one] if one.parent() == Some(root) => {
            if is(one, ASSERTION_NS, "Assertion") {
                Found::Plain(*one)
            } else {
                Found::Encrypted
            }
        }
        [_] => return Err("The Assertion is not a direct child of the Response.".to_owned()),
        [] => Found::None,
        many => {
            return Err(format!(
                "The response holds {} Assertions; exactly one is allowed.",
                many.len()
            ));
        }
    };
    let plain = match found {
        Found::Plain(assertion) => Some(assertion),
        _ => None,
    };
    for signature in root.descendants().filter(|n| is(n, DSIG_NS, "Signature")) {
        let parent = signature.parent();
        if parent != Some(root) && (plain.is_none() || parent != plain) {
            return Err(format!(
                "A signature sits inside {} instead of directly in the Response or the Assertion.",
                parent.map(|p| p.tag_name().name()).unwrap_or("?")
            ));
        }
    }
    for element in std::iter::once(root).chain(plain) {
        if element
            .children()
            .filter(|n| is(n, DSIG_NS, "Signature"))
            .count()
            > 1
        {
            return Err(format!(
                "The {} has more than one signature.",
                element.tag_name().name()
            ));
        }
    }
    Ok(found)
}

/// The certificate in the KeyInfo of the Assertion's signature, else the Response's, when the
/// response's shape is sound.
pub fn key_info_of(root: Node<'_, '_>) -> Option<Certificate> {
    let assertion = match shape(root).ok()? {
        Found::Plain(assertion) => Some(assertion),
        _ => None,
    };
    assertion
        .into_iter()
        .chain(std::iter::once(root))
        .filter_map(own_signature)
        .find_map(dsig::key_info_certificate)
        .and_then(Result::ok)
}

fn own_signature<'a, 'i>(element: Node<'a, 'i>) -> Option<Node<'a, 'i>> {
    element.children().find(|n| is(n, DSIG_NS, "Signature"))
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

/// The Signing certificate line without a configured certificate to compare with: the KeyInfo
/// certificate's subject, fingerprint and validity, shown, not judged.
fn key_info_line(key_info: Option<Result<Certificate, String>>, verifier: Verifier) -> CheckLine {
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

fn signing_certificate(
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
