//! Every text the page shows, snapshotted in `tests/golden/texts/`, so that a refactor provably
//! changes none: error messages (every variant, and what every fixture file gives every file
//! input), the labels of fields and choices, the steps, values, checklists and file names of
//! each mode, the response check's lines for every fixture, and the sorted set of the source's
//! prose string literals (which holds the component labels that only exist in `html!`).
//!
//! A text change fails here; `UPDATE_GOLDEN=1 cargo test --test it texts` rewrites the files and
//! `git diff tests/golden/texts` shows exactly what changed.

use super::rotation::rotation_key_made;
use super::*;
use crate::setup::golden;
use saml_idp_kit::app::outputs::{self, Outputs};
use saml_idp_kit::app::state::{CheckAgainst, RenewKey, file_read};
use saml_idp_kit::app::views::{
    CloudflareView, JumpCloudView, RotationView, rotation_cards, section_numbers,
};
use saml_idp_kit::import::{self, InputKind};
use saml_idp_kit::pki::{self, CertificateProfile, KeyFormat, KeySize, SubjectField};
use saml_idp_kit::response;
use saml_idp_kit::setup::guide::{self, Step};
use saml_idp_kit::setup::options::{IdentityUpdateBehavior, JumpCloudApp, TerraformProvider};
use saml_idp_kit::setup::{self, FormError, NamedValue};
use std::fmt::Write as _;
use std::path::Path;

fn line(out: &mut String, what: impl std::fmt::Display) {
    let _ = writeln!(out, "{what}");
}

/// Every error enum's message for each variant.
mod errors;

/// What every fixture file (and a few made-up inputs) gives every file input: the action's
/// name, or the message shown under the input.
#[test]
fn what_every_file_input_says_of_every_fixture() {
    let mut out = String::new();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut inputs: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .expect("fixtures")
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            let bytes = std::fs::read(&path).ok()?;
            Some((path.file_name()?.to_string_lossy().into_owned(), bytes))
        })
        .collect();
    inputs.sort();
    inputs.extend([
        ("(empty)".to_owned(), Vec::new()),
        ("(binary)".to_owned(), vec![0xff, 0x00, 0x13, 0x37]),
        ("(utf-16)".to_owned(), vec![0xff, 0xfe, b'<', 0, b'x', 0]),
        ("(words)".to_owned(), b"hello world".to_vec()),
        (
            "(csr)".to_owned(),
            b"-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n"
                .to_vec(),
        ),
        (
            "(sp metadata)".to_owned(),
            saml_idp_kit::setup::metadata::sp_metadata_xml(
                &saml_idp_kit::setup::normalise_team_name("acme").expect("team"),
            )
            .into_bytes(),
        ),
    ]);
    for (name, bytes) in &inputs {
        for kind in [
            InputKind::PrivateKey,
            InputKind::Certificate,
            InputKind::Metadata,
            InputKind::CheckCertificate,
        ] {
            let said = match file_read(kind, Some(name.clone()), Ok(bytes)) {
                Action::Import { outcome, .. } => match *outcome {
                    Action::ImportFailed(_, error) => error.to_string(),
                    taken => format!("taken: {}", variant(&taken)),
                },
                other => format!("taken: {}", variant(&other)),
            };
            line(&mut out, format!("{name} as {kind:?}: {said}"));
        }
    }
    golden("texts/file-inputs.txt", &out);
}

/// The name of an action's variant (its fields hold keys and certificates, not texts).
fn variant(action: &Action) -> String {
    let debug = format!("{action:?}");
    debug
        .split(['(', ' ', '{'])
        .next()
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn every_label_and_choice() {
    let mut out = String::new();
    line(&mut out, "# Fields");
    for field in Field::ALL {
        line(&mut out, format!("{}: {}", field.id(), field.label()));
    }
    line(&mut out, "# Modes");
    for mode in Mode::ALL {
        line(&mut out, format!("{}: {}", mode.id(), mode.label()));
    }
    line(&mut out, "# Renew key");
    for choice in RenewKey::ALL {
        line(&mut out, format!("{}: {}", choice.id(), choice.label()));
    }
    line(&mut out, "# Check against");
    for choice in CheckAgainst::ALL {
        line(&mut out, format!("{}: {}", choice.id(), choice.label()));
    }
    line(&mut out, "# JumpCloud app");
    for choice in JumpCloudApp::ALL {
        line(&mut out, format!("{}: {}", choice.id(), choice.label()));
    }
    line(&mut out, "# Identity update behavior");
    for choice in IdentityUpdateBehavior::ALL {
        line(&mut out, format!("{:?}: {}", choice, choice.label()));
    }
    line(&mut out, "# Terraform provider");
    for choice in TerraformProvider::ALL {
        line(&mut out, format!("{:?}: {}", choice, choice.label()));
    }
    line(&mut out, "# Certificate profile");
    for choice in CertificateProfile::ALL {
        line(&mut out, format!("{:?}: {}", choice, choice.label()));
    }
    line(&mut out, "# Key size");
    for choice in KeySize::ALL {
        line(&mut out, format!("{choice:?}"));
    }
    line(&mut out, "# Key format");
    for choice in KeyFormat::ALL {
        line(&mut out, format!("{:?}: {}", choice, choice.label()));
    }
    line(&mut out, "# Key origin");
    for origin in [KeyOrigin::WebCrypto, KeyOrigin::Wasm] {
        line(&mut out, format!("{:?}: {}", origin, origin.label()));
    }
    golden("texts/labels.txt", &out);
}

fn steps(out: &mut String, title: &str, steps: &[Step]) {
    line(out, format!("## {title}"));
    for (index, step) in steps.iter().enumerate() {
        line(out, format!("{}. {}", index + 1, step.text));
        values(out, &step.values);
    }
}

fn values(out: &mut String, values: &[NamedValue]) {
    for value in values {
        line(
            out,
            format!("   - {}: {}", value.label, one_line(&value.value)),
        );
    }
}

/// A value on one line, long ones (certificates, keys) cut.
fn one_line(text: &str) -> String {
    let text = text.replace('\n', "⏎");
    if text.chars().count() > 100 {
        let head: String = text.chars().take(60).collect();
        format!("{head}… ({} chars)", text.chars().count())
    } else {
        text
    }
}

fn page(out: &mut String, title: &str, state: &State, mode: Mode) {
    line(out, format!("# {title}"));
    let outputs = Outputs::new(state, mode, NOW);
    line(
        out,
        format!(
            "blocker: {:?}",
            state.generate_blocker().unwrap_or_default()
        ),
    );
    line(out, format!("sections: {:?}", section_numbers(mode)));
    line(out, "## Files");
    for file in outputs.files() {
        line(
            out,
            format!("- {} ({}, key: {})", file.name, file.mime(), file.holds_key),
        );
    }
    let jumpcloud = JumpCloudView::of(&outputs);
    line(
        out,
        format!(
            "## JumpCloud view: key {}, files {:?}",
            jumpcloud.has_key,
            jumpcloud.files.names()
        ),
    );
    steps(out, "JumpCloud steps", &outputs.jumpcloud_steps());
    steps(out, "Cloudflare steps", &outputs.cloudflare_steps());
    line(out, "## Dashboard values");
    values(out, &outputs.dashboard_values());
    if let Some(view) = CloudflareView::of(&outputs) {
        line(out, format!("## Cloudflare view: {} tabs", view.tabs.len()));
        for (tab, code) in &view.tabs {
            line(out, format!("- {tab:?}: {}", one_line(code)));
        }
    }
    if let Some(rotation) = RotationView::of(&outputs) {
        line(out, "## Rotation");
        for step in rotation.steps.iter() {
            // Files by the names the page shows them under.
            let files: Vec<&str> = step.files.iter().filter_map(|f| f.fixed_name()).collect();
            let text = format!(
                "- RotationStep {{ phase: {:?}, title: {:?}, step: {:?}, files: {files:?} }}",
                step.phase, step.title, step.step
            );
            line(out, text.replace('\n', "⏎"));
        }
    }
    for card in rotation_cards(state, NOW) {
        line(out, format!("card: {card:?}"));
    }
    line(out, "## Checklist");
    for item in outputs.checklist() {
        line(out, format!("- {item}"));
    }
}

#[test]
fn every_mode_page() {
    let mut out = String::new();
    page(&mut out, "Fresh page", &State::new(), Mode::NewKey);
    let team = [edit(Field::TeamName, "acme")];
    page(&mut out, "Team only", &after(team.clone()), Mode::NewKey);
    let made = after([edit(Field::TeamName, "acme"), generated()]);
    page(&mut out, "New key made", &made, Mode::NewKey);
    let mut options = made.clone();
    options.apply(edit(Field::AllowedGroups, "admins, staff"));
    options.apply(edit(Field::SamlAttributes, "groups"));
    page(&mut out, "New key with groups", &options, Mode::NewKey);
    let mut renew = made.clone();
    renew.apply(Action::SetMode(Mode::Renew));
    page(&mut out, "Renew, nothing given", &renew, Mode::Renew);
    renew.apply(Action::SetRenewKey(RenewKey::New));
    page(
        &mut out,
        "Renew, make a new key chosen",
        &renew,
        Mode::Renew,
    );
    for action in rotation_key_made() {
        renew.apply(action);
    }
    page(&mut out, "Renew, new key made", &renew, Mode::Renew);
    let mut no_overlap = renew.clone();
    no_overlap.apply(Action::SetKeepCurrent(false));
    page(
        &mut out,
        "Renew, new key, no overlap",
        &no_overlap,
        Mode::Renew,
    );
    let metadata = include_bytes!("../../fixtures/jumpcloud-idp-metadata.xml");
    let mut from_metadata = after(team);
    from_metadata.apply(Action::SetMode(Mode::FromMetadata));
    from_metadata.apply(file_read(
        InputKind::Metadata,
        Some("metadata.xml".to_owned()),
        Ok(metadata),
    ));
    page(
        &mut out,
        "From JumpCloud metadata",
        &from_metadata,
        Mode::FromMetadata,
    );
    let mut renew_from_metadata = renew;
    renew_from_metadata.apply(file_read(
        InputKind::Certificate,
        Some("metadata.xml".to_owned()),
        Ok(metadata),
    ));
    page(
        &mut out,
        "Renew with JumpCloud's metadata as current",
        &renew_from_metadata,
        Mode::Renew,
    );
    line(&mut out, "# Guide texts");
    for item in guide::new_key_checklist() {
        line(&mut out, format!("- {item}"));
    }
    for item in guide::metadata_checklist() {
        line(&mut out, format!("- {item}"));
    }
    golden("texts/pages.txt", &out);
}

#[test]
fn every_response_check_line() {
    let mut out = String::new();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/saml-response");
    let manifest: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("manifest.json")).expect("manifest"),
    )
    .expect("manifest JSON");
    let text = |key: &str| manifest[key].as_str().unwrap_or_default().to_owned();
    let certificate = pki::Certificate::from_pem(
        &std::fs::read_to_string(dir.join(text("certificate"))).expect("certificate"),
    )
    .expect("certificate PEM");
    let expected = response::Expected {
        team: saml_idp_kit::setup::normalise_team_name(&text("team_name")).expect("team"),
        idp_entity_id: text("idp_entity_id"),
        sso_url: text("sso_url"),
        certificates: vec![certificate],
        email_attribute: None,
        group_attribute: None,
    };
    let clock = manifest["clock_unix"].as_u64().unwrap_or_default();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("fixtures")
        .filter_map(|entry| Some(entry.ok()?.file_name().to_string_lossy().into_owned()))
        .filter(|name| name.ends_with(".xml"))
        .collect();
    names.sort();
    for name in names {
        line(&mut out, format!("# {name}"));
        let bytes = std::fs::read(dir.join(&name)).expect("fixture");
        match response::check(&bytes, &expected, clock) {
            Ok(report) => {
                line(&mut out, report.headline());
                line(&mut out, report.summary());
                for check in &report.lines {
                    line(
                        &mut out,
                        format!("- {:?} {:?}: {}", check.check, check.status, check.detail),
                    );
                    if let Some(fix) = &check.fix {
                        line(&mut out, format!("  fix: {fix}"));
                    }
                }
            }
            Err(error) => line(&mut out, format!("error: {error}")),
        }
    }
    golden("texts/response-checks.txt", &out);
}

/// The prose string literals of `src/`.
mod literals;
