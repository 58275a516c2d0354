//! The page's state and every change to it, as named actions applied by one pure function.
//!
//! No web-sys here: side effects (WebCrypto, the clock, downloads, storage) happen in the
//! components, which then report their results back as actions. That keeps every rule of the
//! page testable natively and without a DOM.

mod actions;
mod check;
mod errors;
mod fields;
mod files;
mod renew;
mod slots;

use crate::import::{IdpMetadata, InputKind, setup_from_metadata};
use crate::pki::{Certificate, KeyPair, KeySize};
use crate::setup::stored::Remembered;
use crate::setup::{Field, FormError, FormInput, FormProblems, Setup};
pub use actions::Action;
pub use check::{CheckAction, CheckAgainst, CheckBasis, ResponseCheck, expected};
pub use errors::{CheckError, GenerationError, ImportError, ImportProblem};
pub use fields::field_text;
pub use files::{FileNames, MAX_SHOWN_NAME, file_read, shown_name};
pub use renew::{CurrentCertificates, RenewKey};
pub use slots::{ActiveKey, Generated, Issued, KeyOrigin, KeySizeChange, Renewal};
use std::collections::BTreeSet;
use std::rc::Rc;

/// Whether generation is running or failed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Generation {
    /// Nothing running.
    #[default]
    Idle,
    /// A key is being made.
    Running(KeyOrigin),
    /// The last attempt failed, for this reason (shared: the state is cloned on every action,
    /// the reason never changes).
    Failed(Rc<GenerationError>),
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
    /// The final body, without the old certificate, and its curl command (Renew certificate).
    FinalUpdate,
}

/// What the page is for right now (the mode switch at the top).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum Mode {
    /// Make a new key and certificate.
    #[default]
    NewKey,
    /// Issue a new certificate for an existing key; optionally inspect the current certificate.
    Renew,
    /// Turn JumpCloud's exported IdP metadata into the Cloudflare configuration.
    FromMetadata,
    /// Check a SAML response against a setup made here (holds no key).
    CheckResponse,
}

impl Mode {
    /// Every mode, in the switch's order.
    pub const ALL: [Mode; 4] = [
        Mode::NewKey,
        Mode::Renew,
        Mode::FromMetadata,
        Mode::CheckResponse,
    ];

    /// The switch's text for this mode.
    pub fn label(self) -> &'static str {
        match self {
            Mode::NewKey => "New key",
            Mode::Renew => "Renew certificate",
            Mode::FromMetadata => "From JumpCloud metadata",
            Mode::CheckResponse => "Check a SAML response",
        }
    }

    /// The switch's DOM id for this mode.
    pub fn id(self) -> &'static str {
        match self {
            Mode::NewKey => "mode-new-key",
            Mode::Renew => "mode-renew",
            Mode::FromMetadata => "mode-metadata",
            Mode::CheckResponse => "mode-check",
        }
    }
}

/// What the user gave the file inputs (besides the Renew key, in [`State::renewal`]), and
/// what was wrong with it.
#[derive(Debug, Clone, PartialEq)]
pub struct Imports {
    /// The certificates Cloudflare trusts today (Renew, optional).
    pub current: Option<CurrentCertificates>,
    /// JumpCloud's metadata (From JumpCloud metadata).
    pub metadata: Option<Rc<IdpMetadata>>,
    /// Why each input's latest file was not taken (shared, as [`Generation::Failed`]).
    pub errors: Vec<(InputKind, Rc<ImportError>)>,
    /// Keep the current certificates in Cloudflare next to the new one until a test sign-in
    /// works (rotation without an outage). On by default: it matters only once a current
    /// certificate is given.
    pub keep_current: bool,
    /// The name of the file each input took (also the Renew key's and the response check's).
    pub files: FileNames,
}

impl Default for Imports {
    fn default() -> Imports {
        Imports {
            current: None,
            metadata: None,
            errors: Vec::new(),
            keep_current: true,
            files: FileNames::default(),
        }
    }
}

impl Imports {
    /// Why one input's last file was not taken, if it was not.
    pub fn error(&self, kind: InputKind) -> Option<&ImportError> {
        self.errors
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, error)| error.as_ref())
    }

    pub(super) fn set_error(&mut self, kind: InputKind, error: Option<ImportError>) {
        self.errors.retain(|(k, _)| *k != kind);
        if let Some(error) = error {
            self.errors.push((kind, Rc::new(error)));
        }
    }
}

/// The most steps a mode's finishing checklist has (ticks beyond it are ignored).
pub const MAX_CHECKLIST_STEPS: usize = 16;

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
    /// Why the running built-in RSA generation is on the main thread (no worker could run it).
    pub worker_refused: Option<String>,
    /// Set once key workers were refused on this page: none are started ahead of time any
    /// more (each would be refused again); Generate still tries them.
    pub workers_refused_here: bool,
    /// Set by Cancel: the generation it ended may still deliver a key (one that was already
    /// on its way); that key is dropped. Cleared when the next generation starts.
    pub cancelled: bool,
    /// The New-key slot: the generated key and certificate. Kept while other modes are used.
    pub new_key: Option<Generated>,
    /// The Renew slot for "Keep my current key": the imported key and its new certificate.
    /// Kept while other modes are used.
    pub renewal: Option<Renewal>,
    /// "Key for the new certificate" in Renew certificate.
    pub renew_key: RenewKey,
    /// The Renew slot for "Make a new key": a key made here and its certificate, guarded like
    /// the New-key slot. Kept while other modes (or the other key choice) are used.
    pub rotation_key: Option<Generated>,
    /// Which mode's slot the running (or last) generation fills: New key or Renew certificate.
    pub generating_for: Mode,
    /// Ticked checklist steps: (mode, index into that mode's checklist).
    pub checked: BTreeSet<(Mode, usize)>,
    /// The selected Cloudflare API tab.
    pub tab: CloudflareTab,
    /// The latest status message for screen readers (an `aria-live` region).
    pub announcement: String,
    /// The mode switch.
    pub mode: Mode,
    /// Files given in Renew and metadata modes.
    pub imports: Imports,
    /// The modes left, latest first (for "the setup of the most recent mode that has one").
    pub recent_modes: Vec<Mode>,
    /// The response-check slot (no key; never remembered).
    pub response: ResponseCheck,
}

impl State {
    /// A fresh page: default inputs, remembering on.
    pub fn new() -> State {
        State::start(None)
    }

    /// The page as it opens with what storage remembered (if anything): the remembered inputs,
    /// or only the choice not to remember. Validated once.
    pub fn start(remembered: Option<Remembered>) -> State {
        let mut state = State {
            remember: true,
            ..State::default()
        };
        match remembered {
            Some(Remembered {
                remember: false, ..
            }) => state.remember = false,
            Some(Remembered {
                inputs: Some(form), ..
            }) => state.form = form,
            _ => {}
        }
        state.revalidate();
        state
    }

    /// The key and certificate `mode` offers, from that mode's own slot (none in metadata mode,
    /// none before a certificate exists).
    pub fn active_key(&self, mode: Mode) -> Option<ActiveKey<'_>> {
        match mode {
            Mode::NewKey => self
                .new_key
                .as_ref()
                .map(|g| g.active(self.form.key_format)),
            Mode::Renew if self.renew_key == RenewKey::New => self
                .rotation_key
                .as_ref()
                .map(|g| g.active(self.form.key_format)),
            Mode::Renew => {
                let renewal = self.renewal.as_ref()?;
                let issued = renewal.issued.as_ref()?;
                Some(ActiveKey {
                    key: &renewal.key,
                    format: renewal.format,
                    certificate: &issued.certificate,
                    made_at: issued.issued_at,
                    took_ms: issued.took_ms,
                    made_by: "your existing key",
                    saved: renewal.saved,
                })
            }
            Mode::FromMetadata | Mode::CheckResponse => None,
        }
    }

    /// The imported key, when it needs its certificate (or a new one after the certificate
    /// options changed).
    pub fn renewal_due(&self) -> Option<Rc<KeyPair>> {
        let renewal = self.renewal.as_ref()?;
        let setup = self.setup.as_ref()?;
        match &renewal.issued {
            Some(issued) if issued.options == setup.certificate => None,
            _ => Some(renewal.key.clone()),
        }
    }

    /// The certificates Cloudflare should trust in `mode` while switching, new first: the new
    /// one alone, or in Renew with "Keep the current certificate too" the new and the current
    /// ones.
    pub fn cloudflare_certificates(&self, mode: Mode) -> Vec<Rc<Certificate>> {
        let mut certificates: Vec<Rc<Certificate>> = self
            .active_key(mode)
            .map(|active| active.certificate.clone())
            .into_iter()
            .collect();
        if mode == Mode::Renew && self.imports.keep_current {
            for current in self.current_certificates() {
                if certificates.iter().all(|c| c.der() != current.der()) {
                    certificates.push(current.clone());
                }
            }
        }
        certificates
    }

    /// The setup for the Cloudflare outputs in metadata mode (entity ID and SSO URL from the
    /// metadata), or the message that explains what is missing.
    pub fn metadata_setup(&self) -> Option<Result<Setup, FormProblems>> {
        let metadata = self.imports.metadata.as_ref()?;
        Some(setup_from_metadata(metadata, &self.form))
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
    pub fn visible_problem(&self, field: Field) -> Option<FormError> {
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

    /// Whether a key would be lost by leaving the page: any slot holds a key not yet saved.
    /// The leave-page guard follows this.
    pub fn key_at_risk(&self) -> bool {
        self.new_key.as_ref().is_some_and(|g| !g.saved)
            || self.rotation_key.as_ref().is_some_and(|g| !g.saved)
            || self.renewal.as_ref().is_some_and(|r| !r.saved)
    }

    /// What choosing `size` in the key-size select does.
    pub fn key_size_change(&self, size: KeySize) -> KeySizeChange {
        // While a key is being made its size is fixed (the select is disabled meanwhile).
        let running = matches!(self.generation, Generation::Running(_));
        if !self.makes_key() || size == self.form.key_size || running {
            return KeySizeChange::Ignore;
        }
        match self.made_key_slot() {
            None => KeySizeChange::Set,
            Some(generated) if generated.saved => KeySizeChange::Regenerate,
            Some(_) => KeySizeChange::ConfirmThenRegenerate,
        }
    }

    /// Whether the built-in RSA path's key workers for the next key may start now, ahead of
    /// Generate: nothing is being generated, every section shows the latest key (`settled`: the
    /// workers' start-up would slow its rendering) and workers were not refused here.
    pub fn start_workers_ahead(&self, settled: bool) -> bool {
        settled && !matches!(self.generation, Generation::Running(_)) && !self.workers_refused_here
    }

    /// Whether the chosen key size differs from the generated key's (a new key is due).
    pub fn key_size_differs(&self) -> bool {
        self.made_key_slot()
            .is_some_and(|g| g.key.size() != self.form.key_size)
    }
}
