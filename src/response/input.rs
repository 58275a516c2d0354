//! What the user pastes: the base64 `SAMLResponse` value, the URL-encoded form body
//! (`SAMLResponse=…&RelayState=…`), or the XML itself. Turned into XML text with the same
//! limits as the metadata import: 1 MiB before anything is decoded, DOCTYPE, entity
//! declarations and XInclude refused before any parser runs.

use super::Error;
use crate::import;

/// The form field the HTTP-POST binding carries the response in (SAML 2.0 Bindings, 3.5.4).
const FIELD: &str = "SAMLResponse";

/// The XML text of the response, from any of the three pasted shapes.
pub fn xml_text(input: &[u8]) -> Result<String, Error> {
    import::check_size(input.len()).map_err(|_| Error::TooLarge { bytes: input.len() })?;
    if input.starts_with(&[0xff, 0xfe]) || input.starts_with(&[0xfe, 0xff]) {
        return Err(Error::NotText);
    }
    let text = std::str::from_utf8(input).map_err(|_| Error::NotText)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text).trim();
    if text.is_empty() {
        return Err(Error::Empty);
    }
    let xml = if text.starts_with('<') {
        text.to_owned()
    } else {
        let base64 = match form_value(text) {
            Some(value) => value?,
            None => text.to_owned(),
        };
        decode_base64(&base64)?
    };
    import::refuse_declarations(&xml).map_err(|error| match error {
        import::Error::XmlExternalReference => Error::ExternalReference,
        _ => Error::Dtd,
    })?;
    Ok(xml)
}

/// The `SAMLResponse` value of a URL-encoded form body, percent-decoded; `None` when the text
/// is not a form body.
///
/// `+` is kept as `+` rather than read as a space: base64 never holds spaces, and a body copied
/// by hand often has the value's `+` unencoded.
fn form_value(text: &str) -> Option<Result<String, Error>> {
    let value = text.split('&').find_map(|pair| {
        let (name, value) = pair.split_once('=')?;
        (name.trim() == FIELD).then_some(value)
    });
    match value {
        Some(value) => Some(percent_decode(value.trim()).ok_or(Error::BadPercentEncoding)),
        // Base64 never holds `&`: this is a form body without the field (a SAMLRequest …).
        None if text.contains('&') => Some(Err(Error::NoSamlResponseField)),
        None => None,
    }
}

fn percent_decode(value: &str) -> Option<String> {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn decode_base64(text: &str) -> Result<String, Error> {
    use base64ct::Encoding;
    let compact: String = text.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    let bytes = base64ct::Base64::decode_vec(&compact).map_err(|_| Error::NotBase64)?;
    let xml = String::from_utf8(bytes).map_err(|_| Error::NotXmlInside)?;
    let xml = xml
        .strip_prefix('\u{feff}')
        .unwrap_or(&xml)
        .trim()
        .to_owned();
    if !xml.starts_with('<') {
        return Err(Error::NotXmlInside);
    }
    Ok(xml)
}
