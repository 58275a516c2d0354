//! The shape checks that defend against signature wrapping: unique IDs, one Assertion (plain
//! or encrypted) directly in the Response, signatures only directly in the Response or that
//! Assertion.

use super::{ASSERTION_NS, DSIG_NS, dsig};
use crate::pki::Certificate;
use roxmltree::Node;
use std::collections::HashSet;

/// The Assertion the other lines read.
#[derive(Clone, Copy)]
pub enum Found<'a, 'i> {
    /// One `saml:Assertion`, a direct child of the Response.
    Plain(Node<'a, 'i>),
    /// One `saml:EncryptedAssertion`, a direct child of the Response: not read.
    Encrypted,
    /// No Assertion at all (a failed sign-in, or a response cut short).
    None,
    /// The shape is one signature wrapping uses: nothing is read.
    Refused,
}

fn is(node: &Node<'_, '_>, ns: &str, name: &str) -> bool {
    node.is_element() && node.has_tag_name((ns, name))
}

fn is_assertion(node: &Node<'_, '_>) -> bool {
    is(node, ASSERTION_NS, "Assertion") || is(node, ASSERTION_NS, "EncryptedAssertion")
}

/// The one Assertion (plain or encrypted), none, or a wrapping problem: duplicate IDs, more
/// than one Assertion, one that is not a direct child of the Response, or a signature anywhere
/// but directly in the Response or that (plain) Assertion.
pub(super) fn shape<'a, 'i>(root: Node<'a, 'i>) -> Result<Found<'a, 'i>, String> {
    let mut ids = HashSet::new();
    for node in root.descendants().filter(Node::is_element) {
        if let Some(id) = node.attribute("ID")
            && !ids.insert(id)
        {
            return Err(format!(
                "The ID \"{}\" is used twice.",
                crate::import::shorten(id)
            ));
        }
    }
    let assertions: Vec<_> = root.descendants().filter(is_assertion).collect();
    let found = match assertions.as_slice() {
        [one] if one.parent() == Some(root) => {
            if is(one, ASSERTION_NS, "Assertion") {
                Found::Plain(*one)
            } else {
                Found::Encrypted
            }
        }
        [_] => return Err("The Assertion is not a direct child of the Response.".to_owned()),
        [] => Found::None,
        many => {
            return Err(format!(
                "The response holds {} Assertions; exactly one is allowed.",
                many.len()
            ));
        }
    };
    let plain = match found {
        Found::Plain(assertion) => Some(assertion),
        _ => None,
    };
    for signature in root.descendants().filter(|n| is(n, DSIG_NS, "Signature")) {
        let parent = signature.parent();
        if parent != Some(root) && (plain.is_none() || parent != plain) {
            return Err(format!(
                "A signature sits inside {} instead of directly in the Response or the Assertion.",
                parent.map(|p| p.tag_name().name()).unwrap_or("?")
            ));
        }
    }
    for element in std::iter::once(root).chain(plain) {
        if element
            .children()
            .filter(|n| is(n, DSIG_NS, "Signature"))
            .count()
            > 1
        {
            return Err(format!(
                "The {} has more than one signature.",
                element.tag_name().name()
            ));
        }
    }
    Ok(found)
}

/// The certificate in the KeyInfo of the Assertion's signature, else the Response's, when the
/// response's shape is sound.
pub fn key_info_of(root: Node<'_, '_>) -> Option<Certificate> {
    let assertion = match shape(root).ok()? {
        Found::Plain(assertion) => Some(assertion),
        _ => None,
    };
    assertion
        .into_iter()
        .chain(std::iter::once(root))
        .filter_map(own_signature)
        .find_map(dsig::key_info_certificate)
        .and_then(Result::ok)
}

pub(super) fn own_signature<'a, 'i>(element: Node<'a, 'i>) -> Option<Node<'a, 'i>> {
    element.children().find(|n| is(n, DSIG_NS, "Signature"))
}
