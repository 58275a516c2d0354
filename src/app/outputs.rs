//! Which files and values each mode offers, decided in one place.
//!
//! [`Outputs::new`] reads the state for one mode (the clock is a parameter) and keeps only what
//! the outputs are made from; every file and value is built when asked for, so saving
//! `cloudflare-access-idp.tf` never touches the private key, and the key's PEM is encoded only
//! for `samlidp.key` and the ZIP. Whether a file holds the key is a property of the file
//! ([`FileSpec::holds_key`]), and files are named by [`PageFile`], never by text, so the page marks a key saved by what was actually saved.
//!
//! Pure: no browser types; tested natively (`tests/it/app.rs`, modules `slots` and `outputs`).

mod rotation;

pub use rotation::Rotating;

use super::state::{Mode, RenewKey, State};
use crate::pki::{self, Certificate, KeyFormat, KeyPair};
pub use crate::setup::files::FileSpec;
use crate::setup::files::{self, OutputFile, PageFile};
use crate::setup::{NamedValue, Setup, Step, cloudflare, guide, metadata, reminder};
use std::cell::Cell;
use std::rc::Rc;

/// What could not be written (each a bug to report: the inputs were already validated).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// A file or the ZIP could not be written.
    #[error(transparent)]
    Setup(#[from] crate::setup::Error),
    /// The key could not be written as PEM.
    #[error(transparent)]
    Key(#[from] pki::Error),
}

/// What the Cloudflare side and the files are made from, once a mode has everything.
#[derive(Debug, Clone, PartialEq)]
pub struct Ready {
    /// The validated setup (in metadata mode: entity ID and SSO URL from the metadata).
    pub setup: Setup,
    /// The certificates Cloudflare should trust, new first.
    pub certificates: Vec<Rc<Certificate>>,
    /// The certificate the expiry reminder is for.
    pub reminder_for: Rc<Certificate>,
    /// When the key or certificate was made: the reminder's DTSTAMP and the ZIP's times.
    pub made_at: u64,
    /// The new certificate, in modes that make one (New key, Renew).
    pub certificate: Option<Rc<Certificate>>,
    /// The key and the format `samlidp.key` is written in, in modes that offer it. Private:
    /// only [`Outputs::file`] encodes it.
    key: Option<(Rc<KeyPair>, KeyFormat)>,
    /// Renew certificate: what the rotation plan is made from.
    pub rotating: Option<Rotating>,
}

impl Ready {
    /// The certificates as the output functions take them.
    pub fn certificate_refs(&self) -> Vec<&Certificate> {
        self.certificates.iter().map(Rc::as_ref).collect()
    }

    /// Whether this mode offers the private key as a file.
    pub fn offers_key(&self) -> bool {
        self.key.is_some()
    }

    /// Whether this mode offers `file` now.
    fn offers(&self, file: PageFile) -> bool {
        // A rotation updates an existing identity provider: no POST body, no SP metadata (it
        // changes nothing in JumpCloud's SSO tab) and no Access group (nor SCIM or groups).
        let creates = self.rotating.is_none();
        let body = |file| {
            self.rotation()
                .is_some_and(|rotation| rotation.body_files().contains(&file))
        };
        match file {
            PageFile::Key => self.offers_key(),
            PageFile::Certificate | PageFile::IdpMetadata => self.certificate.is_some(),
            PageFile::SpMetadata => self.certificate.is_some() && creates,
            PageFile::ApiBody => creates,
            PageFile::ApiUpdateBody | PageFile::ApiFinalBody => body(file),
            PageFile::AccessGroup => creates && cloudflare::makes_access_group(&self.setup),
            PageFile::Terraform | PageFile::Reminder | PageFile::Zip => true,
        }
    }
}

/// The files and values of one mode.
#[derive(Debug)]
pub struct Outputs {
    /// The mode these are for.
    pub mode: Mode,
    /// The setup for the values that need no key (SP Entity ID, ACS URL, SP metadata), in the
    /// modes that show them.
    pub setup: Option<Setup>,
    /// Everything else, once the mode has it.
    pub ready: Option<Ready>,
    /// How many times the private key was encoded, so tests can prove it is only done on demand.
    key_pem_encodings: Cell<usize>,
}

impl PartialEq for Outputs {
    fn eq(&self, other: &Outputs) -> bool {
        // The counter is bookkeeping, not content.
        self.mode == other.mode && self.setup == other.setup && self.ready == other.ready
    }
}

impl Outputs {
    /// The outputs of `mode` for `state`; `now` (Unix seconds) stamps the metadata mode's
    /// reminder and ZIP, which have no key or certificate made here.
    pub fn new(state: &State, mode: Mode, now: u64) -> Outputs {
        let (setup, ready) = match mode {
            Mode::NewKey | Mode::Renew => (state.setup.clone(), key_outputs(state, mode)),
            Mode::FromMetadata => (None, metadata_outputs(state, now)),
            // Checking a response makes no files.
            Mode::CheckResponse => (None, None),
        };
        Outputs {
            mode,
            setup,
            ready,
            key_pem_encodings: Cell::new(0),
        }
    }

    /// Every file this mode offers now, in the page's order ("Download all" last).
    pub fn files(&self) -> Vec<FileSpec> {
        PageFile::ALL
            .into_iter()
            .filter_map(|file| self.spec(file))
            .collect()
    }

    /// `file` as this mode offers it now.
    pub fn spec(&self, file: PageFile) -> Option<FileSpec> {
        match &self.ready {
            Some(ready) => ready
                .offers(file)
                .then(|| FileSpec::new(file, &ready.setup.team, ready.offers_key())),
            // Before the key exists, only the SP metadata (it needs just the team).
            None => {
                let setup = self
                    .setup
                    .as_ref()
                    .filter(|_| file == PageFile::SpMetadata)?;
                Some(FileSpec::new(file, &setup.team, false))
            }
        }
    }

    /// Builds `file`, or `None` when this mode does not offer it (yet). Only this file's
    /// content is made.
    pub fn file(&self, file: PageFile) -> Result<Option<OutputFile>, Error> {
        let Some(spec) = self.spec(file) else {
            return Ok(None);
        };
        self.build(&spec)
    }

    /// One listed file's content.
    fn build(&self, spec: &FileSpec) -> Result<Option<OutputFile>, Error> {
        let text = |text: String| Ok(Some(OutputFile::new(spec.file, text.into_bytes())));
        let Some(ready) = &self.ready else {
            // Before the mode is ready only the SP metadata is listed.
            return Ok(self
                .setup
                .as_ref()
                .map(|setup| files::sp_metadata_file(&setup.team)));
        };
        let setup = &ready.setup;
        let certificates = ready.certificate_refs();
        match spec.file {
            PageFile::Key => {
                let Some((key, format)) = &ready.key else {
                    return Ok(None);
                };
                self.key_pem_encodings.set(self.key_pem_encodings.get() + 1);
                Ok(Some(files::key_file(&key.to_pem(*format)?)))
            }
            PageFile::Certificate => Ok(match &ready.certificate {
                Some(certificate) => Some(files::certificate_file(certificate)?),
                None => None,
            }),
            PageFile::SpMetadata => Ok(Some(files::sp_metadata_file(&setup.team))),
            PageFile::IdpMetadata => text(metadata::idp_metadata_xml(setup, &certificates)),
            PageFile::ApiBody => text(cloudflare::api_body(setup, &certificates)),
            PageFile::ApiUpdateBody | PageFile::ApiFinalBody => {
                let Some(rotation) = ready.rotation() else {
                    return Ok(None);
                };
                let certificates = if spec.file == PageFile::ApiFinalBody {
                    rotation.final_certificates()
                } else {
                    rotation.update_certificates()
                };
                text(cloudflare::api_body(setup, &certificates))
            }
            PageFile::AccessGroup => Ok(files::access_group_file(setup)),
            PageFile::Terraform => text(self.terraform_for(ready)),
            PageFile::Reminder => text(reminder::expiry_ics(
                setup,
                &ready.reminder_for,
                ready.made_at,
            )),
            PageFile::Zip => self.zip(ready),
        }
    }

    /// Every other listed file, in order, as one ZIP.
    fn zip(&self, ready: &Ready) -> Result<Option<OutputFile>, Error> {
        let mut parts = Vec::new();
        for spec in self
            .files()
            .iter()
            .filter(|spec| spec.file != PageFile::Zip)
        {
            parts.extend(self.build(spec)?);
        }
        let zip = files::zip_all(&parts, ready.made_at)?;
        Ok(Some(OutputFile::named(
            PageFile::Zip,
            files::zip_name(&ready.setup.team),
            zip,
        )))
    }

    /// How many times the private key was encoded as PEM by this value.
    pub fn key_pem_encodings(&self) -> usize {
        self.key_pem_encodings.get()
    }

    /// JumpCloud's steps for the chosen app, from the setup (they need no key: the upload step
    /// names the files).
    pub fn jumpcloud_steps(&self) -> Vec<Step> {
        if self.mode == Mode::Renew {
            // A rotation's JumpCloud step is in the rotation plan.
            return Vec::new();
        }
        let setup = self.ready.as_ref().map(|ready| &ready.setup);
        setup
            .or(self.setup.as_ref())
            .map(|setup| {
                let mut steps = guide::jumpcloud_steps(setup);
                if setup.scim.is_some() {
                    // JumpCloud's SCIM steps need what Cloudflare's show: they follow those.
                    steps.push(Step::new(guide::SCIM_LATER_NOTE));
                }
                steps
            })
            .unwrap_or_default()
    }

    /// Cloudflare One's dashboard steps (one signing certificate: the first); none while
    /// rotating (the rotation plan has them).
    pub fn cloudflare_steps(&self) -> Vec<Step> {
        self.ready
            .as_ref()
            .filter(|ready| ready.rotating.is_none())
            .and_then(|ready| {
                let first = ready.certificates.first()?;
                let mut steps = guide::cloudflare_steps(&ready.setup, first);
                // Cloudflare's SCIM steps show the endpoint and the secret, then JumpCloud's
                // take them: the only order the two consoles allow.
                steps.extend(guide::cloudflare_scim_steps(&ready.setup));
                steps.extend(guide::jumpcloud_scim_steps(&ready.setup));
                steps.extend(guide::access_group_steps(&ready.setup));
                Some(steps)
            })
            .unwrap_or_default()
    }

    /// The values for Cloudflare's dashboard form (one signing certificate: the first).
    pub fn dashboard_values(&self) -> Vec<NamedValue> {
        self.ready
            .as_ref()
            .and_then(|ready| {
                let first = ready.certificates.first()?;
                Some(cloudflare::dashboard_values(&ready.setup, first))
            })
            .unwrap_or_default()
    }

    /// The Cloudflare API body (JSON) that creates the identity provider; none while rotating.
    pub fn api_body(&self) -> Option<String> {
        let ready = self.ready.as_ref().filter(|r| r.rotating.is_none())?;
        Some(cloudflare::api_body(
            &ready.setup,
            &ready.certificate_refs(),
        ))
    }

    /// The curl command that creates the identity provider; none while rotating.
    pub fn curl(&self) -> Option<String> {
        let ready = self.ready.as_ref().filter(|r| r.rotating.is_none())?;
        Some(cloudflare::curl_command(&ready.setup))
    }

    /// The Terraform configuration.
    pub fn terraform(&self) -> Option<String> {
        Some(self.terraform_for(self.ready.as_ref()?))
    }

    /// Finish's downloads, once the mode has its files: "Download all" and the reminder.
    pub fn finish_downloads(&self) -> Option<(FileSpec, FileSpec)> {
        Some((self.spec(PageFile::Zip)?, self.spec(PageFile::Reminder)?))
    }
}

/// New key and Renew: the mode's own key and certificate, with the form's setup (in Renew, the
/// existing identity provider's: [`State::renew_setup`]).
fn key_outputs(state: &State, mode: Mode) -> Option<Ready> {
    let active = state.active_key(mode)?;
    let (setup, rotating) = if mode == Mode::Renew {
        let rotating = Rotating {
            current: state.current_certificates().to_vec(),
            keep_current: state.imports.keep_current,
            key_kept: state.renew_key == RenewKey::Keep,
        };
        (state.renew_setup()?.ok()?, Some(rotating))
    } else {
        (state.setup.clone()?, None)
    };
    Some(Ready {
        setup,
        certificates: state.cloudflare_certificates(mode),
        reminder_for: active.certificate.clone(),
        made_at: active.made_at,
        certificate: Some(active.certificate.clone()),
        key: Some((active.key.clone(), active.format)),
        rotating,
    })
}

/// From JumpCloud metadata: JumpCloud's certificates, no key.
fn metadata_outputs(state: &State, now: u64) -> Option<Ready> {
    let setup = state.metadata_setup()?.ok()?;
    let metadata = state.imports.metadata.as_ref()?;
    Some(Ready {
        setup,
        certificates: metadata.certificates.iter().cloned().map(Rc::new).collect(),
        reminder_for: Rc::new(metadata.first_to_expire()?.clone()),
        made_at: now,
        certificate: None,
        key: None,
        rotating: None,
    })
}
