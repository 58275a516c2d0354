//! Check a SAML response: the one mode that holds no key. Its slot keeps the pasted text, what
//! it is checked against, the certificate file for that, and the last report. None of it is
//! remembered (only [`crate::setup::FormInput`] is), and the clock is a parameter.
//!
//! It works without any setup: "This page's setup" with none checks what needs no setup and
//! shows the rest as Not checked. Until the user chooses, "Check against" is this page's setup
//! when a mode has one, else the certificate in the pasted response when it carries one.

use super::{CheckError, Mode, State};
use crate::app::outputs::Outputs;
use crate::import::InputKind;
use crate::pki::Certificate;
use crate::response::{self, Expected, Report, Verifier};
use crate::setup::Setup;
use crate::setup::options::GROUPS_ATTRIBUTE;
use std::rc::Rc;

/// What a response is checked against (the "Check against" radio group).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CheckAgainst {
    /// The setup of the most recent mode that has one (none: what needs no setup).
    #[default]
    ThisSetup,
    /// A certificate file, with the team name and the other values from the form.
    CertificateFile,
    /// The certificate in the response's own KeyInfo, with the form's values when the team
    /// name is entered: proves only that the response is unchanged since it was signed.
    ResponseCertificate,
}

impl CheckAgainst {
    /// Every choice, in the page's order (the last only offered when the response carries a
    /// certificate).
    pub const ALL: [CheckAgainst; 3] = [
        CheckAgainst::ThisSetup,
        CheckAgainst::CertificateFile,
        CheckAgainst::ResponseCertificate,
    ];
    /// The radio group's legend.
    pub const LEGEND: &str = "Check against";

    /// The radio's text.
    pub fn label(self) -> &'static str {
        match self {
            CheckAgainst::ThisSetup => "This page's setup",
            CheckAgainst::CertificateFile => "A certificate file",
            CheckAgainst::ResponseCertificate => "The certificate in this response",
        }
    }

    /// The radio's DOM id.
    pub fn id(self) -> &'static str {
        match self {
            CheckAgainst::ThisSetup => "check-against-setup",
            CheckAgainst::CertificateFile => "check-against-file",
            CheckAgainst::ResponseCertificate => "check-against-response",
        }
    }
}

/// The response-check slot.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ResponseCheck {
    /// The "SAML response" text area, as typed, pasted or read from a dropped file.
    pub text: String,
    /// "Check against" as chosen; `None` until the user chooses (see
    /// [`State::check_against`]).
    pub against: Option<CheckAgainst>,
    /// The certificate in the pasted response's KeyInfo, read when the text changes.
    pub key_info: Option<Rc<Certificate>>,
    /// The "Certificate to check against", once read.
    pub certificate: Option<Rc<Certificate>>,
    /// The last check: the report, or why the response could not be checked. `None` before
    /// "Check response", after "Clear" and after the text changes.
    pub outcome: Option<Result<Rc<Report>, CheckError>>,
    /// What the last check used, in words ("the setup of New key: …").
    pub checked_against: String,
}

/// Everything that happens in the response-check mode.
#[derive(Debug, Clone, PartialEq)]
pub enum CheckAction {
    /// The text area changed.
    Edit(String),
    /// A file dropped on the text area was read (its text), or could not be (why).
    FileRead(Result<String, CheckError>),
    /// "Check against" changed.
    SetAgainst(CheckAgainst),
    /// The "Certificate to check against" was read.
    CertificateImported(Rc<Certificate>),
    /// "Check response" pressed, at `now` (Unix seconds, the device's clock).
    Run {
        /// The clock the time window is checked against.
        now: u64,
    },
    /// "Clear": wipes the text and the results.
    Clear,
}

/// The configuration a response is checked against, and where it came from in words.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckBasis {
    /// What the checker compares with; `None` without a setup.
    pub expected: Option<Expected>,
    /// Which certificate verifies the signature.
    pub verifier: Verifier,
    /// "the setup of New key", "the certificate file …".
    pub source: String,
    /// What this choice cannot tell, and what would, in sentences; empty when nothing.
    pub note: String,
}

/// The checker's view of a setup and its certificates.
pub fn expected(setup: &Setup, certificates: Vec<Certificate>) -> Expected {
    Expected {
        team: setup.team.clone(),
        idp_entity_id: setup.idp_entity_id.clone(),
        sso_url: setup.sso_url.clone(),
        certificates,
        email_attribute: (!setup.email_attribute_name.is_empty())
            .then(|| setup.email_attribute_name.clone()),
        group_attribute: setup.groups_attribute.then(|| GROUPS_ATTRIBUTE.to_owned()),
    }
}

fn summary(setup: &Setup, certificates: usize) -> String {
    let plural = if certificates == 1 { "" } else { "s" };
    format!(
        "team {}, IdP Entity ID {}, {certificates} signing certificate{plural}",
        setup.team.as_str(),
        setup.idp_entity_id
    )
}

impl State {
    /// The most recent mode with a complete setup (the current mode first, then the modes left,
    /// latest first), with what its Cloudflare side is made from. `now` only stamps outputs
    /// that are not used here.
    pub fn latest_setup(&self, now: u64) -> Option<(Mode, Outputs)> {
        std::iter::once(self.mode)
            .chain(self.recent_modes.iter().copied())
            .filter(|mode| *mode != Mode::CheckResponse)
            .map(|mode| (mode, Outputs::new(self, mode, now)))
            .find(|(_, outputs)| outputs.ready.is_some())
    }

    /// The "Check against" choices offered now: the certificate in the response only when the
    /// pasted response carries one.
    pub fn offered_against(&self) -> Vec<CheckAgainst> {
        CheckAgainst::ALL
            .into_iter()
            .filter(|a| *a != CheckAgainst::ResponseCertificate || self.response.key_info.is_some())
            .collect()
    }

    /// "Check against" in effect: the user's choice when it is offered; else this page's setup
    /// when a mode has one, else the certificate in the response when it carries one, else
    /// this page's setup (none: what needs no setup is checked).
    pub fn check_against(&self, now: u64) -> CheckAgainst {
        match self.response.against {
            Some(chosen) if self.offered_against().contains(&chosen) => chosen,
            _ if self.response.key_info.is_some() && self.latest_setup(now).is_none() => {
                CheckAgainst::ResponseCertificate
            }
            _ => CheckAgainst::ThisSetup,
        }
    }

    /// What "Check response" would check against now, or what is missing.
    pub fn check_basis(&self, now: u64) -> Result<CheckBasis, CheckError> {
        match self.check_against(now) {
            CheckAgainst::ThisSetup => {
                let Some((mode, outputs)) = self.latest_setup(now) else {
                    return Ok(CheckBasis {
                        source: "no setup (no mode has one yet)".to_owned(),
                        note: "Lines that need a setup show Not checked. To check them, generate a key in New key, read a key in Renew certificate or JumpCloud's metadata in From JumpCloud metadata, or check against a certificate file.".to_owned(),
                        expected: None,
                        verifier: Verifier::Configured,
                    });
                };
                let ready = outputs.ready.as_ref().ok_or(CheckError::NotReady)?;
                let certificates: Vec<Certificate> =
                    ready.certificates.iter().map(|c| (**c).clone()).collect();
                Ok(CheckBasis {
                    source: format!(
                        "the setup of {} ({})",
                        mode.label(),
                        summary(&ready.setup, certificates.len())
                    ),
                    note: String::new(),
                    expected: Some(expected(&ready.setup, certificates)),
                    verifier: Verifier::Configured,
                })
            }
            CheckAgainst::CertificateFile => {
                let setup = self.setup.as_ref().ok_or(CheckError::NoTeamName)?;
                let certificate =
                    (self.response.certificate.as_ref()).ok_or(CheckError::NoCertificate)?;
                Ok(CheckBasis {
                    source: format!(
                        "the certificate file (SHA-256 {}) and the form ({})",
                        certificate.sha256_fingerprint(),
                        summary(setup, 1)
                    ),
                    note: String::new(),
                    expected: Some(expected(setup, vec![(**certificate).clone()])),
                    verifier: Verifier::Configured,
                })
            }
            CheckAgainst::ResponseCertificate => {
                let fingerprint = self
                    .response
                    .key_info
                    .as_ref()
                    .map(|c| c.sha256_fingerprint())
                    .unwrap_or_default();
                let (form, enter) = match &self.setup {
                    Some(setup) => (
                        format!(
                            " and the form (team {}, IdP Entity ID {})",
                            setup.team.as_str(),
                            setup.idp_entity_id
                        ),
                        "",
                    ),
                    None => (
                        ", without a setup".to_owned(),
                        " Enter your team name above to check the URLs and the Issuer too.",
                    ),
                };
                Ok(CheckBasis {
                    source: format!(
                        "the certificate in this response (SHA-256 {fingerprint}){form}"
                    ),
                    note: format!(
                        "This proves only that the response is unchanged since it was signed, not who signed it.{enter}"
                    ),
                    expected: self.setup.as_ref().map(|setup| expected(setup, Vec::new())),
                    verifier: Verifier::KeyInfo,
                })
            }
        }
    }

    /// Applies one response-check action.
    pub(super) fn apply_check(&mut self, action: CheckAction) {
        let slot = &mut self.response;
        match action {
            CheckAction::Edit(text) => {
                slot.key_info = response::key_info_certificate(text.as_bytes()).map(Rc::new);
                slot.text = text;
                slot.outcome = None;
            }
            CheckAction::FileRead(Ok(text)) => {
                slot.key_info = response::key_info_certificate(text.as_bytes()).map(Rc::new);
                slot.text = text;
                slot.outcome = None;
                self.announcement = "Response file read. Press Check response.".into();
            }
            CheckAction::FileRead(Err(error)) => {
                self.announcement = error.to_string();
                slot.outcome = Some(Err(error));
            }
            CheckAction::SetAgainst(against) => {
                slot.against = Some(against);
                slot.outcome = None;
            }
            CheckAction::CertificateImported(certificate) => {
                self.imports.set_error(InputKind::CheckCertificate, None);
                slot.certificate = Some(certificate);
                slot.outcome = None;
                self.announcement = "Certificate to check against read.".into();
            }
            CheckAction::Run { now } => {
                let (outcome, against) = match self.check_basis(now) {
                    Ok(basis) => (
                        response::check_with(
                            self.response.text.as_bytes(),
                            basis.expected.as_ref(),
                            basis.verifier,
                            now,
                        )
                        .map(Rc::new)
                        .map_err(CheckError::from),
                        basis.source,
                    ),
                    Err(error) => (Err(error), String::new()),
                };
                self.announcement = match &outcome {
                    Ok(report) => report.summary(),
                    Err(error) => error.to_string(),
                };
                self.response.outcome = Some(outcome);
                self.response.checked_against = against;
            }
            CheckAction::Clear => {
                *slot = ResponseCheck {
                    against: slot.against,
                    certificate: slot.certificate.take(),
                    ..ResponseCheck::default()
                };
                self.announcement = "Response and results cleared.".into();
            }
        }
    }
}
