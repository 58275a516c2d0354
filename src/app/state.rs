//! The page's state and every change to it, as named actions applied by one pure function.
//!
//! No web-sys here: side effects (WebCrypto, the clock, downloads, storage) happen in the
//! components, which then report their results back as actions. That keeps every rule of the
//! page testable natively and without a DOM.

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
}

impl KeyOrigin {
    /// How the page names it.
    pub fn label(self) -> &'static str {
        match self {
            KeyOrigin::WebCrypto => "the browser's WebCrypto",
            KeyOrigin::Wasm => "built-in RSA (WebCrypto is not available on this page's origin)",
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
}

/// Everything that can happen to the page.
#[derive(Debug, Clone, PartialEq)]
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
    /// "Use legacy idp_public_cert field" toggled.
    SetLegacyCertificateField(bool),
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
                *text_mut(&mut self.form, field) = value;
                self.touched.insert(field);
                self.revalidate();
            }
            Action::Leave(field) => {
                self.touched.insert(field);
                let normalised = self.form.normalised();
                *text_mut(&mut self.form, field) = text(&normalised, field).to_owned();
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
            Action::SetLegacyCertificateField(on) => {
                self.form.legacy_certificate_field = on;
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
                self.announcement = format!(
                    "Key and certificate ready in {} ms. SHA-256 fingerprint {}.",
                    generated.took_ms.round(),
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
        }
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

    /// Whether a generated key would be lost: generated and not yet saved.
    pub fn key_at_risk(&self) -> bool {
        self.generated.is_some() && !self.key_downloaded
    }

    /// Certificate options that differ from the current certificate's, when a new certificate
    /// for the same key is due (CN, subject, validity or profile changed).
    pub fn reissue_due(&self) -> Option<CertificateOptions> {
        let generated = self.generated.as_ref()?;
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
    match field {
        Field::TeamName => &form.team_name,
        Field::SsoUrl => &form.sso_url,
        Field::IdpEntityId => &form.idp_entity_id,
        Field::LoginMethodName => &form.login_method_name,
        Field::DisplayLabel => &form.display_label,
        Field::CommonName => &form.common_name,
        Field::Organization => &form.organization,
        Field::OrganizationalUnit => &form.organizational_unit,
        Field::Locality => &form.locality,
        Field::StateOrProvince => &form.state_or_province,
        Field::Country => &form.country,
        Field::EmailAddress => &form.email_address,
        Field::ValidityDays => &form.validity_days,
        Field::SamlAttributes => &form.saml_attributes,
        Field::EmailAttributeName => &form.email_attribute_name,
    }
}

fn text_mut(form: &mut FormInput, field: Field) -> &mut String {
    match field {
        Field::TeamName => &mut form.team_name,
        Field::SsoUrl => &mut form.sso_url,
        Field::IdpEntityId => &mut form.idp_entity_id,
        Field::LoginMethodName => &mut form.login_method_name,
        Field::DisplayLabel => &mut form.display_label,
        Field::CommonName => &mut form.common_name,
        Field::Organization => &mut form.organization,
        Field::OrganizationalUnit => &mut form.organizational_unit,
        Field::Locality => &mut form.locality,
        Field::StateOrProvince => &mut form.state_or_province,
        Field::Country => &mut form.country,
        Field::EmailAddress => &mut form.email_address,
        Field::ValidityDays => &mut form.validity_days,
        Field::SamlAttributes => &mut form.saml_attributes,
        Field::EmailAttributeName => &mut form.email_attribute_name,
    }
}

/// The text an input shows for `field`.
pub fn field_text(form: &FormInput, field: Field) -> String {
    if field == Field::IdpEntityId && !form.idp_entity_id_edited {
        // Until edited, the IdP Entity ID follows the team name (empty: only a placeholder).
        return form.effective_idp_entity_id();
    }
    text(form, field).to_owned()
}
