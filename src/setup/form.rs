//! The form: raw input as typed, its normalisation, and validation into a [`Setup`].
//!
//! Validation always works on the normalised input (trimmed, team name reduced to its label,
//! country upper-cased), so what the user sees after leaving a field is exactly what is checked
//! and used.

use crate::pki::{
    CertificateOptions, CertificateProfile, DEFAULT_VALIDITY_DAYS, KeyFormat, KeySize,
    MAX_VALIDITY_DAYS, Subject, SubjectField,
};
use core::fmt;

/// JumpCloud's IdP URL for an app whose URL name is `cloudflare-access`.
pub const DEFAULT_SSO_URL: &str = "https://sso.jumpcloud.com/saml2/cloudflare-access";
/// The login method's name in Cloudflare.
pub const DEFAULT_LOGIN_METHOD_NAME: &str = "JumpCloud";
/// The SSO app's display label in JumpCloud.
pub const DEFAULT_DISPLAY_LABEL: &str = "Cloudflare Access";
/// The SAML attributes Cloudflare's JumpCloud guide asks for.
pub const DEFAULT_SAML_ATTRIBUTES: &str = "email, name, username";
/// Longest login method name, display label or attribute name accepted.
pub const MAX_NAME_CHARS: usize = 256;
/// Longest IdP Entity ID accepted.
pub const MAX_ENTITY_ID_CHARS: usize = 1024;
/// Longest SSO URL accepted.
pub const MAX_URL_CHARS: usize = 2048;
/// A team name is one DNS label.
pub const MAX_TEAM_NAME_CHARS: usize = 63;
/// The message for anything that is not a bare team name or its Cloudflare Access address.
pub const TEAM_NAME_HINT: &str = "Enter just the team name, for example acme.";

const TEAM_DOMAIN_SUFFIX: &str = ".cloudflareaccess.com";
/// Characters a URL may hold unescaped (RFC 3986 unreserved, reserved and `%`).
const URL_PUNCTUATION: &str = "-._~:/?#[]@!$&'()*+,;=%";
/// Quote characters refused in attribute names: they are almost always pasted by mistake
/// (`"email", "name"`), and no IdP attribute name needs them.
const QUOTES: [char; 6] = ['"', '\'', '\u{201C}', '\u{201D}', '\u{2018}', '\u{2019}'];

/// Why a field's text was refused. Its message is what the page shows next to the field.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FormError {
    /// A required field is empty; the message says what to enter.
    #[error("{0}")]
    Empty(&'static str),
    /// The text is not a bare team name or its Cloudflare Access address.
    #[error("{TEAM_NAME_HINT}")]
    NotATeamName,
    /// A team name with characters a DNS label cannot hold.
    #[error("A team name can use only letters, digits and hyphens.")]
    TeamNameCharacters,
    /// A team name longer than a DNS label.
    #[error("A team name can be at most {MAX_TEAM_NAME_CHARS} characters.")]
    TeamNameTooLong,
    /// A team name starting or ending with a hyphen.
    #[error("A team name cannot start or end with a hyphen.")]
    TeamNameHyphen,
    /// An empty SSO URL.
    #[error("Enter the JumpCloud SSO URL, for example {DEFAULT_SSO_URL}.")]
    UrlEmpty,
    /// A URL longer than [`MAX_URL_CHARS`].
    #[error("The URL can be at most {MAX_URL_CHARS} characters.")]
    UrlTooLong,
    /// A URL with whitespace or control characters.
    #[error("The URL cannot contain spaces, line breaks or control characters.")]
    UrlWhitespace,
    /// An `http://` URL.
    #[error("Use the https:// address JumpCloud shows, not http://.")]
    UrlNotHttps,
    /// Not a full URL.
    #[error("Enter a full URL starting with https://.")]
    UrlNotFull,
    /// A URL with characters a URL cannot hold unescaped.
    #[error(
        "The URL can contain only ASCII letters, digits and URL punctuation (no quotes, <, >, \\ or accented letters)."
    )]
    UrlCharacters,
    /// A URL with a user name or password.
    #[error("The URL cannot contain a user name or password.")]
    UrlUserInfo,
    /// A URL without a host.
    #[error("The URL needs a host name, for example sso.jumpcloud.com.")]
    UrlNoHost,
    /// A URL whose host is not a DNS name.
    #[error("The host name in the URL is not valid.")]
    UrlBadHost,
    /// A URL with a bad port.
    #[error("The port in the URL must be a number from 1 to 65535.")]
    UrlBadPort,
    /// An entity ID with whitespace or control characters.
    #[error("The IdP Entity ID cannot contain spaces, line breaks or control characters.")]
    EntityIdWhitespace,
    /// An entity ID longer than [`MAX_ENTITY_ID_CHARS`].
    #[error("The IdP Entity ID can be at most {MAX_ENTITY_ID_CHARS} characters.")]
    EntityIdTooLong,
    /// A name with line breaks or control characters.
    #[error("{} cannot contain line breaks or control characters.", .0.label())]
    NameControlCharacters(Field),
    /// A name longer than [`MAX_NAME_CHARS`].
    #[error("{} can be at most {MAX_NAME_CHARS} characters.", .0.label())]
    NameTooLong(Field),
    /// An empty validity.
    #[error("Enter the validity in days, for example {DEFAULT_VALIDITY_DAYS}.")]
    ValidityDaysEmpty,
    /// A validity that is not a whole number of days in range.
    #[error("Validity must be a whole number of days from 1 to {MAX_VALIDITY_DAYS}.")]
    ValidityDays,
    /// Quotes in an attribute name.
    #[error(
        "Attribute names cannot contain quotes; separate them with commas, for example email, name, username."
    )]
    AttributeQuotes,
    /// Control characters in an attribute name.
    #[error("Attribute names cannot contain control characters.")]
    AttributeControlCharacters,
    /// An attribute name longer than [`MAX_NAME_CHARS`].
    #[error("Each attribute name can be at most {MAX_NAME_CHARS} characters.")]
    AttributeTooLong,
    /// An attribute listed twice.
    #[error("The attribute {0} is listed twice.")]
    AttributeTwice(String),
    /// More than one name where one is expected.
    #[error("Enter one attribute name without spaces or commas, or leave it empty.")]
    OneAttributeName,
}

/// The form as typed. Persisted (without key or certificate) while the user asks for it.
///
/// `Default` gives the documented defaults; `#[serde(default)]` lets inputs saved by an older
/// version load with new fields at their defaults.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct FormInput {
    /// The `<team>` of `<team>.cloudflareaccess.com`, or anything pasted that contains it.
    pub team_name: String,
    /// JumpCloud's IdP URL for the SSO app.
    pub sso_url: String,
    /// The IdP Entity ID as typed; only used once `idp_entity_id_edited` is set.
    pub idp_entity_id: String,
    /// Whether the user edited the IdP Entity ID; until then it follows the team name.
    pub idp_entity_id_edited: bool,
    /// The login method's name in Cloudflare.
    pub login_method_name: String,
    /// The SSO app's display label in JumpCloud.
    pub display_label: String,
    /// Certificate subject CN.
    pub common_name: String,
    /// Certificate subject O (optional).
    pub organization: String,
    /// Certificate subject OU (optional).
    pub organizational_unit: String,
    /// Certificate subject L (optional).
    pub locality: String,
    /// Certificate subject ST (optional).
    pub state_or_province: String,
    /// Certificate subject C (optional, two letters).
    pub country: String,
    /// Certificate subject emailAddress (optional).
    pub email_address: String,
    /// Certificate lifetime in days, as typed.
    pub validity_days: String,
    /// RSA key size.
    pub key_size: KeySize,
    /// Private key file format.
    pub key_format: KeyFormat,
    /// Certificate extensions profile.
    pub profile: CertificateProfile,
    /// SAML attribute names for Cloudflare, separated by commas and/or whitespace.
    pub saml_attributes: String,
    /// Cloudflare's email attribute name; empty means "use the NameID".
    pub email_attribute_name: String,
    /// Whether Cloudflare signs its SAML requests.
    pub sign_request: bool,
    /// Write the legacy single `idp_public_cert` field instead of `idp_public_certs`.
    pub legacy_certificate_field: bool,
}

impl Default for FormInput {
    fn default() -> Self {
        FormInput {
            team_name: String::new(),
            sso_url: DEFAULT_SSO_URL.to_owned(),
            idp_entity_id: String::new(),
            idp_entity_id_edited: false,
            login_method_name: DEFAULT_LOGIN_METHOD_NAME.to_owned(),
            display_label: DEFAULT_DISPLAY_LABEL.to_owned(),
            common_name: Subject::default().common_name,
            organization: String::new(),
            organizational_unit: String::new(),
            locality: String::new(),
            state_or_province: String::new(),
            country: String::new(),
            email_address: String::new(),
            validity_days: DEFAULT_VALIDITY_DAYS.to_string(),
            key_size: KeySize::default(),
            key_format: KeyFormat::default(),
            profile: CertificateProfile::default(),
            saml_attributes: DEFAULT_SAML_ATTRIBUTES.to_owned(),
            email_attribute_name: String::new(),
            sign_request: false,
            legacy_certificate_field: false,
        }
    }
}

/// The text inputs that can carry a validation message, in form order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// Team name.
    TeamName,
    /// JumpCloud SSO URL.
    SsoUrl,
    /// IdP Entity ID.
    IdpEntityId,
    /// Login method name.
    LoginMethodName,
    /// JumpCloud display label.
    DisplayLabel,
    /// Common name (CN).
    CommonName,
    /// Organization (O).
    Organization,
    /// Organizational unit (OU).
    OrganizationalUnit,
    /// Locality (L).
    Locality,
    /// State or province (ST).
    StateOrProvince,
    /// Country (C).
    Country,
    /// Email address.
    EmailAddress,
    /// Validity (days).
    ValidityDays,
    /// SAML attributes.
    SamlAttributes,
    /// Email attribute name.
    EmailAttributeName,
}

impl Field {
    /// Every field, in form order.
    pub const ALL: [Field; 15] = [
        Field::TeamName,
        Field::SsoUrl,
        Field::IdpEntityId,
        Field::LoginMethodName,
        Field::DisplayLabel,
        Field::CommonName,
        Field::Organization,
        Field::OrganizationalUnit,
        Field::Locality,
        Field::StateOrProvince,
        Field::Country,
        Field::EmailAddress,
        Field::ValidityDays,
        Field::SamlAttributes,
        Field::EmailAttributeName,
    ];

    /// The visible label (the page's contract with its tests and docs).
    pub fn label(self) -> &'static str {
        match self {
            Field::TeamName => "Team name",
            Field::SsoUrl => "JumpCloud SSO URL",
            Field::IdpEntityId => "IdP Entity ID",
            Field::LoginMethodName => "Login method name",
            Field::DisplayLabel => "JumpCloud display label",
            // Subject fields share pki's labels, so certificate errors name the same field.
            Field::CommonName => SubjectField::CommonName.label(),
            Field::Organization => SubjectField::Organization.label(),
            Field::OrganizationalUnit => SubjectField::OrganizationalUnit.label(),
            Field::Locality => SubjectField::Locality.label(),
            Field::StateOrProvince => SubjectField::StateOrProvince.label(),
            Field::Country => SubjectField::Country.label(),
            Field::EmailAddress => SubjectField::EmailAddress.label(),
            Field::ValidityDays => "Validity (days)",
            Field::SamlAttributes => "SAML attributes",
            Field::EmailAttributeName => "Email attribute name",
        }
    }

    /// A stable DOM id for the input.
    pub fn id(self) -> &'static str {
        match self {
            Field::TeamName => "team-name",
            Field::SsoUrl => "sso-url",
            Field::IdpEntityId => "idp-entity-id",
            Field::LoginMethodName => "login-method-name",
            Field::DisplayLabel => "display-label",
            Field::CommonName => "common-name",
            Field::Organization => "organization",
            Field::OrganizationalUnit => "organizational-unit",
            Field::Locality => "locality",
            Field::StateOrProvince => "state-or-province",
            Field::Country => "country",
            Field::EmailAddress => "email-address",
            Field::ValidityDays => "validity-days",
            Field::SamlAttributes => "saml-attributes",
            Field::EmailAttributeName => "email-attribute-name",
        }
    }

    /// The certificate subject attribute this field sets, if it is one.
    pub fn subject_field(self) -> Option<SubjectField> {
        match self {
            Field::CommonName => Some(SubjectField::CommonName),
            Field::Organization => Some(SubjectField::Organization),
            Field::OrganizationalUnit => Some(SubjectField::OrganizationalUnit),
            Field::Locality => Some(SubjectField::Locality),
            Field::StateOrProvince => Some(SubjectField::StateOrProvince),
            Field::Country => Some(SubjectField::Country),
            Field::EmailAddress => Some(SubjectField::EmailAddress),
            _ => None,
        }
    }
}

impl From<SubjectField> for Field {
    fn from(field: SubjectField) -> Self {
        match field {
            SubjectField::CommonName => Field::CommonName,
            SubjectField::Organization => Field::Organization,
            SubjectField::OrganizationalUnit => Field::OrganizationalUnit,
            SubjectField::Locality => Field::Locality,
            SubjectField::StateOrProvince => Field::StateOrProvince,
            SubjectField::Country => Field::Country,
            SubjectField::EmailAddress => Field::EmailAddress,
        }
    }
}

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

/// A validated form: everything the outputs need besides the key and certificate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Setup {
    /// The Cloudflare team.
    pub team: TeamName,
    /// JumpCloud's IdP URL (Cloudflare's Single Sign On URL).
    pub sso_url: String,
    /// The IdP Entity ID, identical in JumpCloud and Cloudflare (`issuer_url`).
    pub idp_entity_id: String,
    /// The login method's name in Cloudflare.
    pub login_method_name: String,
    /// The SSO app's display label in JumpCloud.
    pub display_label: String,
    /// SAML attribute names Cloudflare reads, in the order typed, without duplicates.
    pub attributes: Vec<String>,
    /// Cloudflare's email attribute name; empty means "use the NameID".
    pub email_attribute_name: String,
    /// Whether Cloudflare signs its SAML requests.
    pub sign_request: bool,
    /// Write the legacy single `idp_public_cert` field in the API body.
    pub legacy_certificate_field: bool,
    /// What the certificate says.
    pub certificate: CertificateOptions,
    /// RSA key size.
    pub key_size: KeySize,
    /// Private key file format.
    pub key_format: KeyFormat,
}

impl FormInput {
    /// The team name, when it is valid after normalisation. Enough for the key-free values
    /// (SP Entity ID, ACS URL, SP metadata) shown before generating.
    pub fn team(&self) -> Option<TeamName> {
        normalise_team_name(&self.team_name).ok()
    }

    /// The IdP Entity ID in effect: the edited value, or the default following the team name
    /// (empty while the team name is empty or invalid and the value was not edited).
    pub fn effective_idp_entity_id(&self) -> String {
        if self.idp_entity_id_edited {
            self.idp_entity_id.clone()
        } else {
            self.team()
                .map(|team| team.default_idp_entity_id())
                .unwrap_or_default()
        }
    }

    /// What the fields show once the user leaves them: surrounding whitespace trimmed, the team
    /// name reduced to its label, the country upper-cased, attributes listed as `a, b, c`, and
    /// the IdP Entity ID following the team until edited. Invalid values stay as typed (trimmed)
    /// so the user can fix them.
    pub fn normalised(&self) -> FormInput {
        let trim = |text: &str| text.trim().to_owned();
        let team_name = match normalise_team_name(&self.team_name) {
            Ok(team) => team.0,
            Err(_) => trim(&self.team_name),
        };
        let mut normalised = FormInput {
            team_name,
            sso_url: trim(&self.sso_url),
            idp_entity_id: trim(&self.idp_entity_id),
            idp_entity_id_edited: self.idp_entity_id_edited,
            login_method_name: trim(&self.login_method_name),
            display_label: trim(&self.display_label),
            common_name: trim(&self.common_name),
            organization: trim(&self.organization),
            organizational_unit: trim(&self.organizational_unit),
            locality: trim(&self.locality),
            state_or_province: trim(&self.state_or_province),
            country: self.country.trim().to_ascii_uppercase(),
            email_address: trim(&self.email_address),
            validity_days: trim(&self.validity_days),
            key_size: self.key_size,
            key_format: self.key_format,
            profile: self.profile,
            saml_attributes: match parse_attributes(&self.saml_attributes) {
                Ok(names) => names.join(", "),
                Err(_) => trim(&self.saml_attributes),
            },
            email_attribute_name: trim(&self.email_attribute_name),
            sign_request: self.sign_request,
            legacy_certificate_field: self.legacy_certificate_field,
        };
        if !normalised.idp_entity_id_edited {
            normalised.idp_entity_id = normalised.effective_idp_entity_id();
        }
        normalised
    }

    /// One message per bad field, in form order; empty when the form is valid.
    pub fn problems(&self) -> Vec<(Field, String)> {
        self.validate().err().unwrap_or_default()
    }

    /// The message for one field, if it is bad.
    pub fn problem(&self, field: Field) -> Option<String> {
        self.problems()
            .into_iter()
            .find(|(bad, _)| *bad == field)
            .map(|(_, message)| message)
    }

    /// Checks every field of the normalised input and returns the setup, or one message per
    /// bad field in form order.
    ///
    /// While the IdP Entity ID follows an invalid team name, only the team name gets a message.
    pub fn validate(&self) -> Result<Setup, Vec<(Field, String)>> {
        let input = self.normalised();
        let mut problems = Problems::default();

        let team = problems.check(Field::TeamName, normalise_team_name(&input.team_name));
        let sso_url = problems.check(Field::SsoUrl, check_https_url(&input.sso_url));
        let idp_entity_id = if input.idp_entity_id_edited || team.is_some() {
            problems.check(Field::IdpEntityId, check_entity_id(&input.idp_entity_id))
        } else {
            None
        };
        let login_method_name = problems.check(
            Field::LoginMethodName,
            check_name(
                &input.login_method_name,
                Field::LoginMethodName,
                "Enter a login method name, for example JumpCloud.",
            ),
        );
        let display_label = problems.check(
            Field::DisplayLabel,
            check_name(
                &input.display_label,
                Field::DisplayLabel,
                "Enter a display label, for example Cloudflare Access.",
            ),
        );
        let subject = input.subject();
        let subject_problems = subject.problems();
        for (field, error) in &subject_problems {
            problems.push(Field::from(*field), error.to_string());
        }
        let subject = subject_problems.is_empty().then_some(subject);
        let validity_days = problems.check(
            Field::ValidityDays,
            parse_validity_days(&input.validity_days),
        );
        let attributes = problems.check(
            Field::SamlAttributes,
            parse_attributes(&input.saml_attributes),
        );
        let email_attribute_name = problems.check(
            Field::EmailAttributeName,
            check_email_attribute_name(&input.email_attribute_name),
        );

        let (
            Some(team),
            Some(sso_url),
            Some(idp_entity_id),
            Some(login_method_name),
            Some(display_label),
            Some(subject),
            Some(validity_days),
            Some(attributes),
            Some(email_attribute_name),
        ) = (
            team,
            sso_url,
            idp_entity_id,
            login_method_name,
            display_label,
            subject,
            validity_days,
            attributes,
            email_attribute_name,
        )
        else {
            return Err(problems.into_sorted());
        };
        Ok(Setup {
            team,
            sso_url,
            idp_entity_id,
            login_method_name,
            display_label,
            attributes,
            email_attribute_name,
            sign_request: input.sign_request,
            legacy_certificate_field: input.legacy_certificate_field,
            certificate: CertificateOptions {
                subject,
                validity_days,
                profile: input.profile,
            },
            key_size: input.key_size,
            key_format: input.key_format,
        })
    }

    /// The certificate subject, with empty optional fields left out.
    fn subject(&self) -> Subject {
        let optional = |text: &str| (!text.is_empty()).then(|| text.to_owned());
        Subject {
            common_name: self.common_name.clone(),
            organization: optional(&self.organization),
            organizational_unit: optional(&self.organizational_unit),
            locality: optional(&self.locality),
            state_or_province: optional(&self.state_or_province),
            country: optional(&self.country),
            email_address: optional(&self.email_address),
        }
    }
}

/// Collects one message per field while each check hands back its value when good.
#[derive(Default)]
struct Problems(Vec<(Field, String)>);

impl Problems {
    fn check<T>(&mut self, field: Field, result: Result<T, FormError>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(error) => {
                self.push(field, error.to_string());
                None
            }
        }
    }

    fn push(&mut self, field: Field, message: String) {
        self.0.push((field, message));
    }

    fn into_sorted(mut self) -> Vec<(Field, String)> {
        // Subject problems arrive in certificate order (C … CN); the page wants form order.
        self.0.sort_by_key(|(field, _)| *field);
        self.0
    }
}

/// A JumpCloud SSO URL: `https://`, a host, no user-info, only characters a URL may hold.
pub(crate) fn check_https_url(url: &str) -> Result<String, FormError> {
    if url.is_empty() {
        return Err(FormError::UrlEmpty);
    }
    if url.chars().count() > MAX_URL_CHARS {
        return Err(FormError::UrlTooLong);
    }
    if url.contains(|c: char| c.is_whitespace() || c.is_control()) {
        return Err(FormError::UrlWhitespace);
    }
    let scheme_end = url.find("://").map(|i| i + 3).unwrap_or(0);
    let rest = match url.get(..scheme_end) {
        Some(scheme) if scheme.eq_ignore_ascii_case("https://") => &url[scheme_end..],
        Some(scheme) if scheme.eq_ignore_ascii_case("http://") => {
            return Err(FormError::UrlNotHttps);
        }
        _ => return Err(FormError::UrlNotFull),
    };
    if !url
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || URL_PUNCTUATION.contains(c))
    {
        return Err(FormError::UrlCharacters);
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.contains('@') {
        return Err(FormError::UrlUserInfo);
    }
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    };
    if host.is_empty() {
        return Err(FormError::UrlNoHost);
    }
    // Host names only (no IPv6 literals): JumpCloud's SSO host is always a DNS name.
    if !host
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
    {
        return Err(FormError::UrlBadHost);
    }
    if let Some(port) = port {
        let valid = !port.is_empty()
            && port.bytes().all(|b| b.is_ascii_digit())
            && matches!(port.parse::<u16>(), Ok(1..));
        if !valid {
            return Err(FormError::UrlBadPort);
        }
    }
    Ok(url.to_owned())
}

/// An IdP Entity ID: any non-empty text without whitespace, at most 1024 characters.
pub(crate) fn check_entity_id(entity_id: &str) -> Result<String, FormError> {
    if entity_id.is_empty() {
        return Err(FormError::Empty(
            "Enter the IdP Entity ID, for example https://acme.cloudflareaccess.com/.",
        ));
    }
    if entity_id.contains(|c: char| c.is_whitespace() || c.is_control()) {
        return Err(FormError::EntityIdWhitespace);
    }
    if entity_id.chars().count() > MAX_ENTITY_ID_CHARS {
        return Err(FormError::EntityIdTooLong);
    }
    Ok(entity_id.to_owned())
}

/// A one-line name (login method name, display label): not empty, no control characters.
fn check_name(name: &str, field: Field, empty_message: &'static str) -> Result<String, FormError> {
    if name.is_empty() {
        return Err(FormError::Empty(empty_message));
    }
    if name.contains(char::is_control) {
        return Err(FormError::NameControlCharacters(field));
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(FormError::NameTooLong(field));
    }
    Ok(name.to_owned())
}

/// A lifetime in whole days, 1..=3650, digits only.
fn parse_validity_days(text: &str) -> Result<u32, FormError> {
    if text.is_empty() {
        return Err(FormError::ValidityDaysEmpty);
    }
    match text.parse::<u32>() {
        Ok(days)
            if text.bytes().all(|b| b.is_ascii_digit())
                && (1..=MAX_VALIDITY_DAYS).contains(&days) =>
        {
            Ok(days)
        }
        _ => Err(FormError::ValidityDays),
    }
}

/// Checks one attribute name (already free of separators).
fn check_attribute_name(name: &str) -> Result<(), FormError> {
    if name.contains(QUOTES) {
        return Err(FormError::AttributeQuotes);
    }
    if name.contains(char::is_control) {
        return Err(FormError::AttributeControlCharacters);
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(FormError::AttributeTooLong);
    }
    Ok(())
}

/// Splits the SAML attributes field into names.
///
/// Names are separated by commas and/or whitespace (so one per line works too). Each name may
/// hold any character except quotes and control characters, up to 256 characters, so plain
/// names (`email`), URNs (`urn:oid:0.9.2342.19200300.100.1.3`) and claim URIs all fit. At least
/// one name is needed, and none may repeat.
pub fn parse_attributes(text: &str) -> Result<Vec<String>, FormError> {
    let mut names: Vec<String> = Vec::new();
    for name in text
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|name| !name.is_empty())
    {
        check_attribute_name(name)?;
        if names.iter().any(|seen| seen == name) {
            return Err(FormError::AttributeTwice(name.to_owned()));
        }
        names.push(name.to_owned());
    }
    if names.is_empty() {
        return Err(FormError::Empty(
            "Enter at least one attribute name, for example email.",
        ));
    }
    Ok(names)
}

/// The email attribute name: empty, or one attribute name.
fn check_email_attribute_name(name: &str) -> Result<String, FormError> {
    if name.contains(|c: char| c == ',' || c.is_whitespace()) {
        return Err(FormError::OneAttributeName);
    }
    check_attribute_name(name)?;
    Ok(name.to_owned())
}
