//! The small XML layer the exchange formats share: escaping for XML 1.0 and an event walk over
//! quick-xml that the XLIFF and TMX readers are built on.

use std::fmt::Write as _;

use quick_xml::Reader;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};

/// Escapes text for XML 1.0 element content or, with `attribute`, a double-quoted attribute
/// value: `&`, `<`, `>` (and `"` in attributes) become entity references; carriage returns (and
/// tabs and line feeds in attributes) become character references so parsers keep them; the
/// characters XML 1.0 does not allow are dropped.
pub(crate) fn escape(text: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\r' => out.push_str("&#13;"),
            '\t' | '\n' if attribute => {
                let _ = write!(out, "&#{};", c as u32);
            }
            '\t' | '\n' => out.push(c),
            '\u{0}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// What [`walk`] reports: an element opens (local name, attributes by qualified name and
/// unescaped), text arrives (entities resolved), an element closes (local name).
pub(crate) enum Node {
    Open(String, Attributes),
    Text(String),
    Close(String),
}

/// Reads `xml` with quick-xml and hands every element and text to `visit`, in order. Errors
/// carry the byte offset; an element left open at the end is an error.
pub(crate) fn walk(
    xml: &str,
    mut visit: impl FnMut(Node) -> Result<(), String>,
) -> Result<(), String> {
    let mut reader = Reader::from_str(xml);
    let mut open: Vec<String> = Vec::new();
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("XML error at byte {}: {e}", reader.error_position()))?;
        let at = reader.buffer_position();
        let bad = |e: &dyn std::fmt::Display| format!("XML error before byte {at}: {e}");
        match event {
            Event::Start(e) => {
                let (name, attributes) = element(&e).map_err(|e| bad(&e))?;
                open.push(name.clone());
                visit(Node::Open(name, attributes))?;
            }
            Event::Empty(e) => {
                let (name, attributes) = element(&e).map_err(|e| bad(&e))?;
                visit(Node::Open(name.clone(), attributes))?;
                visit(Node::Close(name))?;
            }
            Event::End(e) => {
                open.pop();
                visit(Node::Close(
                    String::from_utf8_lossy(e.local_name().as_ref()).into_owned(),
                ))?;
            }
            Event::Text(t) => visit(Node::Text(
                t.xml10_content().map_err(|e| bad(&e))?.into_owned(),
            ))?,
            Event::CData(t) => visit(Node::Text(
                t.xml10_content().map_err(|e| bad(&e))?.into_owned(),
            ))?,
            Event::GeneralRef(r) => {
                let text = match r.resolve_char_ref().map_err(|e| bad(&e))? {
                    Some(c) => c.to_string(),
                    None => {
                        let name = r.decode().map_err(|e| bad(&e))?;
                        resolve_predefined_entity(&name)
                            .ok_or_else(|| bad(&format!("unknown entity &{name};")))?
                            .to_string()
                    }
                };
                visit(Node::Text(text))?;
            }
            Event::Eof => {
                return match open.last() {
                    Some(name) => Err(format!("XML error: <{name}> is not closed at the end")),
                    None => Ok(()),
                };
            }
            _ => {}
        }
    }
}

/// The attributes of an element, by qualified name, values unescaped.
pub(crate) struct Attributes(Vec<(String, String)>);

impl Attributes {
    /// The value of attribute `key` (a qualified name such as `xml:lang`), if present.
    pub(crate) fn get(&self, key: &str) -> Option<String> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
    }
}

/// The local name and the attributes of an element.
fn element(e: &BytesStart) -> Result<(String, Attributes), quick_xml::Error> {
    let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
    let mut attributes = Vec::new();
    for attribute in e.attributes() {
        let attribute = attribute?;
        let key = String::from_utf8_lossy(attribute.key.as_ref()).into_owned();
        attributes.push((key, attribute.unescape_value()?.into_owned()));
    }
    Ok((name, Attributes(attributes)))
}
