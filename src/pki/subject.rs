//! The certificate subject, built from typed attributes (never parsed from a DN string, so
//! `CN=a+O=b` typed into the CN field stays one CN).

use super::{Error, Result};
use der::asn1::{Any, Ia5StringRef, ObjectIdentifier, PrintableStringRef, SetOfVec, Utf8StringRef};
use der::{Decode, Encode};
use x509_cert::attr::AttributeTypeAndValue;
use x509_cert::name::{Name, RdnSequence, RelativeDistinguishedName};

/// Upper bound for CN, O, OU, L and ST (X.520 `ub-common-name` and friends).
const MAX_ATTRIBUTE_CHARS: usize = 64;
/// Upper bound for emailAddress (PKCS #9 `ub-emailaddress-length`).
const MAX_EMAIL_CHARS: usize = 255;

/// The subject attributes a user can set, in the order they appear in the certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SubjectField {
    /// C
    Country,
    /// ST
    StateOrProvince,
    /// L
    Locality,
    /// O
    Organization,
    /// OU
    OrganizationalUnit,
    /// CN
    CommonName,
    /// emailAddress
    EmailAddress,
}

impl SubjectField {
    /// The form label for this field.
    pub fn label(self) -> &'static str {
        match self {
            SubjectField::Country => "Country (C)",
            SubjectField::StateOrProvince => "State or province (ST)",
            SubjectField::Locality => "Locality (L)",
            SubjectField::Organization => "Organization (O)",
            SubjectField::OrganizationalUnit => "Organizational unit (OU)",
            SubjectField::CommonName => "Common name (CN)",
            SubjectField::EmailAddress => "Email address",
        }
    }

    /// The field's name in a sentence ("Enter a common name").
    pub(crate) fn noun(self) -> &'static str {
        match self {
            SubjectField::Country => "country code",
            SubjectField::StateOrProvince => "state or province",
            SubjectField::Locality => "locality",
            SubjectField::Organization => "organization",
            SubjectField::OrganizationalUnit => "organizational unit",
            SubjectField::CommonName => "common name",
            SubjectField::EmailAddress => "email address",
        }
    }

    /// The short attribute name used in distinguished names.
    pub fn short_name(self) -> &'static str {
        match self {
            SubjectField::Country => "C",
            SubjectField::StateOrProvince => "ST",
            SubjectField::Locality => "L",
            SubjectField::Organization => "O",
            SubjectField::OrganizationalUnit => "OU",
            SubjectField::CommonName => "CN",
            SubjectField::EmailAddress => "emailAddress",
        }
    }

    fn oid(self) -> ObjectIdentifier {
        match self {
            SubjectField::Country => OID_C,
            SubjectField::StateOrProvince => OID_ST,
            SubjectField::Locality => OID_L,
            SubjectField::Organization => OID_O,
            SubjectField::OrganizationalUnit => OID_OU,
            SubjectField::CommonName => OID_CN,
            SubjectField::EmailAddress => OID_EMAIL_ADDRESS,
        }
    }
}

const OID_C: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.6");
const OID_ST: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.8");
const OID_L: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.7");
const OID_O: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.10");
const OID_OU: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.11");
const OID_CN: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.3");
const OID_EMAIL_ADDRESS: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.1");

/// A certificate subject. Optional fields are `None` when left empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    /// CN, required: "JumpCloud SAML IdP" by default.
    pub common_name: String,
    /// O
    pub organization: Option<String>,
    /// OU
    pub organizational_unit: Option<String>,
    /// L
    pub locality: Option<String>,
    /// ST
    pub state_or_province: Option<String>,
    /// C, two letters.
    pub country: Option<String>,
    /// emailAddress
    pub email_address: Option<String>,
}

impl Subject {
    /// The fields in a fixed order (CN, O, OU, L, ST, C, emailAddress), an absent one empty:
    /// how the key worker is told the subject.
    pub fn to_fields(&self) -> [String; 7] {
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        [
            self.common_name.clone(),
            text(&self.organization),
            text(&self.organizational_unit),
            text(&self.locality),
            text(&self.state_or_province),
            text(&self.country),
            text(&self.email_address),
        ]
    }

    /// The subject back from [`Subject::to_fields`] (an empty optional field is absent).
    pub fn from_fields(fields: [String; 7]) -> Subject {
        let [cn, o, ou, l, st, c, email] = fields;
        let optional = |v: String| (!v.is_empty()).then_some(v);
        Subject {
            common_name: cn,
            organization: optional(o),
            organizational_unit: optional(ou),
            locality: optional(l),
            state_or_province: optional(st),
            country: optional(c),
            email_address: optional(email),
        }
    }
}

impl Default for Subject {
    fn default() -> Self {
        Subject {
            common_name: "JumpCloud SAML IdP".to_owned(),
            organization: None,
            organizational_unit: None,
            locality: None,
            state_or_province: None,
            country: None,
            email_address: None,
        }
    }
}

/// Checks one subject field's value; `Ok` means it can go into a certificate as given.
pub(crate) fn check_field(field: SubjectField, value: &str) -> Result<()> {
    if value.is_empty() {
        return Err(Error::FieldEmpty(field));
    }
    if value.chars().any(char::is_control) {
        return Err(Error::FieldHasControlCharacter(field));
    }
    match field {
        SubjectField::Country => {
            if value.len() != 2 || !value.bytes().all(|b| b.is_ascii_uppercase()) {
                return Err(Error::CountryNotTwoLetters);
            }
        }
        SubjectField::EmailAddress => {
            let plain = value.is_ascii()
                && !value.contains(char::is_whitespace)
                && value.chars().count() <= MAX_EMAIL_CHARS;
            let shaped = match value.split_once('@') {
                Some((local, domain)) => {
                    !local.is_empty() && !domain.is_empty() && !domain.contains('@')
                }
                None => false,
            };
            if !plain || !shaped {
                return Err(Error::EmailAddressInvalid);
            }
        }
        _ => {
            if value.chars().count() > MAX_ATTRIBUTE_CHARS {
                return Err(Error::FieldTooLong {
                    field,
                    max: MAX_ATTRIBUTE_CHARS,
                });
            }
        }
    }
    Ok(())
}

impl Subject {
    /// The fields that are set, in certificate order (C, ST, L, O, OU, CN, emailAddress).
    pub fn fields(&self) -> Vec<(SubjectField, &str)> {
        fn optional(field: SubjectField, value: &Option<String>) -> Option<(SubjectField, &str)> {
            value.as_deref().map(|v| (field, v))
        }
        [
            optional(SubjectField::Country, &self.country),
            optional(SubjectField::StateOrProvince, &self.state_or_province),
            optional(SubjectField::Locality, &self.locality),
            optional(SubjectField::Organization, &self.organization),
            optional(SubjectField::OrganizationalUnit, &self.organizational_unit),
            Some((SubjectField::CommonName, self.common_name.as_str())),
            optional(SubjectField::EmailAddress, &self.email_address),
        ]
        .into_iter()
        .flatten()
        .collect()
    }

    /// Every problem with this subject, one per field.
    pub fn problems(&self) -> Vec<(SubjectField, Error)> {
        self.fields()
            .into_iter()
            .filter_map(|(field, value)| check_field(field, value).err().map(|e| (field, e)))
            .collect()
    }

    /// Checks every field and returns the first problem.
    pub fn validate(&self) -> Result<()> {
        match self.problems().into_iter().next() {
            Some((_, error)) => Err(error),
            None => Ok(()),
        }
    }

    /// The subject as a one-line distinguished name for display, e.g. `CN=JumpCloud SAML IdP, O=Acme`.
    pub fn display(&self) -> String {
        self.fields()
            .iter()
            .rev()
            .map(|(field, value)| format!("{}={}", field.short_name(), value))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Encodes the subject as an X.501 Name: one attribute per RDN, UTF8String for text,
    /// PrintableString for C and IA5String for emailAddress (as OpenSSL does).
    pub(crate) fn to_name(&self) -> Result<Name> {
        self.validate()?;
        let mut rdns = RdnSequence::default();
        for (field, value) in self.fields() {
            let encoded = match field {
                SubjectField::Country => Any::encode_from(&PrintableStringRef::new(value)?)?,
                SubjectField::EmailAddress => Any::encode_from(&Ia5StringRef::new(value)?)?,
                _ => Any::encode_from(&Utf8StringRef::new(value)?)?,
            };
            let mut set = SetOfVec::new();
            set.insert(AttributeTypeAndValue {
                oid: field.oid(),
                value: encoded,
            })?;
            rdns.push(RelativeDistinguishedName::from(set));
        }
        // `Name` has no public constructor from typed parts; a DER round trip gives one without
        // ever parsing a DN string.
        Ok(Name::from_der(&rdns.to_der()?)?)
    }
}

impl From<der::Error> for Error {
    fn from(error: der::Error) -> Self {
        Error::Encoding(error.to_string())
    }
}
