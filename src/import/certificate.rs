//! Reading a certificate (PEM, DER or the bare base64 body), or for Renew certificate's
//! "Certificate file" also JumpCloud's metadata.

use super::key::is_encrypted_pkcs8;
use super::{
    Error, IdpMetadata, InputKind, Pem, Result, jumpcloud_metadata, pem_or_body, read, shorten,
};
use crate::pki::{self, Certificate};
use der::Decode;

/// Reads the current certificate for inspection and rotation.
///
/// Accepts PEM (`CERTIFICATE`), DER and the bare base64 body as JumpCloud and Cloudflare show
/// it. A private or public key, XML, several PEM blocks and other PEM labels each get their own
/// message. Certificates with non-RSA keys are read (inspection shows no key size for them).
pub fn certificate(bytes: &[u8]) -> Result<Certificate> {
    read(
        bytes,
        InputKind::Certificate,
        certificate_from_der,
        certificate_from_text,
    )
}

/// What Renew certificate's "Certificate file" input read: the certificate Cloudflare trusts
/// today, or JumpCloud's exported metadata with every signing certificate it lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CurrentCertificate {
    /// One certificate (PEM, DER or the bare base64 body).
    Certificate(Certificate),
    /// JumpCloud's metadata (Export Metadata on the app's SSO tab).
    Metadata(IdpMetadata),
}

/// Reads Renew certificate's "Certificate file": a certificate as [`certificate`] reads it, or
/// XML as [`jumpcloud_metadata`] reads it, with that reader's limits and refusals.
pub fn current_certificate(bytes: &[u8]) -> Result<CurrentCertificate> {
    match certificate(bytes) {
        Err(Error::XmlGiven(_)) => jumpcloud_metadata(bytes).map(CurrentCertificate::Metadata),
        other => other.map(CurrentCertificate::Certificate),
    }
}

fn certificate_from_text(text: &str) -> Result<Certificate> {
    let input = InputKind::Certificate;
    let label = match pem_or_body(text, input)? {
        Pem::Label(label) => label,
        Pem::Body(der) => return certificate_from_der(&der),
    };
    match label.as_str() {
        "CERTIFICATE"
        | "X509 CERTIFICATE"
        | "TRUSTED CERTIFICATE"
        | "PRIVATE KEY"
        | "RSA PRIVATE KEY"
        | "ENCRYPTED PRIVATE KEY"
        | "EC PRIVATE KEY" => Ok(Certificate::from_pem(text)?),
        "OPENSSH PRIVATE KEY" | "DSA PRIVATE KEY" => Err(pki::Error::KeyNotCertificate.into()),
        _ => Err(Error::WrongPemLabel {
            input,
            label: shorten(&label),
        }),
    }
}

fn certificate_from_der(der: &[u8]) -> Result<Certificate> {
    match Certificate::from_der(der.to_vec()) {
        Ok(certificate) => Ok(certificate),
        Err(error @ pki::Error::Malformed(_)) => {
            let is_key = rsa::pkcs8::PrivateKeyInfoRef::from_der(der).is_ok()
                || rsa::pkcs1::RsaPrivateKeyRef::from_der(der).is_ok()
                || is_encrypted_pkcs8(der);
            if is_key {
                Err(pki::Error::KeyNotCertificate.into())
            } else {
                Err(error.into())
            }
        }
        Err(error) => Err(error.into()),
    }
}
