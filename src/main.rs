//! Mounts the SAML IdP Kit web app (wasm32) — all logic lives in the library.

#[cfg(target_arch = "wasm32")]
fn main() {
    saml_idp_kit::app::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("saml-idp-kit is a web app: run `cargo xtask serve` and open http://127.0.0.1:8080");
}
