//! Every fixed choice declared once (`app::choice`): the options, their labels and ids, and
//! the index a select or radio group answers with.

use saml_idp_kit::app::choice::{Choice, RadioChoice};
use saml_idp_kit::app::state::{CheckAgainst, RenewKey};
use saml_idp_kit::pki::{CertificateProfile, KeyFormat, KeySize};
use saml_idp_kit::setup::{IdentityUpdateBehavior, JumpCloudApp, TerraformProvider};
use std::collections::HashSet;

/// Each option is found at its own index, and an index past the end chooses nothing.
fn round_trips<T: Choice + std::fmt::Debug>() {
    assert!(!T::ALL.is_empty());
    for (index, option) in T::ALL.iter().enumerate() {
        assert_eq!(option.index(), index, "{option:?}");
        assert_eq!(T::at(index), Some(*option));
        assert!(!option.label().is_empty(), "{option:?} has a label");
    }
    assert_eq!(T::at(T::ALL.len()), None);
    let labels: HashSet<&str> = T::ALL.iter().map(|o| o.label()).collect();
    assert_eq!(labels.len(), T::ALL.len(), "labels are distinct");
}

/// Radio options have distinct DOM ids.
fn distinct_ids<T: RadioChoice>() {
    let ids: HashSet<&str> = T::ALL.iter().map(|o| o.id()).collect();
    assert_eq!(ids.len(), T::ALL.len());
    assert!(!T::LEGEND.is_empty());
}

#[test]
fn every_choice_round_trips_through_its_index() {
    round_trips::<RenewKey>();
    round_trips::<CheckAgainst>();
    round_trips::<JumpCloudApp>();
    round_trips::<IdentityUpdateBehavior>();
    round_trips::<TerraformProvider>();
    round_trips::<CertificateProfile>();
    round_trips::<KeyFormat>();
    round_trips::<KeySize>();
    distinct_ids::<RenewKey>();
    distinct_ids::<CheckAgainst>();
    distinct_ids::<JumpCloudApp>();
}

#[test]
fn the_labels_are_the_types_own() {
    assert_eq!(
        Choice::label(JumpCloudApp::Custom),
        JumpCloudApp::Custom.label()
    );
    assert_eq!(Choice::label(KeyFormat::Pkcs1), KeyFormat::Pkcs1.label());
    assert_eq!(Choice::label(KeySize::Rsa3072), "3072");
    for size in KeySize::ALL {
        assert_eq!(
            Choice::label(size),
            size.bits().to_string(),
            "the label is the size"
        );
    }
    assert_eq!(
        RadioChoice::id(CheckAgainst::CertificateFile),
        CheckAgainst::CertificateFile.id()
    );
    assert_eq!(<RenewKey as RadioChoice>::LEGEND, RenewKey::LEGEND);
}
