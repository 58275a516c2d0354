//! The native integration tests, as one binary (one link on a 2-core machine):
//! `cargo test --test it`, or `cargo test --test it pki::` for one module.
//!
//! | module | what it checks |
//! |---|---|
//! | `pki` | the key and certificate core, every certificate re-parsed field by field |
//! | `setup` | form validation and every output, with real parsers and golden files |
//! | `import` | existing keys, certificates and JumpCloud metadata, and hostile inputs |
//! | `app` | the page's state machine driven by actions without a DOM, its outputs and views, the race of key workers on the built-in RSA path, and the snapshot of every user-visible text |
//! | `response` | the SAML response checker: fixtures signed by xmlsec1/signxml and judged by python3-saml, c14n vs W3C and xmllint |
//! | `signing` | WebCrypto's key halves and certificates signed outside the core |
//! | `openssl` | cross-checks with the real `openssl` CLI |
//!
//! `unwrap`/`expect` are fine here: a test that fails on a missing value should say so loudly,
//! not default it.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod app;
mod common;
mod import;
mod openssl;
mod pki;
mod response;
mod setup;
mod signing;
