//! JumpCloud values, per JumpCloud-app choice.

use super::*;
#[allow(unused_imports)]
use saml_idp_kit::setup::{cloudflare, files, guide, jumpcloud, metadata, reminder};

// ---------------------------------------------------------------------------------------------
// JumpCloud values

#[test]
fn jumpcloud_values_follow_its_form() {
    let setup = acme();
    let values = jumpcloud::values(&setup);
    golden("jumpcloud-values.txt", &render(&values));
    let labels: Vec<&str> = values.iter().map(|v| v.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "Display Label",
            "IdP Entity ID",
            "SP Entity ID",
            "ACS URLs: Default URL",
            "SAMLSubject NameID",
            "SAMLSubject NameID Format",
            "Signature Algorithm",
            "IdP URL",
            "Attribute 1: Service Provider Attribute Name",
            "Attribute 2: Service Provider Attribute Name",
            "Attribute 3: Service Provider Attribute Name",
            "Actions → Upload New certificate",
            "Actions → Upload IdP Key",
        ]
    );
    let callback = "https://acme.cloudflareaccess.com/cdn-cgi/access/callback";
    assert_eq!(value_of(&values, "Display Label"), "Cloudflare Access");
    assert_eq!(value_of(&values, "Actions → Upload IdP Key"), "samlidp.key");
    assert_eq!(
        value_of(&values, "Actions → Upload New certificate"),
        "samlidp.crt"
    );
    assert_eq!(
        value_of(&values, "IdP Entity ID"),
        "https://acme.cloudflareaccess.com/"
    );
    assert_eq!(value_of(&values, "SP Entity ID"), callback);
    assert_eq!(value_of(&values, "ACS URLs: Default URL"), callback);
    assert_eq!(value_of(&values, "SAMLSubject NameID"), "email");
    assert_eq!(value_of(&values, "SAMLSubject NameID Format"), EMAIL_FORMAT);
    assert_eq!(value_of(&values, "Signature Algorithm"), "RSA-SHA256");
    assert_eq!(
        value_of(&values, "IdP URL"),
        "https://sso.jumpcloud.com/saml2/cloudflare-access"
    );
    let idp_url_note = values
        .iter()
        .find(|v| v.label == "IdP URL")
        .and_then(|v| v.note.as_deref());
    assert!(
        idp_url_note.is_some_and(|note| note.contains("type cloudflare-access after it")),
        "{idp_url_note:?}"
    );
}

#[test]
fn key_free_values_are_the_same_in_the_same_order() {
    let setup = acme();
    let sp = jumpcloud::sp_values(&setup.team, &setup.display_label);
    golden("jumpcloud-sp-values.txt", &render(&sp));
    let full = jumpcloud::values(&setup);
    // `sp` is a subsequence of `full`.
    let mut rest = full.iter();
    for value in &sp {
        assert!(
            rest.any(|v| v == value),
            "{value:?} missing or out of order"
        );
    }
    assert!(sp.iter().all(|v| !v.value.contains("samlidp")));
}

#[test]
fn attributes_map_to_jumpcloud_attributes() {
    assert_eq!(
        jumpcloud::attribute_mappings(&acme()),
        [
            ("email".to_owned(), "email".to_owned()),
            ("name".to_owned(), "displayname".to_owned()),
            ("username".to_owned(), "username".to_owned()),
        ]
    );
    let mut input = acme_input();
    input.saml_attributes = "given_name, Surname, department".to_owned();
    let setup = valid(&input);
    assert_eq!(
        jumpcloud::attribute_mappings(&setup),
        [
            ("given_name".to_owned(), "firstname".to_owned()),
            ("Surname".to_owned(), "lastname".to_owned()),
            ("department".to_owned(), "department".to_owned()),
        ]
    );
    let values = jumpcloud::values(&setup);
    let notes: Vec<&str> = values
        .iter()
        .filter(|v| v.label.starts_with("Attribute "))
        .filter_map(|v| v.note.as_deref())
        .collect();
    assert_eq!(
        notes,
        [
            "JumpCloud Attribute Name: firstname",
            "JumpCloud Attribute Name: lastname",
            "JumpCloud Attribute Name: choose the JumpCloud attribute that holds this value.",
        ]
    );
}

#[test]
fn the_group_attribute_is_jumpclouds_own_setting_not_a_mapping_row() {
    let setup = full();
    let values = jumpcloud::values(&setup);
    assert_eq!(value_of(&values, "Include group attribute"), "groups");
    assert!(
        values
            .iter()
            .filter(|v| v.label.starts_with("Attribute "))
            .all(|v| v.value != "groups")
    );
    assert_eq!(jumpcloud::attribute_mappings(&setup).len(), 3);
}
