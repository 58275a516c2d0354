//! What Renew certificate offers: the rotation plan, the update and final bodies with their
//! curl commands, and each mode's Finish checklist.

use super::{Outputs, Ready};
use crate::app::state::Mode;
use crate::pki::Certificate;
use crate::setup::files;
use crate::setup::rotation::{Rotation, RotationStep};
use crate::setup::{cloudflare, guide, terraform};
use std::rc::Rc;

/// What a rotation (Renew certificate) adds to [`Ready`].
#[derive(Debug, Clone, PartialEq)]
pub struct Rotating {
    /// The certificates Cloudflare trusts today, as given (maybe none).
    pub current: Vec<Rc<Certificate>>,
    /// "Keep the current certificate too".
    pub keep_current: bool,
    /// Whether the key is the one JumpCloud holds today.
    pub key_kept: bool,
}

impl Ready {
    /// The rotation plan's inputs, in Renew certificate.
    pub fn rotation(&self) -> Option<Rotation<'_>> {
        let rotating = self.rotating.as_ref()?;
        Some(Rotation {
            setup: &self.setup,
            new: self.certificate.as_deref()?,
            current: rotating.current.iter().map(Rc::as_ref).collect(),
            keep_current: rotating.keep_current,
            key_kept: rotating.key_kept,
        })
    }
}

impl Outputs {
    /// The Terraform file: while rotating, with the current certificates marked for deletion.
    pub(super) fn terraform_for(&self, ready: &Ready) -> String {
        match ready.rotation() {
            Some(rotation) => terraform::rotation_terraform(&rotation),
            None => cloudflare::terraform(&ready.setup, &ready.certificate_refs()),
        }
    }

    /// The update (PUT) command followed by its body, while rotating.
    pub fn update(&self) -> Option<String> {
        let ready = self.ready.as_ref()?;
        let rotation = ready.rotation()?;
        Some(command_and_body(
            cloudflare::update_curl_command(&ready.setup),
            files::API_UPDATE_BODY_FILE,
            cloudflare::api_body(&ready.setup, &rotation.update_certificates()),
        ))
    }

    /// The final update (PUT) command followed by its body, once a rotation's test sign-in
    /// works; only while the update keeps old certificates.
    pub fn final_update(&self) -> Option<String> {
        let ready = self.ready.as_ref()?;
        let rotation = ready.rotation().filter(Rotation::overlaps)?;
        Some(command_and_body(
            cloudflare::final_curl_command(&ready.setup),
            files::API_FINAL_BODY_FILE,
            cloudflare::api_body(&ready.setup, &rotation.final_certificates()),
        ))
    }

    /// The rotation plan, in Renew certificate once the new certificate exists.
    pub fn rotation_steps(&self) -> Vec<RotationStep> {
        self.ready
            .as_ref()
            .and_then(Ready::rotation)
            .map(|rotation| rotation.steps())
            .unwrap_or_default()
    }

    /// The Finish checklist of this mode, made from the same step data as its sections.
    pub fn checklist(&self) -> Vec<String> {
        match self.mode {
            Mode::Renew => {
                let steps = self.rotation_steps();
                if steps.is_empty() {
                    return Vec::new();
                }
                guide::rotation_checklist(&steps)
            }
            Mode::NewKey => guide::new_key_checklist(),
            Mode::FromMetadata => guide::metadata_checklist(),
            Mode::CheckResponse => Vec::new(),
        }
    }
}

/// An API tab's text: the curl command, then the body it sends under the file's name.
fn command_and_body(command: String, file: &str, body: String) -> String {
    format!("{command}\n# {file}:\n{body}")
}
