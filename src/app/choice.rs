//! The page's fixed choices, declared once: each enum a select or a radio group offers says
//! its options ([`Choice::ALL`]) and how each is shown ([`Choice::label`]); radio groups add the
//! legend and each option's DOM id ([`RadioChoice`]). `components::fields` turns any choice
//! into a select's or a radio group's props (`ChoiceSelect::of`, `choice_radios`) and the chosen
//! index back into the value, so no section repeats the `ALL.iter().map(label)` / `position`
//! plumbing. (Generic functions, not generic components: a generic Yew component per choice
//! type made the page 4.9 KB gzip larger, docs/size.md.) The mode switch is not one of them:
//! its four modes are cards of their own markup (`sections::mode_switch`), not a select or a
//! radio group.
//!
//! Pure: no browser types; tested natively (`tests/it/app/choices.rs`).

use super::state::{CheckAgainst, RenewKey};
use crate::pki::{CertificateProfile, KeyFormat, KeySize};
use crate::setup::{IdentityUpdateBehavior, JumpCloudApp, TerraformProvider};

/// A value chosen from a fixed list.
pub trait Choice: Copy + PartialEq + 'static {
    /// Every option, in the order shown.
    const ALL: &'static [Self];

    /// What the page shows for this option.
    fn label(self) -> &'static str;

    /// This option's place in [`Choice::ALL`] (the first when it is not there).
    fn index(self) -> usize {
        Self::ALL
            .iter()
            .position(|option| *option == self)
            .unwrap_or(0)
    }

    /// The option at `index` of [`Choice::ALL`].
    fn at(index: usize) -> Option<Self> {
        Self::ALL.get(index).copied()
    }
}

/// A choice shown as a radio group.
pub trait RadioChoice: Choice {
    /// The group's legend.
    const LEGEND: &'static str;

    /// The DOM id of this option's radio input.
    fn id(self) -> &'static str;
}

/// Implements [`Choice`] (and [`RadioChoice`] when given a legend) from the type's own
/// `ALL`, `label` and `id`.
macro_rules! choice {
    ($type:ty, $label:expr) => {
        impl Choice for $type {
            const ALL: &'static [Self] = &<$type>::ALL;
            fn label(self) -> &'static str {
                let label: fn($type) -> &'static str = $label;
                label(self)
            }
        }
    };
    ($type:ty, $label:expr, legend $legend:expr) => {
        choice!($type, $label);
        impl RadioChoice for $type {
            const LEGEND: &'static str = $legend;
            fn id(self) -> &'static str {
                <$type>::id(self)
            }
        }
    };
}

choice!(RenewKey, |key| key.label(), legend RenewKey::LEGEND);
choice!(CheckAgainst, |against| against.label(), legend CheckAgainst::LEGEND);
choice!(JumpCloudApp, |app| app.label(), legend JumpCloudApp::LEGEND);
choice!(IdentityUpdateBehavior, |behavior| behavior.label());
choice!(TerraformProvider, |provider| provider.label());
choice!(CertificateProfile, |profile| profile.label());
choice!(KeyFormat, |format| format.label());
choice!(KeySize, |size| match size {
    KeySize::Rsa2048 => "2048",
    KeySize::Rsa3072 => "3072",
    KeySize::Rsa4096 => "4096",
});
