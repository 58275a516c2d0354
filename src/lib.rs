//! SAML IdP Kit: set up JumpCloud as a SAML identity provider for Cloudflare Access,
//! entirely in the browser.
//!
//! Module map (dependencies point downwards only):
//! - `text`: pure text formats every layer shares: XML escaping and UTC dates.
//! - [`pki`]: pure RSA key and self-signed certificate building; randomness and the clock are
//!   parameters, so it runs natively in tests.
//! - [`setup`]: pure form validation and every output (JumpCloud values, Cloudflare values,
//!   API body, curl, Terraform, metadata XML, calendar reminder, the files and the ZIP).
//! - [`import`]: pure reading of what the user brings (an existing key, the current
//!   certificate, JumpCloud's IdP metadata), with size limits and a message per refusal.
//! - [`response`]: pure checking of a signed SAML response from JumpCloud against the setup
//!   (signature, certificate, audience, times), one line per check.
//! - [`app`]: the Yew UI (components on wasm32 only). Its state (one slot per mode) and its
//!   outputs (which files and values each mode offers) are pure and tested natively.
//! - `browser` (wasm32 only): the only code touching web-sys/js-sys.

pub mod import;
pub mod pki;
pub mod response;
pub mod setup;
pub(crate) mod text;

pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod browser;
