//! The page's footer: version, source commit, licence and the security model in brief.

use crate::app::components::markup::{fact, short_code_fact};
use yew::prelude::*;

/// The footer under every mode.
#[component]
pub fn PageFooter() -> Html {
    html! {
        <footer class="footer">
            <details class="about">
                <summary>{ "About this page" }</summary>
                <dl class="facts">
                    { fact("Version", env!("CARGO_PKG_VERSION").into()) }
                    { short_code_fact("Source commit", env!("SAML_IDP_KIT_COMMIT").into()) }
                    { fact("Licence", "MIT OR Apache-2.0".into()) }
                </dl>
                <p>{ "Security model: the key is made by your browser (WebCrypto) or by this page's own code, and never leaves this tab. The page's Content-Security-Policy forbids every network connection (connect-src 'none'), nothing secret is stored (only the non-secret inputs, if you allow it), and the key in this page's memory is wiped when replaced. A compromised browser, a malicious extension or a modified copy of this page can defeat any of this, so check the page's hash." }</p>
                <p>{ "Works offline: save this page (it is one self-contained HTML file) and open it from disk. A page cannot hash itself; check the file you saved with " }<code>{ "sha256sum -c SHA256SUMS" }</code>{ " against the SHA256SUMS published with the release, or rebuild it from the source commit above with " }<code>{ "cargo xtask dist" }</code>{ " and compare." }</p>
            </details>
            <p>{ format!("SAML IdP Kit {} · MIT OR Apache-2.0 · Works offline: save this page and open it from disk.", env!("CARGO_PKG_VERSION")) }</p>
        </footer>
    }
}
