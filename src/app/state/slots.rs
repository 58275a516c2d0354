//! The per-mode slots: the New-key result and the Renew result, each with its own "saved"
//! flag, and the view of either that a mode's outputs are made from.

use super::{Mode, RenewKey, State};
use crate::pki::{Certificate, CertificateOptions, KeyFormat, KeyPair};
use std::rc::Rc;

/// What made a new key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyOrigin {
    /// The browser's WebCrypto (`crypto.subtle.generateKey`).
    WebCrypto,
    /// The `rsa` crate compiled to wasm (no WebCrypto on this origin).
    Wasm,
}

impl KeyOrigin {
    /// How the page names it.
    pub fn label(self) -> &'static str {
        match self {
            KeyOrigin::WebCrypto => "the browser's WebCrypto",
            KeyOrigin::Wasm => "built-in RSA (WebCrypto is not available on this page's origin)",
        }
    }
}

/// The New-key slot: a generated key and its current certificate.
#[derive(Debug, Clone, PartialEq)]
pub struct Generated {
    /// The private key (never rendered as text).
    pub key: Rc<KeyPair>,
    /// The certificate for `key`, issued with `options`.
    pub certificate: Rc<Certificate>,
    /// The certificate options `certificate` was issued with.
    pub options: CertificateOptions,
    /// When the key was made (Unix seconds).
    pub generated_at: u64,
    /// How long generation took, from the click to the certificate, in milliseconds.
    pub took_ms: f64,
    /// What made the key.
    pub origin: KeyOrigin,
    /// Whether a file holding this key (`samlidp.key` or the ZIP) was saved since it was made.
    pub saved: bool,
}

impl Generated {
    /// This slot as the outputs see it, `samlidp.key` written in `format` (the form's choice).
    pub fn active(&self, format: KeyFormat) -> ActiveKey<'_> {
        ActiveKey {
            key: &self.key,
            format,
            certificate: &self.certificate,
            made_at: self.generated_at,
            took_ms: self.took_ms,
            made_by: self.origin.label(),
            saved: self.saved,
        }
    }
}

/// A certificate issued for an existing key (Renew certificate).
#[derive(Debug, Clone, PartialEq)]
pub struct Issued {
    /// The new certificate.
    pub certificate: Rc<Certificate>,
    /// The options it was issued with.
    pub options: CertificateOptions,
    /// When it was issued (Unix seconds).
    pub issued_at: u64,
    /// How long issuing took, in milliseconds.
    pub took_ms: f64,
}

/// The Renew slot: the user's existing key, the format it came in, and its new certificate.
#[derive(Debug, Clone, PartialEq)]
pub struct Renewal {
    /// The existing key (never rendered as text).
    pub key: Rc<KeyPair>,
    /// The format it came in, so it is offered back unchanged.
    pub format: KeyFormat,
    /// The new certificate, once issued.
    pub issued: Option<Issued>,
    /// Whether the key is saved. It came from the user's own file, so it starts saved; the
    /// flag is kept so every slot answers "is a key at risk" the same way.
    pub saved: bool,
}

/// The key and certificate a mode offers, whichever slot they come from.
#[derive(Debug, Clone, Copy)]
pub struct ActiveKey<'a> {
    /// The private key.
    pub key: &'a Rc<KeyPair>,
    /// The format `samlidp.key` is written in.
    pub format: KeyFormat,
    /// The certificate for it.
    pub certificate: &'a Rc<Certificate>,
    /// When the key or certificate was made (Unix seconds).
    pub made_at: u64,
    /// How long making it took, in milliseconds.
    pub took_ms: f64,
    /// What made it, for the summary ("your existing key" for a renewal).
    pub made_by: &'static str,
    /// Whether a file holding the key was saved.
    pub saved: bool,
}

/// What a change of the key-size select does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeySizeChange {
    /// Nothing: not New key, or the size is already chosen.
    Ignore,
    /// No key yet: just remember the size.
    Set,
    /// The key was saved: make a new key of this size.
    Regenerate,
    /// The key was not saved: ask before replacing it.
    ConfirmThenRegenerate,
}

impl State {
    /// The slot a key made in the current mode goes to: New key's, or Renew's "Make a new key"
    /// (`None` in the modes that make no key).
    pub fn made_key_slot(&self) -> Option<&Generated> {
        self.slot_of(self.mode)?.as_ref()
    }

    fn slot_of(&self, mode: Mode) -> Option<&Option<Generated>> {
        match mode {
            Mode::NewKey => Some(&self.new_key),
            Mode::Renew if self.renew_key == RenewKey::New => Some(&self.rotation_key),
            _ => None,
        }
    }

    pub(super) fn slot_of_mut(&mut self, mode: Mode) -> Option<&mut Option<Generated>> {
        match mode {
            Mode::NewKey => Some(&mut self.new_key),
            Mode::Renew => Some(&mut self.rotation_key),
            _ => None,
        }
    }

    /// Whether the current mode makes keys (New key, or Renew with "Make a new key").
    pub fn makes_key(&self) -> bool {
        self.slot_of(self.mode).is_some()
    }

    /// Whether the key this mode made is unsaved, so "Generate again" or a new key size asks
    /// first.
    pub fn new_key_at_risk(&self) -> bool {
        self.made_key_slot().is_some_and(|g| !g.saved)
    }

    /// Certificate options that differ from the New-key certificate's, when a new certificate
    /// for the same key is due (CN, subject, validity or profile changed). Renewals have their
    /// own: [`State::renewal_due`].
    pub fn reissue_due(&self) -> Option<CertificateOptions> {
        self.reissue_due_for(self.new_key.as_ref()?)
    }

    /// Like [`State::reissue_due`], for the key made in Renew ("Make a new key").
    pub fn rotation_reissue_due(&self) -> Option<CertificateOptions> {
        self.reissue_due_for(self.rotation_key.as_ref()?)
    }

    fn reissue_due_for(&self, generated: &Generated) -> Option<CertificateOptions> {
        let setup = self.setup.as_ref()?;
        (setup.certificate != generated.options).then(|| setup.certificate.clone())
    }
}
