//! 2 (From JumpCloud metadata): JumpCloud's exported metadata.

use super::certificate::inspection;
use crate::app::components::file_input::{FileBytes, FileInput};
use crate::app::components::markup::{code_fact, heading};
use crate::app::state::FileNames;
use crate::import::{IdpMetadata, InputKind, Inspection};
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`MetadataSection`].
#[derive(Properties, PartialEq, Clone)]
pub struct MetadataProps {
    /// The metadata, once read.
    pub metadata: Option<Rc<IdpMetadata>>,
    /// The message for the last refused file.
    pub error: Option<AttrValue>,
    /// What keeps the metadata from becoming a Cloudflare setup (e.g. no team name yet).
    pub problem: Option<AttrValue>,
    /// Days left of the certificate that expires first, when it is time to renew it (60 or
    /// fewer; negative once expired).
    pub renew_due_in_days: Option<i64>,
    /// The facts of each signing certificate in the metadata, for the date.
    pub certificates: Rc<Vec<Inspection>>,
    /// The name of the file read.
    pub files: FileNames,
    /// Called with the bytes of a chosen file.
    pub onimport: Callback<(InputKind, FileBytes)>,
    /// "Renew this certificate".
    pub onrenew: Callback<()>,
}

/// The From JumpCloud metadata section.
#[component]
pub fn MetadataSection(props: &MetadataProps) -> Html {
    let loaded = props.metadata.as_ref().map(|m| {
        let what = format!(
            "the metadata of {} with {} signing certificate(s).",
            m.entity_id,
            m.certificates.len()
        );
        AttrValue::from(props.files.read_line(InputKind::Metadata, &what))
    });
    html! {
        <section id="generate" class="card" aria-labelledby="metadata-heading">
            { heading("metadata-heading", "2".into(), "JumpCloud's metadata") }
            <p class="lead">{ "When JumpCloud made the key pair itself: in JumpCloud open the app's SSO tab and use Export Metadata. The Cloudflare values below come from that file." }</p>
            <FileInput kind={InputKind::Metadata} id="metadata-file" accept=".xml,application/xml,text/xml"
                help="The XML from JumpCloud's Export Metadata."
                problem={props.error.clone()}
                {loaded} onbytes={props.onimport.clone()} />
            if let Some(metadata) = &props.metadata {
                if let Some(days) = props.renew_due_in_days {
                    <div class={classes!("renew-due", (days < 0).then_some("expired"))} id="metadata-renew-due" role="alert">
                        <p>{ if days < 0 {
                            format!("JumpCloud's signing certificate expired {} days ago: sign-ins through Cloudflare fail until it is renewed.", -days)
                        } else {
                            format!("JumpCloud's signing certificate expires in {days} days. Renew it now, without an outage: a new key and certificate here, added to Cloudflare before JumpCloud signs with them.")
                        } }</p>
                        <button type="button" id="renew-this-certificate" class="primary" onclick={props.onrenew.reform(|_: MouseEvent| ())}>{ "Renew this certificate" }</button>
                    </div>
                }
                <dl class="facts" id="metadata-summary">
                    { code_fact("IdP Entity ID", metadata.entity_id.clone().into()) }
                    { code_fact("Single Sign On URL", metadata.sso_target_url().unwrap_or_default().to_owned().into()) }
                </dl>
                { for props.certificates.iter().enumerate().map(|(index, facts)| html! {
                    <>
                        <h3>{ format!("Signing certificate {}", index + 1) }</h3>
                        { inspection(facts, &format!("metadata-certificate-{index}")) }
                    </>
                }) }
                if let Some(problem) = props.problem.clone() {
                    <p class="error">{ problem }</p>
                }
            }
        </section>
    }
}
