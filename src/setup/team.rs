//! The Cloudflare Zero Trust team name and the URLs derived from it.

use super::error::FormError;
use core::fmt;

/// A team name is one DNS label.
pub const MAX_TEAM_NAME_CHARS: usize = 63;
/// The message for anything that is not a bare team name or its Cloudflare Access address.
pub const TEAM_NAME_HINT: &str = "Enter just the team name, for example acme.";
/// Where Cloudflare One shows the team name (cloudflare/cloudflare-docs
/// src/content/docs/cloudflare-one/integrations/identity-providers/jumpcloud-saml.mdx, commit
/// 036ae51b313f8ef78eac8719fdc2b609309bbdf3: "go to **Settings** > **Team name**").
pub const TEAM_NAME_HELP: &str = "In Cloudflare One, go to Settings → Team name.";

const TEAM_DOMAIN_SUFFIX: &str = ".cloudflareaccess.com";

/// A valid Cloudflare Zero Trust team name: one DNS label of lowercase letters, digits and
/// hyphens. Only [`normalise_team_name`] makes one, so every URL built from it is well-formed.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TeamName(String);

impl TeamName {
    /// The bare team name, e.g. `acme`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `acme.cloudflareaccess.com`
    pub fn team_domain(&self) -> String {
        format!("{}{TEAM_DOMAIN_SUFFIX}", self.0)
    }

    /// Cloudflare's SAML callback: both the SP Entity ID and the ACS URL.
    pub fn callback_url(&self) -> String {
        format!("https://{}/cdn-cgi/access/callback", self.team_domain())
    }

    /// Where Cloudflare publishes its SP metadata.
    pub fn sp_metadata_url(&self) -> String {
        format!(
            "https://{}/cdn-cgi/access/saml-metadata",
            self.team_domain()
        )
    }

    /// The IdP Entity ID Cloudflare's guide suggests: `https://acme.cloudflareaccess.com/`.
    pub fn default_idp_entity_id(&self) -> String {
        format!("https://{}/", self.team_domain())
    }
}

impl fmt::Display for TeamName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Reduces what users paste to the bare team name: `Acme`, `acme.cloudflareaccess.com` and
/// `https://acme.cloudflareaccess.com/any/path` all give `acme`. Another domain, a port or
/// user-info gives [`TEAM_NAME_HINT`]; a bad label gets a message saying what is wrong with it.
pub fn normalise_team_name(input: &str) -> Result<TeamName, FormError> {
    let text = input.trim();
    if text.is_empty() {
        return Err(FormError::Empty("Enter your team name."));
    }
    // ASCII-only lowering: Unicode case mapping would turn e.g. the Kelvin sign into `k` and
    // accept a look-alike name.
    let lower = text.to_ascii_lowercase();
    let (had_scheme, rest) = match lower.split_once("://") {
        Some(("http" | "https", rest)) => (true, rest),
        Some(_) => return Err(FormError::NotATeamName),
        None => (false, lower.as_str()),
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    if authority.contains(['@', ':']) {
        return Err(FormError::NotATeamName);
    }
    let host = authority.strip_suffix('.').unwrap_or(authority);
    let label = match host.strip_suffix(TEAM_DOMAIN_SUFFIX) {
        Some(label) => label,
        // A bare label is fine; a bare label with a scheme or path is some other site.
        None if !had_scheme && authority_end == rest.len() => host,
        None => return Err(FormError::NotATeamName),
    };
    if label.is_empty() || label.contains('.') {
        return Err(FormError::NotATeamName);
    }
    if !label
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        return Err(FormError::TeamNameCharacters);
    }
    if label.len() > MAX_TEAM_NAME_CHARS {
        return Err(FormError::TeamNameTooLong);
    }
    if label.starts_with('-') || label.ends_with('-') {
        return Err(FormError::TeamNameHyphen);
    }
    Ok(TeamName(label.to_owned()))
}
