//! Rendering a new certificate in small steps: the summary first (it comes straight from the
//! state), then the sections that follow the outputs, one per step, each step a task of its own
//! so the browser can paint and handle input in between and no task grows long.
//!
//! [`Staged`] remembers which outputs each of those sections shows. A change that brings a new
//! certificate leaves them on the previous outputs until [`Staged::advance`] brings them up to
//! date one at a time; any other change (typing, a checkbox) reaches them all at once, as before.
//!
//! Pure: no browser types; the component schedules the steps (tested natively in
//! `tests/it/state/staged.rs`).

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
    shown: [Rc<Outputs>; 3],
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
            shown: [latest.clone(), latest.clone(), latest.clone()],
        }
    }

    /// Takes the outputs the page now has. Nothing changes for the same value (the same `Rc`);
    /// a new certificate in the same mode leaves the sections where they are (see
    /// [`Staged::advance`]); any other change, a mode switch included, is shown by every
    /// section at once.
    pub fn follow(&mut self, latest: &Rc<Outputs>) {
        if Rc::ptr_eq(&self.latest, latest) {
            return;
        }
        // Staged only within one mode: a mode switch shows that mode's sections at once.
        let new_certificate =
            self.latest.mode == latest.mode && certificate(&self.latest) != certificate(latest);
        self.latest = latest.clone();
        if !new_certificate {
            self.shown = [latest.clone(), latest.clone(), latest.clone()];
        }
    }

    /// Brings the first section that is behind up to date; true if one was.
    pub fn advance(&mut self) -> bool {
        let behind = self
            .shown
            .iter_mut()
            .find(|shown| !Rc::ptr_eq(shown, &self.latest));
        match behind {
            Some(shown) => {
                *shown = self.latest.clone();
                true
            }
            None => false,
        }
    }

    /// Whether a section still shows older outputs.
    pub fn is_behind(&self) -> bool {
        self.shown
            .iter()
            .any(|shown| !Rc::ptr_eq(shown, &self.latest))
    }

    /// The outputs `section` shows.
    pub fn shown(&self, section: Section) -> &Rc<Outputs> {
        &self.shown[section.index()]
    }
}
