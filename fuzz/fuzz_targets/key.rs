//! `import::private_key` on arbitrary bytes: PEM, DER, base64 bodies and garbage alike must give
//! a key or an error, never a panic or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use saml_idp_kit::import;

fuzz_target!(|data: &[u8]| {
    if let Ok((key, _)) = import::private_key(data) {
        // A key that was accepted must be usable: it exports and re-imports to itself, in the
        // format it was exported in.
        for format in saml_idp_kit::pki::KeyFormat::ALL {
            if let Ok(pem) = key.to_pem(format) {
                assert_eq!(
                    import::private_key(pem.as_bytes()).ok(),
                    Some((key.clone(), format))
                );
            }
        }
    }
});
