//! Everything that can happen to the page, and how each action changes the state.

use super::{
    CheckAction, CloudflareTab, CurrentCertificates, Generated, Generation, GenerationError,
    ImportError, Issued, KeyOrigin, MAX_CHECKLIST_STEPS, Mode, RenewKey, State,
};
use crate::import::{IdpMetadata, InputKind};
use crate::pki::{
    Certificate, CertificateOptions, CertificateProfile, KeyFormat, KeyPair, KeySize,
};
use crate::setup::files::FileSpec;
use crate::setup::{
    Field, FormInput, HeaderPart, IdentityUpdateBehavior, JumpCloudApp, SamlHeaderInput,
    TerraformProvider,
};
use std::rc::Rc;

/// Everything that can happen to the page.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// The user typed in a text field.
    Edit(Field, String),
    /// The user left a text field.
    Leave(Field),
    /// The key size select changed (New key only; the component asks for confirmation first
    /// when [`State::key_size_change`] says so).
    SetKeySize(KeySize),
    /// The key format select changed (New key only).
    SetKeyFormat(KeyFormat),
    /// The certificate profile select changed.
    SetProfile(CertificateProfile),
    /// "Sign SAML requests" toggled.
    SetSignRequest(bool),
    /// The "JumpCloud app" radio group changed.
    SetJumpCloudApp(JumpCloudApp),
    /// "Remember my inputs on this device" toggled.
    SetRemember(bool),
    /// "Reset" pressed: inputs back to their defaults (the key stays).
    Reset,
    /// Generate was pressed while [`State::generate_blocker`] said why it cannot run: every
    /// field with a problem shows its message (an empty Team name too).
    GenerateTried,
    /// Generation started.
    GenerationStarted(KeyOrigin),
    /// Generation finished: the New-key slot gets this key (unsaved).
    Generated(Generated),
    /// Generation failed, for this reason.
    GenerationFailed(GenerationError),
    /// "Cancel" pressed while the built-in RSA worker ran: generation stops and any earlier
    /// key stays as it was.
    GenerationCancelled,
    /// No worker could run the built-in RSA path (this reason); it runs on the page's main
    /// thread, which the progress line says before the page blocks.
    WorkerRefused(String),
    /// A new certificate was issued for the same key after certificate options changed.
    CertificateReissued {
        /// The key it was issued for (ignored when another key was generated meanwhile:
        /// WebCrypto signs it asynchronously).
        key: Rc<KeyPair>,
        /// The new certificate.
        certificate: Rc<Certificate>,
        /// The options it was issued with.
        options: CertificateOptions,
    },
    /// A file was saved. Its `holds_key` (the outputs module says which files hold the key)
    /// marks the key of `mode`'s slot saved.
    FileSaved {
        /// The mode whose file it was.
        mode: Mode,
        /// The file.
        file: FileSpec,
    },
    /// A checklist step was ticked or unticked.
    ToggleStep(usize),
    /// An API tab was chosen.
    SelectTab(CloudflareTab),
    /// Something worth announcing happened (e.g. "Copied").
    Announce(String),
    /// The mode switch changed.
    SetMode(Mode),
    /// An existing private key was read (Renew): it fills the Renew slot and leaves the
    /// New-key slot alone.
    KeyImported {
        /// The key.
        key: Rc<KeyPair>,
        /// The format it came in.
        format: KeyFormat,
    },
    /// A certificate was issued for the imported key `key`.
    Renewed {
        /// The key it was issued for (ignored when another key was imported meanwhile).
        key: Rc<KeyPair>,
        /// The certificate and what it was issued with.
        issued: Issued,
    },
    /// The current certificate was read from a certificate file (Renew).
    CertificateImported(Rc<Certificate>),
    /// JumpCloud's metadata was given as the current certificates (Renew): all its signing
    /// certificates count as current.
    CurrentMetadataImported(Rc<IdpMetadata>),
    /// The "Key for the new certificate" radio group changed (Renew).
    SetRenewKey(RenewKey),
    /// "Renew this certificate" (From JumpCloud metadata): Renew certificate with "Make a new
    /// key" and the metadata's certificates as the current ones.
    RenewFromMetadata,
    /// "Check a response against the new certificate" (Renew): Check a SAML response against
    /// this page's setup, which is then the rotation's.
    CheckNewCertificate,
    /// JumpCloud's metadata was read.
    MetadataImported(Rc<IdpMetadata>),
    /// A file was refused; its message goes under its input and nothing else changes.
    ImportFailed(InputKind, ImportError),
    /// A file was chosen, dropped or pasted for input `kind` and read. `outcome` is what its
    /// contents made: its import action, or [`Action::ImportFailed`]. `name` is the browser's
    /// name for the file (`None` when pasted): a taken file is named under its input; a refused
    /// one leaves the earlier file in use, and its message says so.
    Import {
        /// The input.
        kind: InputKind,
        /// The file's name (user input: shown as text only).
        name: Option<String>,
        /// The import action, or why the file was refused.
        outcome: Box<Action>,
    },
    /// "Keep the current certificate too" toggled.
    SetKeepCurrent(bool),
    /// "Enable SCIM" toggled.
    SetScim(bool),
    /// "Enable user deprovisioning" toggled (turning it off also turns off the seat removal).
    SetUserDeprovision(bool),
    /// "Remove user seat on deprovision" toggled (ignored while user deprovisioning is off).
    SetSeatDeprovision(bool),
    /// The "SCIM identity update behavior" select changed.
    SetIdentityUpdateBehavior(IdentityUpdateBehavior),
    /// "Include group attribute" toggled.
    SetIncludeGroups(bool),
    /// The "Terraform provider" select changed.
    SetTerraformProvider(TerraformProvider),
    /// "Add SAML header" pressed: an empty row at the end.
    AddSamlHeader,
    /// "Remove SAML header N" pressed for row `index` (0-based; out of range is ignored).
    RemoveSamlHeader(usize),
    /// The user typed in one half of SAML header row `index` (out of range is ignored).
    EditSamlHeader(usize, HeaderPart, String),
    /// Something happened in Check a SAML response.
    ResponseCheck(CheckAction),
    /// "Ask JumpCloud to sign in again every time" toggled.
    SetForceAuthn(bool),
}

impl State {
    /// Applies one action.
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::Edit(field, value) => {
                if field == Field::IdpEntityId {
                    self.form.idp_entity_id_edited = true;
                }
                if let Some(text) = self.form.text_mut(field) {
                    *text = value;
                }
                self.touched.insert(field);
                self.revalidate();
            }
            Action::Leave(field) => {
                // Tabbing past a field never typed in that is still empty does not touch it: its
                // "required" message waits until something was typed or Generate was tried.
                if !self.form.text(field).trim().is_empty() {
                    self.touched.insert(field);
                }
                let normalised = self.form.normalised();
                if let Some(text) = self.form.text_mut(field) {
                    *text = normalised.text(field).to_owned();
                }
                if field == Field::TeamName && !self.form.idp_entity_id_edited {
                    self.form.idp_entity_id = normalised.idp_entity_id;
                }
                self.revalidate();
            }
            // The key controls belong to the modes that make a key; a kept key has its own.
            Action::SetKeySize(_) | Action::SetKeyFormat(_) if !self.makes_key() => {}
            // The key being made has the size it was started with; the select is disabled.
            Action::SetKeySize(_) if matches!(self.generation, Generation::Running(_)) => {}
            Action::SetKeySize(size) => {
                self.form.key_size = size;
                self.revalidate();
            }
            Action::SetKeyFormat(format) => {
                self.form.key_format = format;
                self.revalidate();
            }
            Action::SetProfile(profile) => {
                self.form.profile = profile;
                self.revalidate();
            }
            Action::SetSignRequest(on) => {
                self.form.sign_request = on;
                self.revalidate();
            }
            Action::SetJumpCloudApp(app) => {
                self.form.jumpcloud_app = app;
                self.revalidate();
            }
            Action::SetRemember(on) => self.remember = on,
            Action::Reset => {
                self.form = FormInput::default();
                self.touched.clear();
                self.announcement = "Inputs reset to their defaults.".into();
                self.revalidate();
            }
            Action::GenerateTried => {
                let problems = self.form.problems().into_iter().map(|(field, _)| field);
                self.touched.extend(problems.chain([Field::TeamName]));
            }
            Action::GenerationStarted(origin) => {
                self.generation = Generation::Running(origin);
                self.generating_for = self.mode;
                self.worker_refused = None;
                self.cancelled = false;
                self.announcement = "Generating the key and certificate…".into();
            }
            // A key from a cancelled generation: Cancel promised the earlier key stays.
            Action::Generated(_) if self.cancelled => {}
            Action::Generated(generated) => {
                self.announcement = format!(
                    "Key and certificate ready in {} ms. SHA-256 fingerprint {}.",
                    generated.took_ms.max(0.0).round() as u64,
                    generated.certificate.sha256_fingerprint()
                );
                if let Some(slot) = self.slot_of_mut(self.generating_for) {
                    *slot = Some(Generated {
                        saved: false,
                        ..generated
                    });
                }
                self.generation = Generation::Idle;
                self.worker_refused = None;
            }
            Action::GenerationFailed(message) => {
                self.announcement = format!("Generation failed: {message}");
                self.generation = Generation::Failed(Rc::new(message));
                self.worker_refused = None;
            }
            Action::GenerationCancelled => {
                if matches!(self.generation, Generation::Running(_)) {
                    self.generation = Generation::Idle;
                    self.worker_refused = None;
                    self.cancelled = true;
                    let earlier = self
                        .slot_of_mut(self.generating_for)
                        .is_some_and(|slot| slot.is_some());
                    self.announcement = if earlier {
                        "Generation cancelled. The earlier key is unchanged.".into()
                    } else {
                        "Generation cancelled.".into()
                    };
                }
            }
            Action::WorkerRefused(reason) => {
                if matches!(self.generation, Generation::Running(_)) {
                    self.worker_refused = Some(reason);
                    self.workers_refused_here = true;
                }
            }
            Action::CertificateReissued {
                key,
                certificate,
                options,
            } => {
                if let Some(generated) = [&mut self.new_key, &mut self.rotation_key]
                    .into_iter()
                    .flatten()
                    .find(|generated| Rc::ptr_eq(&generated.key, &key))
                {
                    generated.certificate = certificate;
                    generated.options = options;
                    self.announcement = "A new certificate was issued for the same key.".into();
                }
            }
            Action::FileSaved { mode, file } => {
                let saved = match mode {
                    Mode::NewKey => self.new_key.as_mut().map(|slot| &mut slot.saved),
                    Mode::Renew if self.renew_key == RenewKey::New => {
                        self.rotation_key.as_mut().map(|slot| &mut slot.saved)
                    }
                    Mode::Renew => self.renewal.as_mut().map(|slot| &mut slot.saved),
                    Mode::FromMetadata | Mode::CheckResponse => None,
                };
                if let (true, Some(saved)) = (file.holds_key, saved) {
                    *saved = true;
                }
                self.announcement = format!("Saved {}.", file.name);
            }
            Action::ToggleStep(index) => {
                let step = (self.mode, index);
                if index < MAX_CHECKLIST_STEPS && !self.checked.remove(&step) {
                    self.checked.insert(step);
                }
            }
            Action::SelectTab(tab) => self.tab = tab,
            Action::Announce(message) => self.announcement = message,
            Action::SetMode(mode) => {
                if mode != self.mode {
                    let left = self.mode;
                    self.recent_modes.retain(|m| *m != left);
                    self.recent_modes.insert(0, left);
                    self.mode = mode;
                    self.announcement = format!("{} mode.", mode.label());
                }
            }
            Action::KeyImported { key, format } => self.key_imported(key, format),
            Action::Renewed { key, issued } => self.renewed(&key, issued),
            Action::CertificateImported(certificate) => {
                self.set_current(CurrentCertificates::from_file(certificate));
            }
            Action::CurrentMetadataImported(metadata) => {
                self.set_current(CurrentCertificates::from_metadata(metadata));
            }
            Action::SetRenewKey(choice) => {
                self.renew_key = choice;
                self.announcement = format!("{}.", choice.label());
            }
            Action::RenewFromMetadata => self.renew_from_metadata(),
            Action::CheckNewCertificate => self.check_new_certificate(),
            Action::MetadataImported(metadata) => {
                self.imports.set_error(InputKind::Metadata, None);
                self.form.sign_request = metadata.want_authn_requests_signed;
                self.imports.metadata = Some(metadata);
                self.announcement = "JumpCloud metadata read.".into();
            }
            Action::ImportFailed(kind, error) => {
                self.announcement = format!("{}: {error}", kind.label());
                self.imports.set_error(kind, Some(error));
            }
            Action::Import {
                kind,
                name,
                outcome,
            } => self.import(kind, name, *outcome),
            Action::SetKeepCurrent(on) => self.imports.keep_current = on,
            Action::SetScim(on) => {
                self.form.scim_enabled = on;
                self.revalidate();
            }
            Action::SetUserDeprovision(on) => {
                self.form.scim_user_deprovision = on;
                self.form.scim_seat_deprovision &= on;
                self.revalidate();
            }
            Action::SetSeatDeprovision(on) => {
                self.form.scim_seat_deprovision = on && self.form.scim_user_deprovision;
                self.revalidate();
            }
            Action::SetIdentityUpdateBehavior(behavior) => {
                self.form.scim_identity_update_behavior = behavior;
                self.revalidate();
            }
            Action::SetIncludeGroups(on) => {
                self.form.include_groups_attribute = on;
                self.revalidate();
            }
            Action::SetTerraformProvider(provider) => {
                self.form.terraform_provider = provider;
                self.revalidate();
            }
            Action::AddSamlHeader => {
                self.form.saml_headers.push(SamlHeaderInput::default());
                self.revalidate();
            }
            Action::RemoveSamlHeader(index) => {
                if index < self.form.saml_headers.len() {
                    self.form.saml_headers.remove(index);
                    self.revalidate();
                }
            }
            Action::EditSamlHeader(index, part, value) => {
                if let Some(row) = self.form.saml_headers.get_mut(index) {
                    match part {
                        HeaderPart::AttributeName => row.attribute_name = value,
                        HeaderPart::HeaderName => row.header_name = value,
                    }
                    self.touched.insert(Field::SamlHeaders);
                    self.revalidate();
                }
            }
            Action::ResponseCheck(action) => self.apply_check(action),
            Action::SetForceAuthn(on) => {
                self.form.force_authn = on;
                self.revalidate();
            }
        }
    }
}
