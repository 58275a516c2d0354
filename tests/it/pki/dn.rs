//! Distinguished names as text: ours must equal x509-cert's `Display` (which looks names up in
//! const-oid's whole database) for every attribute type a subject uses, escapes included.

use der::asn1::{Any, Ia5StringRef, ObjectIdentifier, PrintableStringRef, Utf8StringRef};
use der::oid::db::{rfc3280, rfc4519};
use der::{Decode, Encode};
use x509_cert::attr::AttributeTypeAndValue;
use x509_cert::name::{Name, RdnSequence, RelativeDistinguishedName};

fn atv(oid: ObjectIdentifier, value: Any) -> AttributeTypeAndValue {
    AttributeTypeAndValue { oid, value }
}

fn utf8(text: &str) -> Any {
    Any::encode_from(&Utf8StringRef::new(text).unwrap()).unwrap()
}

fn name(rdns: Vec<Vec<AttributeTypeAndValue>>) -> Name {
    let mut sequence = RdnSequence::default();
    for atvs in rdns {
        let mut rdn = RelativeDistinguishedName::default();
        for atv in atvs {
            rdn.insert(atv).unwrap();
        }
        sequence.push(rdn);
    }
    Name::from_der(&sequence.to_der().unwrap()).unwrap()
}

#[test]
fn every_subject_attribute_type_is_written_as_x509_cert_writes_it() {
    let oids = [
        rfc4519::CN,
        rfc4519::SN,
        rfc4519::SERIAL_NUMBER,
        rfc4519::C,
        rfc4519::L,
        rfc4519::ST,
        rfc4519::STREET,
        rfc4519::O,
        rfc4519::OU,
        rfc4519::TITLE,
        rfc4519::DESCRIPTION,
        rfc4519::POSTAL_CODE,
        rfc4519::GIVEN_NAME,
        rfc4519::INITIALS,
        rfc4519::GENERATION_QUALIFIER,
        rfc4519::DN_QUALIFIER,
        rfc4519::DC,
        rfc4519::UID,
        rfc3280::EMAIL_ADDRESS,
        rfc3280::PSEUDONYM,
    ];
    for oid in oids {
        let n = name(vec![vec![atv(oid, utf8("Acme"))]]);
        assert_eq!(saml_idp_kit::pki::rfc4514(&n), n.to_string(), "{oid}");
    }
}

#[test]
fn escapes_order_types_and_unknown_attributes_match_x509_cert() {
    let printable = Any::encode_from(&PrintableStringRef::new("US").unwrap()).unwrap();
    let ia5 = Any::encode_from(&Ia5StringRef::new("a@example.com").unwrap()).unwrap();
    let integer = Any::encode_from(&7u8).unwrap();
    let n = name(vec![
        vec![atv(rfc4519::C, printable)],
        vec![
            atv(rfc4519::O, utf8("# Acme, \"Ünï\" + <co>; a\\b\u{1}\u{7f} ")),
            atv(rfc4519::OU, utf8(" lead")),
        ],
        vec![atv(rfc3280::EMAIL_ADDRESS, ia5)],
        vec![atv(ObjectIdentifier::new_unwrap("1.2.3.4"), utf8("x"))],
        vec![atv(rfc4519::CN, integer)],
        vec![atv(rfc4519::CN, utf8("JumpCloud SAML IdP"))],
    ]);
    let ours = saml_idp_kit::pki::rfc4514(&n);
    assert_eq!(ours, n.to_string());
    assert!(ours.starts_with("CN=JumpCloud SAML IdP,2.5.4.3=#020107,1.2.3.4=#0c0178,"));
    assert_eq!(saml_idp_kit::pki::rfc4514(&name(vec![])), "");
}
