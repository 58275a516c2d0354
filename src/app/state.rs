//! The page's state and every change to it, as named actions applied by one pure function.
//!
//! No web-sys here: side effects (WebCrypto, the clock, downloads, storage) happen in the
//! components, which then report their results back as actions. That keeps every rule of the
//! page testable natively and without a DOM.

use crate::import::{IdpMetadata, InputKind, setup_from_metadata};
use crate::pki::{
    Certificate, CertificateOptions, CertificateProfile, KeyFormat, KeyPair, KeySize,
};
use crate::setup::{Field, FormInput, Setup};
use std::collections::BTreeSet;
use std::rc::Rc;

/// Where a key came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyOrigin {
    /// The browser's WebCrypto (`crypto.subtle.generateKey`).
    WebCrypto,
    /// The `rsa` crate compiled to wasm (no WebCrypto on this origin).
    Wasm,
    /// The user's existing key (Renew certificate).
    Imported,
}

impl KeyOrigin {
    /// How the page names it.
    pub fn label(self) -> &'static str {
        match self {
            KeyOrigin::WebCrypto => "the browser's WebCrypto",
            KeyOrigin::Wasm => "built-in RSA (WebCrypto is not available on this page's origin)",
            KeyOrigin::Imported => "your existing key",
        }
    }
}

/// A generated key and its current certificate.
#[derive(Debug, Clone, PartialEq)]
pub struct Generated {
    /// The private key (never rendered as text).
    pub key: Rc<KeyPair>,
    /// The certificate for `key`, issued with `options`.
    pub certificate: Rc<Certificate>,
    /// The certificate options `certificate` was issued with.
    pub options: CertificateOptions,
    /// When the key was made (Unix seconds).
    pub generated_at: u64,
    /// How long generation took, from the click to the certificate, in milliseconds.
    pub took_ms: f64,
    /// Where the key came from.
    pub origin: KeyOrigin,
}

/// Whether generation is running or failed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Generation {
    /// Nothing running.
    #[default]
    Idle,
    /// A key is being made.
    Running(KeyOrigin),
    /// The last attempt failed with this message.
    Failed(String),
}

/// The tabs of the Cloudflare API section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CloudflareTab {
    /// The API body (JSON).
    #[default]
    ApiJson,
    /// The curl command.
    Curl,
    /// Terraform.
    Terraform,
    /// The update body and its curl command (Renew certificate).
    Update,
}

/// What the page is for right now (the mode switch at the top).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// Make a new key and certificate.
    #[default]
    NewKey,
    /// Issue a new certificate for an existing key; optionally inspect the current certificate.
    Renew,
    /// Turn JumpCloud's exported IdP metadata into the Cloudflare configuration.
    FromMetadata,
}

impl Mode {
    /// Every mode, in the switch's order.
    pub const ALL: [Mode; 3] = [Mode::NewKey, Mode::Renew, Mode::FromMetadata];

    /// The switch's text for this mode.
    pub fn label(self) -> &'static str {
        match self {
            Mode::NewKey => "New key",
            Mode::Renew => "Renew certificate",
            Mode::FromMetadata => "From JumpCloud metadata",
        }
    }
}

/// What the user gave the file inputs, and what was wrong with it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Imports {
    /// The existing key (Renew); never rendered as text.
    pub key: Option<Rc<KeyPair>>,
    /// The format the existing key came in, so it is offered back unchanged.
    pub key_format: Option<KeyFormat>,
    /// The current certificate (Renew, optional).
    pub current_certificate: Option<Rc<Certificate>>,
    /// JumpCloud's metadata (From JumpCloud metadata).
    pub metadata: Option<Rc<IdpMetadata>>,
    /// The latest message per input.
    pub errors: Vec<(InputKind, String)>,
    /// Keep the current certificate in Cloudflare next to the new one (rotation without downtime).
    pub keep_current: bool,
}

impl Imports {
    /// The message for one input, if its last file was refused.
    pub fn error(&self, kind: InputKind) -> Option<&str> {
        self.errors
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, message)| message.as_str())
    }

    fn set_error(&mut self, kind: InputKind, message: Option<String>) {
        self.errors.retain(|(k, _)| *k != kind);
        if let Some(message) = message {
            self.errors.push((kind, message));
        }
    }
}

/// The steps of the finishing checklist, in order.
pub const CHECKLIST: [&str; 8] = [
    "Create the SAML app in JumpCloud and enter the values above",
    "Upload samlidp.key and samlidp.crt in JumpCloud (IdP Private Key and IdP Certificate)",
    "Bind the JumpCloud user groups that may sign in to the app",
    "Add the SAML login method in Cloudflare (dashboard, metadata upload, API or Terraform)",
    "Press Test next to the login method in Cloudflare",
    "Use the login method in an Access policy",
    "Delete the unencrypted samlidp.key from your downloads once it is uploaded",
    "Add samlidp-expiry.ics to your calendar so the renewal is not missed",
];

/// Everything the page shows, in one place.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct State {
    /// The inputs as typed.
    pub form: FormInput,
    /// Fields the user typed in or left: only these show their messages.
    pub touched: BTreeSet<Field>,
    /// The last valid setup: outputs follow it, so a bad edit changes nothing else.
    pub setup: Option<Setup>,
    /// Whether inputs are remembered on this device.
    pub remember: bool,
    /// Whether key generation is running or failed.
    pub generation: Generation,
    /// The key and certificate, once generated.
    pub generated: Option<Generated>,
    /// Whether the current key has been saved (relaxes the key-loss guards).
    pub key_downloaded: bool,
    /// Ticked checklist steps (indices into [`CHECKLIST`]).
    pub checked: BTreeSet<usize>,
    /// The selected Cloudflare API tab.
    pub tab: CloudflareTab,
    /// The latest status message for screen readers (an `aria-live` region).
    pub announcement: String,
    /// The mode switch.
    pub mode: Mode,
    /// Files given in Renew and metadata modes.
    pub imports: Imports,
}

/// Everything that can happen to the page.
#[derive(Debug, Clone, PartialEq)]
#[allow(clippy::large_enum_variant)] // Start carries the whole form once per page load.
pub enum Action {
    /// The page loaded with these remembered inputs (or none).
    Start {
        /// Inputs read from storage, if any.
        remembered: Option<FormInput>,
    },
    /// The user typed in a text field.
    Edit(Field, String),
    /// The user left a text field.
    Leave(Field),
    /// The key size select changed (the component asks for confirmation first when needed).
    SetKeySize(KeySize),
    /// The key format select changed.
    SetKeyFormat(KeyFormat),
    /// The certificate profile select changed.
    SetProfile(CertificateProfile),
    /// "Sign SAML requests" toggled.
    SetSignRequest(bool),
    /// "Remember my inputs on this device" toggled.
    SetRemember(bool),
    /// "Reset" pressed: inputs back to their defaults (the key stays).
    Reset,
    /// Generation started.
    GenerationStarted(KeyOrigin),
    /// Generation finished.
    Generated(Generated),
    /// Generation failed with this message.
    GenerationFailed(String),
    /// A new certificate was issued for the same key after certificate options changed.
    CertificateReissued {
        /// The new certificate.
        certificate: Rc<Certificate>,
        /// The options it was issued with.
        options: CertificateOptions,
    },
    /// The private key file was saved (alone or in the ZIP).
    KeyDownloaded,
    /// A checklist step was ticked or unticked.
    ToggleStep(usize),
    /// An API tab was chosen.
    SelectTab(CloudflareTab),
    /// Something worth announcing happened (e.g. "Copied").
    Announce(String),
    /// The mode switch changed.
    SetMode(Mode),
    /// An existing private key was read (Renew).
    KeyImported {
        /// The key.
        key: Rc<KeyPair>,
        /// The format it came in.
        format: KeyFormat,
    },
    /// The current certificate was read (Renew).
    CertificateImported(Rc<Certificate>),
    /// JumpCloud's metadata was read.
    MetadataImported(Rc<IdpMetadata>),
    /// A file was refused; the message goes under its input and nothing else changes.
    ImportFailed(InputKind, String),
    /// "Keep the current certificate too" toggled.
    SetKeepCurrent(bool),
}

impl State {
    /// A fresh page: default inputs, remembering on.
    pub fn new() -> State {
        let mut state = State {
            remember: true,
            ..State::default()
        };
        state.revalidate();
        state
    }

    /// Applies one action.
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::Start { remembered } => {
                if let Some(form) = remembered {
                    self.form = form;
                }
                self.revalidate();
            }
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
                self.touched.insert(field);
                let normalised = self.form.normalised();
                if let Some(text) = self.form.text_mut(field) {
                    *text = normalised.text(field).to_owned();
                }
                if field == Field::TeamName && !self.form.idp_entity_id_edited {
                    self.form.idp_entity_id = normalised.idp_entity_id;
                }
                self.revalidate();
            }
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
            Action::SetRemember(on) => self.remember = on,
            Action::Reset => {
                self.form = FormInput::default();
                self.touched.clear();
                self.announcement = "Inputs reset to their defaults.".into();
                self.revalidate();
            }
            Action::GenerationStarted(origin) => {
                self.generation = Generation::Running(origin);
                self.announcement = "Generating the key and certificate…".into();
            }
            Action::Generated(generated) => {
                if generated.origin == KeyOrigin::Imported {
                    self.announcement = format!(
                        "New certificate issued for your key. SHA-256 fingerprint {}.",
                        generated.certificate.sha256_fingerprint()
                    );
                    self.generated = Some(generated);
                    self.generation = Generation::Idle;
                    self.key_downloaded = true;
                    return;
                }
                self.announcement = format!(
                    "Key and certificate ready in {} ms. SHA-256 fingerprint {}.",
                    generated.took_ms.max(0.0).round() as u64,
                    generated.certificate.sha256_fingerprint()
                );
                self.generated = Some(generated);
                self.generation = Generation::Idle;
                self.key_downloaded = false;
            }
            Action::GenerationFailed(message) => {
                self.announcement = format!("Generation failed: {message}");
                self.generation = Generation::Failed(message);
            }
            Action::CertificateReissued {
                certificate,
                options,
            } => {
                if let Some(generated) = &mut self.generated {
                    generated.certificate = certificate;
                    generated.options = options;
                    self.announcement = "A new certificate was issued for the same key.".into();
                }
            }
            Action::KeyDownloaded => self.key_downloaded = true,
            Action::ToggleStep(index) => {
                if index < CHECKLIST.len() && !self.checked.remove(&index) {
                    self.checked.insert(index);
                }
            }
            Action::SelectTab(tab) => self.tab = tab,
            Action::Announce(message) => self.announcement = message,
            Action::SetMode(mode) => {
                if mode != self.mode {
                    self.mode = mode;
                    self.announcement = format!("{} mode.", mode.label());
                }
            }
            Action::KeyImported { key, format } => {
                self.imports.set_error(InputKind::PrivateKey, None);
                self.imports.key_format = Some(format);
                self.form.key_format = format;
                self.form.key_size = key.size();
                self.imports.key = Some(key);
                self.announcement =
                    "Private key read. A new certificate is being issued for it.".into();
                self.revalidate();
            }
            Action::CertificateImported(certificate) => {
                self.imports.set_error(InputKind::Certificate, None);
                self.imports.current_certificate = Some(certificate);
                self.announcement = "Current certificate read.".into();
            }
            Action::MetadataImported(metadata) => {
                self.imports.set_error(InputKind::Metadata, None);
                self.form.sign_request = metadata.want_authn_requests_signed;
                self.imports.metadata = Some(metadata);
                self.announcement = "JumpCloud metadata read.".into();
            }
            Action::ImportFailed(kind, message) => {
                self.announcement = format!("{}: {message}", kind.label());
                self.imports.set_error(kind, Some(message));
            }
            Action::SetKeepCurrent(on) => self.imports.keep_current = on,
        }
    }

    /// The generated or renewed key and certificate that belong to the current mode.
    pub fn active_generated(&self) -> Option<&Generated> {
        let generated = self.generated.as_ref()?;
        let imported = generated.origin == KeyOrigin::Imported;
        match self.mode {
            Mode::NewKey => (!imported).then_some(generated),
            Mode::Renew => imported.then_some(generated),
            Mode::FromMetadata => None,
        }
    }

    /// A key was imported in Renew mode and needs its certificate (or a new one).
    pub fn renewal_due(&self) -> Option<Rc<KeyPair>> {
        let key = self.imports.key.as_ref()?;
        let setup = self.setup.as_ref()?;
        match &self.generated {
            Some(g) if g.origin == KeyOrigin::Imported && Rc::ptr_eq(&g.key, key) => {
                (g.options != setup.certificate).then(|| key.clone())
            }
            _ => Some(key.clone()),
        }
    }

    /// The certificates Cloudflare should trust, new first: the new one alone, or in Renew mode
    /// with "Keep the current certificate too" the new and the current one.
    pub fn cloudflare_certificates(&self) -> Vec<Rc<Certificate>> {
        let mut certificates: Vec<Rc<Certificate>> = self
            .active_generated()
            .map(|g| g.certificate.clone())
            .into_iter()
            .collect();
        if self.mode == Mode::Renew
            && self.imports.keep_current
            && let Some(current) = &self.imports.current_certificate
            && certificates.iter().all(|c| c.der() != current.der())
        {
            certificates.push(current.clone());
        }
        certificates
    }

    /// The setup for the Cloudflare outputs in metadata mode (entity ID and SSO URL from the
    /// metadata), or the message that explains what is missing.
    pub fn metadata_setup(&self) -> Option<Result<Setup, String>> {
        let metadata = self.imports.metadata.as_ref()?;
        Some(
            setup_from_metadata(metadata, &self.form).map_err(|problems| {
                problems
                    .into_iter()
                    .map(|(field, message)| format!("{}: {message}", field.label()))
                    .collect::<Vec<_>>()
                    .join(" ")
            }),
        )
    }

    fn revalidate(&mut self) {
        if let Ok(setup) = self.form.validate() {
            self.setup = Some(setup);
        } else if self.form.team().is_none() && self.form.team_name.trim().is_empty() {
            // An emptied team name means "start over", not "keep the old team".
            self.setup = None;
        }
    }

    /// The message to show under `field`: only once the user typed in it or left it.
    pub fn visible_problem(&self, field: Field) -> Option<String> {
        if self.touched.contains(&field) {
            self.form.problem(field)
        } else {
            None
        }
    }

    /// Why Generate is disabled, or `None` when it can be pressed.
    pub fn generate_blocker(&self) -> Option<String> {
        if matches!(self.generation, Generation::Running(_)) {
            return Some("Generating…".into());
        }
        if self.form.team_name.trim().is_empty() {
            return Some("Enter your team name".into());
        }
        let problems = self.form.problems();
        match problems.as_slice() {
            [] => None,
            [(field, _)] => Some(format!("Fix {}", field.label())),
            _ => Some(format!("Fix the {} highlighted fields", problems.len())),
        }
    }

    /// The text an input shows for `field`. Until edited, the IdP Entity ID follows the team
    /// name; while the team name is invalid it keeps showing the entity ID the outputs still use
    /// (bad input changes nothing else), and with no team name only a placeholder.
    pub fn field_text(&self, field: Field) -> String {
        if field == Field::IdpEntityId
            && !self.form.idp_entity_id_edited
            && self.form.team().is_none()
        {
            return self
                .setup
                .as_ref()
                .map(|setup| setup.idp_entity_id.clone())
                .unwrap_or_default();
        }
        field_text(&self.form, field)
    }

    /// Whether a generated key would be lost: generated here and not yet saved. An imported
    /// key is the user's own file, so it is never at risk.
    pub fn key_at_risk(&self) -> bool {
        self.generated
            .as_ref()
            .is_some_and(|g| g.origin != KeyOrigin::Imported)
            && !self.key_downloaded
    }

    /// Certificate options that differ from the current certificate's, when a new certificate
    /// for the same key is due (CN, subject, validity or profile changed).
    pub fn reissue_due(&self) -> Option<CertificateOptions> {
        let generated = self.generated.as_ref()?;
        if generated.origin == KeyOrigin::Imported {
            return None; // [`State::renewal_due`] handles imported keys.
        }
        let setup = self.setup.as_ref()?;
        (setup.certificate != generated.options).then(|| setup.certificate.clone())
    }

    /// Whether the chosen key size differs from the current key's (a new key is due).
    pub fn key_size_differs(&self) -> bool {
        self.generated
            .as_ref()
            .is_some_and(|g| g.key.size() != self.form.key_size)
    }
}

fn text(form: &FormInput, field: Field) -> &str {
    form.text(field)
}

/// The text an input shows for `field`.
pub fn field_text(form: &FormInput, field: Field) -> String {
    if field == Field::IdpEntityId && !form.idp_entity_id_edited {
        // Until edited, the IdP Entity ID follows the team name (empty: only a placeholder).
        return form.effective_idp_entity_id();
    }
    text(form, field).to_owned()
}
