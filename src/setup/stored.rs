//! The inputs remembered in localStorage. Written with serde_json's pretty serializer, the one
//! the Cloudflare API body already uses; read back by the small JSON reader below rather than
//! serde's derived deserializers, which with serde_json's number parsing put about 36 KB into
//! the wasm (docs/size.md).
//!
//! Reading is forgiving in the way `#[serde(default)]` was: a missing field keeps its default,
//! an unknown field is ignored (inputs saved by another version still load), and so is a known
//! field with a value of the wrong type. `login_method_name`, the field's name before it was
//! renamed, still fills the identity provider name.

use serde::Serialize;

use super::options::{IdentityUpdateBehavior, JumpCloudApp, SamlHeaderInput, TerraformProvider};
use super::{Field, FormInput};
use crate::pki::{CertificateProfile, KeyFormat, KeySize};

/// What is kept in localStorage: the non-secret inputs, or only the choice not to remember.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Remembered {
    /// Whether the user wants the inputs remembered.
    pub remember: bool,
    /// The inputs, when remembered.
    pub inputs: Option<FormInput>,
}

impl Remembered {
    /// The JSON text to store.
    pub fn to_json(&self) -> Option<String> {
        serde_json::to_string_pretty(self).ok()
    }

    /// Reads stored JSON; `None` when it is not a JSON object.
    pub fn from_json(text: &str) -> Option<Remembered> {
        let Json::Object(fields) = parse(text)? else {
            return None;
        };
        let mut remembered = Remembered {
            remember: true,
            inputs: None,
        };
        for (key, value) in &fields {
            match (key.as_str(), value) {
                ("remember", Json::Bool(b)) => remembered.remember = *b,
                ("inputs", Json::Object(inputs)) => remembered.inputs = Some(form_input(inputs)),
                _ => {}
            }
        }
        Some(remembered)
    }
}

fn form_input(fields: &[(String, Json)]) -> FormInput {
    let mut f = FormInput::default();
    for (key, value) in fields {
        let text = |target: &mut String| {
            if let Json::String(s) = value {
                target.clone_from(s);
            }
        };
        let flag = |target: &mut bool| {
            if let Json::Bool(b) = value {
                *target = *b;
            }
        };
        // The text fields by their declared keys (`Field::stored_key`); the rows, flags and
        // choices below.
        let field = Field::ALL
            .into_iter()
            .find(|field| field.stored_key() == key);
        if let Some(target) = field.and_then(|field| f.text_mut(field)) {
            text(target);
            continue;
        }
        match key.as_str() {
            "jumpcloud_app" => choice(&mut f.jumpcloud_app, &JumpCloudApp::ALL, value),
            "idp_entity_id_edited" => flag(&mut f.idp_entity_id_edited),
            // The identity provider name's key before it was renamed.
            "login_method_name" => text(&mut f.identity_provider_name),
            "key_size" => choice(&mut f.key_size, &KeySize::ALL, value),
            "key_format" => choice(&mut f.key_format, &KeyFormat::ALL, value),
            "profile" => choice(&mut f.profile, &CertificateProfile::ALL, value),
            "sign_request" => flag(&mut f.sign_request),
            "scim_enabled" => flag(&mut f.scim_enabled),
            "scim_user_deprovision" => flag(&mut f.scim_user_deprovision),
            "scim_seat_deprovision" => flag(&mut f.scim_seat_deprovision),
            "scim_identity_update_behavior" => choice(
                &mut f.scim_identity_update_behavior,
                &IdentityUpdateBehavior::ALL,
                value,
            ),
            "include_groups_attribute" => flag(&mut f.include_groups_attribute),
            "saml_headers" => {
                if let Json::Array(rows) = value {
                    f.saml_headers = rows.iter().filter_map(header_row).collect();
                }
            }
            "terraform_provider" => {
                choice(&mut f.terraform_provider, &TerraformProvider::ALL, value)
            }
            "force_authn" => flag(&mut f.force_authn),
            _ => {}
        }
    }
    f
}

fn header_row(row: &Json) -> Option<SamlHeaderInput> {
    let Json::Object(fields) = row else {
        return None;
    };
    let mut header = SamlHeaderInput::default();
    for (key, value) in fields {
        match (key.as_str(), value) {
            ("attribute_name", Json::String(s)) => header.attribute_name.clone_from(s),
            ("header_name", Json::String(s)) => header.header_name.clone_from(s),
            _ => {}
        }
    }
    Some(header)
}

/// Sets `target` to the choice that serializes as `value` (so the names are serde's own).
fn choice<T: Serialize + Copy>(target: &mut T, all: &[T], value: &Json) {
    let Json::String(name) = value else {
        return;
    };
    let quoted = format!("\"{name}\"");
    if let Some(found) = all
        .iter()
        .find(|c| serde_json::to_string_pretty(c).ok().as_deref() == Some(quoted.as_str()))
    {
        *target = *found;
    }
}

/// A JSON value (RFC 8259); numbers are checked but not kept, nothing stored needs them.
#[derive(Debug, PartialEq)]
enum Json {
    Null,
    Bool(bool),
    Number,
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

/// Deepest nesting accepted (the stored inputs need three levels).
const MAX_DEPTH: usize = 16;

fn parse(text: &str) -> Option<Json> {
    let mut p = Parser {
        s: text.as_bytes(),
        i: 0,
    };
    let value = p.value(0)?;
    p.ws();
    (p.i == p.s.len()).then_some(value)
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn ws(&mut self) {
        while matches!(self.s.get(self.i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    fn eat(&mut self, b: u8) -> bool {
        self.ws();
        let hit = self.s.get(self.i) == Some(&b);
        self.i += usize::from(hit);
        hit
    }

    fn literal(&mut self, word: &[u8], value: Json) -> Option<Json> {
        let end = self.i + word.len();
        (self.s.get(self.i..end) == Some(word)).then(|| {
            self.i = end;
            value
        })
    }

    fn value(&mut self, depth: usize) -> Option<Json> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.ws();
        match *self.s.get(self.i)? {
            b'{' => {
                self.i += 1;
                let mut fields = Vec::new();
                if self.eat(b'}') {
                    return Some(Json::Object(fields));
                }
                loop {
                    self.ws();
                    let key = self.string()?;
                    if !self.eat(b':') {
                        return None;
                    }
                    fields.push((key, self.value(depth + 1)?));
                    if self.eat(b'}') {
                        return Some(Json::Object(fields));
                    }
                    if !self.eat(b',') {
                        return None;
                    }
                }
            }
            b'[' => {
                self.i += 1;
                let mut items = Vec::new();
                if self.eat(b']') {
                    return Some(Json::Array(items));
                }
                loop {
                    items.push(self.value(depth + 1)?);
                    if self.eat(b']') {
                        return Some(Json::Array(items));
                    }
                    if !self.eat(b',') {
                        return None;
                    }
                }
            }
            b'"' => self.string().map(Json::String),
            b't' => self.literal(b"true", Json::Bool(true)),
            b'f' => self.literal(b"false", Json::Bool(false)),
            b'n' => self.literal(b"null", Json::Null),
            b'-' | b'0'..=b'9' => {
                let start = self.i;
                while matches!(
                    self.s.get(self.i),
                    Some(b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
                ) {
                    self.i += 1;
                }
                // Not parsed: that would bring float parsing into the wasm for nothing.
                self.s[start..self.i]
                    .iter()
                    .any(u8::is_ascii_digit)
                    .then_some(Json::Number)
            }
            _ => None,
        }
    }

    /// A string, the opening quote at the cursor.
    fn string(&mut self) -> Option<String> {
        if self.s.get(self.i) != Some(&b'"') {
            return None;
        }
        self.i += 1;
        let mut out = Vec::new();
        loop {
            let b = *self.s.get(self.i)?;
            self.i += 1;
            match b {
                b'"' => return String::from_utf8(out).ok(),
                b'\\' => {
                    let escaped = *self.s.get(self.i)?;
                    self.i += 1;
                    let c = match escaped {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => self.unicode_escape()?,
                        _ => return None,
                    };
                    let mut buf = [0; 4];
                    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                }
                0..=0x1f => return None,
                _ => out.push(b),
            }
        }
    }

    /// The `XXXX` of `\uXXXX` (and a second one after a high surrogate).
    fn unicode_escape(&mut self) -> Option<char> {
        let first = self.hex4()?;
        if !(0xd800..0xdc00).contains(&first) {
            return char::from_u32(first);
        }
        if self.s.get(self.i..self.i + 2) != Some(b"\\u") {
            return None;
        }
        self.i += 2;
        let second = self.hex4()?;
        if !(0xdc00..0xe000).contains(&second) {
            return None;
        }
        char::from_u32(0x10000 + ((first - 0xd800) << 10) + (second - 0xdc00))
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = std::str::from_utf8(self.s.get(self.i..self.i + 4)?).ok()?;
        self.i += 4;
        u32::from_str_radix(digits, 16).ok()
    }
}
