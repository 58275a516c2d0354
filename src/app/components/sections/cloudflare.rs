//! 4. In Cloudflare: dashboard values, metadata and the API/Terraform tabs.

use crate::app::components::markup::heading;
use crate::app::components::values::{CodeBlock, CopyButton, StepList, download_button};
use crate::app::state::CloudflareTab;
use crate::app::views::CloudflareView;
use crate::browser;
use crate::setup::files::{FileSpec, PageFile};
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`CloudflareSection`].
#[derive(Properties, PartialEq, Clone)]
pub struct CloudflareProps {
    /// The section's number (3 in From JumpCloud metadata, 4 elsewhere).
    pub number: u8,
    /// What the section shows, made once per change of the outputs (`None` before the mode
    /// has its key or metadata).
    pub view: Option<Rc<CloudflareView>>,
    /// The selected tab.
    pub tab: CloudflareTab,
    /// Called with the chosen tab.
    pub ontab: Callback<CloudflareTab>,
    /// Called with a file to save it.
    pub ondownload: Callback<FileSpec>,
    /// Called with a status message to announce.
    pub onannounce: Callback<String>,
}

/// One tab: its id part, its text, and the panel's label and download.
struct TabInfo {
    id: &'static str,
    text: &'static str,
    label: &'static str,
    download: Option<PageFile>,
}

fn info(tab: CloudflareTab) -> TabInfo {
    let (id, text, label, download) = match tab {
        CloudflareTab::ApiJson => (
            "api-json",
            "API JSON",
            "Cloudflare API body (JSON)",
            Some(PageFile::ApiBody),
        ),
        CloudflareTab::Curl => ("curl", "curl", "curl command", None),
        CloudflareTab::Terraform => (
            "terraform",
            "Terraform",
            "Terraform",
            Some(PageFile::Terraform),
        ),
        CloudflareTab::Update => (
            "update",
            "Update (PUT)",
            "Update (PUT)",
            Some(PageFile::ApiUpdateBody),
        ),
        CloudflareTab::FinalUpdate => (
            "final-update",
            "Final update (remove the old certificate)",
            "Final update (remove the old certificate)",
            Some(PageFile::ApiFinalBody),
        ),
    };
    TabInfo {
        id,
        text,
        label,
        download,
    }
}

/// The Cloudflare section.
#[component]
pub fn CloudflareSection(props: &CloudflareProps) -> Html {
    // One NodeRef per tab, so focus can follow the selection (WAI-ARIA tabs pattern).
    let refs = [
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
    ];
    let number = props.number.to_string();
    let Some(view) = &props.view else {
        return html! {
            <section id="cloudflare" class="card" aria-labelledby="cloudflare-heading">
                { heading("cloudflare-heading", number.into(), "In Cloudflare") }
                <p class="hint">{ "Generate the key and certificate to see the Cloudflare values." }</p>
            </section>
        };
    };
    let tabs: Vec<CloudflareTab> = view.tabs.iter().map(|(tab, _)| *tab).collect();
    let tab = view.tab(props.tab);
    let onkeydown = {
        let ontab = props.ontab.clone();
        let tabs = tabs.clone();
        let refs = refs.clone();
        Callback::from(move |event: KeyboardEvent| {
            let current = tabs.iter().position(|t| *t == tab).unwrap_or(0);
            let next = match event.key().as_str() {
                "ArrowRight" => (current + 1) % tabs.len(),
                "ArrowLeft" => (current + tabs.len() - 1) % tabs.len(),
                _ => return,
            };
            event.prevent_default();
            browser::focus(&refs[next]);
            ontab.emit(tabs[next]);
        })
    };
    let shown = info(tab);
    let code = AttrValue::from(view.code(tab));
    let count = view.certificate_count;
    html! {
        <section id="cloudflare" class="card" aria-labelledby="cloudflare-heading">
            { heading("cloudflare-heading", number.into(), "In Cloudflare") }
            if !view.steps.is_empty() {
                <h3>{ "Dashboard" }</h3>
                <StepList id="cloudflare-steps" steps={view.steps.clone()} onannounce={props.onannounce.clone()} />
            }
            if count > 1 {
                <p class="note">{ format!("The dashboard takes one Signing certificate; the API body and Terraform carry all {count}.") }</p>
            }
            if let Some(file) = view.files.get(PageFile::IdpMetadata).cloned() {
                <div class="downloads">
                    { download_button(file, &props.ondownload) }
                </div>
            }
            <h3>{ "API or Terraform" }</h3>
            <div class="tabs" role="tablist" aria-label="Cloudflare API formats" {onkeydown}>
                { for tabs.iter().zip(refs.iter()).map(|(which, node)| {
                    let which = *which;
                    let TabInfo { id, text, .. } = info(which);
                    let selected = tab == which;
                    let onclick = props.ontab.reform(move |_: MouseEvent| which);
                    html! {
                        <button type="button" role="tab" id={format!("tab-{id}")} aria-selected={selected.to_string()}
                            aria-controls={format!("panel-{id}")} tabindex={if selected { "0" } else { "-1" }}
                            class={classes!("tab", selected.then_some("selected"))} ref={node.clone()} {onclick}>
                            { text }
                        </button>
                    }
                }) }
            </div>
            <div class="tab-panel" role="tabpanel" id={format!("panel-{}", shown.id)} aria-labelledby={format!("tab-{}", shown.id)}>
                <CodeBlock id={format!("code-{}", shown.id)} code={code.clone()} label={shown.label} />
                <div class="downloads">
                    <CopyButton text={code} what={shown.label} onannounce={props.onannounce.clone()} />
                    if let Some(file) = shown.download.and_then(|file| view.files.get(file)).cloned() {
                        { download_button(file, &props.ondownload) }
                    }
                </div>
            </div>
            if let Some(file) = view.files.get(PageFile::AccessGroup).cloned() {
                <h3>{ "Access group" }</h3>
                <p>{ "One include rule per JumpCloud group allowed; the curl command and Terraform create it with the identity provider. In the dashboard, see the steps above." }</p>
                <div class="downloads">
                    { download_button(file, &props.ondownload) }
                </div>
            }
        </section>
    }
}
