//! The steps in both consoles, as data the page only has to render: each step is one
//! instruction with today's screen path and the values to enter there.
//!
//! Sources, cited next to each step:
//! - cloudflare/cloudflare-docs commit 036ae51b313f8ef78eac8719fdc2b609309bbdf3:
//!   src/content/docs/cloudflare-one/integrations/identity-providers/jumpcloud-saml.mdx ("JC")
//!   and generic-saml.mdx ("GS"); commit 05b5f46cc6746674e33228fbac8b6ebaf4a19001:
//!   src/content/partials/cloudflare-one/access/enable-scim-on-dashboard.mdx ("SCIM").
//! - JumpCloud's support articles "SSO using Custom SAML Application Connectors" ("CA") and
//!   "Manage Public Certificate and Private Key Pairs" ("PK").

use super::cloudflare::dashboard_values;
use super::files::IDP_METADATA_FILE;
use super::options::{GROUPS_ATTRIBUTE, IdentityUpdateBehavior, JumpCloudApp, scim_labels};
use super::{NamedValue, Setup, jumpcloud};
use crate::pki::Certificate;

/// One step: what to do, where, and the values to enter there (possibly none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// The instruction, naming the screen path and buttons as the console shows them.
    pub text: String,
    /// Label/value pairs to enter in this step, each with a copy button.
    pub values: Vec<NamedValue>,
}

impl Step {
    pub(crate) fn new(text: impl Into<String>) -> Step {
        Step {
            text: text.into(),
            values: Vec::new(),
        }
    }

    pub(crate) fn with(mut self, values: Vec<NamedValue>) -> Step {
        self.values = values;
        self
    }
}

/// The note under the catalog app's steps: JumpCloud's own pair works too.
pub const KEEP_JUMPCLOUD_PAIR_NOTE: &str = "Keeping the certificate and key JumpCloud made for the app is also fine: skip the upload, select Export Metadata on the SSO tab, and continue in “From JumpCloud metadata” with the exported file.";

/// JumpCloud's steps for the app chosen in the setup, from creating the application to
/// assigning user groups, with the generated pair uploaded through the Actions menu.
pub fn jumpcloud_steps(setup: &Setup) -> Vec<Step> {
    let mut sso_tab = jumpcloud::sso_tab_values(setup);
    let display_label = sso_tab.remove(0);
    let mut steps = match setup.jumpcloud_app {
        // JC "1. Create an SSO application in JumpCloud", steps 1–7.
        JumpCloudApp::Catalog => vec![
            Step::new("In the JumpCloud Admin Portal, go to SSO Applications and select Add New Application."),
            Step::new("In the search bar, enter Cloudflare, select the Cloudflare Access application, then select Next."),
            Step::new("In Display Label, enter the application's name, then select Save Application.")
                .with(vec![display_label]),
            Step::new("Review the application summary and select Configure Application."),
        ],
        // CA "To configure JumpCloud": "+ Add New Application and click Select on the Custom
        // Application tile. Click Next and then select Manage Single Sign-On (SSO)".
        JumpCloudApp::Custom => vec![
            Step::new("In the JumpCloud Admin Portal, go to SSO Applications, select Add New Application, then select the Custom Application tile."),
            Step::new("Select Next, then select Manage Single Sign-On (SSO) with SAML."),
            Step::new("In Display Label, enter the application's name, then save the application and select Configure Application.")
                .with(vec![display_label]),
        ],
    };
    // JC step 8: the SSO tab (IdP Entity ID, SP Entity ID and ACS URL, optional attributes).
    steps.push(Step::new("On the SSO tab, enter these values.").with(sso_tab));
    let attributes = jumpcloud::attribute_values(setup);
    if !attributes.is_empty() {
        steps.push(
            Step::new("Still on the SSO tab, under Attributes, add one row per attribute.")
                .with(attributes),
        );
    }
    steps.push(Step::new("Select Save."));
    // PK "Uploading a public certificate" / "Uploading a private key": "Go to Actions …";
    // "These must be uploaded in pairs".
    steps.push(
        Step::new("Upload the generated pair: in SSO Applications, select the application in the Configured Applications list, then open Actions. Upload the certificate first, then the key: JumpCloud takes them as a pair, and uploading a certificate wipes the key it holds.")
            .with(jumpcloud::upload_values()),
    );
    // JC steps 9–10.
    steps.push(Step::new(
        "On the User Groups tab, select the user groups that may sign in through Cloudflare Access, then select Save.",
    ));
    steps
}

/// Cloudflare One's steps for adding the identity provider with the dashboard.
pub fn cloudflare_steps(setup: &Setup, certificate: &Certificate) -> Vec<Step> {
    let mut values = dashboard_values(setup, certificate);
    let optional = values.split_off(4.min(values.len()));
    vec![
        // GS "2. Add a SAML identity provider to Cloudflare One", steps 1–2 (JC: "Under **Your
        // identity providers**, select **Add new identity provider**").
        Step::new("In Cloudflare One, go to Integrations → Identity providers."),
        Step::new("Under Your identity providers, select Add new identity provider, then select SAML."),
        // GS steps 3–4.
        Step::new(format!(
            "Enter the name and the values from JumpCloud (or upload {IDP_METADATA_FILE} instead of typing the URL, entity ID and certificate)."
        ))
        .with(values),
        // GS step 6: "Under **Optional configurations**".
        Step::new("Under Optional configurations, set these.").with(optional),
        // GS step 7, then "test the IdP integration".
        Step::new("Select Save, then select Test next to the identity provider to try a sign-in."),
    ]
}

/// Cloudflare One's steps for SCIM, in the dashboard's order (SCIM partial); empty when SCIM
/// is off.
pub fn cloudflare_scim_steps(setup: &Setup) -> Vec<Step> {
    let Some(scim) = setup.scim else {
        return Vec::new();
    };
    let on_off = |on: bool| if on { "On" } else { "Off" };
    let behavior: IdentityUpdateBehavior = scim.identity_update_behavior;
    vec![
        Step::new(format!(
            "In Cloudflare One, go to Integrations → Identity providers, find {} and select Edit.",
            setup.identity_provider_name
        )),
        Step::new(format!("Turn on {}.", scim_labels::ENABLE)),
        Step::new("Set the SCIM options.").with(vec![
            NamedValue::new(scim_labels::USER_DEPROVISION, on_off(scim.user_deprovision)),
            NamedValue::new(
                scim_labels::SEAT_DEPROVISION,
                on_off(scim.seat_deprovision && scim.user_deprovision),
            )
            .with_note("Needs Enable user deprovisioning."),
            NamedValue::new(IdentityUpdateBehavior::LABEL, behavior.label()),
        ]),
        Step::new(
            "Select Regenerate Secret. Copy the SCIM Endpoint and the SCIM Secret for JumpCloud: the secret is shown only now.",
        ),
        Step::new("Select Save."),
    ]
}

/// Where JumpCloud's SCIM steps are, said at the end of JumpCloud's section when SCIM is on:
/// they need the SCIM Endpoint and Secret that Cloudflare One shows only once the identity
/// provider exists, so they follow Cloudflare's SCIM steps.
pub const SCIM_LATER_NOTE: &str = "SCIM comes later: JumpCloud's Identity Management tab needs the SCIM Endpoint and SCIM Secret that Cloudflare One shows only after the identity provider exists. Its steps follow Cloudflare's SCIM steps in the next section.";

/// JumpCloud's steps for SCIM (JC "2. Configure SCIM in JumpCloud"); empty when SCIM is off.
/// They come after Cloudflare's SCIM steps ([`cloudflare_scim_steps`]), which show the endpoint
/// and the secret they need. The page never asks for the secret: it goes from one console to
/// the other directly.
pub fn jumpcloud_scim_steps(setup: &Setup) -> Vec<Step> {
    if setup.scim.is_none() {
        return Vec::new();
    }
    vec![
        Step::new(format!(
            "Back in the JumpCloud Admin Portal, with the SCIM Endpoint and SCIM Secret from the previous step: go to SSO Applications and select {}.",
            setup.display_label
        )),
        Step::new(
            "Select the Identity Management tab and make sure Enable management of User Groups and Group Membership in this application is turned on.",
        ),
        Step::new(
            "Select Configure. In Base URL, enter the SCIM Endpoint from Cloudflare One; in Token Key, enter the SCIM Secret.",
        ),
        Step::new("Select Activate, wait for the confirmation, then select Save."),
    ]
}

/// The key advice every checklist that offers a key ends with: the next renewal with the same
/// key needs the file, so it goes to a safe place, not the downloads folder.
pub const KEY_SAFEKEEPING: &str = "Keep samlidp.key in a password manager or vault (renewing with the same key needs it), then delete the downloaded samlidp.key and the ZIP that holds a copy";

/// The reminder item every checklist ends with.
const REMINDER_ITEM: &str = "Add samlidp-expiry.ics to your calendar so the renewal is not missed";

/// New key's Finish checklist, in the order of sections 3 and 4.
pub fn new_key_checklist() -> Vec<String> {
    [
        "Create the SAML app in JumpCloud and enter the values of section 3",
        "Upload samlidp.crt, then samlidp.key, in JumpCloud (Actions → Upload New certificate, Actions → Upload IdP Key)",
        "Bind the JumpCloud user groups that may sign in to the app",
        "Add the SAML identity provider in Cloudflare One (dashboard, metadata upload, API or Terraform)",
        "Select Test next to the identity provider in Cloudflare One",
        "Use the identity provider in an Access policy",
        KEY_SAFEKEEPING,
        REMINDER_ITEM,
    ]
    .map(str::to_owned)
    .to_vec()
}

/// From JumpCloud metadata's Finish checklist: JumpCloud keeps its own pair, so nothing is
/// uploaded there and no key exists here.
pub fn metadata_checklist() -> Vec<String> {
    [
        "Add the SAML identity provider in Cloudflare One (dashboard, JumpCloud's metadata file, API or Terraform)",
        "Bind the JumpCloud user groups that may sign in to the app",
        "Select Test next to the identity provider in Cloudflare One",
        "Use the identity provider in an Access policy",
        "Add samlidp-expiry.ics to your calendar: JumpCloud's certificate expires too, and Renew certificate replaces it without an outage",
    ]
    .map(str::to_owned)
    .to_vec()
}

/// Renew certificate's Finish checklist: the rotation plan's steps, in its order, then the key
/// advice (the plan's reminder step stays last).
pub fn rotation_checklist(steps: &[super::rotation::RotationStep]) -> Vec<String> {
    use super::rotation::Phase;
    let mut list = Vec::with_capacity(steps.len() + 1);
    for step in steps {
        if step.phase == Phase::Reminder {
            list.push(KEY_SAFEKEEPING.to_owned());
            list.push(REMINDER_ITEM.to_owned());
        } else {
            list.push(step.title.clone());
        }
    }
    list
}

/// Cloudflare One's steps for the Access group of the allowed JumpCloud groups, in the
/// dashboard (the API and Terraform routes create it with `cloudflare-access-group.json` and
/// the `.tf` file); empty without groups.
///
/// Sources: cloudflare/cloudflare-docs src/content/partials/cloudflare-one/access/
/// rule-group.mdx, commit 9d020c41d8f470fd0bd443738adc12937b637d63 ("go to **Access** > **Rule
/// groups**", "Select **Add a group**", "Enter a name", "Specify as many rules", "Select
/// **Save**"); src/content/docs/cloudflare-one/access-controls/policies/index.mdx, commit
/// 03453e71c92e876e946045cb9a96b7a339a6e9ec (selector "SAML Group": "Checks a SAML attribute
/// name / value pair"; "Rule group" selector in policies).
pub fn access_group_steps(setup: &Setup) -> Vec<Step> {
    if setup.allowed_groups.is_empty() {
        return Vec::new();
    }
    let mut rules = vec![NamedValue::new(
        "Name",
        super::cloudflare::access_group_name(setup),
    )];
    for (index, group) in setup.allowed_groups.iter().enumerate() {
        rules.push(
            NamedValue::new(format!("Include rule {}: SAML Group", index + 1), group.clone())
                .with_note(format!(
                    "Rule type Include, selector SAML Group, attribute name {GROUPS_ATTRIBUTE}, value as shown."
                )),
        );
    }
    vec![
        Step::new("In Cloudflare One, go to Access → Rule groups and select Add a group."),
        Step::new("Enter the name and one Include rule per JumpCloud group, then select Save.")
            .with(rules),
        Step::new(
            "In the Access policies of your applications, add an Include rule with the selector Rule group and this group.",
        ),
    ]
}
