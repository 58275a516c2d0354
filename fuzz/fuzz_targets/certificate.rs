//! `import::certificate` and `import::inspect` on arbitrary bytes: never a panic or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use saml_idp_kit::import;

fuzz_target!(|data: &[u8]| {
    if let Ok(certificate) = import::certificate(data) {
        let inspection = import::inspect(&certificate, None, 1_795_969_200);
        assert_eq!(inspection.serial_hex, certificate.serial_hex());
        // What the outputs write must read back as the same certificate.
        assert_eq!(
            import::certificate(certificate.base64().as_bytes()).ok(),
            Some(certificate)
        );
    }
});
