//! Renew certificate's rotation plan as data: the order of its steps, the files each names, no
//! creation step; the update and final commands, which keep SCIM as Cloudflare has it; the
//! rotation Terraform.

use super::*;
use saml_idp_kit::setup::files::{self, PageFile};
use saml_idp_kit::setup::rotation::{Phase, Rotation};
use saml_idp_kit::setup::{cloudflare, terraform};

fn rotation<'a>(
    setup: &'a Setup,
    new: &'a Certificate,
    current: Vec<&'a Certificate>,
    keep_current: bool,
    key_kept: bool,
) -> Rotation<'a> {
    Rotation {
        setup,
        new,
        current,
        keep_current,
        key_kept,
    }
}

fn phases(rotation: &Rotation<'_>) -> Vec<Phase> {
    rotation.steps().iter().map(|step| step.phase).collect()
}

/// Texts that belong to a new setup and must never appear in a rotation.
const CREATION_WORDS: [&str; 4] = [
    "Add New Application",
    "Add new identity provider",
    "Save Application",
    "Regenerate Secret",
];

#[test]
fn every_case_adds_before_switching_and_removes_only_after_the_test() {
    let setup = full();
    let new = certificate_for(&setup);
    let one = older_certificate();
    let two = certificate_with(&CertificateOptions {
        validity_days: 30,
        ..CertificateOptions::default()
    });
    let currents: [Vec<&Certificate>; 3] = [vec![], vec![&one], vec![&one, &two]];
    for current in &currents {
        for keep_current in [true, false] {
            for key_kept in [true, false] {
                let plan = rotation(&setup, &new, current.clone(), keep_current, key_kept);
                let overlap = keep_current && !current.is_empty();
                assert_eq!(plan.overlaps(), overlap);
                let expected = if overlap {
                    vec![
                        Phase::TrustNew,
                        Phase::SwitchJumpCloud,
                        Phase::Test,
                        Phase::RemoveOld,
                        Phase::Reminder,
                    ]
                } else {
                    vec![
                        Phase::TrustNew,
                        Phase::SwitchJumpCloud,
                        Phase::Test,
                        Phase::Reminder,
                    ]
                };
                let case = format!(
                    "{} current, keep {keep_current}, key kept {key_kept}",
                    current.len()
                );
                assert_eq!(phases(&plan), expected, "{case}");
                let steps = plan.steps();
                let files_of = |phase: Phase| {
                    steps
                        .iter()
                        .find(|step| step.phase == phase)
                        .map(|step| step.files.clone())
                        .unwrap_or_default()
                };
                assert_eq!(
                    files_of(Phase::TrustNew),
                    [PageFile::ApiUpdateBody],
                    "{case}"
                );
                assert_eq!(
                    files_of(Phase::SwitchJumpCloud),
                    [PageFile::Certificate, PageFile::Key],
                    "{case}: certificate first, then the key"
                );
                assert_eq!(files_of(Phase::Reminder), [PageFile::Reminder], "{case}");
                if overlap {
                    assert_eq!(files_of(Phase::RemoveOld), [PageFile::ApiFinalBody]);
                    assert_eq!(
                        plan.body_files(),
                        [PageFile::ApiUpdateBody, PageFile::ApiFinalBody]
                    );
                } else {
                    assert_eq!(plan.body_files(), [PageFile::ApiUpdateBody]);
                    assert!(
                        steps[0].step.text.contains("back to back"),
                        "{case}: an immediate replacement says to do both steps back to back"
                    );
                }
                for step in &steps {
                    for word in CREATION_WORDS {
                        assert!(
                            !step.step.text.contains(word) && !step.title.contains(word),
                            "{case}: {word:?} in {step:?}"
                        );
                    }
                }
                let key_step = &steps[1].step.text;
                assert_eq!(
                    key_step.contains("your current key"),
                    key_kept,
                    "{case}: only a kept key is called the current key"
                );
            }
        }
    }
}

#[test]
fn the_update_lists_new_then_every_current_certificate_and_the_final_only_the_new_one() {
    let setup = acme();
    let new = certificate_for(&setup);
    let one = older_certificate();
    let two = certificate_with(&CertificateOptions {
        validity_days: 30,
        ..CertificateOptions::default()
    });
    let plan = rotation(&setup, &new, vec![&one, &two], true, false);
    let ders = |list: Vec<&Certificate>| list.iter().map(|c| c.der().to_vec()).collect::<Vec<_>>();
    assert_eq!(
        ders(plan.update_certificates()),
        [new.der().to_vec(), one.der().to_vec(), two.der().to_vec()]
    );
    assert_eq!(ders(plan.final_certificates()), [new.der().to_vec()]);
    let off = rotation(&setup, &new, vec![&one], false, false);
    assert_eq!(ders(off.update_certificates()), [new.der().to_vec()]);
}

#[test]
fn the_rotation_terraform_marks_each_current_certificate_for_deletion() {
    let setup = acme();
    let new = certificate_for(&setup);
    let one = older_certificate();
    let plan = rotation(&setup, &new, vec![&one], true, true);
    let tf = terraform::rotation_terraform(&plan);
    golden("cloudflare-access-idp-rotation.tf", &tf);
    let lines: Vec<&str> = tf.lines().map(str::trim).collect();
    let new_line = lines
        .iter()
        .position(|l| l.contains(&new.base64()))
        .expect("the new certificate is written");
    let comment = lines
        .iter()
        .position(|l| *l == terraform::CURRENT_CERTIFICATE_COMMENT)
        .expect("the current certificate's line is marked");
    let old_line = lines
        .iter()
        .position(|l| l.contains(&one.base64()))
        .expect("the current certificate is written");
    assert!(new_line < comment && comment + 1 == old_line, "{tf}");
    assert_eq!(
        tf.matches(terraform::CURRENT_CERTIFICATE_COMMENT).count(),
        1,
        "only the current certificate's line is marked"
    );
    // Without an overlap nothing is marked; v4 says the order to switch in.
    let off = terraform::rotation_terraform(&rotation(&setup, &new, vec![&one], false, true));
    assert!(!off.contains(terraform::CURRENT_CERTIFICATE_COMMENT));
    assert!(!off.contains(&one.base64()));
    let v4 = valid(&FormInput {
        terraform_provider: TerraformProvider::V4,
        ..acme_input()
    });
    let v4_tf = terraform::rotation_terraform(&rotation(&v4, &new, vec![&one], true, true));
    golden("cloudflare-access-idp-rotation-v4.tf", &v4_tf);
    assert!(v4_tf.contains("Send cloudflare-identity-provider-update.json first"));
    assert!(v4_tf.contains(&format!("idp_public_cert      = \"{}\"", new.base64())));
}

/// Runs an update command in bash with a stub `curl`: a `GET` answers with `provider` (the
/// identity provider as Cloudflare returns it), a `PUT` records the body it was sent. `jq` is
/// the real one. Returns the body sent and the arguments of each call.
fn run_put(command: &str, file: &str, body: &str, provider: &str) -> (serde_json::Value, String) {
    let dir = scratch_dir(&format!(
        "setup-put-{}",
        std::thread::current().name().unwrap().replace("::", "-")
    ));
    std::fs::write(dir.join(file), body).unwrap();
    std::fs::write(dir.join("provider.json"), provider).unwrap();
    let script = format!(
        "set -eu\ncd '{dir}'\n\
         curl() {{ printf '%s\\n' \"$@\" >> calls.log; printf -- '--\\n' >> calls.log;\n\
           case \"$*\" in\n\
             *PUT*) cat > put-sent.json; printf '{{\"success\":true}}' ;;\n\
             *) cat provider.json ;;\n\
           esac; }}\n\
         CLOUDFLARE_ACCOUNT_ID=account-123\nCLOUDFLARE_API_TOKEN=token\nCLOUDFLARE_IDP_ID=idp-9\n{command}",
        dir = dir.display()
    );
    let output = run_command(Command::new("bash").arg("-s"), Some(&script));
    assert!(
        output.status.success(),
        "bash failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let sent = std::fs::read_to_string(dir.join("put-sent.json")).unwrap();
    let log = std::fs::read_to_string(dir.join("calls.log")).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    (parse_json(&sent), log)
}

#[test]
fn the_update_keeps_scim_as_cloudflare_has_it_and_never_sends_the_secret() {
    let setup = acme(); // SCIM off on the form
    let new = certificate_for(&setup);
    let one = older_certificate();
    let body = cloudflare::api_body(&setup, &[&new, &one]);
    let command = cloudflare::update_curl_command(&setup);
    golden("curl-update.sh", &command);
    assert!(command.contains("identity_providers"));
    for word in ["Regenerate Secret", "refresh_scim_secret"] {
        assert!(!command.contains(word), "{word}");
    }
    let provider = r#"{"success":true,"result":{"id":"idp-9","name":"JumpCloud","type":"saml",
        "config":{"idp_public_certs":["old"]},
        "scim_config":{"enabled":true,"user_deprovision":true,"seat_deprovision":false,
        "identity_update_behavior":"reauth","secret":"*****","scim_base_url":"https://x.example/scim"}}}"#;
    let (sent, log) = run_put(&command, files::API_UPDATE_BODY_FILE, &body, provider);
    assert_eq!(
        sent["scim_config"],
        serde_json::json!({"enabled": true, "user_deprovision": true,
            "seat_deprovision": false, "identity_update_behavior": "reauth"}),
        "SCIM as Cloudflare has it, without the secret or the base URL"
    );
    assert_eq!(
        sent["config"]["idp_public_certs"],
        serde_json::json!([new.base64(), one.base64()])
    );
    assert_eq!(sent["config"]["issuer_url"], setup.idp_entity_id);
    let put = log.split("--\n").nth(1).expect("a second call");
    assert!(put.contains("PUT\n"), "{log}");
    assert!(put.contains("/access/identity_providers/idp-9\n"), "{log}");

    // SCIM on in the form but off in Cloudflare: the update does not turn it on either.
    let with_scim = full();
    let body = cloudflare::api_body(&with_scim, &[&new]);
    assert!(parse_json(&body)["scim_config"].is_object());
    let no_scim = r#"{"success":true,"result":{"id":"idp-9","config":{}}}"#;
    let final_command = cloudflare::final_curl_command(&with_scim);
    golden("curl-final.sh", &final_command);
    let (sent, _) = run_put(&final_command, files::API_FINAL_BODY_FILE, &body, no_scim);
    assert!(sent.get("scim_config").is_none(), "{sent}");
    assert_eq!(
        sent["config"]["idp_public_certs"],
        serde_json::json!([new.base64()])
    );
}

#[test]
fn the_update_commands_say_where_the_identity_provider_id_is() {
    let command = cloudflare::update_curl_command(&acme());
    assert!(command.contains("export CLOUDFLARE_IDP_ID=<the identity provider's ID>"));
    assert!(command.contains("Cloudflare's docs take it from the list of identity providers"));
    // The list command, as a comment, runs as written (stub curl, real jq).
    let list = cloudflare::list_identity_providers_command();
    for line in list.lines() {
        assert!(
            command.contains(&format!("# {line}")),
            "{line:?} in\n{command}"
        );
    }
    let dir = scratch_dir("setup-list-providers");
    let script = format!(
        "set -eu\ncd '{}'\ncurl() {{ printf '%s' '{{\"result\":[{{\"id\":\"a1\",\"name\":\"JumpCloud\",\"type\":\"saml\"}},{{\"id\":\"b2\",\"name\":\"PIN\",\"type\":\"onetimepin\"}}]}}'; }}\n\
         CLOUDFLARE_ACCOUNT_ID=acc\nCLOUDFLARE_API_TOKEN=t\n{list}",
        dir.display()
    );
    let output = run_command(Command::new("bash").arg("-s"), Some(&script));
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(String::from_utf8_lossy(&output.stdout), "a1  JumpCloud\n");
}
