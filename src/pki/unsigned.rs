//! Building a self-signed certificate up to its signature, and finishing it with a signature
//! made elsewhere: the split that lets WebCrypto sign what the `rsa` crate used to.

use super::certificate::{SECONDS_PER_DAY, SERIAL_OCTETS, SHA256_WITH_RSA, check_validity_days};
use super::encoding::date_time;
use super::{Certificate, CertificateOptions, CertificateProfile, Error, KeyPair, Result};
use der::asn1::{BitString, OctetString};
use der::oid::AssociatedOid;
use der::{Decode, Encode};
use rand_core::TryCryptoRng;
use sha1::{Digest, Sha1};
use spki::SubjectPublicKeyInfoRef;
use x509_cert::builder::profile::BuilderProfile;
use x509_cert::builder::{Builder, CertificateBuilder};
use x509_cert::certificate::TbsCertificate;
use x509_cert::ext::Extension;
use x509_cert::ext::pkix::{
    AuthorityKeyIdentifier, BasicConstraints, KeyUsage, KeyUsages, SubjectKeyIdentifier,
};
use x509_cert::name::Name;
use x509_cert::serial_number::SerialNumber;
use x509_cert::spki::SubjectPublicKeyInfoOwned;
use x509_cert::time::{Time, Validity};

/// The profile handed to x509-cert's builder: a fixed subject (also the issuer) and a fixed
/// extension list worked out beforehand.
struct SelfSigned {
    subject: Name,
    extensions: Vec<Extension>,
}

impl BuilderProfile for SelfSigned {
    fn get_issuer(&self, subject: &Name) -> Name {
        subject.clone()
    }

    fn get_subject(&self) -> Name {
        self.subject.clone()
    }

    fn build_extensions(
        &self,
        _spk: SubjectPublicKeyInfoRef<'_>,
        _issuer_spk: SubjectPublicKeyInfoRef<'_>,
        _tbs: &TbsCertificate,
    ) -> x509_cert::builder::Result<Vec<Extension>> {
        Ok(self.extensions.clone())
    }
}

fn extension<T: AssociatedOid + Encode>(value: &T, critical: bool) -> Result<Extension> {
    Ok(Extension {
        extn_id: T::OID,
        critical,
        extn_value: OctetString::new(value.to_der()?)?,
    })
}

/// The subjectKeyIdentifier: SHA-1 of the subjectPublicKey BIT STRING contents (RFC 5280
/// §4.2.1.2 method 1, what OpenSSL computes).
fn key_identifier(spki: &SubjectPublicKeyInfoOwned) -> Vec<u8> {
    Sha1::digest(spki.subject_public_key.raw_bytes()).to_vec()
}

fn profile_extensions(
    profile: CertificateProfile,
    spki: &SubjectPublicKeyInfoOwned,
) -> Result<Vec<Extension>> {
    let ski = key_identifier(spki);
    let subject_key_id = SubjectKeyIdentifier(OctetString::new(ski.clone())?);
    let authority_key_id = AuthorityKeyIdentifier {
        key_identifier: Some(OctetString::new(ski)?),
        authority_cert_issuer: None,
        authority_cert_serial_number: None,
    };
    Ok(match profile {
        CertificateProfile::SamlSigning => vec![
            extension(
                &BasicConstraints {
                    ca: false,
                    path_len_constraint: None,
                },
                true,
            )?,
            extension(&KeyUsage(KeyUsages::DigitalSignature.into()), true)?,
            extension(&subject_key_id, false)?,
            extension(&authority_key_id, false)?,
        ],
        CertificateProfile::OpenSslCompatible => vec![
            extension(&subject_key_id, false)?,
            extension(&authority_key_id, false)?,
            extension(
                &BasicConstraints {
                    ca: true,
                    path_len_constraint: None,
                },
                true,
            )?,
        ],
    })
}

/// A random serial number's octets: positive (top bit clear), exactly 20 octets, first octet
/// non-zero, so its DER encoding has no leading zero, is never negative and fits RFC 5280's limit.
pub fn random_serial<R: TryCryptoRng + ?Sized>(rng: &mut R) -> Result<[u8; SERIAL_OCTETS]> {
    // A healthy RNG gives a non-zero first octet within a few tries; a broken one that keeps
    // returning zeros must fail instead of looping forever.
    for _ in 0..64 {
        let mut bytes = [0u8; SERIAL_OCTETS];
        rng.try_fill_bytes(&mut bytes)
            .map_err(|_| Error::Randomness)?;
        bytes[0] &= 0x7f;
        if bytes[0] != 0 {
            return Ok(bytes);
        }
    }
    Err(Error::Randomness)
}

fn time_at(unix_seconds: u64) -> Result<Time> {
    // `Time::from` picks UTCTime before 2050 and GeneralizedTime from 2050 on (RFC 5280 §4.1.2.5).
    Ok(Time::from(date_time(unix_seconds)?))
}

/// The public key a certificate is built for, standing in for the signer while the builder
/// assembles the to-be-signed part: the builder only reads its SubjectPublicKeyInfo and the
/// signature algorithm (sha256WithRSAEncryption); the signature itself is made elsewhere
/// (WebCrypto, or the `rsa` crate) and handed to [`UnsignedCertificate::assemble`].
#[derive(Clone)]
struct PublicHalf(Vec<u8>);

impl spki::EncodePublicKey for PublicHalf {
    fn to_public_key_der(&self) -> spki::Result<der::Document> {
        Ok(der::Document::try_from(self.0.as_slice())?)
    }
}

impl rsa::signature::Keypair for PublicHalf {
    type VerifyingKey = PublicHalf;

    fn verifying_key(&self) -> PublicHalf {
        PublicHalf(self.0.clone())
    }
}

impl spki::DynSignatureAlgorithmIdentifier for PublicHalf {
    fn signature_algorithm_identifier(&self) -> spki::Result<spki::AlgorithmIdentifierOwned> {
        Ok(spki::AlgorithmIdentifierOwned {
            oid: SHA256_WITH_RSA,
            // RFC 4055 §5: the parameters of sha256WithRSAEncryption are NULL.
            parameters: Some(der::Any::null()),
        })
    }
}

/// A self-signed certificate up to its signature: [`UnsignedCertificate::tbs_der`] is what
/// the key signs (RSASSA-PKCS1-v1_5 with SHA-256), and [`UnsignedCertificate::assemble`] makes
/// the certificate from that signature. No key is needed here, only its public half, so the
/// signature can come from WebCrypto's `sign` as well as from the `rsa` crate.
pub struct UnsignedCertificate {
    builder: CertificateBuilder<SelfSigned>,
    signer: PublicHalf,
    tbs: Vec<u8>,
}

impl core::fmt::Debug for UnsignedCertificate {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "UnsignedCertificate({} bytes to sign)", self.tbs.len())
    }
}

impl UnsignedCertificate {
    /// The certificate for the public key `spki_der` (SubjectPublicKeyInfo DER), valid from
    /// `now_unix_seconds` for `options.validity_days` days, with a random serial from `rng`.
    pub fn new<R: TryCryptoRng + ?Sized>(
        spki_der: &[u8],
        options: &CertificateOptions,
        now_unix_seconds: u64,
        rng: &mut R,
    ) -> Result<UnsignedCertificate> {
        check_validity_days(options.validity_days)?;
        let subject = options.subject.to_name()?;
        let not_after = now_unix_seconds
            .checked_add(u64::from(options.validity_days) * SECONDS_PER_DAY)
            .ok_or(Error::ClockOutOfRange)?;
        let validity = Validity::new(time_at(now_unix_seconds)?, time_at(not_after)?);
        let spki = SubjectPublicKeyInfoOwned::from_der(spki_der)
            .map_err(|e| Error::Malformed(e.to_string()))?;
        let profile = SelfSigned {
            subject,
            extensions: profile_extensions(options.profile, &spki)?,
        };
        let serial = SerialNumber::new(&random_serial(rng)?)?;
        let mut builder = CertificateBuilder::new(profile, serial, validity, spki)
            .map_err(|e| Error::Encoding(e.to_string()))?;
        let signer = PublicHalf(spki_der.to_vec());
        let tbs = builder
            .finalize(&signer)
            .map_err(|e| Error::Encoding(e.to_string()))?;
        Ok(UnsignedCertificate {
            builder,
            signer,
            tbs,
        })
    }

    /// The DER TBSCertificate: the bytes the key signs.
    pub fn tbs_der(&self) -> &[u8] {
        &self.tbs
    }

    /// The certificate with `signature` (RSASSA-PKCS1-v1_5, SHA-256, as many bytes as the
    /// modulus), verified once against the certificate's own public key: a signature that does
    /// not verify gives [`Error::SignatureInvalid`], never a certificate.
    pub fn assemble(self, signature: &[u8]) -> Result<Certificate> {
        let certificate = self.assemble_unchecked(signature)?;
        if certificate.is_self_signature_valid() {
            Ok(certificate)
        } else {
            Err(Error::SignatureInvalid)
        }
    }

    /// The certificate with `signature`, read back, whether or not the signature verifies
    /// ([`Certificate::is_self_signature_valid`] says).
    pub(super) fn assemble_unchecked(self, signature: &[u8]) -> Result<Certificate> {
        let bits = BitString::from_bytes(signature)?;
        let certificate = self
            .builder
            .assemble(bits, &self.signer)
            .map_err(|e| Error::Encoding(e.to_string()))?;
        Certificate::from_der(certificate.to_der()?)
    }
}

impl Certificate {
    /// Issues a self-signed certificate for `key`, valid from `now_unix_seconds` for
    /// `options.validity_days` days, with a random serial from `rng`, signed by the `rsa` crate.
    pub fn issue<R: TryCryptoRng + ?Sized>(
        key: &KeyPair,
        options: &CertificateOptions,
        now_unix_seconds: u64,
        rng: &mut R,
    ) -> Result<Certificate> {
        use rsa::signature::{SignatureEncoding, Signer};
        let unsigned =
            UnsignedCertificate::new(&key.public_key_der()?, options, now_unix_seconds, rng)?;
        let signature = key
            .signing_key()?
            .try_sign(unsigned.tbs_der())
            .map_err(|e| Error::Encoding(e.to_string()))?;
        unsigned.assemble(&signature.to_bytes())
    }
}
