//! Files and the ZIP.

use super::*;
use saml_idp_kit::setup::files::PageFile;
#[allow(unused_imports)]
use saml_idp_kit::setup::{cloudflare, files, guide, jumpcloud, metadata, reminder};

// ---------------------------------------------------------------------------------------------
// Files and the ZIP

/// Every file for a setup with every option on, built from the per-output functions.
fn every_file() -> Vec<OutputFile> {
    let setup = full();
    let certificate = certificate_for(&setup);
    let certificates = [&certificate];
    vec![
        files::key_file(&key_pem()),
        files::certificate_file(&certificate).unwrap(),
        files::sp_metadata_file(&setup.team),
        OutputFile::new(
            PageFile::IdpMetadata,
            metadata::idp_metadata_xml(&setup, &certificates).into_bytes(),
        ),
        OutputFile::new(
            PageFile::ApiBody,
            cloudflare::api_body(&setup, &certificates).into_bytes(),
        ),
        files::access_group_file(&setup).unwrap(),
        OutputFile::new(
            PageFile::Terraform,
            cloudflare::terraform(&setup, &certificates).into_bytes(),
        ),
        OutputFile::new(
            PageFile::Reminder,
            reminder::expiry_ics(&setup, &certificate, NOW).into_bytes(),
        ),
    ]
}

#[test]
fn files_have_the_guides_names_and_media_types() -> Result<(), saml_idp_kit::setup::Error> {
    let setup = full();
    let certificate = certificate_for(&setup);
    let key = files::key_file(&key_pem());
    assert_eq!(
        (key.name.as_str(), key.mime()),
        ("samlidp.key", "application/x-pem-file")
    );
    assert!(key.is_private_key());
    // Debug output never shows content (the key).
    assert!(!format!("{key:?}").contains("PRIVATE KEY"));
    let pem = files::certificate_file(&certificate)?;
    assert_eq!(
        (pem.name.as_str(), pem.mime()),
        ("samlidp.crt", "application/x-pem-file")
    );
    assert!(!pem.is_private_key());
    let pem_text = String::from_utf8(pem.bytes.to_vec()).unwrap();
    golden("samlidp.crt", &pem_text);
    assert_eq!(Certificate::from_pem(&pem_text)?.der(), certificate.der());
    let group = files::access_group_file(&setup).unwrap();
    assert_eq!(
        (group.name.as_str(), group.mime()),
        ("cloudflare-access-group.json", "application/json")
    );
    assert_eq!(
        group.bytes.as_slice(),
        cloudflare::access_group_body(&setup).unwrap().as_bytes()
    );
    assert_eq!(files::access_group_file(&acme()), None);
    let all = every_file();
    let names: Vec<&str> = all.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "samlidp.key",
            "samlidp.crt",
            "sp-metadata.xml",
            "idp-metadata.xml",
            "cloudflare-identity-provider.json",
            "cloudflare-access-group.json",
            "cloudflare-access-idp.tf",
            "samlidp-expiry.ics",
        ]
    );
    assert_eq!(files::zip_name(&setup.team), "saml-idp-kit-acme.zip");
    Ok(())
}

#[test]
fn zip_holds_every_file_stored_with_a_fixed_time() -> Result<(), Box<dyn std::error::Error>> {
    let all = every_file();
    let bytes = files::zip_all(&all, NOW)?;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes.as_slice()))?;
    assert_eq!(archive.len(), all.len());
    for (index, expected) in all.iter().enumerate() {
        let mut entry = archive.by_index(index)?;
        assert_eq!(entry.name()?, expected.name.as_str());
        assert_eq!(entry.compression(), zip::CompressionMethod::Stored);
        let modified = entry.last_modified().map(|t| {
            (
                t.year(),
                t.month(),
                t.day(),
                t.hour(),
                t.minute(),
                t.second(),
            )
        });
        assert_eq!(modified, Some((2026, 11, 29, 16, 20, 0)));
        let mode = if expected.is_private_key() {
            0o600
        } else {
            0o644
        };
        assert_eq!(
            entry.unix_mode().map(|m| m & 0o777),
            Some(mode),
            "{}",
            expected.name
        );
        let mut content = Vec::new();
        entry.read_to_end(&mut content)?;
        assert_eq!(content, expected.bytes.as_slice(), "{}", expected.name);
    }
    Ok(())
}

#[test]
fn zip_is_deterministic() -> Result<(), saml_idp_kit::setup::Error> {
    let all = every_file();
    let first = files::zip_all(&all, NOW)?;
    assert_eq!(files::zip_all(&all, NOW)?, first);
    assert_ne!(files::zip_all(&all, NOW + 3600)?, first);
    // Times ZIP cannot carry fall back to its epoch instead of failing.
    assert!(files::zip_all(&all, 0).is_ok());
    assert!(files::zip_all(&all, u64::MAX).is_ok());
    Ok(())
}

#[test]
fn zip_passes_pythons_zipfile_test() -> Result<(), saml_idp_kit::setup::Error> {
    let dir = scratch_dir("setup-zip");
    let path = dir.join(files::zip_name(&acme().team));
    std::fs::write(&path, files::zip_all(&every_file(), NOW)?).unwrap();
    let mut command = Command::new("python3");
    command.args(["-m", "zipfile", "-t"]).arg(&path);
    let output = run_command(&mut command, None);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success() && stdout.contains("Done testing"),
        "python3 -m zipfile -t failed: {stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    Ok(())
}

#[test]
fn errors_read_as_messages() {
    let error = saml_idp_kit::setup::Error::Zip("too many files");
    assert!(error.to_string().contains("(too many files)"));
    assert!(error.to_string().contains("one by one"));
    let wrapped = saml_idp_kit::setup::Error::from(saml_idp_kit::pki::Error::ClockOutOfRange);
    assert_eq!(
        wrapped.to_string(),
        saml_idp_kit::pki::Error::ClockOutOfRange.to_string()
    );
    assert!(std::error::Error::source(&wrapped).is_some());
}
