//! The page: one component per section, wired to one reducer.

mod sections;
mod widgets;

use super::state::{Action, Generated, KeyOrigin, Mode, State};
use crate::browser;
use crate::import::{self, InputKind};
use crate::pki::{Certificate, KeyFormat, KeyPair, KeySize};
use crate::setup::files::{self, OutputFile};
use crate::setup::{FormInput, Setup, cloudflare, metadata, reminder};
use std::rc::Rc;
use widgets::FileBytes;
use yew::prelude::*;

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.apply(action);
        Rc::new(next)
    }
}

/// What is kept in localStorage: the non-secret inputs, or only the choice not to remember.
#[derive(serde::Serialize, serde::Deserialize)]
struct Remembered {
    remember: bool,
    #[serde(default)]
    inputs: Option<FormInput>,
}

fn initial_state() -> State {
    let mut state = State::new();
    let remembered =
        browser::load_inputs().and_then(|json| serde_json::from_str::<Remembered>(&json).ok());
    match remembered {
        Some(Remembered {
            remember: false, ..
        }) => state.apply(Action::SetRemember(false)),
        Some(Remembered { inputs, .. }) => state.apply(Action::Start { remembered: inputs }),
        None => {}
    }
    state
}

/// Starts key generation for `setup`; reports back through `dispatch`.
fn start_generation(dispatch: UseReducerDispatcher<State>, setup: Setup) {
    let started = browser::now_ms();
    let origin = if browser::has_webcrypto() {
        KeyOrigin::WebCrypto
    } else {
        KeyOrigin::Wasm
    };
    dispatch.dispatch(Action::GenerationStarted(origin));
    wasm_bindgen_futures::spawn_local(async move {
        let key = match origin {
            KeyOrigin::WebCrypto => browser::generate_key_webcrypto(setup.key_size).await,
            KeyOrigin::Wasm | KeyOrigin::Imported => {
                // The wasm path blocks the main thread: let the progress message paint first.
                browser::next_paint().await;
                browser::generate_key_wasm(setup.key_size)
            }
        };
        let generated_at = browser::now_unix_seconds();
        let result = key.and_then(|key| {
            let certificate = Certificate::issue(
                &key,
                &setup.certificate,
                generated_at,
                &mut getrandom::SysRng,
            )?;
            Ok((key, certificate))
        });
        match result {
            Ok((key, certificate)) => dispatch.dispatch(Action::Generated(Generated {
                key: Rc::new(key),
                certificate: Rc::new(certificate),
                options: setup.certificate.clone(),
                generated_at,
                took_ms: browser::now_ms() - started,
                origin,
            })),
            Err(error) => dispatch.dispatch(Action::GenerationFailed(error.to_string())),
        }
    });
}

/// What the Cloudflare side and the files are made from in the current mode.
#[derive(Clone)]
pub(crate) struct Outputs {
    /// The validated setup (in metadata mode: entity ID and SSO URL from the metadata).
    pub setup: Setup,
    /// The certificates Cloudflare should trust, new first.
    pub certificates: Vec<Rc<Certificate>>,
    /// The certificate the expiry reminder is for.
    pub reminder_for: Rc<Certificate>,
    /// When the key or certificate was made, for the reminder's DTSTAMP and the ZIP's times.
    pub generated_at: u64,
    /// The key, when this mode offers it as a file.
    pub key: Option<Rc<KeyPair>>,
    /// The certificate file offered (the new certificate), when this mode makes one.
    pub certificate: Option<Rc<Certificate>>,
}

impl Outputs {
    /// The certificates as the output functions take them.
    pub fn certificate_refs(&self) -> Vec<&Certificate> {
        self.certificates.iter().map(Rc::as_ref).collect()
    }
}

/// The outputs of the current mode, once everything they need is there.
pub(crate) fn outputs(state: &State) -> Option<Outputs> {
    match state.mode {
        Mode::NewKey | Mode::Renew => {
            let generated = state.active_generated()?;
            Some(Outputs {
                setup: state.setup.clone()?,
                certificates: state.cloudflare_certificates(),
                reminder_for: generated.certificate.clone(),
                generated_at: generated.generated_at,
                key: Some(generated.key.clone()),
                certificate: Some(generated.certificate.clone()),
            })
        }
        Mode::FromMetadata => {
            let setup = state.metadata_setup()?.ok()?;
            let metadata = state.imports.metadata.as_ref()?;
            let certificates: Vec<Rc<Certificate>> =
                metadata.certificates.iter().cloned().map(Rc::new).collect();
            let reminder_for = Rc::new(metadata.first_to_expire()?.clone());
            Some(Outputs {
                setup,
                certificates,
                reminder_for,
                generated_at: browser::now_unix_seconds(),
                key: None,
                certificate: None,
            })
        }
    }
}

/// Every file of the current mode, in the page's order.
fn all_files(state: &State, outputs: &Outputs) -> Result<Vec<OutputFile>, String> {
    let setup = &outputs.setup;
    let certificates = outputs.certificate_refs();
    let mut all = Vec::new();
    if let (Some(key), Some(certificate)) = (&outputs.key, &outputs.certificate) {
        let key_pem = key.to_pem(setup.key_format).map_err(|e| e.to_string())?;
        all.push(files::key_file(&key_pem));
        all.push(files::certificate_file(certificate).map_err(|e| e.to_string())?);
        all.push(files::sp_metadata_file(&setup.team));
        all.push(OutputFile::new(
            files::IDP_METADATA_FILE,
            files::XML_MIME,
            metadata::idp_metadata_xml(setup, &certificates).into_bytes(),
        ));
    }
    let api_body = cloudflare::api_body(setup, &certificates);
    all.push(OutputFile::new(
        files::API_BODY_FILE,
        files::JSON_MIME,
        api_body.clone().into_bytes(),
    ));
    if state.mode == Mode::Renew {
        // The update (PUT) carries the same configuration under its own file name.
        all.push(OutputFile::new(
            files::API_UPDATE_BODY_FILE,
            files::JSON_MIME,
            api_body.into_bytes(),
        ));
    }
    all.push(OutputFile::new(
        files::TERRAFORM_FILE,
        files::TERRAFORM_MIME,
        cloudflare::terraform(setup, &certificates).into_bytes(),
    ));
    all.push(OutputFile::new(
        files::REMINDER_FILE,
        files::CALENDAR_MIME,
        reminder::expiry_ics(setup, &outputs.reminder_for, outputs.generated_at).into_bytes(),
    ));
    Ok(all)
}

/// Builds the file `name` from the current state, or `None` when it cannot exist yet.
fn build_file(state: &State, name: &str) -> Result<Option<OutputFile>, String> {
    if name == files::SP_METADATA_FILE
        && state.mode != Mode::FromMetadata
        && let Some(setup) = &state.setup
    {
        return Ok(Some(files::sp_metadata_file(&setup.team)));
    }
    let Some(outputs) = outputs(state) else {
        return Ok(None);
    };
    let all = all_files(state, &outputs)?;
    if name == files::zip_name(&outputs.setup.team) {
        let zip = files::zip_all(&all, outputs.generated_at).map_err(|e| e.to_string())?;
        return Ok(Some(OutputFile::new(name, files::ZIP_MIME, zip)));
    }
    Ok(all.into_iter().find(|file| file.name == name))
}

/// Reads one imported file and reports the result as an action.
fn import_action(kind: InputKind, bytes: FileBytes) -> Action {
    let bytes = match bytes {
        Ok(bytes) => bytes,
        Err(message) => return Action::ImportFailed(kind, message),
    };
    let result = match kind {
        InputKind::PrivateKey => import::private_key(&bytes).map(|key| {
            let pkcs1 = bytes.windows(15).any(|w| w == b"RSA PRIVATE KEY");
            Action::KeyImported {
                key: Rc::new(key),
                format: if pkcs1 {
                    KeyFormat::Pkcs1
                } else {
                    KeyFormat::Pkcs8
                },
            }
        }),
        InputKind::Certificate => {
            import::certificate(&bytes).map(|c| Action::CertificateImported(Rc::new(c)))
        }
        InputKind::Metadata => {
            import::jumpcloud_metadata(&bytes).map(|m| Action::MetadataImported(Rc::new(m)))
        }
    };
    result.unwrap_or_else(|error| Action::ImportFailed(kind, error.to_string()))
}

/// The whole page.
#[component]
pub fn App() -> Html {
    let state = use_reducer(initial_state);
    let dispatch = state.dispatcher();

    // Remember the non-secret inputs (or only the choice not to).
    use_effect_with((state.form.clone(), state.remember), |(form, remember)| {
        let remembered = Remembered {
            remember: *remember,
            inputs: remember.then(|| form.clone()),
        };
        if let Ok(json) = serde_json::to_string(&remembered) {
            browser::save_inputs(&json);
        }
    });

    // The leave-page prompt is armed while an unsaved key exists.
    use_effect_with(state.key_at_risk(), |at_risk| {
        browser::set_leave_guard(*at_risk)
    });

    // Certificate options changed: a new certificate for the same key.
    {
        let generated = state.generated.clone();
        let dispatch = dispatch.clone();
        use_effect_with(state.reissue_due(), move |due| {
            if let (Some(options), Some(generated)) = (due.clone(), generated) {
                let now = browser::now_unix_seconds();
                match Certificate::issue(&generated.key, &options, now, &mut getrandom::SysRng) {
                    Ok(certificate) => dispatch.dispatch(Action::CertificateReissued {
                        certificate: Rc::new(certificate),
                        options,
                    }),
                    Err(error) => dispatch.dispatch(Action::Announce(error.to_string())),
                }
            }
        });
    }

    // Renew: an imported key (or changed certificate options) gets a new certificate.
    {
        let dispatch = dispatch.clone();
        let setup = state.setup.clone();
        let deps = (
            state.renewal_due(),
            state.setup.as_ref().map(|s| s.certificate.clone()),
        );
        use_effect_with(deps, move |(due, _)| {
            if let (Some(key), Some(setup)) = (due.clone(), setup) {
                let started = browser::now_ms();
                let now = browser::now_unix_seconds();
                match Certificate::issue(&key, &setup.certificate, now, &mut getrandom::SysRng) {
                    Ok(certificate) => dispatch.dispatch(Action::Generated(Generated {
                        key,
                        certificate: Rc::new(certificate),
                        options: setup.certificate.clone(),
                        generated_at: now,
                        took_ms: browser::now_ms() - started,
                        origin: KeyOrigin::Imported,
                    })),
                    Err(error) => dispatch.dispatch(Action::ImportFailed(
                        InputKind::PrivateKey,
                        error.to_string(),
                    )),
                }
            }
        });
    }

    let onimport = {
        let dispatch = dispatch.clone();
        Callback::from(move |(kind, bytes): (InputKind, FileBytes)| {
            dispatch.dispatch(import_action(kind, bytes));
        })
    };

    let onmode = {
        let dispatch = dispatch.clone();
        Callback::from(move |mode: Mode| dispatch.dispatch(Action::SetMode(mode)))
    };

    let ongenerate = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            if state.generate_blocker().is_some() {
                return;
            }
            if state.key_at_risk()
                && !browser::confirm(
                    "The current private key has not been downloaded. Generating again replaces it and it cannot be recovered. Generate a new key anyway?",
                )
            {
                return;
            }
            if let Some(setup) = state.setup.clone() {
                start_generation(state.dispatcher(), setup);
            }
        })
    };

    let onkeysize = {
        let state = state.clone();
        Callback::from(
            move |(size, select): (KeySize, web_sys::HtmlSelectElement)| {
                if state.generated.is_none() {
                    state.dispatch(Action::SetKeySize(size));
                    return;
                }
                if state.key_at_risk()
                    && !browser::confirm(
                        "Changing the key size makes a new key, and the current key has not been downloaded. Make a new key?",
                    )
                {
                    // Put the select back: the state did not change, so nothing re-renders it.
                    let index = KeySize::ALL
                        .iter()
                        .position(|s| *s == state.form.key_size)
                        .unwrap_or(0);
                    select.set_value(&index.to_string());
                    return;
                }
                state.dispatch(Action::SetKeySize(size));
                if let Some(mut setup) = state.setup.clone() {
                    setup.key_size = size;
                    start_generation(state.dispatcher(), setup);
                }
            },
        )
    };

    let ondownload = {
        let state = state.clone();
        Callback::from(move |name: String| match build_file(&state, &name) {
            Ok(Some(file)) => match browser::save_file(&file.name, file.mime, &file.bytes) {
                Ok(()) => {
                    let holds_key = file.is_private_key() || file.name.ends_with(".zip");
                    if holds_key {
                        state.dispatch(Action::KeyDownloaded);
                    }
                    state.dispatch(Action::Announce(format!("Saved {}.", file.name)));
                }
                Err(error) => state.dispatch(Action::Announce(error.to_string())),
            },
            Ok(None) => state.dispatch(Action::Announce(format!("{name} is not ready yet."))),
            Err(error) => state.dispatch(Action::Announce(error)),
        })
    };

    let onannounce = {
        let dispatch = dispatch.clone();
        Callback::from(move |message: String| dispatch.dispatch(Action::Announce(message)))
    };

    html! {
        <>
            <a class="skip-link" href="#setup">{ "Skip to the form" }</a>
            <header class="masthead">
                <div class="masthead-inner">
                    <h1>{ "SAML IdP Kit" }</h1>
                    <p class="tagline">{ "Set up JumpCloud as the SAML identity provider for Cloudflare Access — key, certificate and every value, in one page." }</p>
                    <p class="privacy">{ "Everything happens in this browser tab: no key, certificate or setting is ever sent anywhere. This page makes no network requests and works offline." }</p>
                </div>
            </header>
            <main class="page">
                <sections::ModeSwitch mode={state.mode} {onmode} />
                <sections::SetupSection state={state.clone()} onkeysize={onkeysize} />
                {
                    match state.mode {
                        Mode::NewKey => html! { <sections::GenerateSection state={state.clone()} {ongenerate} /> },
                        Mode::Renew => html! { <sections::RenewSection state={state.clone()} onimport={onimport.clone()} /> },
                        Mode::FromMetadata => html! { <sections::MetadataSection state={state.clone()} onimport={onimport.clone()} /> },
                    }
                }
                if state.mode != Mode::FromMetadata {
                    <sections::JumpCloudSection state={state.clone()} ondownload={ondownload.clone()} onannounce={onannounce.clone()} />
                }
                <sections::CloudflareSection state={state.clone()} ondownload={ondownload.clone()} onannounce={onannounce.clone()} />
                <sections::FinishSection state={state.clone()} {ondownload} />
                <p class="visually-hidden" role="status" aria-live="polite" id="announcer">{ state.announcement.clone() }</p>
            </main>
            <footer class="footer">
                <details class="about">
                    <summary>{ "About this page" }</summary>
                    <dl class="facts">
                        <div><dt>{ "Version" }</dt><dd>{ env!("CARGO_PKG_VERSION") }</dd></div>
                        <div><dt>{ "Source commit" }</dt><dd><code>{ env!("SAML_IDP_KIT_COMMIT") }</code></dd></div>
                        <div><dt>{ "Licence" }</dt><dd>{ "MIT OR Apache-2.0" }</dd></div>
                    </dl>
                    <p>{ "Security model: the key is made by your browser (WebCrypto) or by this page's own code, and never leaves this tab. The page's Content-Security-Policy forbids every network connection (connect-src 'none'), nothing secret is stored (only the non-secret inputs, if you allow it), and the key in this page's memory is wiped when replaced. A compromised browser, a malicious extension or a modified copy of this page can defeat any of this, so check the page's hash." }</p>
                    <p>{ "Works offline: save this page (it is one self-contained HTML file) and open it from disk. A page cannot hash itself; check the file you saved with " }<code>{ "sha256sum -c SHA256SUMS" }</code>{ " against the SHA256SUMS published with the release, or rebuild it from the source commit above with " }<code>{ "cargo xtask dist" }</code>{ " and compare." }</p>
                </details>
                <p>{ format!("SAML IdP Kit {} · MIT OR Apache-2.0 · Works offline: save this page and open it from disk.", env!("CARGO_PKG_VERSION")) }</p>
            </footer>
        </>
    }
}
