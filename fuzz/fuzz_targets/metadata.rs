//! `import::jumpcloud_metadata` (and the setup made from it) on arbitrary bytes: never a panic
//! or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use saml_idp_kit::import;
use saml_idp_kit::setup::{FormInput, cloudflare};

fuzz_target!(|data: &[u8]| {
    if let Ok(metadata) = import::jumpcloud_metadata(data) {
        assert!(!metadata.certificates.is_empty());
        assert!(metadata.sso_target_url().is_some());
        let form = FormInput {
            team_name: "acme".to_owned(),
            ..FormInput::default()
        };
        // Metadata that was accepted always makes a valid setup and an API body.
        match import::setup_from_metadata(&metadata, &form) {
            Ok(setup) => {
                let body = cloudflare::api_body(&setup, &metadata.certificate_refs());
                assert!(body.starts_with('{'));
            }
            Err(problems) => panic!("accepted metadata gave problems: {problems:?}"),
        }
    }
});
