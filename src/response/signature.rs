//! The shape checks that defend against signature wrapping, and the Signature, Signing
//! certificate and Certificate validity lines.

use super::dsig::{self, Hash, Problem, Verified};
use super::{ASSERTION_NS, Check, CheckLine, DSIG_NS, Expected, Status};
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
    /// The one Assertion, when the shape is sound.
    pub assertion: Option<Node<'a, 'i>>,
    /// The configured certificate that verified a signature.
    pub verifying: Option<usize>,
    /// The lines made here: Signature, then Signing certificate when there is a signature.
    pub lines: Vec<CheckLine>,
}

fn fail(check: Check, detail: String, fix: &str) -> CheckLine {
    CheckLine {
        check,
        status: Status::Fail,
        detail,
        fix: Some(fix.to_owned()),
    }
}

fn is(node: &Node<'_, '_>, ns: &str, name: &str) -> bool {
    node.is_element() && node.has_tag_name((ns, name))
}

/// A wrapping problem, if any: duplicate IDs, not exactly one Assertion, an encrypted
/// Assertion, or a signature anywhere but directly in the Response or that Assertion.
fn shape_problem<'a, 'i>(root: Node<'a, 'i>) -> Result<Node<'a, 'i>, String> {
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
    if root
        .descendants()
        .any(|n| is(&n, ASSERTION_NS, "EncryptedAssertion"))
    {
        return Err("The Assertion is encrypted; this page cannot decrypt it. Cloudflare Access expects a signed, unencrypted Assertion from JumpCloud.".to_owned());
    }
    let assertions: Vec<_> = root
        .descendants()
        .filter(|n| is(n, ASSERTION_NS, "Assertion"))
        .collect();
    let assertion = match assertions.as_slice() {
        [one] if one.parent() == Some(root) => *one,
        [_] => return Err("The Assertion is not a direct child of the Response.".to_owned()),
        [] => return Err("The response holds no Assertion.".to_owned()),
        many => {
            return Err(format!(
                "The response holds {} Assertions; exactly one is allowed.",
                many.len()
            ));
        }
    };
    for signature in root.descendants().filter(|n| is(n, DSIG_NS, "Signature")) {
        let parent = signature.parent();
        if parent != Some(root) && parent != Some(assertion) {
            return Err(format!(
                "A signature sits inside {} instead of directly in the Response or the Assertion.",
                parent.map(|p| p.tag_name().name()).unwrap_or("?")
            ));
        }
    }
    for element in [root, assertion] {
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
    Ok(assertion)
}

fn own_signature<'a, 'i>(element: Node<'a, 'i>) -> Option<Node<'a, 'i>> {
    element.children().find(|n| is(n, DSIG_NS, "Signature"))
}

fn problem_text(element: &str, problem: &Problem) -> String {
    match problem {
        Problem::Unsupported(what) => {
            format!("The {element}'s signature uses something this check does not support: {what}.")
        }
        Problem::WrongReference(what) => {
            format!("The {element}'s signature does not point at the {element}: {what}.")
        }
        Problem::DigestMismatch => {
            format!("The {element} was changed after it was signed: its digest does not match.")
        }
        Problem::NoCertificateVerifies => {
            format!("The {element}'s signature does not verify with the configured certificate.")
        }
    }
}

/// The Signature and Signing certificate lines, and the one Assertion when the shape is sound.
pub fn check<'a, 'i>(root: Node<'a, 'i>, expected: &Expected) -> Signatures<'a, 'i> {
    let assertion = match shape_problem(root) {
        Ok(assertion) => assertion,
        Err(detail) => {
            return Signatures {
                assertion: None,
                verifying: None,
                lines: vec![fail(
                    Check::Signature,
                    format!(
                        "{detail} This is how signature-wrapping attacks look, so nothing in it is trusted."
                    ),
                    "Paste the response exactly as the browser posted it to /cdn-cgi/access/callback. If it is unchanged, something altered it on the way; do not trust it.",
                )],
            };
        }
    };
    let signed: Vec<(&str, Node<'_, '_>, Node<'_, '_>)> =
        [("Response", root), ("Assertion", assertion)]
            .into_iter()
            .filter_map(|(name, element)| own_signature(element).map(|s| (name, element, s)))
            .collect();
    if signed.is_empty() {
        return Signatures {
            assertion: Some(assertion),
            verifying: None,
            lines: vec![fail(
                Check::Signature,
                "Neither the Response nor the Assertion is signed.".to_owned(),
                "In JumpCloud, open the app's SSO tab and make it sign the assertion (JumpCloud signs with the certificate and key uploaded to the app).",
            )],
        };
    }
    let mut verified: Vec<(&str, Verified)> = Vec::new();
    let mut lines = Vec::new();
    for (name, element, signature) in &signed {
        match dsig::verify(*element, *signature, &expected.certificates) {
            Ok(result) => verified.push((name, result)),
            Err(problem) => {
                let fix = match problem {
                    Problem::NoCertificateVerifies => CERTIFICATE_FIX,
                    Problem::DigestMismatch => {
                        "Paste the response exactly as the browser posted it. If it is unchanged, it was altered after JumpCloud signed it; do not trust it."
                    }
                    _ => {
                        "In JumpCloud, keep the app's signature algorithm at RSA-SHA256; this check supports what JumpCloud sends."
                    }
                };
                lines.push(fail(Check::Signature, problem_text(name, &problem), fix));
            }
        }
    }
    let verifying = verified.first().map(|(_, v)| v.certificate);
    if lines.is_empty() {
        let names: Vec<_> = verified.iter().map(|(name, _)| *name).collect();
        let weak = verified
            .iter()
            .any(|(_, v)| v.signature_hash == Hash::Sha1 || v.digest_hash == Hash::Sha1);
        let first = &verified[0].1;
        let detail = format!(
            "The {} {} signed (RSA-{}, {} digest) and verified with the configured certificate {}.",
            names.join(" and the "),
            if names.len() > 1 { "are" } else { "is" },
            first.signature_hash.label(),
            first.digest_hash.label(),
            expected
                .certificates
                .get(first.certificate)
                .map(Certificate::sha256_fingerprint)
                .unwrap_or_default()
        );
        lines.push(if weak {
            CheckLine {
                check: Check::Signature,
                status: Status::Warning,
                detail: format!("{detail} SHA-1 is deprecated."),
                fix: Some(
                    "In JumpCloud, set the app's signature algorithm to RSA-SHA256.".to_owned(),
                ),
            }
        } else {
            CheckLine {
                check: Check::Signature,
                status: Status::Pass,
                detail,
                fix: None,
            }
        });
    } else if lines.len() > 1 {
        // One Signature line: the first problem, the others appended.
        let rest: Vec<_> = lines.drain(1..).map(|l| l.detail).collect();
        lines[0].detail = format!("{} {}", lines[0].detail, rest.join(" "));
    }
    // The certificate shown is the one in the Assertion's signature, else the Response's.
    let key_info = signed
        .iter()
        .rev()
        .find_map(|(_, _, signature)| dsig::key_info_certificate(*signature));
    lines.push(signing_certificate(key_info, expected));
    Signatures {
        assertion: Some(assertion),
        verifying,
        lines,
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
/// configured one).
pub fn validity(expected: &Expected, verifying: Option<usize>, now_unix: u64) -> Option<CheckLine> {
    let certificate = expected.certificates.get(verifying.unwrap_or(0))?;
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
