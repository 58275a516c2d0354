//! What the sections after Generate show, made from a mode's [`Outputs`] once per change: the
//! root component memoises one view per section and hands it over as props, so a section's
//! render only lays out text that is already made (the API body, curl, Terraform and the steps
//! are built here, not in every render of the section).
//!
//! Pure: no browser types; tested natively (`tests/it/state/views.rs`).

use super::outputs::Outputs;
use super::state::{CloudflareTab, Mode};
use crate::setup::Step;
use crate::setup::files::{ACCESS_GROUP_FILE, IDP_METADATA_FILE};
use std::rc::Rc;

/// Section 3, In JumpCloud.
#[derive(Debug, Clone, PartialEq)]
pub struct JumpCloudView {
    /// JumpCloud's steps for the chosen app (empty until the team name is valid).
    pub steps: Rc<Vec<Step>>,
    /// Whether the mode's key and certificate exist.
    pub has_key: bool,
    /// The names of the files the mode offers.
    pub files: Rc<Vec<String>>,
}

impl JumpCloudView {
    /// The view of `outputs`.
    pub fn of(outputs: &Outputs) -> JumpCloudView {
        JumpCloudView {
            steps: Rc::new(outputs.jumpcloud_steps()),
            has_key: outputs.ready.is_some(),
            files: Rc::new(outputs.files().into_iter().map(|f| f.name).collect()),
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
    /// Whether `idp-metadata.xml` is offered.
    pub idp_metadata: bool,
    /// Whether the Access group file is offered.
    pub access_group: bool,
    /// The tabs offered, in order, each with its text.
    pub tabs: Vec<(CloudflareTab, Rc<str>)>,
}

impl CloudflareView {
    /// The view of `outputs`, or `None` while the mode lacks its key or metadata.
    pub fn of(outputs: &Outputs) -> Option<CloudflareView> {
        let ready = outputs.ready.as_ref()?;
        let text = |code: Option<String>| Rc::<str>::from(code.unwrap_or_default());
        let mut tabs = vec![
            (CloudflareTab::ApiJson, text(outputs.api_body())),
            (CloudflareTab::Curl, text(outputs.curl())),
            (CloudflareTab::Terraform, text(outputs.terraform())),
        ];
        if outputs.mode == Mode::Renew {
            tabs.push((CloudflareTab::Update, text(outputs.update())));
        }
        let files = outputs.files();
        let offers = |name: &str| files.iter().any(|file| file.name == name);
        Some(CloudflareView {
            steps: Rc::new(outputs.cloudflare_steps()),
            certificate_count: ready.certificates.len(),
            idp_metadata: offers(IDP_METADATA_FILE),
            access_group: offers(ACCESS_GROUP_FILE),
            tabs,
        })
    }

    /// The tab to show for the selection `selected` (the first when it is not offered).
    pub fn tab(&self, selected: CloudflareTab) -> CloudflareTab {
        if self.tabs.iter().any(|(tab, _)| *tab == selected) {
            selected
        } else {
            CloudflareTab::ApiJson
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
