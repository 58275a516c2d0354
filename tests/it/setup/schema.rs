//! The saved API schemas and provider attribute lists (`tests/fixtures/schemas/`), a small
//! strict validator for each, and the checks of every body and Terraform file against them.
//!
//! The JSON-schema subset: `type` (object, array, string, boolean), `enum`, `required`,
//! `properties`, `items` and local `$ref`. Unlike the API schema, which leaves additional
//! properties open, any key a schema does not declare is an error.

use super::*;
#[allow(unused_imports)]
use saml_idp_kit::setup::{cloudflare, files, guide, jumpcloud, metadata, reminder};
use serde_json::Value;

fn fixture(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/schemas")
        .join(name);
    parse_json(&std::fs::read_to_string(&path).expect("schema fixture must exist"))
}

/// Every violation of `schema` by `value`, as `path: problem`.
pub(super) fn schema_errors(value: &Value, schema_name: &str) -> Vec<String> {
    let root = fixture(schema_name);
    let mut errors = Vec::new();
    check(value, &root, &root, "$", &mut errors);
    errors
}

fn check(value: &Value, schema: &Value, root: &Value, path: &str, errors: &mut Vec<String>) {
    if let Some(reference) = schema["$ref"].as_str() {
        let name = reference
            .strip_prefix("#/definitions/")
            .expect("local $ref");
        return check(value, &root["definitions"][name], root, path, errors);
    }
    let expected = schema["type"]
        .as_str()
        .expect("every schema node has a type");
    let type_ok = match expected {
        "object" => value.is_object(),
        "array" => value.is_array(),
        "string" => value.is_string(),
        "boolean" => value.is_boolean(),
        other => panic!("type {other} not supported by this checker"),
    };
    if !type_ok {
        errors.push(format!("{path}: expected {expected}, got {value}"));
        return;
    }
    if let Some(allowed) = schema["enum"].as_array()
        && !allowed.contains(value)
    {
        errors.push(format!("{path}: {value} is not one of {allowed:?}"));
    }
    if let Some(object) = value.as_object() {
        let declared = schema["properties"]
            .as_object()
            .expect("objects declare properties");
        for required in schema["required"].as_array().into_iter().flatten() {
            let key = required.as_str().expect("required names are strings");
            if !object.contains_key(key) {
                errors.push(format!("{path}: missing required {key}"));
            }
        }
        for (key, item) in object {
            match declared.get(key) {
                Some(sub) => check(item, sub, root, &format!("{path}.{key}"), errors),
                None => errors.push(format!("{path}: undeclared key {key}")),
            }
        }
    }
    if let Some(items) = value.as_array() {
        for (index, item) in items.iter().enumerate() {
            check(
                item,
                &schema["items"],
                root,
                &format!("{path}[{index}]"),
                errors,
            );
        }
    }
}

#[test]
fn the_checker_refuses_undeclared_keys_wrong_types_and_enums() {
    let good = serde_json::json!({"name": "n", "type": "saml", "config": {}});
    assert!(schema_errors(&good, "access-identity-provider-saml.schema.json").is_empty());
    let cases = [
        (
            serde_json::json!({"name": "n", "type": "saml", "config": {"idp_public_cert": "x"}}),
            "$.config: undeclared key idp_public_cert",
        ),
        (
            serde_json::json!({"name": "n", "type": "saml", "config": {"sign_request": "no"}}),
            "$.config.sign_request: expected boolean, got \"no\"",
        ),
        (
            serde_json::json!({"name": "n", "type": "saml", "config": {}, "scim_config": {"identity_update_behavior": "sometimes"}}),
            "$.scim_config.identity_update_behavior: \"sometimes\" is not one of",
        ),
        (
            serde_json::json!({"type": "saml", "config": {}}),
            "$: missing required name",
        ),
        (
            serde_json::json!({"name": "n", "type": "saml", "config": {"force_authn": "yes"}}),
            "$.config.force_authn: expected boolean, got \"yes\"",
        ),
        (
            serde_json::json!({"name": "n", "type": "saml", "config": {"forceAuthn": true}}),
            "$.config: undeclared key forceAuthn",
        ),
    ];
    for (body, expected) in cases {
        let errors = schema_errors(&body, "access-identity-provider-saml.schema.json");
        assert!(
            errors.iter().any(|e| e.starts_with(expected)),
            "{expected} not in {errors:?}"
        );
    }
    let group = serde_json::json!({"name": "g", "include": [{"saml": {"attribute_name": "groups", "attribute_value": "x"}}]});
    assert_eq!(
        schema_errors(&group, "access-group.schema.json"),
        ["$.include[0].saml: missing required identity_provider_id"]
    );
}

/// The setups every body and file is checked for: the defaults, every option on, and both
/// with a rotation (two certificates) and the v4 provider; "Ask JumpCloud to sign in again
/// every time" (`force_authn`) is on in the last two.
fn setups() -> Vec<Setup> {
    let mut v4 = full_input();
    v4.terraform_provider = TerraformProvider::V4;
    v4.force_authn = true;
    let mut custom = acme_input();
    custom.jumpcloud_app = JumpCloudApp::Custom;
    custom.scim_enabled = true;
    custom.force_authn = true;
    vec![acme(), full(), valid(&v4), valid(&custom)]
}

#[test]
fn the_setups_checked_include_force_authn() {
    let bodies: Vec<Value> = setups()
        .iter()
        .map(|setup| parse_json(&cloudflare::api_body(setup, &[&certificate_for(setup)])))
        .collect();
    let forced = bodies
        .iter()
        .filter(|body| body["config"]["force_authn"] == true)
        .count();
    assert_eq!(forced, 2, "{bodies:?}");
}

#[test]
fn every_identity_provider_body_has_only_declared_keys() {
    let older = older_certificate();
    for setup in setups() {
        let certificate = certificate_for(&setup);
        for certificates in [vec![&certificate], vec![&certificate, &older]] {
            let body = parse_json(&cloudflare::api_body(&setup, &certificates));
            let errors = schema_errors(&body, "access-identity-provider-saml.schema.json");
            assert!(errors.is_empty(), "{errors:?}\n{body}");
        }
    }
}

#[test]
fn every_access_group_body_matches_the_schema() {
    let mut checked = 0;
    for setup in setups() {
        if let Some(body) = cloudflare::access_group_body(&setup) {
            let errors = schema_errors(&parse_json(&body), "access-group.schema.json");
            assert!(errors.is_empty(), "{errors:?}\n{body}");
            checked += 1;
        }
    }
    assert_eq!(checked, 2, "two of the setups list groups");
}

/// Checks one HCL body (a resource or a nested block/object) against a provider attribute list;
/// returns one message per attribute that is not declared or has the wrong shape.
fn check_hcl_body(body: &hcl::Body, spec: &Value, path: &str, errors: &mut Vec<String>) {
    for attribute in body.attributes() {
        let key = attribute.key.as_str();
        let here = format!("{path}.{key}");
        match spec.get(key) {
            None => errors.push(format!("{here}: not an attribute of this provider")),
            Some(expected) => check_hcl_expression(&attribute.expr, expected, &here, errors),
        }
    }
    for block in body.blocks() {
        let key = block.identifier.as_str();
        let here = format!("{path}.{key}");
        match spec.get(key).and_then(|s| s.get("blocks")) {
            Some(sub) => check_hcl_body(&block.body, sub, &here, errors),
            None => errors.push(format!("{here}: not a block of this provider")),
        }
    }
}

fn check_hcl_expression(
    expression: &hcl::Expression,
    expected: &Value,
    path: &str,
    errors: &mut Vec<String>,
) {
    use hcl::Expression as E;
    let ok = match (expression, expected) {
        (E::String(_) | E::TemplateExpr(_) | E::Traversal(_), Value::String(t)) => t == "string",
        (E::Bool(_), Value::String(t)) => t == "bool",
        (E::Array(items), Value::String(t)) if t == "list(string)" => items
            .iter()
            .all(|item| matches!(item, E::String(_) | E::TemplateExpr(_))),
        (E::Object(object), Value::Object(spec)) if spec.contains_key("object") => {
            check_hcl_object(object, &spec["object"], path, errors);
            true
        }
        (E::Array(items), Value::Object(spec)) if spec.contains_key("list_of_objects") => {
            for (index, item) in items.iter().enumerate() {
                match item {
                    E::Object(object) => check_hcl_object(
                        object,
                        &spec["list_of_objects"],
                        &format!("{path}[{index}]"),
                        errors,
                    ),
                    other => errors.push(format!(
                        "{path}[{index}]: expected an object, got {other:?}"
                    )),
                }
            }
            true
        }
        _ => false,
    };
    if !ok {
        errors.push(format!("{path}: {expression:?} does not fit {expected}"));
    }
}

fn check_hcl_object(
    object: &hcl::Object<hcl::ObjectKey, hcl::Expression>,
    spec: &Value,
    path: &str,
    errors: &mut Vec<String>,
) {
    for (key, value) in object {
        let key = match key {
            hcl::ObjectKey::Identifier(identifier) => identifier.as_str().to_owned(),
            hcl::ObjectKey::Expression(hcl::Expression::String(text)) => text.clone(),
            other => panic!("unexpected object key {other:?}"),
        };
        let here = format!("{path}.{key}");
        match spec.get(&key) {
            None => errors.push(format!("{here}: not an attribute of this provider")),
            Some(expected) => check_hcl_expression(value, expected, &here, errors),
        }
    }
}

/// Every attribute of every resource in `text` against the provider list; returns the
/// resource types found.
pub(super) fn terraform_errors(
    text: &str,
    provider: TerraformProvider,
) -> (Vec<String>, Vec<String>) {
    let list = fixture(match provider {
        TerraformProvider::V5 => "terraform-provider-v5.json",
        TerraformProvider::V4 => "terraform-provider-v4.json",
    });
    let body: hcl::Body =
        hcl::parse(text).unwrap_or_else(|e| panic!("HCL must parse ({e}):\n{text}"));
    let mut errors = Vec::new();
    let mut types = Vec::new();
    for block in body
        .blocks()
        .filter(|b| b.identifier.as_str() == "resource")
    {
        let kind = block.labels[0].as_str().to_owned();
        let spec = &list["resources"][&kind];
        assert!(spec.is_object(), "{kind} is not in the provider list");
        check_hcl_body(&block.body, spec, &kind, &mut errors);
        types.push(kind);
    }
    (errors, types)
}

#[test]
fn the_terraform_checker_refuses_unknown_attributes_and_wrong_shapes() {
    let text = "resource \"cloudflare_zero_trust_access_identity_provider\" \"x\" {\n  name = true\n  idp_public_cert = \"x\"\n  config {\n  }\n}\n";
    let (errors, _) = terraform_errors(text, TerraformProvider::V5);
    assert_eq!(errors.len(), 3, "{errors:?}");
    let (errors, _) = terraform_errors(text, TerraformProvider::V4);
    assert_eq!(errors.len(), 2, "config {{}} is a v4 block: {errors:?}");
}

#[test]
fn every_terraform_file_uses_only_the_providers_attributes() {
    let older = older_certificate();
    for setup in setups() {
        let certificate = certificate_for(&setup);
        for certificates in [vec![&certificate], vec![&certificate, &older]] {
            let text = cloudflare::terraform(&setup, &certificates);
            let (errors, types) = terraform_errors(&text, setup.terraform_provider);
            assert!(errors.is_empty(), "{errors:?}\n{text}");
            let expected_types = if setup.allowed_groups.is_empty() {
                1
            } else {
                2
            };
            assert_eq!(types.len(), expected_types, "{types:?}");
        }
    }
}
