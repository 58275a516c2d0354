//! The downloadable files, by the names Cloudflare's guide uses, and the "Download all" ZIP.
//! Which files each mode offers is decided in `app::outputs`.

use super::archive::{self, Entry};
use super::{Error, Result, Setup, TeamName, cloudflare, metadata};
use crate::pki::Certificate;
use crate::text::date::UtcDateTime;
use zeroize::Zeroizing;

/// The private key (PEM, in the chosen format).
pub const KEY_FILE: &str = "samlidp.key";
/// The certificate (PEM).
pub const CERT_FILE: &str = "samlidp.crt";
/// Cloudflare's SP metadata, for JumpCloud's "Upload Metadata".
pub const SP_METADATA_FILE: &str = "sp-metadata.xml";
/// JumpCloud's IdP metadata, for Cloudflare's metadata upload.
pub const IDP_METADATA_FILE: &str = "idp-metadata.xml";
/// The API body that creates the identity provider.
pub const API_BODY_FILE: &str = "cloudflare-identity-provider.json";
/// The API body that updates an existing identity provider while rotating: its settings, the
/// new certificate first and, while overlapping, the current ones.
pub const API_UPDATE_BODY_FILE: &str = "cloudflare-identity-provider-update.json";
/// The API body that removes the old certificate once a rotation's test sign-in works: the
/// same settings, the new certificate alone.
pub const API_FINAL_BODY_FILE: &str = "cloudflare-identity-provider-final.json";
/// The API body that creates an Access group for the allowed JumpCloud groups.
pub const ACCESS_GROUP_FILE: &str = "cloudflare-access-group.json";
/// The Terraform configuration.
pub const TERRAFORM_FILE: &str = "cloudflare-access-idp.tf";
/// The expiry reminder.
pub const REMINDER_FILE: &str = "samlidp-expiry.ics";

/// Media type of PEM files.
pub const PEM_MIME: &str = "application/x-pem-file";
/// Media type of the metadata files.
pub const XML_MIME: &str = "application/xml";
/// Media type of the API bodies.
pub const JSON_MIME: &str = "application/json";
/// Media type of the Terraform file.
pub const TERRAFORM_MIME: &str = "text/plain";
/// Media type of the reminder.
pub const CALENDAR_MIME: &str = "text/calendar";
/// Media type of the "Download all" archive.
pub const ZIP_MIME: &str = "application/zip";

/// Every file the page can offer, by what it is. Its name and media type follow from it, so a
/// new file is one variant here, and a misspelt file cannot compile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PageFile {
    /// [`KEY_FILE`]
    Key,
    /// [`CERT_FILE`]
    Certificate,
    /// [`SP_METADATA_FILE`]
    SpMetadata,
    /// [`IDP_METADATA_FILE`]
    IdpMetadata,
    /// [`API_BODY_FILE`]
    ApiBody,
    /// [`API_UPDATE_BODY_FILE`]
    ApiUpdateBody,
    /// [`API_FINAL_BODY_FILE`]
    ApiFinalBody,
    /// [`ACCESS_GROUP_FILE`]
    AccessGroup,
    /// [`TERRAFORM_FILE`]
    Terraform,
    /// [`REMINDER_FILE`]
    Reminder,
    /// "Download all": every other offered file in one ZIP ([`zip_name`]).
    Zip,
}

impl PageFile {
    /// Every file, in the page's order ("Download all" last).
    pub const ALL: [PageFile; 11] = [
        PageFile::Key,
        PageFile::Certificate,
        PageFile::SpMetadata,
        PageFile::IdpMetadata,
        PageFile::ApiBody,
        PageFile::ApiUpdateBody,
        PageFile::ApiFinalBody,
        PageFile::AccessGroup,
        PageFile::Terraform,
        PageFile::Reminder,
        PageFile::Zip,
    ];

    /// The file name to save as; only the ZIP's names the team.
    pub fn name(self, team: &TeamName) -> String {
        match self.fixed_name() {
            Some(name) => name.to_owned(),
            None => zip_name(team),
        }
    }

    /// The file name, for every file but the ZIP (whose name holds the team).
    pub fn fixed_name(self) -> Option<&'static str> {
        Some(match self {
            PageFile::Key => KEY_FILE,
            PageFile::Certificate => CERT_FILE,
            PageFile::SpMetadata => SP_METADATA_FILE,
            PageFile::IdpMetadata => IDP_METADATA_FILE,
            PageFile::ApiBody => API_BODY_FILE,
            PageFile::ApiUpdateBody => API_UPDATE_BODY_FILE,
            PageFile::ApiFinalBody => API_FINAL_BODY_FILE,
            PageFile::AccessGroup => ACCESS_GROUP_FILE,
            PageFile::Terraform => TERRAFORM_FILE,
            PageFile::Reminder => REMINDER_FILE,
            PageFile::Zip => return None,
        })
    }

    /// Its media type, for the Blob.
    pub fn mime(self) -> &'static str {
        match self {
            PageFile::Key | PageFile::Certificate => PEM_MIME,
            PageFile::SpMetadata | PageFile::IdpMetadata => XML_MIME,
            PageFile::ApiBody
            | PageFile::ApiUpdateBody
            | PageFile::ApiFinalBody
            | PageFile::AccessGroup => JSON_MIME,
            PageFile::Terraform => TERRAFORM_MIME,
            PageFile::Reminder => CALENDAR_MIME,
            PageFile::Zip => ZIP_MIME,
        }
    }
}

/// One file a mode offers, without its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileSpec {
    /// Which file.
    pub file: PageFile,
    /// The file name to save as.
    pub name: String,
    /// Whether the file holds the mode's private key (`samlidp.key`, and the ZIP when it
    /// includes `samlidp.key`). Saving it marks that key saved.
    pub holds_key: bool,
}

impl FileSpec {
    /// Its media type.
    pub fn mime(&self) -> &'static str {
        self.file.mime()
    }

    /// `file` for `team`, in a mode that offers the private key as a file or not.
    pub fn new(file: PageFile, team: &TeamName, offers_key: bool) -> FileSpec {
        FileSpec {
            file,
            name: file.name(team),
            holds_key: match file {
                PageFile::Key => true,
                PageFile::Zip => offers_key,
                _ => false,
            },
        }
    }
}

/// One file to download. The bytes are wiped when dropped, since one of the files is the key.
#[derive(Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Which file this is.
    pub file: PageFile,
    /// The file name to save as.
    pub name: String,
    /// Its content.
    pub bytes: Zeroizing<Vec<u8>>,
}

impl OutputFile {
    /// A file with a fixed name (every one but the ZIP) from its content.
    pub fn new(file: PageFile, bytes: Vec<u8>) -> OutputFile {
        OutputFile::named(file, file.fixed_name().unwrap_or_default(), bytes)
    }

    /// A file saved as `name` from its content.
    pub fn named(file: PageFile, name: impl Into<String>, bytes: Vec<u8>) -> OutputFile {
        OutputFile {
            file,
            name: name.into(),
            bytes: Zeroizing::new(bytes),
        }
    }

    /// Its media type, for the Blob.
    pub fn mime(&self) -> &'static str {
        self.file.mime()
    }

    /// Whether this is the private key, which must stay out of logs and be saved owner-only.
    pub fn is_private_key(&self) -> bool {
        self.file == PageFile::Key
    }
}

impl core::fmt::Debug for OutputFile {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        // Never print the content: it may be the private key.
        f.debug_struct("OutputFile")
            .field("name", &self.name)
            .field("mime", &self.mime())
            .field("len", &self.bytes.len())
            .finish()
    }
}

/// `samlidp.key` from the key's PEM text.
pub fn key_file(key_pem: &str) -> OutputFile {
    OutputFile::new(PageFile::Key, key_pem.as_bytes().to_vec())
}

/// `samlidp.crt`
pub fn certificate_file(certificate: &Certificate) -> Result<OutputFile> {
    Ok(OutputFile::new(
        PageFile::Certificate,
        certificate.to_pem()?.into_bytes(),
    ))
}

/// `sp-metadata.xml`, which needs only the team (offered before generating).
pub fn sp_metadata_file(team: &TeamName) -> OutputFile {
    OutputFile::new(
        PageFile::SpMetadata,
        metadata::sp_metadata_xml(team).into_bytes(),
    )
}

/// `cloudflare-access-group.json`, when the setup lists JumpCloud groups.
pub fn access_group_file(setup: &Setup) -> Option<OutputFile> {
    cloudflare::access_group_body(setup)
        .map(|body| OutputFile::new(PageFile::AccessGroup, body.into_bytes()))
}

/// `saml-idp-kit-<team>.zip`
pub fn zip_name(team: &TeamName) -> String {
    format!("saml-idp-kit-{}.zip", team.as_str())
}

/// The files as one ZIP (stored, not compressed), every entry stamped with
/// `modified_at_unix`, so the same files and time always give the same bytes. The key is
/// marked owner-only (0600) for unzip on Unix, the rest 0644.
///
/// The archive holds the private key: wipe it (e.g. wrap it in `Zeroizing`) once saved.
pub fn zip_all(files: &[OutputFile], modified_at_unix: u64) -> Result<Vec<u8>> {
    let entries: Vec<Entry<'_>> = files
        .iter()
        .map(|file| Entry {
            name: file.name.as_str(),
            bytes: &file.bytes,
            mode: if file.is_private_key() { 0o600 } else { 0o644 },
        })
        .collect();
    // The buffer is sized up front (see `archive`), so the one holding the key is never
    // reallocated and no stale copy is left behind in freed memory.
    archive::stored_zip(&entries, zip_time(modified_at_unix))
        .map_err(|limit| Error::Zip(limit.describe()))
}

/// A ZIP (MS-DOS) timestamp for a Unix time. ZIP has no time zone; UTC is the one honest
/// choice for a file made in a browser. Times outside 1980–2107 fall back to 1980-01-01.
fn zip_time(unix_seconds: u64) -> (u16, u16) {
    let t = UtcDateTime::from_unix(unix_seconds);
    archive::dos_date_time(t.year, t.month, t.day, t.hour, t.minute, t.second)
}
