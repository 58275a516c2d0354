//! Renew certificate's own state: which key the new certificate is for, the certificates
//! Cloudflare trusts today, and the setup a rotation's update bodies are made from.

use super::{
    Action, CheckAction, CheckAgainst, ImportError, ImportProblem, Issued, Mode, Renewal, State,
};
use crate::import::{IdpMetadata, InputKind};
use crate::pki::{Certificate, KeyFormat, KeyPair};
use crate::setup::{Field, FormInput, FormProblems, Setup};
use std::rc::Rc;

/// Which key the new certificate in Renew certificate is for (the "Key for the new
/// certificate" radio group).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RenewKey {
    /// The key JumpCloud holds today, read from its file (only the certificate changes).
    #[default]
    Keep,
    /// A new key made here: the way to rotate a pair JumpCloud made, whose key was never seen.
    New,
}

impl RenewKey {
    /// Both choices, default first.
    pub const ALL: [RenewKey; 2] = [RenewKey::Keep, RenewKey::New];
    /// The radio group's legend.
    pub const LEGEND: &'static str = "Key for the new certificate";

    /// The radio's text.
    pub fn label(self) -> &'static str {
        match self {
            RenewKey::Keep => "Keep my current key",
            RenewKey::New => "Make a new key",
        }
    }

    /// The radio's DOM id.
    pub fn id(self) -> &'static str {
        match self {
            RenewKey::Keep => "renew-key-keep",
            RenewKey::New => "renew-key-new",
        }
    }
}

/// The certificates Cloudflare trusts today (Renew certificate), and where they were read from.
#[derive(Debug, Clone, PartialEq)]
pub struct CurrentCertificates {
    /// The certificates, in the file's order; at least one.
    pub certificates: Vec<Rc<Certificate>>,
    /// JumpCloud's exported metadata, when they came from it: its IdP Entity ID and SSO URL
    /// are then what the existing identity provider uses.
    pub metadata: Option<Rc<IdpMetadata>>,
}

impl CurrentCertificates {
    /// One certificate read from a certificate file.
    pub fn from_file(certificate: Rc<Certificate>) -> CurrentCertificates {
        CurrentCertificates {
            certificates: vec![certificate],
            metadata: None,
        }
    }

    /// Every signing certificate of JumpCloud's metadata.
    pub fn from_metadata(metadata: Rc<IdpMetadata>) -> CurrentCertificates {
        CurrentCertificates {
            certificates: metadata.certificates.iter().cloned().map(Rc::new).collect(),
            metadata: Some(metadata),
        }
    }
}

impl State {
    /// The certificates Cloudflare trusts today (Renew), as given; empty when none was.
    pub fn current_certificates(&self) -> &[Rc<Certificate>] {
        self.imports
            .current
            .as_ref()
            .map_or(&[], |current| current.certificates.as_slice())
    }

    /// The setup a rotation's update bodies are made from: the form's, with the IdP Entity ID
    /// and SSO URL of JumpCloud's metadata when the current certificates came from it (those
    /// are what the existing identity provider uses), or the message that explains what is
    /// missing. `None` until the form has a team name.
    pub fn renew_setup(&self) -> Option<Result<Setup, FormProblems>> {
        let setup = self.setup.clone()?;
        let Some(metadata) = self
            .imports
            .current
            .as_ref()
            .and_then(|c| c.metadata.as_ref())
        else {
            return Some(Ok(setup));
        };
        let form = FormInput {
            sso_url: metadata.sso_target_url().unwrap_or_default().to_owned(),
            idp_entity_id: metadata.entity_id.clone(),
            idp_entity_id_edited: true,
            ..self.form.clone()
        };
        Some(form.validate().map_err(FormProblems))
    }

    /// Where JumpCloud's metadata (the current certificates' source in Renew) differs from the
    /// form: (label, the form's value, the metadata's value). The update bodies use the
    /// metadata's.
    pub fn renew_differences(&self) -> Vec<(&'static str, String, String)> {
        let (Some(setup), Some(metadata)) = (
            self.setup.as_ref(),
            self.imports
                .current
                .as_ref()
                .and_then(|c| c.metadata.as_ref()),
        ) else {
            return Vec::new();
        };
        let mut differences = Vec::new();
        if setup.idp_entity_id != metadata.entity_id {
            differences.push((
                Field::IdpEntityId.label(),
                setup.idp_entity_id.clone(),
                metadata.entity_id.clone(),
            ));
        }
        if let Some(sso) = metadata.sso_target_url()
            && setup.sso_url != sso
        {
            differences.push((Field::SsoUrl.label(), setup.sso_url.clone(), sso.to_owned()));
        }
        differences
    }

    /// An existing private key was read ("Keep my current key"). One given while "Make a new
    /// key" is chosen means the admin has the key after all: it is kept rather than ignored,
    /// and the page says so.
    pub(super) fn key_imported(&mut self, key: Rc<KeyPair>, format: KeyFormat) {
        self.imports.set_error(InputKind::PrivateKey, None);
        let switched = self.renew_key == RenewKey::New;
        self.renew_key = RenewKey::Keep;
        self.renewal = Some(Renewal {
            key,
            format,
            issued: None,
            saved: true,
        });
        self.announcement = if switched {
            "Private key read, so “Keep my current key” is chosen now. A new certificate is being issued for it.".into()
        } else {
            "Private key read. A new certificate is being issued for it.".into()
        };
    }

    /// A certificate was issued for the imported key `key` (ignored when another key was
    /// imported meanwhile).
    pub(super) fn renewed(&mut self, key: &Rc<KeyPair>, issued: Issued) {
        if let Some(renewal) = &mut self.renewal
            && Rc::ptr_eq(&renewal.key, key)
        {
            self.announcement = format!(
                "New certificate issued for your key. SHA-256 fingerprint {}.",
                issued.certificate.sha256_fingerprint()
            );
            renewal.issued = Some(issued);
        }
    }

    /// "Renew this certificate" (From JumpCloud metadata): Renew certificate with "Make a new
    /// key" and the metadata's certificates as the current ones.
    pub(super) fn renew_from_metadata(&mut self) {
        if let Some(metadata) = self.imports.metadata.clone() {
            self.apply(Action::SetMode(Mode::Renew));
            self.renew_key = RenewKey::New;
            self.imports.set_error(InputKind::Certificate, None);
            self.imports.current = Some(CurrentCertificates::from_metadata(metadata));
            self.announcement = "Renew certificate: make a new key; JumpCloud's certificates from the metadata are the current ones.".into();
        }
    }

    /// "Check a response against the new certificate": the check then uses this page's setup,
    /// which is the rotation's (Renew is the most recent mode).
    pub(super) fn check_new_certificate(&mut self) {
        self.apply(Action::SetMode(Mode::CheckResponse));
        self.apply_check(CheckAction::SetAgainst(CheckAgainst::ThisSetup));
    }

    /// Takes `current` as the certificates Cloudflare trusts today, unless one of them is the
    /// new certificate made here (which cannot be its own predecessor).
    pub(super) fn set_current(&mut self, current: CurrentCertificates) {
        let new = self
            .active_key(Mode::Renew)
            .map(|active| active.certificate.clone());
        if let Some(new) = new
            && current.certificates.iter().any(|c| c.der() == new.der())
        {
            let message = ImportError::from(ImportProblem::NewCertificate);
            self.announcement = format!("{}: {message}", InputKind::Certificate.label());
            self.imports
                .set_error(InputKind::Certificate, Some(message));
            return;
        }
        let count = current.certificates.len();
        self.imports.set_error(InputKind::Certificate, None);
        self.announcement = match (&current.metadata, count) {
            (Some(_), 1) => {
                "JumpCloud's metadata read: its signing certificate is the current one.".into()
            }
            (Some(_), n) => format!(
                "JumpCloud's metadata read: its {n} signing certificates are the current ones."
            ),
            (None, _) => "Current certificate read.".into(),
        };
        self.imports.current = Some(current);
    }
}
