//! Rendering a new certificate in small steps: the summary first (it comes straight from the
//! state), then the sections that follow the outputs, one per step, each step a task of its own
//! so the browser can paint and handle input in between and no task grows long.
//!
//! [`Staged`] remembers which outputs each of those sections shows. A change that brings a new
//! certificate leaves them on the previous outputs until [`Staged::advance`] brings them up to
//! date one at a time; any other change (typing, a checkbox) reaches them all at once, as before.
//!
//! The page's first render works the same way ([`Staged::first`]): the form comes first, so the
//! page is usable as soon as possible, and the sections after it are added one task at a time.
//!
//! Pure: no browser types; the component schedules the steps (tested natively in
//! `tests/it/app/staged.rs`).

use super::outputs::Outputs;
use crate::pki::Certificate;
use std::rc::Rc;

/// The sections that follow the outputs, in the order they are brought up to date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// 3, In JumpCloud.
    JumpCloud,
    /// 4, In Cloudflare.
    Cloudflare,
    /// 5, Finish.
    Finish,
}

impl Section {
    /// Every staged section, in order.
    pub const ALL: [Section; 3] = [Section::JumpCloud, Section::Cloudflare, Section::Finish];

    fn index(self) -> usize {
        match self {
            Section::JumpCloud => 0,
            Section::Cloudflare => 1,
            Section::Finish => 2,
        }
    }
}

/// Which outputs each staged section shows.
#[derive(Debug, Clone)]
pub struct Staged {
    latest: Rc<Outputs>,
    /// `None` for a section the page's first render has not added yet.
    shown: [Option<Rc<Outputs>>; 3],
    /// Whether the setup form's Advanced fields (closed by default) are on the page: the first
    /// render adds them last.
    advanced: bool,
}

/// The certificate a mode's outputs are made for, if any.
fn certificate(outputs: &Outputs) -> Option<&Rc<Certificate>> {
    outputs.ready.as_ref()?.certificate.as_ref()
}

impl Staged {
    /// Every section showing `latest`.
    pub fn new(latest: &Rc<Outputs>) -> Staged {
        Staged {
            latest: latest.clone(),
            shown: [
                Some(latest.clone()),
                Some(latest.clone()),
                Some(latest.clone()),
            ],
            advanced: true,
        }
    }

    /// The page's first render: no section yet; [`Staged::advance`] adds them one at a time.
    pub fn first(latest: &Rc<Outputs>) -> Staged {
        Staged {
            latest: latest.clone(),
            shown: [None, None, None],
            advanced: false,
        }
    }

    /// Takes the outputs the page now has. Nothing changes for the same value (the same `Rc`);
    /// a new certificate in the same mode leaves the sections where they are (see
    /// [`Staged::advance`]); any other change, a mode switch included, is shown by every
    /// section at once (every section already added, while the first render is under way).
    pub fn follow(&mut self, latest: &Rc<Outputs>) {
        if Rc::ptr_eq(&self.latest, latest) {
            return;
        }
        // Staged only within one mode: a mode switch shows that mode's sections at once.
        let new_certificate =
            self.latest.mode == latest.mode && certificate(&self.latest) != certificate(latest);
        self.latest = latest.clone();
        if !new_certificate {
            for shown in self.shown.iter_mut().flatten() {
                *shown = latest.clone();
            }
        }
    }

    /// Brings the first section that is behind (or not added yet) up to date; true if one was.
    pub fn advance(&mut self) -> bool {
        let latest = &self.latest;
        let behind = self
            .shown
            .iter_mut()
            .find(|shown| !shown.as_ref().is_some_and(|s| Rc::ptr_eq(s, latest)));
        match behind {
            Some(shown) => {
                *shown = Some(latest.clone());
                true
            }
            None => !std::mem::replace(&mut self.advanced, true),
        }
    }

    /// Whether a section still shows older outputs, or is not added yet.
    pub fn is_behind(&self) -> bool {
        !self.advanced
            || self
                .shown
                .iter()
                .any(|shown| !shown.as_ref().is_some_and(|s| Rc::ptr_eq(s, &self.latest)))
    }

    /// Whether the setup form's Advanced fields are on the page.
    pub fn advanced(&self) -> bool {
        self.advanced
    }

    /// The outputs `section` shows; `None` until the first render has added it.
    pub fn shown(&self, section: Section) -> Option<&Rc<Outputs>> {
        self.shown[section.index()].as_ref()
    }
}
