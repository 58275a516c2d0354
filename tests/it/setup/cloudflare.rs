//! Cloudflare values, the API bodies and curl.

use super::*;
#[allow(unused_imports)]
use saml_idp_kit::setup::{cloudflare, files, guide, jumpcloud, metadata, reminder};

// ---------------------------------------------------------------------------------------------
// Cloudflare values, API body, curl, Terraform

#[test]
fn cloudflare_dashboard_values() {
    let setup = acme();
    let certificate = certificate_for(&setup);
    let values = cloudflare::dashboard_values(&setup, &certificate);
    golden("cloudflare-dashboard-values.txt", &render(&values));
    let labels: Vec<&str> = values.iter().map(|v| v.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "Name",
            "Single Sign on URL",
            "IdP Entity ID or Issuer URL",
            "Signing certificate",
            "SAML attribute 1",
            "SAML attribute 2",
            "SAML attribute 3",
            "Email attribute name",
            "Sign SAML authentication request",
        ]
    );
    assert_eq!(value_of(&values, "Name"), "JumpCloud");
    assert_eq!(
        value_of(&values, "Single Sign on URL"),
        "https://sso.jumpcloud.com/saml2/cloudflare-access"
    );
    assert_eq!(
        value_of(&values, "IdP Entity ID or Issuer URL"),
        "https://acme.cloudflareaccess.com/"
    );
    let pasted = value_of(&values, "Signing certificate");
    assert!(!pasted.contains("BEGIN") && !pasted.contains('\n'));
    assert_eq!(decode_base64(pasted), certificate.der());
    assert_eq!(value_of(&values, "Email attribute name"), "");
    assert_eq!(value_of(&values, "Sign SAML authentication request"), "Off");
}

#[test]
fn api_body_has_the_guides_shape_and_order() {
    let setup = acme();
    let certificate = certificate_for(&setup);
    let body = cloudflare::api_body(&setup, &[&certificate]);
    golden("cloudflare-identity-provider.json", &body);

    let json = parse_json(&body);
    assert_eq!(json["name"], "JumpCloud");
    assert_eq!(json["type"], "saml");
    let config = &json["config"];
    assert_eq!(config["issuer_url"], "https://acme.cloudflareaccess.com/");
    assert_eq!(
        config["sso_target_url"],
        "https://sso.jumpcloud.com/saml2/cloudflare-access"
    );
    assert_eq!(
        config["attributes"],
        serde_json::json!(["email", "name", "username"])
    );
    assert_eq!(config["email_attribute_name"], "");
    assert_eq!(config["sign_request"], false);
    assert!(config.get("idp_public_cert").is_none());
    let certs = config["idp_public_certs"].as_array().unwrap();
    assert_eq!(certs.len(), 1);
    assert_eq!(decode_base64(certs[0].as_str().unwrap()), certificate.der());
    assert!(config.get("header_attributes").is_none());
    assert!(json.get("scim_config").is_none());
    assert_eq!(json.as_object().map(|o| o.len()), Some(3));
    assert_eq!(config.as_object().map(|o| o.len()), Some(6));

    // Keys in the guide's order, two-space indent.
    let order = [
        "config",
        "issuer_url",
        "sso_target_url",
        "attributes",
        "email_attribute_name",
        "sign_request",
        "idp_public_certs",
        "type",
        "name",
    ];
    let positions: Vec<usize> = order
        .iter()
        .filter_map(|key| body.find(&format!("\"{key}\": ")))
        .collect();
    assert_eq!(positions.len(), order.len());
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "keys out of order:\n{body}"
    );
    assert!(body.starts_with("{\n  \"config\": {\n    \"issuer_url\": "));
    assert!(body.ends_with("}\n"));
}

#[test]
fn api_body_lists_every_certificate_new_first() {
    let setup = acme();
    let new = certificate_for(&setup);
    let older = older_certificate();
    assert_ne!(new.der(), older.der());
    let body = cloudflare::api_body(&setup, &[&new, &older]);
    golden("cloudflare-identity-provider-rotation.json", &body);
    let json = parse_json(&body);
    let certs: Vec<Vec<u8>> = json["config"]["idp_public_certs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| decode_base64(c.as_str().unwrap()))
        .collect();
    assert_eq!(certs, [new.der().to_vec(), older.der().to_vec()]);
}

/// Runs curl commands in bash with a stub `curl` that logs its arguments (one per line, a
/// `--` line between calls) and its standard input to `calls.log`, and answers like the API:
/// a created identity provider with an ID and a SCIM secret, or the body it was sent. `jq` is
/// the real one. Returns (stdout, the log, the files left in the folder).
fn run_curl(command: &str) -> (String, String, Vec<String>) {
    // Tests run on threads named after them: one folder per test.
    let dir = scratch_dir(&format!(
        "setup-curl-{}",
        std::thread::current().name().unwrap().replace("::", "-")
    ));
    let setup = full();
    let certificate = certificate_for(&setup);
    std::fs::write(
        dir.join(files::API_BODY_FILE),
        cloudflare::api_body(&setup, &[&certificate]),
    )
    .unwrap();
    std::fs::write(
        dir.join(files::ACCESS_GROUP_FILE),
        cloudflare::access_group_body(&setup).unwrap(),
    )
    .unwrap();
    let script = format!(
        "set -eu\ncd '{dir}'\n\
         curl() {{ printf '%s\\n' \"$@\" >> calls.log; printf -- '--\\n' >> calls.log;\n\
           case \"$*\" in\n\
             *identity_providers*) printf '%s' '{{\"success\":true,\"result\":{{\"id\":\"idp-new\",\"scim_config\":{{\"secret\":\"s3cret-value\"}}}}}}' ;;\n\
             *) cat > group-sent.json; printf '{{\"success\":true}}' ;;\n\
           esac; }}\n\
         CLOUDFLARE_ACCOUNT_ID=account-123\nCLOUDFLARE_API_TOKEN='tok en$'\nCLOUDFLARE_IDP_ID=idp-9\n{command}",
        dir = dir.display()
    );
    let output = run_command(Command::new("bash").arg("-s"), Some(&script));
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "bash failed: {}\n{stdout}",
        String::from_utf8_lossy(&output.stderr)
    );
    let log = std::fs::read_to_string(dir.join("calls.log")).unwrap_or_default();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let group_sent = std::fs::read_to_string(dir.join("group-sent.json")).unwrap_or_default();
    let secret = std::fs::read_to_string(dir.join("scim-secret.txt")).ok();
    #[cfg(unix)]
    if secret.is_some() {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.join("scim-secret.txt"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "the secret file must be owner-only");
    }
    std::fs::remove_dir_all(&dir).unwrap();
    names.push(format!("group-sent={group_sent}"));
    names.push(format!("secret={}", secret.unwrap_or_default()));
    (stdout, log, names)
}

/// The arguments of each curl call.
fn calls(log: &str) -> Vec<Vec<String>> {
    log.split("--\n")
        .filter(|call| !call.is_empty())
        .map(|call| call.lines().map(str::to_owned).collect())
        .collect()
}

#[test]
fn curl_command_posts_the_json_file_with_shell_variables() {
    let setup = acme();
    let command = cloudflare::curl_command(&setup);
    golden("curl.sh", &command);
    assert!(command.contains("Access: Organizations, Identity Providers, and Groups > Edit"));
    assert!(command.contains("read -rs CLOUDFLARE_API_TOKEN"));
    let (_, log, _) = run_curl(&command);
    assert_eq!(
        calls(&log),
        [[
            "--fail-with-body",
            "--request",
            "POST",
            "https://api.cloudflare.com/client/v4/accounts/account-123/access/identity_providers",
            "--header",
            "Authorization: Bearer tok en$",
            "--header",
            "Content-Type: application/json",
            "--data",
            "@cloudflare-identity-provider.json",
        ]]
    );
}

#[test]
fn curl_creates_the_identity_provider_then_the_group_with_its_id() {
    let setup = full();
    let command = cloudflare::curl_command(&setup);
    golden("curl-groups-scim.sh", &command);
    // The token is never echoed and the secret never printed.
    assert!(!command.contains("echo \"$CLOUDFLARE_API_TOKEN"));
    assert!(command.contains("jq -j .result.scim_config.secret > scim-secret.txt"));
    assert!(command.contains("jq -r .result.id"));
    let (stdout, log, files) = run_curl(&command);
    assert!(stdout.contains("Identity provider ID: idp-new"), "{stdout}");
    assert!(
        !stdout.contains("s3cret-value"),
        "the secret must not be printed: {stdout}"
    );
    assert!(
        !stdout.contains("tok en$"),
        "the token must not be printed: {stdout}"
    );
    let calls = calls(&log);
    assert_eq!(calls.len(), 2, "{log}");
    assert_eq!(
        calls[0].last().map(String::as_str),
        Some("@cloudflare-identity-provider.json")
    );
    assert_eq!(
        calls[1][3],
        "https://api.cloudflare.com/client/v4/accounts/account-123/access/groups"
    );
    assert_eq!(calls[1].last().map(String::as_str), Some("@-"));
    assert!(
        files.contains(&"secret=s3cret-value".to_owned()),
        "{files:?}"
    );
    let sent = files
        .iter()
        .find_map(|f| f.strip_prefix("group-sent="))
        .unwrap();
    let sent = parse_json(sent);
    assert_eq!(sent["name"], "JumpCloud: Engineering, Sales");
    for rule in sent["include"].as_array().unwrap() {
        assert_eq!(rule["saml"]["identity_provider_id"], "idp-new");
    }
}

#[test]
fn api_body_carries_scim_and_header_attributes() {
    let setup = full();
    let certificate = certificate_for(&setup);
    let body = cloudflare::api_body(&setup, &[&certificate]);
    golden("cloudflare-identity-provider-full.json", &body);
    let json = parse_json(&body);
    assert_eq!(
        json["scim_config"],
        serde_json::json!({
            "enabled": true,
            "user_deprovision": true,
            "seat_deprovision": true,
            "identity_update_behavior": "reauth",
        })
    );
    assert_eq!(
        json["config"]["header_attributes"],
        serde_json::json!([
            {"attribute_name": "department", "header_name": "X-Department"},
            {"attribute_name": "email", "header_name": "X-Email"},
        ])
    );
    assert_eq!(
        json["config"]["attributes"],
        serde_json::json!(["email", "name", "username", "groups"])
    );
}

#[test]
fn access_group_body_admits_each_group_from_this_identity_provider() {
    assert_eq!(cloudflare::access_group_body(&acme()), None);
    let setup = full();
    let body = cloudflare::access_group_body(&setup).unwrap();
    golden("cloudflare-access-group.json", &body);
    assert_eq!(
        parse_json(&body),
        serde_json::json!({
            "name": "JumpCloud: Engineering, Sales",
            "include": [
                {"saml": {"attribute_name": "groups", "attribute_value": "Engineering", "identity_provider_id": "<IDENTITY_PROVIDER_ID>"}},
                {"saml": {"attribute_name": "groups", "attribute_value": "Sales", "identity_provider_id": "<IDENTITY_PROVIDER_ID>"}},
            ]
        })
    );
}

#[test]
fn dashboard_values_list_headers_and_the_groups_attribute() {
    let setup = full();
    let certificate = certificate_for(&setup);
    let values = cloudflare::dashboard_values(&setup, &certificate);
    golden("cloudflare-dashboard-values-full.txt", &render(&values));
    assert_eq!(value_of(&values, "SAML attribute 4"), "groups");
    assert_eq!(
        value_of(&values, "SAML header 1: Attribute name"),
        "department"
    );
    assert_eq!(value_of(&values, "SAML header 2: Attribute name"), "email");
}

#[test]
fn curl_with_scim_only_saves_the_secret_and_creates_no_group() {
    let mut input = acme_input();
    input.scim_enabled = true;
    let command = cloudflare::curl_command(&valid(&input));
    assert!(!command.contains(files::ACCESS_GROUP_FILE));
    let (stdout, log, files) = run_curl(&command);
    assert_eq!(calls(&log).len(), 1, "{log}");
    assert!(
        stdout.contains("SCIM secret saved to scim-secret.txt"),
        "{stdout}"
    );
    assert!(!stdout.contains("s3cret-value"), "{stdout}");
    assert!(
        files.contains(&"secret=s3cret-value".to_owned()),
        "{files:?}"
    );
    assert!(
        files.contains(&"group-sent=".to_owned()),
        "no group was sent: {files:?}"
    );
}
