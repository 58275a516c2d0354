//! The Yew user interface. [`state`] is pure and compiles (and is tested) natively; the
//! components need wasm32 and a DOM.

pub mod state;

#[cfg(target_arch = "wasm32")]
mod components;

#[cfg(target_arch = "wasm32")]
pub use components::App;

/// Mounts [`App`] into the document body.
#[cfg(target_arch = "wasm32")]
pub fn start() {
    yew::Renderer::<App>::new().render();
}
