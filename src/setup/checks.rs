//! The rules each input is checked against; every message says how to fix the value.

use super::error::FormError;
use super::field::Field;
use super::form::{MAX_ENTITY_ID_CHARS, MAX_NAME_CHARS, MAX_URL_CHARS, QUOTES, URL_PUNCTUATION};
use super::options::{HeaderAttribute, HeaderPart, SamlHeaderInput};
use crate::pki::MAX_VALIDITY_DAYS;

/// Collects one message per field while each check hands back its value when good.
#[derive(Default)]
pub(super) struct Problems(Vec<(Field, FormError)>);

impl Problems {
    pub(super) fn check<T>(&mut self, field: Field, result: Result<T, FormError>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(error) => {
                self.push(field, error);
                None
            }
        }
    }

    pub(super) fn push(&mut self, field: Field, error: FormError) {
        self.0.push((field, error));
    }

    pub(super) fn into_sorted(mut self) -> Vec<(Field, FormError)> {
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
pub(super) fn check_name(
    name: &str,
    field: Field,
    empty_message: &'static str,
) -> Result<String, FormError> {
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
pub(super) fn parse_validity_days(text: &str) -> Result<u32, FormError> {
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
pub(super) fn check_email_attribute_name(name: &str) -> Result<String, FormError> {
    if name.contains(|c: char| c == ',' || c.is_whitespace()) {
        return Err(FormError::OneAttributeName);
    }
    check_attribute_name(name)?;
    Ok(name.to_owned())
}

/// Longest JumpCloud group name accepted in "JumpCloud groups allowed".
pub const MAX_GROUP_NAME_CHARS: usize = 255;
/// The message for a bad "JumpCloud groups allowed" list.
pub const ALLOWED_GROUPS_HINT: &str = "Enter JumpCloud group names separated by commas.";

/// Splits "JumpCloud groups allowed" at commas: entries trimmed, empty ones dropped, duplicates
/// removed (first kept), each 1–255 characters without control characters or quotes. An empty
/// field gives an empty list.
pub fn parse_allowed_groups(text: &str) -> Result<Vec<String>, FormError> {
    let mut groups: Vec<String> = Vec::new();
    for group in text.split(',').map(str::trim).filter(|g| !g.is_empty()) {
        if group.chars().count() > MAX_GROUP_NAME_CHARS
            || group.contains(char::is_control)
            || group.contains(QUOTES)
        {
            return Err(FormError::AllowedGroups);
        }
        if !groups.iter().any(|seen| seen == group) {
            groups.push(group.to_owned());
        }
    }
    Ok(groups)
}

/// Whether `name` is an HTTP field name: an RFC 9110 token (`tchar`: letters, digits and
/// ``! # $ % & ' * + - . ^ _ ` | ~``).
pub fn is_http_token(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// Checks every SAML header row, trimmed; rows left entirely empty are ignored. Returns the
/// headers, or one message per bad input as (row, part, message).
#[allow(clippy::type_complexity)]
pub fn check_saml_headers(
    rows: &[SamlHeaderInput],
) -> Result<Vec<HeaderAttribute>, Vec<(usize, HeaderPart, FormError)>> {
    let mut headers: Vec<HeaderAttribute> = Vec::new();
    let mut problems = Vec::new();
    for (index, row) in rows.iter().enumerate() {
        let attribute_name = row.attribute_name.trim();
        let header_name = row.header_name.trim();
        if attribute_name.is_empty() && header_name.is_empty() {
            continue;
        }
        let mut row_ok = true;
        if attribute_name.is_empty() {
            problems.push((
                index,
                HeaderPart::AttributeName,
                FormError::HeaderAttributeEmpty,
            ));
            row_ok = false;
        } else if let Err(message) = check_attribute_name(attribute_name) {
            problems.push((index, HeaderPart::AttributeName, message));
            row_ok = false;
        }
        if header_name.is_empty() {
            problems.push((index, HeaderPart::HeaderName, FormError::HeaderNameEmpty));
            row_ok = false;
        } else if !is_http_token(header_name) || header_name.chars().count() > MAX_NAME_CHARS {
            problems.push((
                index,
                HeaderPart::HeaderName,
                FormError::HeaderNameCharacters,
            ));
            row_ok = false;
        } else if headers
            .iter()
            .any(|seen| seen.header_name.eq_ignore_ascii_case(header_name))
        {
            // HTTP field names are case-insensitive (RFC 9110 §5.1).
            problems.push((
                index,
                HeaderPart::HeaderName,
                FormError::HeaderNameTwice(header_name.to_owned()),
            ));
            row_ok = false;
        }
        if row_ok {
            headers.push(HeaderAttribute {
                attribute_name: attribute_name.to_owned(),
                header_name: header_name.to_owned(),
            });
        }
    }
    if problems.is_empty() {
        Ok(headers)
    } else {
        Err(problems)
    }
}
