//! The response indented for reading and for Copy XML: one element per line, two spaces per
//! level, whitespace-only text dropped, namespace declarations where the document made them.

use crate::text::xml::{self, escape};
use roxmltree::{Document, Node};

/// The document's root element, indented. Text and attribute values are escaped again, so the
/// result is well-formed XML with the same names, values and text.
pub fn print(document: &Document<'_>) -> String {
    let mut out = String::new();
    element(document.root_element(), 0, &mut out);
    out
}

fn prefix_for(node: Node<'_, '_>, uri: Option<&str>, attribute: bool) -> Option<String> {
    let uri = uri?;
    if uri == "http://www.w3.org/XML/1998/namespace" {
        return Some("xml".to_owned());
    }
    node.namespaces()
        .filter(|ns| ns.uri() == uri && (!attribute || ns.name().is_some()))
        .map(|ns| ns.name().unwrap_or_default().to_owned())
        .next()
        .filter(|p| !p.is_empty())
}

fn name(prefix: Option<String>, local: &str) -> String {
    match prefix {
        Some(prefix) => format!("{prefix}:{local}"),
        None => local.to_owned(),
    }
}

fn element(node: Node<'_, '_>, depth: usize, out: &mut String) {
    let indent = "  ".repeat(depth);
    let tag = name(
        prefix_for(node, node.tag_name().namespace(), false),
        node.tag_name().name(),
    );
    out.push_str(&indent);
    out.push('<');
    out.push_str(&tag);
    // Declarations new at this element: not in the parent's scope with the same URI.
    let parent = node.parent_element();
    for ns in node.namespaces() {
        let inherited = parent.is_some_and(|p| p.lookup_namespace_uri(ns.name()) == Some(ns.uri()));
        if !inherited {
            match ns.name() {
                Some(prefix) => out.push_str(&format!(
                    " xmlns:{prefix}=\"{}\"",
                    escape(ns.uri(), xml::readable_attribute)
                )),
                None => out.push_str(&format!(
                    " xmlns=\"{}\"",
                    escape(ns.uri(), xml::readable_attribute)
                )),
            }
        }
    }
    for attribute in node.attributes() {
        let attribute_name = name(
            prefix_for(node, attribute.namespace(), true),
            attribute.name(),
        );
        out.push_str(&format!(
            " {attribute_name}=\"{}\"",
            escape(attribute.value(), xml::readable_attribute)
        ));
    }
    let children: Vec<_> = node
        .children()
        .filter(|c| !(c.is_text() && c.text().unwrap_or_default().trim().is_empty()))
        .collect();
    match children.as_slice() {
        [] => out.push_str("/>\n"),
        [only] if only.is_text() => {
            out.push('>');
            out.push_str(&escape(
                only.text().unwrap_or_default(),
                xml::canonical_text,
            ));
            out.push_str(&format!("</{tag}>\n"));
        }
        _ => {
            out.push_str(">\n");
            for child in children {
                if child.is_element() {
                    element(child, depth + 1, out);
                } else if child.is_text() {
                    out.push_str(&format!(
                        "{indent}  {}\n",
                        escape(child.text().unwrap_or_default().trim(), xml::canonical_text)
                    ));
                } else if child.is_comment() {
                    out.push_str(&format!(
                        "{indent}  <!--{}-->\n",
                        child.text().unwrap_or_default()
                    ));
                }
            }
            out.push_str(&format!("{indent}</{tag}>\n"));
        }
    }
}
