//! The Yew user interface. [`state`] (the page's state and actions), [`outputs`] (which
//! files and values each mode offers), [`views`] (what each later section shows),
//! [`staged`] (which outputs each later section shows while a new certificate is rendered in
//! steps) and [`race`] (which key worker's answer is taken on the built-in RSA path) are pure
//! and compile (and are tested) natively; the components need wasm32 and a DOM.

pub mod choice;
pub mod outputs;
pub mod race;
pub mod staged;
pub mod state;
pub mod views;

// The root component lives in app.rs, as in Yew's examples.
#[cfg(target_arch = "wasm32")]
#[allow(clippy::module_inception)]
mod app;
#[cfg(target_arch = "wasm32")]
mod builtin;
#[cfg(target_arch = "wasm32")]
mod components;
#[cfg(target_arch = "wasm32")]
mod effects;
#[cfg(target_arch = "wasm32")]
mod props;

#[cfg(target_arch = "wasm32")]
pub use app::App;

/// Mounts [`App`] into the document body. In the key worker (the same wasm, started by the
/// page for the built-in RSA path) there is no document: nothing to mount.
#[cfg(target_arch = "wasm32")]
pub fn start() {
    if crate::browser::in_window() {
        yew::Renderer::<App>::new().render();
    }
}
