//! Browser tests (wasm-bindgen-test). `cargo xtask test` runs them headless in Chromium via
//! `cargo test --target wasm32-unknown-unknown` (the runner is set in `.cargo/config.toml`).
//!
//! One wasm test binary: add `#[wasm_bindgen_test]` functions here or in a module beside this
//! file (`app`: the key paths and the page's reactions). Plain `#[test]` functions are silently
//! skipped on wasm32.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod app;

use saml_idp_kit::app::App;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// Waits `ms` milliseconds on the browser's timer queue, letting Yew's scheduler run.
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        if let Some(window) = web_sys::window() {
            // If scheduling fails the promise never settles and the runner's timeout reports it.
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// A fresh `<div>` in the test page's body to mount a component into.
fn mount_point() -> web_sys::Element {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        panic!("no document in the test browser");
    };
    let (Ok(div), Some(body)) = (document.create_element("div"), document.body()) else {
        panic!("cannot create a mount point");
    };
    if body.append_child(&div).is_err() {
        panic!("cannot attach the mount point");
    }
    div
}

#[wasm_bindgen_test]
async fn app_mounts_and_renders_its_heading() {
    let root = mount_point();
    let handle = yew::Renderer::<App>::with_root(root.clone()).render();
    let mut heading = None;
    for _ in 0..100 {
        heading = root.query_selector("h1").ok().flatten();
        if heading.is_some() {
            break;
        }
        sleep(10).await;
    }
    let Some(heading) = heading else {
        panic!("the app rendered no <h1> within 1 s");
    };
    assert_eq!(heading.text_content().as_deref(), Some("SAML IdP Kit"));
    handle.destroy();
    root.remove();
}
