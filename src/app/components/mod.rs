//! The page: one component per section, wired to one reducer.

mod sections;
mod widgets;

use super::state::{Action, Generated, KeyOrigin, State};
use crate::browser;
use crate::pki::{Certificate, KeySize};
use crate::setup::files::{self, OutputFile};
use crate::setup::{FormInput, Setup};
use std::rc::Rc;
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
            KeyOrigin::Wasm => {
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

/// Builds the file `name` from the current state, or `None` when it cannot exist yet.
fn build_file(state: &State, name: &str) -> Result<Option<OutputFile>, String> {
    let Some(setup) = &state.setup else {
        return Ok(None);
    };
    if name == files::SP_METADATA_FILE {
        return Ok(Some(files::sp_metadata_file(&setup.team)));
    }
    let Some(generated) = &state.generated else {
        return Ok(None);
    };
    let key_pem = generated
        .key
        .to_pem(setup.key_format)
        .map_err(|e| e.to_string())?;
    let all = files::all_files(
        setup,
        &key_pem,
        &generated.certificate,
        generated.generated_at,
    )
    .map_err(|e| e.to_string())?;
    if name == files::zip_name(&setup.team) {
        let zip = files::zip_all(&all, generated.generated_at).map_err(|e| e.to_string())?;
        return Ok(Some(OutputFile::new(name, files::ZIP_MIME, zip)));
    }
    Ok(all.into_iter().find(|file| file.name == name))
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
                <sections::SetupSection state={state.clone()} onkeysize={onkeysize} />
                <sections::GenerateSection state={state.clone()} {ongenerate} />
                <sections::JumpCloudSection state={state.clone()} ondownload={ondownload.clone()} onannounce={onannounce.clone()} />
                <sections::CloudflareSection state={state.clone()} ondownload={ondownload.clone()} onannounce={onannounce.clone()} />
                <sections::FinishSection state={state.clone()} {ondownload} />
                <p class="visually-hidden" role="status" aria-live="polite" id="announcer">{ state.announcement.clone() }</p>
            </main>
            <footer class="footer">
                <p>{ format!("SAML IdP Kit {} · MIT OR Apache-2.0 · Works offline: save this page and open it from disk.", env!("CARGO_PKG_VERSION")) }</p>
            </footer>
        </>
    }
}
