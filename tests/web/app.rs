//! Browser tests of the key paths and the page's reactions (wasm-bindgen-test, headless Chromium).

use saml_idp_kit::app::App;
use saml_idp_kit::app::state::{Action, State};
use saml_idp_kit::browser;
use saml_idp_kit::pki::{Certificate, CertificateOptions, KeySize};
use saml_idp_kit::setup::Field;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

fn check_pair(key: &saml_idp_kit::pki::KeyPair) {
    let now = browser::now_unix_seconds();
    let certificate = match Certificate::issue(
        key,
        &CertificateOptions::default(),
        now,
        &mut getrandom::SysRng,
    ) {
        Ok(certificate) => certificate,
        Err(error) => panic!("certificate failed: {error}"),
    };
    assert!(certificate.is_self_signature_valid());
    assert!(certificate.matches_key(key));
    assert_eq!(certificate.key_bits(), Some(2048));
    assert_eq!(
        certificate.not_before(),
        now,
        "the browser clock feeds notBefore"
    );
}

#[wasm_bindgen_test]
async fn the_webcrypto_path_makes_a_valid_key_and_a_webcrypto_signed_certificate() {
    assert!(
        browser::has_webcrypto(),
        "the test page is a secure context"
    );
    let before = browser::now_unix_seconds();
    let options = CertificateOptions::default();
    let (key, certificate) =
        match browser::generate_webcrypto(KeySize::Rsa2048, &options, browser::now_unix_seconds)
            .await
        {
            Ok(pair) => pair,
            Err(error) => panic!("WebCrypto generation failed: {error}"),
        };
    // Signed by WebCrypto, verified by the core, never parsed by the rsa crate on the way.
    assert!(certificate.is_self_signature_valid());
    assert!(certificate.matches_key(&key));
    assert_eq!(certificate.key_bits(), Some(2048));
    assert!(certificate.not_before() >= before);
    assert!(
        !key.is_parsed(),
        "the key is not parsed before it is needed"
    );
    // The same key also works with the built-in signer (Renew, changed options).
    check_pair(&key);
    assert!(key.is_parsed());
}

#[wasm_bindgen_test]
fn the_wasm_fallback_path_makes_a_valid_key_and_certificate() {
    match browser::generate_key_wasm(KeySize::Rsa2048) {
        Ok(key) => check_pair(&key),
        Err(error) => panic!("wasm generation failed: {error}"),
    }
}

#[wasm_bindgen_test]
fn the_state_type_applies_actions_in_the_browser_too() {
    let mut state = State::new();
    state.apply(Action::Edit(Field::TeamName, "ACME".into()));
    state.apply(Action::Leave(Field::TeamName));
    assert_eq!(state.form.team_name, "acme");
    assert_eq!(state.generate_blocker(), None);
}

async fn sleep(ms: i32) {
    browser::sleep_ms(ms).await;
}

fn document() -> web_sys::Document {
    match web_sys::window().and_then(|w| w.document()) {
        Some(document) => document,
        None => panic!("no document"),
    }
}

fn mount() -> web_sys::Element {
    let document = document();
    let (Ok(root), Some(body)) = (document.create_element("div"), document.body()) else {
        panic!("cannot create a mount point");
    };
    if body.append_child(&root).is_err() {
        panic!("cannot attach the mount point");
    }
    browser::forget_inputs();
    yew::Renderer::<App>::with_root(root.clone()).render();
    root
}

async fn find(root: &web_sys::Element, selector: &str) -> Option<web_sys::Element> {
    for _ in 0..100 {
        if let Ok(Some(found)) = root.query_selector(selector) {
            return Some(found);
        }
        sleep(10).await;
    }
    None
}

fn fire(target: &web_sys::Element, kind: &str) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    match web_sys::Event::new_with_event_init_dict(kind, &init) {
        Ok(event) => {
            let _ = target.dispatch_event(&event);
        }
        Err(_) => panic!("cannot create a {kind} event"),
    }
}

async fn type_team_name(root: &web_sys::Element, text: &str) {
    let Some(input) = find(root, "#team-name").await else {
        panic!("no Team name input");
    };
    let input: web_sys::HtmlInputElement = input.unchecked_into();
    input.set_value(text);
    fire(&input, "input");
    fire(&input, "focusout");
}

/// Polls until `condition` holds (Yew renders on a later task, and WebKit's release build can
/// take longer than a fixed pause); false after about two seconds.
async fn eventually(condition: impl Fn() -> bool) -> bool {
    for _ in 0..200 {
        if condition() {
            return true;
        }
        sleep(10).await;
    }
    condition()
}

fn generate_disabled(root: &web_sys::Element) -> bool {
    match root.query_selector("#generate-button") {
        Ok(Some(button)) => button.has_attribute("disabled"),
        _ => panic!("no Generate button"),
    }
}

#[wasm_bindgen_test]
async fn a_bad_team_name_shows_its_message_and_keeps_generate_disabled() {
    let root = mount();
    assert!(find(&root, "#generate-button").await.is_some());
    assert!(generate_disabled(&root), "disabled before any input");
    type_team_name(&root, "Bad_Name!").await;
    let message = find(&root, "#team-name-error")
        .await
        .map(|e| e.text_content().unwrap_or_default());
    assert!(
        message.is_some_and(|m| !m.is_empty()),
        "a message under Team name"
    );
    assert!(generate_disabled(&root));
    let described = root
        .query_selector("#team-name")
        .ok()
        .flatten()
        .and_then(|input| input.get_attribute("aria-describedby"))
        .unwrap_or_default();
    assert!(
        described.contains("team-name-error"),
        "message linked with aria-describedby"
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn a_valid_team_name_enables_generate_and_shows_key_free_values() {
    let root = mount();
    type_team_name(&root, "acme").await;
    assert!(
        eventually(|| !generate_disabled(&root)).await,
        "Generate enabled once the form is valid"
    );
    let values = root.text_content().unwrap_or_default();
    assert!(values.contains("https://acme.cloudflareaccess.com/cdn-cgi/access/callback"));
    assert!(
        root.query_selector("#team-name-error")
            .ok()
            .flatten()
            .is_none()
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn generate_shows_the_summary_then_every_section_in_steps() {
    let root = mount();
    type_team_name(&root, "acme").await;
    assert!(eventually(|| !generate_disabled(&root)).await);
    let Ok(Some(button)) = root.query_selector("#generate-button") else {
        panic!("no Generate button");
    };
    let button: web_sys::HtmlElement = button.unchecked_into();
    button.click();
    let fingerprint = |root: &web_sys::Element| {
        root.query_selector("#sha256-fingerprint")
            .ok()
            .flatten()
            .and_then(|code| code.text_content())
            .unwrap_or_default()
    };
    let busy = |root: &web_sys::Element| {
        root.query_selector("main[aria-busy=\"true\"]")
            .ok()
            .flatten()
            .is_some()
    };
    for _ in 0..1000 {
        if !fingerprint(&root).is_empty() {
            break;
        }
        sleep(5).await;
    }
    assert!(!fingerprint(&root).is_empty(), "a certificate within 5 s");
    assert!(
        eventually(|| !busy(&root)).await,
        "every section catches up"
    );
    // The Cloudflare section now shows the API body with the new certificate.
    let api = root
        .query_selector("#code-api-json")
        .ok()
        .flatten()
        .and_then(|code| code.text_content())
        .unwrap_or_default();
    assert!(api.contains("idp_public_certs"), "API body shown: {api}");
    assert!(
        root.query_selector("#jumpcloud button[data-file=\"samlidp.key\"]")
            .ok()
            .flatten()
            .is_some(),
        "JumpCloud's section offers the key"
    );
    root.remove();
}
