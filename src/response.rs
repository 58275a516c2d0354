//! Checking a SAML response offline against the setup made on this page.
//!
//! [`check`] takes what the user pasted (the base64 `SAMLResponse` value, the URL-encoded form
//! body, or the XML), the [`Expected`] configuration and the clock, and gives a [`Report`]: one
//! [`CheckLine`] per check with a status and, for a failure, the fix naming the console and
//! field; the subject and attributes as data; the XML pretty-printed. Nothing is fetched.
//! [`check_with`] also checks without a setup (the lines that need one are
//! [`Status::NotChecked`]) or with the certificate the response itself carries
//! ([`Verifier::KeyInfo`]). An encrypted Assertion is not decrypted: what lies outside the
//! encryption is checked and the [`Check::Encryption`] line says what could not be.
//!
//! Defences against signature wrapping (see docs/saml-response-check.md): IDs unique; exactly
//! one Assertion (or EncryptedAssertion); signatures only as the direct child of the Response or
//! of that Assertion, each with one Reference to its own parent's ID; values read only from the
//! Response and its one Assertion; an element's text is all of its text nodes; the signature
//! verified only with the configured certificates (the KeyInfo certificate is only compared and
//! shown), unless [`Verifier::KeyInfo`] is asked for, which the Signature line then marks as
//! proving only that the response is unchanged since it was signed.

mod c14n;
mod certificates;
mod checks;
mod dsig;
mod error;
mod input;
mod pretty;
mod shape;
mod signature;
mod time;
mod urls;
mod values;

pub use c14n::{Options as C14nOptions, canonicalize};
pub use dsig::Hash;
pub use error::Error;

use crate::pki::Certificate;
use crate::setup::TeamName;
use roxmltree::{Document, ParsingOptions};

/// SAML 2.0 protocol namespace (`samlp:Response`).
pub const PROTOCOL_NS: &str = "urn:oasis:names:tc:SAML:2.0:protocol";
/// SAML 2.0 assertion namespace (`saml:Assertion`).
pub const ASSERTION_NS: &str = "urn:oasis:names:tc:SAML:2.0:assertion";
/// XML Signature namespace.
pub const DSIG_NS: &str = "http://www.w3.org/2000/09/xmldsig#";

/// What the response is checked against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expected {
    /// The Cloudflare team: its callback URL is the SP Entity ID, the ACS URL, the
    /// Destination, the Recipient and the Audience.
    pub team: TeamName,
    /// The IdP Entity ID (JumpCloud's IdP Entity ID, Cloudflare's "IdP Entity ID or Issuer URL").
    pub idp_entity_id: String,
    /// JumpCloud's SSO URL (shown; a response does not carry it).
    pub sso_url: String,
    /// The certificates Cloudflare has (`idp_public_certs`); only these verify signatures.
    pub certificates: Vec<Certificate>,
    /// Cloudflare's Email attribute name, when set (else Cloudflare reads the NameID).
    pub email_attribute: Option<String>,
    /// The group attribute JumpCloud sends, when set up (`groups`).
    pub group_attribute: Option<String>,
}

impl Expected {
    /// `https://<team>.cloudflareaccess.com/cdn-cgi/access/callback`.
    pub fn callback_url(&self) -> String {
        self.team.callback_url()
    }
}

/// Which certificate verifies the signatures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Verifier {
    /// The certificates of the setup ([`Expected::certificates`]); none without a setup.
    #[default]
    Configured,
    /// The certificate in the response's own `KeyInfo`: proves only that the response is
    /// unchanged since it was signed, not who signed it.
    KeyInfo,
}

/// The checks, in the order shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Check {
    /// Whether the response holds an Assertion at all.
    Assertion,
    /// Which element is signed, and whether the signature verifies.
    Signature,
    /// The KeyInfo certificate against the configured ones.
    SigningCertificate,
    /// An encrypted Assertion, NameID or attribute: what cannot be checked here.
    Encryption,
    /// Issuer = IdP Entity ID.
    Issuer,
    /// Response Destination = callback URL.
    Destination,
    /// SubjectConfirmationData Recipient = callback URL.
    Recipient,
    /// Audience = SP Entity ID.
    Audience,
    /// NameID: emailAddress format, an email address.
    NameId,
    /// The configured email attribute is present.
    EmailAttribute,
    /// The configured group attribute is present; its values.
    GroupAttribute,
    /// StatusCode Success.
    Status,
    /// NotBefore / NotOnOrAfter / SessionNotOnOrAfter against the clock.
    TimeWindow,
    /// The verifying certificate's own validity.
    CertificateValidity,
}

impl Check {
    /// The line's exact name.
    pub fn name(self) -> &'static str {
        match self {
            Check::Assertion => "Assertion",
            Check::Signature => "Signature",
            Check::SigningCertificate => "Signing certificate",
            Check::Encryption => "Encryption",
            Check::Issuer => "Issuer",
            Check::Destination => "Destination",
            Check::Recipient => "Recipient",
            Check::Audience => "Audience",
            Check::NameId => "NameID",
            Check::EmailAttribute => "Email attribute",
            Check::GroupAttribute => "Group attribute",
            Check::Status => "Status",
            Check::TimeWindow => "Time window",
            Check::CertificateValidity => "Certificate validity",
        }
    }
}

/// A line's status word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// As expected.
    Pass,
    /// Cloudflare will refuse this, or it is unsafe.
    Fail,
    /// Works, but should be changed.
    Warning,
    /// Could not be checked: no setup to compare with, or inside the encryption.
    NotChecked,
}

impl Status {
    /// `Pass`, `Fail` or `Warning`.
    pub fn label(self) -> &'static str {
        match self {
            Status::Pass => "Pass",
            Status::Fail => "Fail",
            Status::Warning => "Warning",
            Status::NotChecked => "Not checked",
        }
    }
}

/// One check's outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckLine {
    /// Which check.
    pub check: Check,
    /// Pass, Fail or Warning.
    pub status: Status,
    /// What was found, in a sentence.
    pub detail: String,
    /// For a Fail (and some warnings): what to change, naming the console and the field.
    pub fix: Option<String>,
}

/// One SAML attribute with all its values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribute {
    /// `Name`.
    pub name: String,
    /// Every `AttributeValue`'s whole text.
    pub values: Vec<String>,
}

/// Everything the page shows about a response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The check lines, in [`Check`] order (lines that do not apply are left out).
    pub lines: Vec<CheckLine>,
    /// The NameID's whole text, when there is one Assertion.
    pub name_id: Option<String>,
    /// The NameID's Format.
    pub name_id_format: Option<String>,
    /// The attributes, in document order.
    pub attributes: Vec<Attribute>,
    /// The XML, indented, for Copy XML.
    pub pretty_xml: String,
}

impl Report {
    /// The line for `check`, when it applies.
    pub fn line(&self, check: Check) -> Option<&CheckLine> {
        self.lines.iter().find(|line| line.check == check)
    }

    /// The failing lines, in order.
    pub fn failures(&self) -> impl Iterator<Item = &CheckLine> {
        self.lines.iter().filter(|line| line.status == Status::Fail)
    }

    /// Whether no line failed.
    pub fn passed(&self) -> bool {
        self.failures().next().is_none()
    }

    /// Whether the response carries something encrypted (an [`Check::Encryption`] line).
    pub fn encrypted(&self) -> bool {
        self.line(Check::Encryption).is_some()
    }

    /// "All checks passed" (", 1 warning" / ", N warnings"), or "1 problem found" /
    /// "N problems found". Never "All checks passed" when something was encrypted or not
    /// checked: then "No problem found outside the encryption" or "No problem found in what
    /// could be checked", with the warnings and the lines not checked counted.
    pub fn headline(&self) -> String {
        let count = |status| self.lines.iter().filter(|l| l.status == status).count();
        let (failures, warnings, unchecked) = (
            count(Status::Fail),
            count(Status::Warning),
            count(Status::NotChecked),
        );
        let plural = |n: usize, one: &str, many: &str| {
            if n == 1 {
                format!("1 {one}")
            } else {
                format!("{n} {many}")
            }
        };
        if failures > 0 {
            return plural(failures, "problem found", "problems found");
        }
        let mut headline = if self.encrypted() {
            "No problem found outside the encryption".to_owned()
        } else if unchecked > 0 {
            "No problem found in what could be checked".to_owned()
        } else {
            "All checks passed".to_owned()
        };
        if warnings > 0 {
            headline.push_str(&format!(", {}", plural(warnings, "warning", "warnings")));
        }
        if unchecked > 0 {
            headline.push_str(&format!(
                ", {}",
                plural(unchecked, "line not checked", "lines not checked")
            ));
        }
        headline
    }

    /// The headline, followed by the first failure's fix when something failed, else the
    /// first line not checked's fix (what would check it); for an encrypted response, how to
    /// check its contents.
    pub fn summary(&self) -> String {
        let first_fix = self
            .failures()
            .next()
            .or_else(|| {
                self.lines
                    .iter()
                    .find(|line| line.status == Status::NotChecked && !self.encrypted())
            })
            .and_then(|line| line.fix.as_deref());
        let mut summary = match first_fix {
            Some(fix) => format!("{}. {fix}", self.headline()),
            None => self.headline(),
        };
        if let Some(encryption) = self.line(Check::Encryption) {
            let separator = if self.failures().next().is_none() {
                ". "
            } else {
                " "
            };
            summary.push_str(&format!(
                "{separator}{} {}",
                encryption.detail,
                checks::ENCRYPTED_HOW_TO
            ));
        }
        summary
    }
}

/// The deepest element nesting accepted. A response nests about 8 deep; the limit keeps the
/// (recursive) pretty-printer's stack small in wasm.
pub const MAX_DEPTH: usize = 64;

/// The deepest nesting in the document, in one pass (parents come before children).
fn max_depth(document: &Document<'_>) -> usize {
    let mut depth = vec![0usize; document.descendants().count() + 1];
    let mut deepest = 0;
    for node in document.descendants() {
        let parent = node
            .parent()
            .map(|p| depth[p.id().get_usize()])
            .unwrap_or(0);
        let own = parent + usize::from(node.is_element());
        depth[node.id().get_usize()] = own;
        deepest = deepest.max(own);
    }
    deepest
}

/// Checks a pasted response against `expected` at `now_unix` (seconds).
pub fn check(input: &[u8], expected: &Expected, now_unix: u64) -> Result<Report, Error> {
    check_with(input, Some(expected), Verifier::Configured, now_unix)
}

/// Checks a pasted response with or without a setup: `setup` gives the team, the IdP Entity
/// ID, the attribute names and (with [`Verifier::Configured`]) the certificates; without one,
/// the lines that need it are [`Status::NotChecked`] and everything else is checked and shown.
pub fn check_with(
    input: &[u8],
    setup: Option<&Expected>,
    verifier: Verifier,
    now_unix: u64,
) -> Result<Report, Error> {
    let xml = input::xml_text(input)?;
    let document = parse(&xml)?;
    let root = document.root_element();
    let mut report = checks::run(root, setup, verifier, now_unix);
    report.pretty_xml = pretty::print(&document);
    Ok(report)
}

/// The certificate in the `KeyInfo` of the response's signature (the Assertion's, else the
/// Response's), when what was pasted is a readable response that carries one.
pub fn key_info_certificate(input: &[u8]) -> Option<Certificate> {
    let xml = input::xml_text(input).ok()?;
    let document = parse(&xml).ok()?;
    shape::key_info_of(document.root_element())
}

/// The pasted XML, parsed within the limits, and its root a `samlp:Response`.
fn parse(xml: &str) -> Result<Document<'_>, Error> {
    let options = ParsingOptions {
        allow_dtd: false,
        nodes_limit: crate::import::MAX_XML_NODES,
        ..ParsingOptions::default()
    };
    let document = Document::parse_with_options(xml, options).map_err(|error| match error {
        roxmltree::Error::DtdDetected => Error::Dtd,
        other => Error::NotXml(crate::import::shorten(&other.to_string())),
    })?;
    if max_depth(&document) > MAX_DEPTH {
        return Err(Error::TooDeep);
    }
    let root = document.root_element();
    if !root.has_tag_name((PROTOCOL_NS, "Response")) {
        return Err(Error::NotResponse(crate::import::shorten(
            root.tag_name().name(),
        )));
    }
    Ok(document)
}
