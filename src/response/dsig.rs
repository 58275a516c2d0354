//! XML Signature verification for what an IdP puts in a SAML response: enveloped signatures
//! over the Response or the Assertion, exclusive c14n (with or without comments, with an
//! optional InclusiveNamespaces PrefixList), RSA-SHA256 or RSA-SHA1, SHA-256 or SHA-1 digests.
//!
//! Only the certificates passed in verify: the configured ones, or (when the user chooses "The
//! certificate in this response") the `KeyInfo` certificate, which then proves only that the
//! response is unchanged since it was signed. Otherwise the certificate in `KeyInfo` is returned
//! for comparison and display, never trusted. Anything outside that profile is reported as
//! unsupported rather than guessed at.

use super::c14n::{self, Options};
use super::{DSIG_NS, Error};
use crate::pki::Certificate;
use roxmltree::Node;

const EXC_C14N: &str = "http://www.w3.org/2001/10/xml-exc-c14n#";
const EXC_C14N_COMMENTS: &str = "http://www.w3.org/2001/10/xml-exc-c14n#WithComments";
const ENVELOPED: &str = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
const RSA_SHA256: &str = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
const RSA_SHA1: &str = "http://www.w3.org/2000/09/xmldsig#rsa-sha1";
const SHA256: &str = "http://www.w3.org/2001/04/xmlenc#sha256";
const SHA1: &str = "http://www.w3.org/2000/09/xmldsig#sha1";

/// A hash used by the signature or the digest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hash {
    /// SHA-256.
    Sha256,
    /// SHA-1 (accepted with a warning).
    Sha1,
}

impl Hash {
    /// `SHA-256` or `SHA-1`.
    pub fn label(self) -> &'static str {
        match self {
            Hash::Sha256 => "SHA-256",
            Hash::Sha1 => "SHA-1",
        }
    }

    fn digest(self, data: &[u8]) -> Vec<u8> {
        use sha2::Digest;
        match self {
            Hash::Sha256 => sha2::Sha256::digest(data).to_vec(),
            Hash::Sha1 => sha1::Sha1::digest(data).to_vec(),
        }
    }
}

/// What one `ds:Signature` turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// The signature method's hash (RSA-SHA256 → SHA-256).
    pub signature_hash: Hash,
    /// The Reference's digest hash.
    pub digest_hash: Hash,
    /// Which configured certificate verified it (index into the configured list).
    pub certificate: usize,
}

/// Why one `ds:Signature` does not verify.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The signature's structure or an algorithm is outside what is supported.
    Unsupported(String),
    /// The Reference does not point at the element that holds the signature.
    WrongReference(String),
    /// The digest of the signed element does not match: it was changed after signing.
    DigestMismatch,
    /// No configured certificate verifies the signature value.
    NoCertificateVerifies,
}

fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children()
        .find(|child| child.is_element() && child.has_tag_name((DSIG_NS, name)))
}

fn children<'a, 'i>(node: Node<'a, 'i>, name: &'static str) -> impl Iterator<Item = Node<'a, 'i>> {
    node.children()
        .filter(move |child| child.is_element() && child.has_tag_name((DSIG_NS, name)))
}

/// The whole text of an element (every descendant text node), as the checks read text.
pub fn text_of(node: Node<'_, '_>) -> String {
    node.descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect()
}

fn decode_base64(text: &str) -> Option<Vec<u8>> {
    use base64ct::Encoding;
    let compact: String = text.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    base64ct::Base64::decode_vec(&compact).ok()
}

fn c14n_options(method: Node<'_, '_>) -> Result<Options, Problem> {
    let with_comments = match method.attribute("Algorithm") {
        Some(EXC_C14N) => false,
        Some(EXC_C14N_COMMENTS) => true,
        other => {
            return Err(Problem::Unsupported(format!(
                "canonicalization {} (only exclusive c14n is supported)",
                other.unwrap_or("(none)")
            )));
        }
    };
    let inclusive_prefixes = method
        .children()
        .find(|c| c.is_element() && c.has_tag_name((EXC_C14N, "InclusiveNamespaces")))
        .and_then(|c| c.attribute("PrefixList"))
        .map(|list| list.split_ascii_whitespace().map(str::to_owned).collect())
        .unwrap_or_default();
    Ok(Options {
        with_comments,
        inclusive_prefixes,
    })
}

/// The certificate in the signature's `KeyInfo/X509Data/X509Certificate`, if any (first one).
pub fn key_info_certificate(signature: Node<'_, '_>) -> Option<Result<Certificate, String>> {
    let x509 = child(signature, "KeyInfo")?
        .descendants()
        .find(|n| n.is_element() && n.has_tag_name((DSIG_NS, "X509Certificate")))?;
    Some(Certificate::from_base64(&text_of(x509)).map_err(|e| e.to_string()))
}

/// Verifies `signature`, the enveloped `ds:Signature` child of `signed` (the Response or the
/// Assertion), against the configured certificates.
pub fn verify(
    signed: Node<'_, '_>,
    signature: Node<'_, '_>,
    certificates: &[Certificate],
) -> Result<Verified, Problem> {
    let signed_info = child(signature, "SignedInfo")
        .ok_or_else(|| Problem::Unsupported("no SignedInfo".to_owned()))?;
    let c14n_method = child(signed_info, "CanonicalizationMethod")
        .ok_or_else(|| Problem::Unsupported("no CanonicalizationMethod".to_owned()))?;
    let signed_info_options = c14n_options(c14n_method)?;
    let signature_hash =
        match child(signed_info, "SignatureMethod").and_then(|m| m.attribute("Algorithm")) {
            Some(RSA_SHA256) => Hash::Sha256,
            Some(RSA_SHA1) => Hash::Sha1,
            other => {
                return Err(Problem::Unsupported(format!(
                    "signature method {} (only RSA-SHA256 and RSA-SHA1 are supported)",
                    other.unwrap_or("(none)")
                )));
            }
        };
    let mut references = children(signed_info, "Reference");
    let (Some(reference), None) = (references.next(), references.next()) else {
        return Err(Problem::Unsupported(
            "SignedInfo must hold exactly one Reference".to_owned(),
        ));
    };
    let id = signed.attribute("ID").unwrap_or_default();
    let uri = reference.attribute("URI").unwrap_or_default();
    if id.is_empty() || uri.strip_prefix('#') != Some(id) {
        return Err(Problem::WrongReference(format!(
            "the Reference URI is \"{uri}\" but the signed element's ID is \"{id}\""
        )));
    }
    let transforms: Vec<_> = child(reference, "Transforms")
        .map(|t| children(t, "Transform").collect())
        .unwrap_or_default();
    let reference_options = match transforms.as_slice() {
        [enveloped, c14n] if enveloped.attribute("Algorithm") == Some(ENVELOPED) => {
            c14n_options(*c14n)?
        }
        _ => {
            return Err(Problem::Unsupported(
                "the Reference must have exactly the transforms enveloped-signature and exclusive c14n".to_owned(),
            ));
        }
    };
    let digest_hash = match child(reference, "DigestMethod").and_then(|m| m.attribute("Algorithm"))
    {
        Some(SHA256) => Hash::Sha256,
        Some(SHA1) => Hash::Sha1,
        other => {
            return Err(Problem::Unsupported(format!(
                "digest method {} (only SHA-256 and SHA-1 are supported)",
                other.unwrap_or("(none)")
            )));
        }
    };
    let expected_digest = child(reference, "DigestValue")
        .and_then(|d| decode_base64(&text_of(d)))
        .ok_or_else(|| Problem::Unsupported("DigestValue is missing or not base64".to_owned()))?;
    let canonical = c14n::canonicalize(signed, Some(signature.id()), &reference_options)
        .map_err(|e: Error| Problem::Unsupported(e.to_string()))?;
    if digest_hash.digest(&canonical) != expected_digest {
        return Err(Problem::DigestMismatch);
    }
    let signature_value = child(signature, "SignatureValue")
        .and_then(|v| decode_base64(&text_of(v)))
        .ok_or_else(|| {
            Problem::Unsupported("SignatureValue is missing or not base64".to_owned())
        })?;
    let canonical_signed_info = c14n::canonicalize(signed_info, None, &signed_info_options)
        .map_err(|e: Error| Problem::Unsupported(e.to_string()))?;
    certificates
        .iter()
        .position(|certificate| {
            rsa_verifies(
                certificate,
                signature_hash,
                &canonical_signed_info,
                &signature_value,
            )
        })
        .map(|certificate| Verified {
            signature_hash,
            digest_hash,
            certificate,
        })
        .ok_or(Problem::NoCertificateVerifies)
}

fn rsa_verifies(certificate: &Certificate, hash: Hash, message: &[u8], signature: &[u8]) -> bool {
    use der::Decode;
    use der::referenced::OwnedToRef;
    use rsa::signature::Verifier;
    let Ok(parsed) = x509_cert::Certificate::from_der(certificate.der()) else {
        return false;
    };
    let spki = parsed
        .tbs_certificate()
        .subject_public_key_info()
        .owned_to_ref();
    let Ok(public_key) = rsa::PublicKey::try_from(spki) else {
        return false;
    };
    let Ok(signature) = rsa::pkcs1v15::Signature::try_from(signature) else {
        return false;
    };
    match hash {
        Hash::Sha256 => rsa::pkcs1v15::VerifyingKey::<sha2::Sha256>::new(public_key)
            .verify(message, &signature)
            .is_ok(),
        Hash::Sha1 => rsa::pkcs1v15::VerifyingKey::<sha1::Sha1>::new(public_key)
            .verify(message, &signature)
            .is_ok(),
    }
}
