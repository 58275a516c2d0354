//! Exclusive XML Canonicalization 1.0 (with and without comments) of one element's subtree,
//! on the very roxmltree document the verifier reads.
//!
//! Canonicalizing the parsed tree itself (rather than handing the text to a second parser)
//! means the bytes that are digested are exactly the nodes the checks read: no parser
//! differential between "what was signed" and "what was checked".
//!
//! Rules (W3C Exclusive XML Canonicalization 1.0, section 3, on top of Canonical XML 1.0
//! section 2.3): start and end tags for every element; attributes sorted by namespace URI, then
//! local name; namespace declarations only where visibly utilized (the element's own prefix and
//! its attributes' prefixes) or listed in the InclusiveNamespaces PrefixList, and only when the
//! nearest output ancestor did not already declare the same binding, sorted by prefix with the
//! default namespace first; `xml:*` attributes are not inherited; text escapes `&`, `<`, `>`
//! and CR; attribute values escape `&`, `<`, `"`, TAB, LF and CR; comments only in the
//! WithComments variant.

use super::Error;
use crate::text::xml::{self, escape};
use roxmltree::{Node, NodeId};
use std::collections::BTreeMap;

/// Namespace bindings rendered by output ancestors: prefix ("" = default) → URI.
type Rendered = BTreeMap<String, String>;
/// A walk step: the node, whether it is being entered, and the bindings to restore on leaving.
type Step<'a, 'i> = (Node<'a, 'i>, bool, Option<Rendered>);

/// The XML namespace, bound to the `xml` prefix by definition.
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// How to canonicalize.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// Keep comments (`xml-exc-c14n#WithComments`).
    pub with_comments: bool,
    /// The InclusiveNamespaces PrefixList; `#default` stands for the default namespace.
    pub inclusive_prefixes: Vec<String>,
}

/// The canonical form of `apex`'s subtree, leaving out the subtree of `exclude` (the enveloped
/// signature) when given.
///
/// Fails only when an element or attribute name cannot be given its written prefix back: the
/// parser keeps namespace URIs, and when two in-scope prefixes share the element's URI the
/// written one is unknown. Responses never do that; refusing keeps the digest honest.
pub fn canonicalize(
    apex: Node<'_, '_>,
    exclude: Option<NodeId>,
    options: &Options,
) -> Result<Vec<u8>, Error> {
    let mut out = Vec::with_capacity(4096);
    // prefix ("" = default) -> URI, as rendered by output ancestors.
    let mut rendered: BTreeMap<String, String> = BTreeMap::new();
    rendered.insert(String::new(), String::new());
    // Iterative walk: (node, entering?) with the rendered map saved per element.
    let mut stack: Vec<Step<'_, '_>> = vec![(apex, true, None)];
    while let Some((node, entering, saved)) = stack.pop() {
        if Some(node.id()) == exclude {
            continue;
        }
        if !entering {
            if let Some(saved) = saved {
                rendered = saved;
            }
            out.extend_from_slice(b"</");
            out.extend_from_slice(qualified_element_name(node)?.as_bytes());
            out.push(b'>');
            continue;
        }
        if node.is_element() {
            let saved = rendered.clone();
            start_tag(node, &mut rendered, options, &mut out)?;
            stack.push((node, false, Some(saved)));
            let children: Vec<_> = node.children().collect();
            for child in children.into_iter().rev() {
                stack.push((child, true, None));
            }
        } else if node.is_text() {
            out.extend_from_slice(
                escape(node.text().unwrap_or_default(), xml::canonical_text).as_bytes(),
            );
        } else if node.is_comment() {
            if options.with_comments {
                out.extend_from_slice(b"<!--");
                out.extend_from_slice(node.text().unwrap_or_default().as_bytes());
                out.extend_from_slice(b"-->");
            }
        } else if let Some(pi) = node.pi() {
            out.extend_from_slice(b"<?");
            out.extend_from_slice(pi.target.as_bytes());
            if let Some(value) = pi.value.filter(|value| !value.is_empty()) {
                out.push(b' ');
                out.extend_from_slice(value.as_bytes());
            }
            out.extend_from_slice(b"?>");
        }
    }
    Ok(out)
}

/// The prefix an element was written with (`None` = no prefix).
fn element_prefix<'a>(node: Node<'a, '_>) -> Result<Option<&'a str>, Error> {
    let Some(uri) = node.tag_name().namespace() else {
        return Ok(None);
    };
    let mut candidates = node
        .namespaces()
        .filter(|ns| ns.uri() == uri)
        .map(|ns| ns.name());
    match (candidates.next(), candidates.next()) {
        (Some(prefix), None) => Ok(prefix),
        _ => Err(Error::AmbiguousPrefix(uri.to_owned())),
    }
}

/// The prefix an attribute was written with (`None` = no prefix; attributes never take the
/// default namespace).
fn attribute_prefix<'a>(node: Node<'a, '_>, uri: Option<&str>) -> Result<Option<&'a str>, Error> {
    let Some(uri) = uri else {
        return Ok(None);
    };
    if uri == XML_NS {
        return Ok(Some("xml"));
    }
    let mut candidates = node
        .namespaces()
        .filter(|ns| ns.uri() == uri)
        .filter_map(|ns| ns.name());
    match (candidates.next(), candidates.next()) {
        (Some(prefix), None) => Ok(Some(prefix)),
        _ => Err(Error::AmbiguousPrefix(uri.to_owned())),
    }
}

fn qualified(prefix: Option<&str>, local: &str) -> String {
    match prefix {
        Some(prefix) => format!("{prefix}:{local}"),
        None => local.to_owned(),
    }
}

fn qualified_element_name(node: Node<'_, '_>) -> Result<String, Error> {
    Ok(qualified(element_prefix(node)?, node.tag_name().name()))
}

fn start_tag(
    node: Node<'_, '_>,
    rendered: &mut BTreeMap<String, String>,
    options: &Options,
    out: &mut Vec<u8>,
) -> Result<(), Error> {
    let prefix = element_prefix(node)?;
    // Visibly utilized prefixes ("" = default namespace), plus the inclusive list.
    let mut utilized: Vec<String> = vec![prefix.unwrap_or_default().to_owned()];
    let mut attributes = Vec::new();
    for attribute in node.attributes() {
        let attribute_prefix = attribute_prefix(node, attribute.namespace())?;
        if let Some(p) = attribute_prefix.filter(|p| *p != "xml") {
            utilized.push(p.to_owned());
        }
        attributes.push((
            attribute.namespace().unwrap_or_default(),
            attribute.name(),
            qualified(attribute_prefix, attribute.name()),
            attribute.value(),
        ));
    }
    let mut declarations: BTreeMap<String, String> = BTreeMap::new();
    for p in &utilized {
        let uri = if p.is_empty() {
            node.default_namespace().unwrap_or_default()
        } else {
            node.lookup_namespace_uri(Some(p)).unwrap_or_default()
        };
        declarations.insert(p.clone(), uri.to_owned());
    }
    for listed in &options.inclusive_prefixes {
        let p = if listed == "#default" {
            ""
        } else {
            listed.as_str()
        };
        let uri = if p.is_empty() {
            node.default_namespace()
        } else {
            node.lookup_namespace_uri(Some(p))
        };
        // An inclusive prefix is output only when in scope (an empty default never is).
        if let Some(uri) = uri.filter(|uri| !uri.is_empty()) {
            declarations.insert(p.to_owned(), uri.to_owned());
        }
    }
    out.push(b'<');
    out.extend_from_slice(qualified(prefix, node.tag_name().name()).as_bytes());
    for (p, uri) in declarations {
        if rendered.get(&p).map(String::as_str).unwrap_or_default() == uri {
            continue;
        }
        if p.is_empty() {
            out.extend_from_slice(b" xmlns=\"");
        } else {
            out.extend_from_slice(b" xmlns:");
            out.extend_from_slice(p.as_bytes());
            out.extend_from_slice(b"=\"");
        }
        out.extend_from_slice(escape(&uri, xml::canonical_attribute).as_bytes());
        out.push(b'"');
        rendered.insert(p, uri);
    }
    attributes.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    for (_, _, name, value) in attributes {
        out.push(b' ');
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(b"=\"");
        out.extend_from_slice(escape(value, xml::canonical_attribute).as_bytes());
        out.push(b'"');
    }
    out.push(b'>');
    Ok(())
}
