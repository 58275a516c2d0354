use super::*;
use saml_idp_kit::app::outputs::Outputs;
use saml_idp_kit::setup::{IdentityUpdateBehavior, TerraformProvider, files};

fn group_file_listed(state: &State) -> Option<bool> {
    Outputs::new(state, Mode::NewKey, NOW)
        .files()
        .into_iter()
        .find(|f| f.name == files::ACCESS_GROUP_FILE)
        .map(|f| f.holds_key)
}

#[test]
fn scim_actions_reach_the_setup_and_seat_removal_needs_user_deprovisioning() {
    let state = after([edit(Field::TeamName, "acme")]);
    assert_eq!(state.setup.as_ref().unwrap().scim, None);
    let state = after([
        edit(Field::TeamName, "acme"),
        Action::SetScim(true),
        Action::SetSeatDeprovision(true),
    ]);
    let scim = state.setup.as_ref().unwrap().scim.unwrap();
    assert!(
        !scim.seat_deprovision,
        "seat removal without user deprovisioning"
    );
    assert!(!state.form.scim_seat_deprovision);
    let mut state = after([
        edit(Field::TeamName, "acme"),
        Action::SetScim(true),
        Action::SetUserDeprovision(true),
        Action::SetSeatDeprovision(true),
        Action::SetIdentityUpdateBehavior(IdentityUpdateBehavior::Reauth),
    ]);
    let scim = state.setup.as_ref().unwrap().scim.unwrap();
    assert!(scim.user_deprovision && scim.seat_deprovision);
    assert_eq!(
        scim.identity_update_behavior,
        IdentityUpdateBehavior::Reauth
    );
    state.apply(Action::SetUserDeprovision(false));
    assert!(!state.form.scim_seat_deprovision);
    state.apply(Action::SetScim(false));
    assert_eq!(state.setup.as_ref().unwrap().scim, None);
}

#[test]
fn the_group_file_is_listed_only_with_groups() {
    let base = [edit(Field::TeamName, "acme"), generated()];
    let state = after(base.clone());
    assert_eq!(group_file_listed(&state), None);
    // Groups typed but the attribute off: no file.
    let state = after(
        base.clone()
            .into_iter()
            .chain([edit(Field::AllowedGroups, "Engineering, Sales")]),
    );
    assert_eq!(group_file_listed(&state), None);
    let state = after(base.clone().into_iter().chain([
        Action::SetIncludeGroups(true),
        edit(Field::AllowedGroups, "Engineering, Sales"),
    ]));
    assert_eq!(group_file_listed(&state), Some(false));
    let outputs = Outputs::new(&state, Mode::NewKey, NOW);
    let file = outputs.file(PageFile::AccessGroup).unwrap().unwrap();
    let body: serde_json::Value = serde_json::from_slice(&file.bytes[..]).unwrap();
    let values: Vec<&str> = body["include"]
        .as_array()
        .unwrap()
        .iter()
        .map(|rule| rule["saml"]["attribute_value"].as_str().unwrap())
        .collect();
    assert_eq!(values, ["Engineering", "Sales"]);
    // The attribute on but no groups: no file.
    let state = after(base.into_iter().chain([Action::SetIncludeGroups(true)]));
    assert_eq!(group_file_listed(&state), None);
}

#[test]
fn a_bad_group_list_shows_its_message() {
    let state = after([
        edit(Field::TeamName, "acme"),
        Action::SetIncludeGroups(true),
        edit(Field::AllowedGroups, "Engi\"neering"),
    ]);
    assert!(state.visible_problem(Field::AllowedGroups).is_some());
}

#[test]
fn the_terraform_provider_choice_reaches_the_setup() {
    let state = after([edit(Field::TeamName, "acme")]);
    assert_eq!(
        state.setup.as_ref().unwrap().terraform_provider,
        TerraformProvider::V5
    );
    let state = after([
        edit(Field::TeamName, "acme"),
        Action::SetTerraformProvider(TerraformProvider::V4),
    ]);
    assert_eq!(state.form.terraform_provider, TerraformProvider::V4);
    assert_eq!(
        state.setup.as_ref().unwrap().terraform_provider,
        TerraformProvider::V4
    );
}

#[test]
fn saml_header_rows_are_added_edited_removed_and_checked() {
    use saml_idp_kit::setup::{HeaderAttribute, HeaderPart};
    let mut state = after([edit(Field::TeamName, "acme"), Action::AddSamlHeader]);
    assert_eq!(state.form.saml_headers.len(), 1);
    state.apply(Action::EditSamlHeader(
        0,
        HeaderPart::AttributeName,
        "department".into(),
    ));
    state.apply(Action::EditSamlHeader(
        0,
        HeaderPart::HeaderName,
        "X Dept".into(),
    ));
    let problems = state.form.saml_header_problems();
    assert!(
        problems
            .iter()
            .any(|(row, part, _)| *row == 0 && *part == HeaderPart::HeaderName),
        "{problems:?}"
    );
    assert!(state.touched.contains(&Field::SamlHeaders));
    state.apply(Action::EditSamlHeader(
        0,
        HeaderPart::HeaderName,
        "X-Department".into(),
    ));
    assert!(state.form.saml_header_problems().is_empty());
    assert_eq!(
        state.setup.as_ref().unwrap().header_attributes,
        [HeaderAttribute {
            attribute_name: "department".into(),
            header_name: "X-Department".into(),
        }]
    );
    // Out of range edits and removals change nothing.
    state.apply(Action::EditSamlHeader(
        5,
        HeaderPart::HeaderName,
        "X-A".into(),
    ));
    state.apply(Action::RemoveSamlHeader(5));
    assert_eq!(state.form.saml_headers.len(), 1);
    state.apply(Action::RemoveSamlHeader(0));
    assert!(state.form.saml_headers.is_empty());
    assert!(state.setup.as_ref().unwrap().header_attributes.is_empty());
}

#[test]
fn asking_jumpcloud_to_sign_in_again_reaches_the_api_body_and_the_terraform_file() {
    let base = [edit(Field::TeamName, "acme"), generated()];
    let body_and_tf = |state: &State| {
        let outputs = Outputs::new(state, Mode::NewKey, NOW);
        let body = outputs.file(PageFile::ApiBody).unwrap().unwrap();
        let body: serde_json::Value = serde_json::from_slice(&body.bytes[..]).unwrap();
        let tf = outputs.file(PageFile::Terraform).unwrap().unwrap();
        (body, String::from_utf8(tf.bytes.to_vec()).unwrap())
    };
    let state = after(base.clone());
    assert!(!state.form.force_authn);
    let (body, tf) = body_and_tf(&state);
    assert!(body["config"].get("force_authn").is_none(), "{body}");
    assert!(!tf.contains("force_authn"));

    let mut state = after(base.into_iter().chain([Action::SetForceAuthn(true)]));
    assert!(state.form.force_authn);
    assert!(state.setup.as_ref().unwrap().force_authn);
    let (body, tf) = body_and_tf(&state);
    assert_eq!(body["config"]["force_authn"], true, "{body}");
    assert!(tf.contains("# Not written: force_authn"), "{tf}");

    state.apply(Action::SetForceAuthn(false));
    assert!(!state.setup.as_ref().unwrap().force_authn);
    let (body, _) = body_and_tf(&state);
    assert!(body["config"].get("force_authn").is_none(), "{body}");
}
