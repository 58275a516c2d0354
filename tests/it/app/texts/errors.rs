//! Every error enum's message for each variant.

use super::*;

#[test]
fn every_error_message() {
    let mut out = String::new();
    let subject = [
        SubjectField::CommonName,
        SubjectField::Organization,
        SubjectField::OrganizationalUnit,
        SubjectField::Locality,
        SubjectField::StateOrProvince,
        SubjectField::Country,
    ];
    let mut pki_errors = vec![];
    for field in subject {
        pki_errors.push(pki::Error::FieldEmpty(field));
        pki_errors.push(pki::Error::FieldTooLong { field, max: 64 });
        pki_errors.push(pki::Error::FieldHasControlCharacter(field));
    }
    pki_errors.extend([
        pki::Error::CountryNotTwoLetters,
        pki::Error::EmailAddressInvalid,
        pki::Error::ValidityDaysOutOfRange(0),
        pki::Error::ClockOutOfRange,
        pki::Error::UnsupportedKeySize(1024),
        pki::Error::UnsupportedExponent,
        pki::Error::InconsistentKey,
        pki::Error::Randomness,
        pki::Error::NotPem,
        pki::Error::WrongPemLabel("CERTIFICATE REQUEST".to_owned()),
        pki::Error::EncryptedKey,
        pki::Error::CertificateNotKey,
        pki::Error::KeyNotCertificate,
        pki::Error::NotRsa,
        pki::Error::MoreThanOneBlock,
        pki::Error::Malformed("detail".to_owned()),
        pki::Error::Encoding("detail".to_owned()),
        pki::Error::SignatureInvalid,
    ]);
    line(&mut out, "# pki::Error");
    for error in &pki_errors {
        line(&mut out, error);
    }

    let kinds = [
        InputKind::PrivateKey,
        InputKind::Certificate,
        InputKind::Metadata,
        InputKind::CheckCertificate,
    ];
    let mut import_errors = vec![import::Error::TooLarge { bytes: 2_000_000 }];
    for kind in kinds {
        import_errors.extend([
            import::Error::Empty(kind),
            import::Error::Binary(kind),
            import::Error::XmlGiven(kind),
            import::Error::NotPemText(kind),
            import::Error::WrongPemLabel {
                input: kind,
                label: "NEW CERTIFICATE REQUEST".to_owned(),
            },
        ]);
    }
    import_errors.extend([
        import::Error::Utf16,
        import::Error::PublicKeyNotPrivate,
        import::Error::OpenSshKey,
        import::Error::Pki(pki::Error::EncryptedKey),
        import::Error::PemNotMetadata,
        import::Error::NotXml("detail".to_owned()),
        import::Error::XmlDtd,
        import::Error::XmlExternalReference,
        import::Error::NotMetadata,
        import::Error::SpMetadata,
        import::Error::NoIdentityProvider,
        import::Error::SeveralIdentityProviders(2),
        import::Error::NotSaml2,
        import::Error::NoEntityId,
        import::Error::EntityIdInvalid(FormError::EntityIdWhitespace),
        import::Error::NoSsoUrl,
        import::Error::SsoUrlNotHttps("http://sso.example/".to_owned()),
        import::Error::SsoUrlInvalid {
            url: "https://bad host/".to_owned(),
            reason: FormError::UrlWhitespace,
        },
        import::Error::NoSigningCertificate,
        import::Error::MetadataCertificate {
            position: 2,
            error: pki::Error::Malformed("detail".to_owned()),
        },
    ]);
    line(&mut out, "# import::Error");
    for error in &import_errors {
        line(&mut out, error);
    }

    line(&mut out, "# response::Error");
    for error in [
        response::Error::Empty,
        response::Error::TooLarge { bytes: 2_000_000 },
        response::Error::NotText,
        response::Error::NoSamlResponseField,
        response::Error::BadPercentEncoding,
        response::Error::NotBase64,
        response::Error::NotXmlInside,
        response::Error::Dtd,
        response::Error::ExternalReference,
        response::Error::NotXml("detail".to_owned()),
        response::Error::NotResponse("md:EntityDescriptor".to_owned()),
        response::Error::TooDeep,
        response::Error::AmbiguousPrefix("saml".to_owned()),
    ] {
        line(&mut out, error);
    }

    line(&mut out, "# setup::Error and app::outputs::Error");
    let setup_errors = [
        setup::Error::Certificate(pki::Error::Encoding("detail".to_owned())),
        setup::Error::Zip("too many files"),
    ];
    for error in &setup_errors {
        line(&mut out, error);
        line(&mut out, outputs::Error::from(error.clone()));
    }
    line(
        &mut out,
        outputs::Error::from(pki::Error::Encoding("detail".to_owned())),
    );

    line(&mut out, "# FormError");
    let form_errors = [
        FormError::Empty("Enter your team name"),
        FormError::NotATeamName,
        FormError::TeamNameCharacters,
        FormError::TeamNameTooLong,
        FormError::TeamNameHyphen,
        FormError::UrlEmpty,
        FormError::UrlTooLong,
        FormError::UrlWhitespace,
        FormError::UrlNotHttps,
        FormError::UrlNotFull,
        FormError::UrlCharacters,
        FormError::UrlUserInfo,
        FormError::UrlNoHost,
        FormError::UrlBadHost,
        FormError::UrlBadPort,
        FormError::EntityIdWhitespace,
        FormError::EntityIdTooLong,
        FormError::NameControlCharacters(Field::DisplayLabel),
        FormError::NameTooLong(Field::IdentityProviderName),
        FormError::ValidityDaysEmpty,
        FormError::ValidityDays,
        FormError::AttributeQuotes,
        FormError::AttributeControlCharacters,
        FormError::AttributeTooLong,
        FormError::AllowedGroups,
        FormError::AttributeTwice("email".to_owned()),
        FormError::OneAttributeName,
        FormError::Subject(pki::Error::CountryNotTwoLetters),
        FormError::HeaderAttributeEmpty,
        FormError::HeaderNameEmpty,
        FormError::HeaderNameCharacters,
        FormError::HeaderNameTwice("X-Email".to_owned()),
    ];
    for error in &form_errors {
        line(&mut out, error);
    }
    golden("texts/errors.txt", &out);
}
