//! What the sections after Generate show, made from a mode's [`Outputs`] once per change: the
//! root component memoises one view per section and hands it over as props, so a section's
//! render only lays out text that is already made (the API body, curl, Terraform and the steps
//! are built here, not in every render of the section).
//!
//! Pure: no browser types; tested natively (`tests/it/app/views.rs`).

use super::outputs::Outputs;
use super::state::{CloudflareTab, Mode};
use crate::setup::Step;
use crate::setup::files::{FileSpec, PageFile};
use crate::setup::rotation::RotationStep;
use std::rc::Rc;

/// The files a mode offers now, each with the name it is saved as, in the page's order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Offered(Rc<Vec<FileSpec>>);

impl Offered {
    /// The files `outputs` offers.
    pub fn of(outputs: &Outputs) -> Offered {
        Offered(Rc::new(outputs.files()))
    }

    /// `file`, when it is offered.
    pub fn get(&self, file: PageFile) -> Option<&FileSpec> {
        self.0.iter().find(|spec| spec.file == file)
    }

    /// Whether `file` is offered.
    pub fn has(&self, file: PageFile) -> bool {
        self.get(file).is_some()
    }

    /// The names of the files, in order.
    pub fn names(&self) -> Vec<&str> {
        self.0.iter().map(|spec| spec.name.as_str()).collect()
    }
}

/// Section 3, In JumpCloud.
#[derive(Debug, Clone, PartialEq)]
pub struct JumpCloudView {
    /// JumpCloud's steps for the chosen app (empty until the team name is valid).
    pub steps: Rc<Vec<Step>>,
    /// Whether the mode's key and certificate exist.
    pub has_key: bool,
    /// The files the mode offers.
    pub files: Offered,
}

impl JumpCloudView {
    /// The view of `outputs`.
    pub fn of(outputs: &Outputs) -> JumpCloudView {
        JumpCloudView {
            steps: Rc::new(outputs.jumpcloud_steps()),
            has_key: outputs.ready.is_some(),
            files: Offered::of(outputs),
        }
    }
}

/// Section 4, In Cloudflare, once the mode has everything (`None` before).
#[derive(Debug, Clone, PartialEq)]
pub struct CloudflareView {
    /// Cloudflare One's dashboard steps.
    pub steps: Rc<Vec<Step>>,
    /// How many certificates Cloudflare should trust.
    pub certificate_count: usize,
    /// The files the mode offers (`idp-metadata.xml`, the Access group, each tab's file).
    pub files: Offered,
    /// The tabs offered, in order, each with its text.
    pub tabs: Vec<(CloudflareTab, Rc<str>)>,
}

impl CloudflareView {
    /// The view of `outputs`, or `None` while the mode lacks its key or metadata.
    pub fn of(outputs: &Outputs) -> Option<CloudflareView> {
        let ready = outputs.ready.as_ref()?;
        let text = |code: Option<String>| Rc::<str>::from(code.unwrap_or_default());
        let tabs = if ready.rotating.is_some() {
            // An existing identity provider: updates only, in the order they are sent.
            let mut tabs = vec![(CloudflareTab::Update, text(outputs.update()))];
            if let Some(last) = outputs.final_update() {
                tabs.push((CloudflareTab::FinalUpdate, Rc::from(last)));
            }
            tabs.push((CloudflareTab::Terraform, text(outputs.terraform())));
            tabs
        } else {
            vec![
                (CloudflareTab::ApiJson, text(outputs.api_body())),
                (CloudflareTab::Curl, text(outputs.curl())),
                (CloudflareTab::Terraform, text(outputs.terraform())),
            ]
        };
        Some(CloudflareView {
            steps: Rc::new(outputs.cloudflare_steps()),
            certificate_count: ready.certificates.len(),
            files: Offered::of(outputs),
            tabs,
        })
    }

    /// The tab to show for the selection `selected` (the first offered when it is not).
    pub fn tab(&self, selected: CloudflareTab) -> CloudflareTab {
        if self.tabs.iter().any(|(tab, _)| *tab == selected) {
            selected
        } else {
            self.tabs
                .first()
                .map_or(CloudflareTab::ApiJson, |(tab, _)| *tab)
        }
    }

    /// The text of `tab` (empty when it is not offered).
    pub fn code(&self, tab: CloudflareTab) -> Rc<str> {
        self.tabs
            .iter()
            .find(|(t, _)| *t == tab)
            .map_or_else(|| Rc::from(""), |(_, code)| code.clone())
    }
}

/// Renew certificate's section 3, the rotation plan, once the new certificate exists.
#[derive(Debug, Clone, PartialEq)]
pub struct RotationView {
    /// The plan, in order.
    pub steps: Rc<Vec<RotationStep>>,
    /// The files the mode offers.
    pub files: Offered,
}

impl RotationView {
    /// The view of `outputs`, or `None` outside Renew or before the new certificate exists.
    pub fn of(outputs: &Outputs) -> Option<RotationView> {
        let steps = outputs.rotation_steps();
        if steps.is_empty() {
            return None;
        }
        Some(RotationView {
            steps: Rc::new(steps),
            files: Offered::of(outputs),
        })
    }
}

/// The numbers of the Cloudflare and Finish sections in `mode`, without gaps: section 3 is
/// JumpCloud's (New key) or the rotation plan (Renew); From JumpCloud metadata has neither, so
/// Cloudflare is 3 there.
pub fn section_numbers(mode: Mode) -> (u8, u8) {
    match mode {
        Mode::FromMetadata => (3, 4),
        _ => (4, 5),
    }
}

/// How near its end a certificate is: a warning at [`RENEW_WITHIN_DAYS`] days or fewer (when
/// JumpCloud's first expiry email arrives), an error once expired.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expiry {
    /// More than [`RENEW_WITHIN_DAYS`] days left.
    Fine,
    /// [`RENEW_WITHIN_DAYS`] days or fewer left.
    Soon,
    /// Expired.
    Expired,
}

/// JumpCloud mails the first expiry reminder 60 days before the end (article "Manage Public
/// Certificate and Private Key Pairs"); from then on the page says it is time to renew.
pub const RENEW_WITHIN_DAYS: i64 = 60;

impl Expiry {
    /// The state of a certificate with `days_left` whole days to go (negative once expired).
    pub fn of(days_left: i64) -> Expiry {
        if days_left < 0 {
            Expiry::Expired
        } else if days_left <= RENEW_WITHIN_DAYS {
            Expiry::Soon
        } else {
            Expiry::Fine
        }
    }

    /// "in 42 days" / "expired 3 days ago", with the state in words.
    pub fn describe(days_left: i64) -> String {
        match Expiry::of(days_left) {
            Expiry::Expired => format!("expired {} days ago", -days_left),
            Expiry::Soon => format!("{days_left} days left: time to renew"),
            Expiry::Fine => format!("{days_left} days left"),
        }
    }
}

/// One certificate in Renew's side-by-side view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateCard {
    /// "Current", "Current 2", "New".
    pub role: String,
    /// Subject DN.
    pub subject: String,
    /// notAfter, ISO 8601 UTC.
    pub not_after: String,
    /// Whole days until notAfter; negative once expired.
    pub days_left: i64,
    /// Whether the certificate carries the kept key; `None` where no match is expected (a new
    /// key) or no key is known yet.
    pub matches_key: Option<bool>,
    /// SHA-256 fingerprint.
    pub sha256: String,
}

impl CertificateCard {
    /// How near its end the certificate is.
    pub fn expiry(&self) -> Expiry {
        Expiry::of(self.days_left)
    }
}

/// Renew's side-by-side view: the current certificates, then the new one, at `now` (Unix
/// seconds).
pub fn rotation_cards(state: &super::state::State, now: u64) -> Vec<CertificateCard> {
    use super::state::RenewKey;
    let kept_key = match state.renew_key {
        RenewKey::Keep => state.renewal.as_ref().map(|r| r.key.as_ref()),
        RenewKey::New => None,
    };
    let current = state.current_certificates();
    let card = |role: String, certificate: &crate::pki::Certificate, key| {
        let facts = crate::import::inspect(certificate, key, now);
        CertificateCard {
            role,
            subject: facts.subject,
            not_after: facts.not_after_iso,
            days_left: facts.days_left,
            matches_key: facts.matches_key,
            sha256: facts.sha256,
        }
    };
    let mut cards: Vec<CertificateCard> = current
        .iter()
        .enumerate()
        .map(|(index, certificate)| {
            let role = if current.len() == 1 {
                "Current".to_owned()
            } else {
                format!("Current {}", index + 1)
            };
            card(role, certificate, kept_key)
        })
        .collect();
    if let Some(active) = state.active_key(Mode::Renew) {
        cards.push(card("New".to_owned(), active.certificate, None));
    }
    cards
}

/// What the sections before the outputs show that depends on the date: made once per change
/// of the state, with the clock as a parameter, so no component reads the clock while it
/// renders. Only the current mode's part is made (the rest stays empty), so a keystroke in
/// New key inspects no metadata certificate and builds no response-check basis.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DatedView {
    /// Renew's side-by-side certificates.
    pub rotation_cards: Rc<Vec<CertificateCard>>,
    /// From JumpCloud metadata: the facts of each signing certificate, in document order.
    pub metadata_certificates: Rc<Vec<crate::import::Inspection>>,
    /// From JumpCloud metadata: days until the first certificate expires, when that is within
    /// [`RENEW_WITHIN_DAYS`] days (negative once expired).
    pub renew_due_in_days: Option<i64>,
    /// Check a SAML response: what to check against, and in words.
    pub check: Option<CheckView>,
}

/// Check a SAML response's choice in effect and what it would use, at a date.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckView {
    /// "Check against" in effect.
    pub against: super::state::CheckAgainst,
    /// What "Check response" would use now, in words, or what is missing.
    pub basis: Result<String, String>,
}

impl DatedView {
    /// The view of `state`'s mode at `now` (Unix seconds).
    pub fn of(state: &super::state::State, now: u64) -> DatedView {
        match state.mode {
            Mode::Renew => DatedView {
                rotation_cards: Rc::new(rotation_cards(state, now)),
                ..DatedView::default()
            },
            Mode::FromMetadata => {
                let Some(metadata) = state.imports.metadata.as_ref() else {
                    return DatedView::default();
                };
                DatedView {
                    metadata_certificates: Rc::new(
                        (metadata.certificates.iter())
                            .map(|certificate| crate::import::inspect(certificate, None, now))
                            .collect(),
                    ),
                    renew_due_in_days: metadata
                        .first_to_expire()
                        .map(|certificate| certificate.days_left(now))
                        .filter(|days| Expiry::of(*days) != Expiry::Fine),
                    ..DatedView::default()
                }
            }
            Mode::CheckResponse => DatedView {
                check: Some(CheckView {
                    against: state.check_against(now),
                    basis: state
                        .check_basis(now)
                        .map(|basis| {
                            format!("Checks against {}. {}", basis.source, basis.note)
                                .trim_end()
                                .to_owned()
                        })
                        .map_err(|error| error.to_string()),
                }),
                ..DatedView::default()
            },
            Mode::NewKey => DatedView::default(),
        }
    }
}

/// What Terraform provider v4 cannot express for the form's setup (the Provisioning section
/// lists it under the provider choice), counting the certificates Cloudflare is to trust in the
/// state's mode (Renew with "Keep the current certificate too" sends several).
pub fn v4_limits(state: &super::state::State) -> Vec<String> {
    let certificates = state.cloudflare_certificates(state.mode).len().max(1);
    state
        .setup
        .as_ref()
        .map(|setup| crate::setup::terraform::v4_limits(setup, certificates))
        .unwrap_or_default()
}
