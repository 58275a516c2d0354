//! The sections of the page, top to bottom, one file each. Each takes only the data it shows
//! and the callbacks it emits.

mod certificate;
mod cloudflare;
mod finish;
mod generate;
mod jumpcloud;
mod metadata;
mod mode_switch;
mod page_footer;
mod provisioning;
mod renew;
mod response_check;
mod rotation;
mod setup;

pub use certificate::{CertificateSummary, SummaryFacts};
pub use cloudflare::CloudflareSection;
pub use finish::FinishSection;
pub use generate::{GenerateProps, GenerateSection};
pub use jumpcloud::JumpCloudSection;
pub use metadata::MetadataSection;
pub use mode_switch::ModeSwitch;
pub use page_footer::PageFooter;
pub use provisioning::ProvisioningSection;
pub use renew::RenewSection;
pub use response_check::ResponseCheckSection;
pub use rotation::RotationSection;
pub use setup::{FieldView, SetupSection};
