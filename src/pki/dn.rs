//! Distinguished names as RFC 4514 strings (`CN=JumpCloud SAML IdP,O=Acme`), written exactly as
//! x509-cert's `Display for Name` writes them, but with a table of the attribute types that
//! certificate subjects use instead of const-oid's whole OID database, which `Display` looks
//! names up in and which alone put about 64 KB into the wasm (docs/size.md).
//!
//! As in x509-cert: the RDNs in reverse order (RFC 4514 §2.1) joined by `,`, multi-valued RDNs
//! joined by `+`, a string value escaped per §2.4; an attribute type not in the table, or a
//! value that is not a string, as `<dotted OID>=#<hex of the DER value>` (§2.4's form for
//! types without a short name).

use der::asn1::{
    Ia5StringRef, ObjectIdentifier, PrintableStringRef, TeletexStringRef, Utf8StringRef,
};
use der::oid::db::{rfc3280, rfc4519};
use der::{Encode, Tag, Tagged};
use x509_cert::attr::AttributeTypeAndValue;
use x509_cert::name::Name;

/// Attribute types and the name x509-cert writes for each (const-oid's shortest name for the
/// OID, upper-cased; a native test checks every row against the database).
const SHORT_NAMES: &[(ObjectIdentifier, &str)] = &[
    (rfc4519::CN, "CN"),
    (rfc4519::SN, "SN"),
    (rfc4519::SERIAL_NUMBER, "SERIALNUMBER"),
    (rfc4519::C, "C"),
    (rfc4519::L, "L"),
    (rfc4519::ST, "ST"),
    (rfc4519::STREET, "STREET"),
    (rfc4519::O, "O"),
    (rfc4519::OU, "OU"),
    (rfc4519::TITLE, "TITLE"),
    (rfc4519::DESCRIPTION, "DESCRIPTION"),
    (rfc4519::POSTAL_CODE, "POSTALCODE"),
    (rfc4519::GIVEN_NAME, "GN"),
    (rfc4519::INITIALS, "INITIALS"),
    (rfc4519::GENERATION_QUALIFIER, "GENERATIONQUALIFIER"),
    (rfc4519::DN_QUALIFIER, "DNQUALIFIER"),
    (rfc4519::DC, "DC"),
    (rfc4519::UID, "UID"),
    (rfc3280::EMAIL_ADDRESS, "EMAIL"),
    (rfc3280::PSEUDONYM, "PSEUDONYM"),
];

/// The RFC 4514 string of `name`.
pub fn rfc4514(name: &Name) -> String {
    let mut out = String::new();
    let rdns: Vec<_> = name.iter_rdn().collect();
    for (i, rdn) in rdns.iter().rev().enumerate() {
        if i > 0 {
            out.push(',');
        }
        for (j, atv) in rdn.iter().enumerate() {
            if j > 0 {
                out.push('+');
            }
            push_attribute(&mut out, atv);
        }
    }
    out
}

fn push_attribute(out: &mut String, atv: &AttributeTypeAndValue) {
    let value = &atv.value;
    let text = match value.tag() {
        Tag::PrintableString => PrintableStringRef::try_from(value).ok().map(|s| s.as_str()),
        Tag::Utf8String => Utf8StringRef::try_from(value).ok().map(|s| s.as_str()),
        Tag::Ia5String => Ia5StringRef::try_from(value).ok().map(|s| s.as_str()),
        Tag::TeletexString => TeletexStringRef::try_from(value).ok().map(|s| s.as_str()),
        _ => None,
    };
    let short = SHORT_NAMES
        .iter()
        .find(|(oid, _)| *oid == atv.oid)
        .map(|(_, name)| *name);
    if let (Some(short), Some(text)) = (short, text) {
        out.push_str(short);
        out.push('=');
        escape_into(out, text);
    } else {
        out.push_str(&atv.oid.to_string());
        out.push_str("=#");
        // An `Any` always re-encodes; an empty value is what x509-cert's `fmt::Error` would give.
        for byte in value.to_der().unwrap_or_default() {
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0xf)]));
        }
    }
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// RFC 4514 §2.4 escaping, as x509-cert does it.
fn escape_into(out: &mut String, text: &str) {
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '#' if i == 0 => out.push_str("\\#"),
            ' ' if i == 0 || chars.peek().is_none() => out.push_str("\\ "),
            '"' | '+' | ',' | ';' | '<' | '>' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\x00'..='\x1f' | '\x7f' => {
                let b = c as u8;
                out.push('\\');
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 0xf)]));
            }
            _ => out.push(c),
        }
    }
}
