//! The key worker's script URL under Trusted Types: the page's CSP has
//! `require-trusted-types-for 'script'` and `trusted-types saml-idp-kit-worker`, so
//! `new Worker(url)` takes only a `TrustedScriptURL` made by that one policy. The policy passes
//! exactly the `blob:` URL the page made for its worker and throws for anything else. Where
//! the browser has no `trustedTypes`, the URL stays a plain string.

use super::{field, refused, tagged};
use js_sys::{Array, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// The one Trusted Types policy the page's CSP allows (`trusted-types`, written by
/// xtask/src/dist/page.rs; a test there keeps the two names equal).
pub const TRUSTED_TYPES_POLICY: &str = "saml-idp-kit-worker";

/// `url` as a `TrustedScriptURL` made by [`TRUSTED_TYPES_POLICY`], which accepts `url` and
/// nothing else; the plain string where the browser has no Trusted Types. Called once per page
/// (the caller keeps the result), as a policy name can be created only once.
pub(super) fn trusted_script_url(url: &str) -> Result<JsValue, String> {
    let Some(factory) = field(&js_sys::global(), "trustedTypes") else {
        return Ok(JsValue::from_str(url));
    };
    let allowed = url.to_owned();
    let only_ours =
        Closure::<dyn FnMut(JsValue) -> Result<JsValue, JsValue>>::new(move |input: JsValue| {
            match input.as_string() {
                Some(input) if input == allowed => Ok(JsValue::from_str(&input)),
                _ => Err(js_sys::TypeError::new(
                    "this page makes no script URL but its own key worker's",
                )
                .into()),
            }
        });
    let method = |object: &JsValue, name: &str| {
        field(object, name)
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
            .ok_or_else(|| format!("the browser's Trusted Types have no {name}"))
    };
    let rules = tagged("createScriptURL", only_ours.as_ref());
    let policy = method(&factory, "createPolicy")?
        .call2(&factory, &JsValue::from_str(TRUSTED_TYPES_POLICY), &rules)
        .map_err(refused)?;
    // The policy calls the closure for as long as the page lives.
    only_ours.forget();
    method(&policy, "createScriptURL")?
        .call1(&policy, &JsValue::from_str(url))
        .map_err(refused)
}

/// `new Worker(url)`, with `url` a `TrustedScriptURL` or a string (web-sys takes only strings).
pub(super) fn new_worker(url: &JsValue) -> Result<web_sys::Worker, JsValue> {
    let constructor = field(&js_sys::global(), "Worker")
        .and_then(|c| c.dyn_into::<js_sys::Function>().ok())
        .ok_or_else(|| JsValue::from_str("this browser has no Worker"))?;
    Reflect::construct(&constructor, &Array::of1(url)).map(JsCast::unchecked_into)
}
