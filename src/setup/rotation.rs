//! Renew certificate: the rotation plan for an existing setup, as data the page only renders.
//!
//! The order never leaves JumpCloud signing with a certificate Cloudflare does not trust, and is
//! the one every service that takes IdP certificates as a list documents: add the new
//! certificate, switch the signer, test, remove the old one. Nothing here creates anything: the
//! JumpCloud app and the Cloudflare identity provider exist already.
//!
//! Sources, cited next to each step:
//! - cloudflare/cloudflare-docs commit 036ae51b313f8ef78eac8719fdc2b609309bbdf3,
//!   src/content/docs/cloudflare-one/integrations/identity-providers/generic-saml.mdx ("GS"):
//!   step 4 names one **Signing certificate** field; "Test the connection".
//! - cloudflare/cloudflare-docs commit 05b5f46cc6746674e33228fbac8b6ebaf4a19001,
//!   src/content/partials/cloudflare-one/access/enable-scim-on-dashboard.mdx ("SCIM"): "go to
//!   **Integrations** > **Identity providers**", "find … and select **Edit**".
//! - Cloudflare's API schema (`access_saml.config.idp_public_certs`, a list) and the provider's
//!   `idp_public_certs` (`docs/consoles.md`).
//! - JumpCloud "Manage Public Certificate and Private Key Pairs" ("PK"): Actions → Upload New
//!   certificate, Actions → Upload IdP Key, "These must be uploaded in pairs".

use super::files::{
    API_FINAL_BODY_FILE, API_UPDATE_BODY_FILE, CERT_FILE, KEY_FILE, PageFile, REMINDER_FILE,
};
use super::{NamedValue, Setup, Step, jumpcloud};
use crate::pki::Certificate;

/// The phases of a rotation, in the order they must happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Cloudflare trusts the new certificate (next to the current one, when overlapping).
    TrustNew,
    /// JumpCloud gets the new pair and signs with it from now on.
    SwitchJumpCloud,
    /// A test sign-in through Cloudflare.
    Test,
    /// Cloudflare stops trusting the old certificate (only after an overlap).
    RemoveOld,
    /// The reminder for the new certificate's expiry.
    Reminder,
}

/// One step of the plan: its phase, a short title, the instruction with its values, and the
/// files it uses (each offered as a download next to it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RotationStep {
    /// Which phase this is.
    pub phase: Phase,
    /// The step's heading, naming the console.
    pub title: String,
    /// The instruction and the values to enter.
    pub step: Step,
    /// The files this step uses, in the order they are used.
    pub files: Vec<PageFile>,
}

/// What a rotation is made from.
#[derive(Debug, Clone)]
pub struct Rotation<'a> {
    /// The existing setup (the identity provider's settings, the app's display label).
    pub setup: &'a Setup,
    /// The new certificate.
    pub new: &'a Certificate,
    /// The certificates Cloudflare trusts today, from the certificate file or JumpCloud's
    /// metadata; empty when none was given. Never the new certificate.
    pub current: Vec<&'a Certificate>,
    /// "Keep the current certificate too".
    pub keep_current: bool,
    /// Whether the key is the one JumpCloud holds today (then only the certificate changes).
    pub key_kept: bool,
}

impl Rotation<'_> {
    /// Whether Cloudflare trusts both the new and the current certificates during the switch.
    pub fn overlaps(&self) -> bool {
        self.keep_current && !self.current.is_empty()
    }

    /// The certificates of the update (`PUT`) body: new first, then the current ones while
    /// overlapping.
    pub fn update_certificates(&self) -> Vec<&Certificate> {
        let mut list = vec![self.new];
        if self.overlaps() {
            list.extend(self.current.iter().copied());
        }
        list
    }

    /// The certificates of the final body, once the old ones are removed: the new one alone.
    pub fn final_certificates(&self) -> Vec<&Certificate> {
        vec![self.new]
    }

    /// The files the plan offers besides the key and certificate: the update body, and the
    /// final body when there is an old certificate to remove.
    pub fn body_files(&self) -> Vec<PageFile> {
        let mut files = vec![PageFile::ApiUpdateBody];
        if self.overlaps() {
            files.push(PageFile::ApiFinalBody);
        }
        files
    }

    /// The plan, in order.
    pub fn steps(&self) -> Vec<RotationStep> {
        let setup = self.setup;
        let provider = &setup.identity_provider_name;
        // SCIM: "go to Integrations > Identity providers", "find … and select Edit".
        let edit =
            format!("Cloudflare One → Integrations → Identity providers → {provider} → Edit");
        let new_value = NamedValue::new("Signing certificate (new)", self.new.base64())
            .with_note("The new certificate's base64 body, without the BEGIN and END lines.");
        let mut steps = Vec::with_capacity(5);
        if self.overlaps() {
            let count = self.current.len();
            let current = if count == 1 {
                "the current one".to_owned()
            } else {
                format!("the {count} current ones")
            };
            // GS step 4 has one Signing certificate field; the API's idp_public_certs is a list.
            steps.push(RotationStep {
                phase: Phase::TrustNew,
                title: "In Cloudflare: trust the new certificate too".to_owned(),
                step: Step::new(format!(
                    "Cloudflare must trust the new certificate before JumpCloud signs with it. Send {API_UPDATE_BODY_FILE} with its curl command (section 4, Update (PUT)), or apply the Terraform file: both list the new certificate first and keep {current}. The dashboard's form ({edit}) has a single Signing certificate field, so it cannot keep both: there, pasting the new certificate is an immediate switch (then do the JumpCloud step right after)."
                ))
                .with(vec![new_value]),
                files: vec![PageFile::ApiUpdateBody],
            });
        } else {
            let why = if self.current.is_empty() {
                "No current certificate was given above, so Cloudflare will trust only the new one"
            } else {
                "“Keep the current certificate too” is off, so Cloudflare will trust only the new one"
            };
            steps.push(RotationStep {
                phase: Phase::TrustNew,
                title: "In Cloudflare: replace the certificate".to_owned(),
                step: Step::new(format!(
                    "{why}: sign-ins fail from this step until JumpCloud signs with the new pair, whichever you do first, so do this step and the next one back to back. In {edit}, replace the Signing certificate with the new one and select Save, or send {API_UPDATE_BODY_FILE} (section 4, Update (PUT))."
                ))
                .with(vec![new_value]),
                files: vec![PageFile::ApiUpdateBody],
            });
        }
        // PK: "Go to Actions and then select Upload New certificate" / "Upload IdP Key"; "These
        // must be uploaded in pairs".
        let key_note = if self.key_kept {
            format!(
                " {KEY_FILE} is your current key, offered back unchanged: JumpCloud needs it again after the new certificate."
            )
        } else {
            String::new()
        };
        steps.push(RotationStep {
            phase: Phase::SwitchJumpCloud,
            title: "In JumpCloud: switch to the new pair".to_owned(),
            step: Step::new(format!(
                "In the JumpCloud Admin Portal, go to SSO Applications and select {label}. Open Actions, select Upload New certificate and choose {CERT_FILE}; then open Actions again, select Upload IdP Key and choose {KEY_FILE}. Upload them back to back, certificate first: JumpCloud takes them as a pair, and uploading a certificate wipes the key it holds.{key_note}",
                label = setup.display_label,
            ))
            .with(jumpcloud::upload_values()),
            files: vec![PageFile::Certificate, PageFile::Key],
        });
        // GS "3. Test the connection".
        let keep = if self.overlaps() {
            " Until it works, leave the current certificate in Cloudflare: sign-ins signed with it still pass."
        } else {
            ""
        };
        steps.push(RotationStep {
            phase: Phase::Test,
            title: "Test a sign-in".to_owned(),
            step: Step::new(format!(
                "In Cloudflare One → Integrations → Identity providers, select Test next to {provider}. If it fails, check the SAML response JumpCloud sent against the new certificate (the button below).{keep}"
            )),
            files: Vec::new(),
        });
        if self.overlaps() {
            steps.push(RotationStep {
                phase: Phase::RemoveOld,
                title: "In Cloudflare: remove the old certificate".to_owned(),
                step: Step::new(format!(
                    "Only after a test sign-in works: send {API_FINAL_BODY_FILE} with its curl command (section 4, Final update (remove the old certificate)), so Cloudflare trusts the new certificate alone; with Terraform, delete the line marked “current certificate” and apply. In the dashboard ({edit}), leave only the new Signing certificate."
                )),
                files: vec![PageFile::ApiFinalBody],
            });
        }
        steps.push(RotationStep {
            phase: Phase::Reminder,
            title: "Set the next reminder".to_owned(),
            step: Step::new(format!(
                "Add {REMINDER_FILE} to your calendar: it reminds you 60, 30 and 7 days and one day before the new certificate expires, as JumpCloud's own emails do."
            )),
            files: vec![PageFile::Reminder],
        });
        steps
    }
}
