//! Yoshikoder `.ykd` dictionaries: XML where `cnode` elements are categories and `pnode`
//! elements are patterns, both named by their `name` attribute.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::{Category, Dictionary, line_of};
use crate::error::{Result, dict_err};

fn name_attr(text: &str, reader: &Reader<&[u8]>, e: &BytesStart<'_>) -> Result<String> {
    for a in e.attributes() {
        let a = a.map_err(|err| {
            dict_err(
                "yoshikoder",
                line_of(text, reader.buffer_position() as usize),
                err.to_string(),
            )
        })?;
        if a.key.as_ref() == "name" {
            let v = a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_err(|err| {
                    dict_err(
                        "yoshikoder",
                        line_of(text, reader.buffer_position() as usize),
                        err.to_string(),
                    )
                })?;
            return Ok(v.into_owned());
        }
    }
    Err(dict_err(
        "yoshikoder",
        line_of(text, reader.buffer_position() as usize),
        format!("<{}> without a `name` attribute", e.name().as_ref()),
    ))
}

/// Reads a Yoshikoder `.ykd` dictionary.
///
/// # Errors
/// [`crate::TextError::Dictionary`] with the line: malformed XML, a node without `name`, a
/// `pnode` outside any `cnode`.
///
/// ```
/// let x = r#"<dictionary name="d"><cnode name="pos"><pnode name="good"/><cnode name="strong"><pnode name="great*"/></cnode></cnode></dictionary>"#;
/// let d = creacity_text::read_yoshikoder(x).unwrap();
/// assert_eq!(d.name, "d");
/// assert_eq!(d.categories[0].children[0].patterns, ["great*"]);
/// ```
pub fn read_yoshikoder(text: &str) -> Result<Dictionary> {
    let mut reader = Reader::from_str(text);
    let mut stack: Vec<Category> = Vec::new();
    let mut top: Vec<Category> = Vec::new();
    let mut name = String::new();
    let mut seen_root = false;
    loop {
        let ev = reader.read_event().map_err(|e| {
            dict_err(
                "yoshikoder",
                line_of(text, reader.error_position() as usize),
                e.to_string(),
            )
        })?;
        let here = || line_of(text, reader.buffer_position() as usize);
        match ev {
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "dictionary" => {
                seen_root = true;
                name = name_attr(text, &reader, &e).unwrap_or_default();
            }
            Event::Start(e) if e.name().as_ref() == "cnode" => {
                stack.push(Category::leaf(name_attr(text, &reader, &e)?, &[]));
            }
            Event::Empty(e) if e.name().as_ref() == "cnode" => {
                let c = Category::leaf(name_attr(text, &reader, &e)?, &[]);
                match stack.last_mut() {
                    Some(p) => p.children.push(c),
                    None => top.push(c),
                }
            }
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "pnode" => {
                let p = name_attr(text, &reader, &e)?;
                let Some(c) = stack.last_mut() else {
                    return Err(dict_err(
                        "yoshikoder",
                        here(),
                        format!("pattern {p:?} outside any <cnode>"),
                    ));
                };
                c.patterns.push(p);
            }
            Event::End(e) if e.name().as_ref() == "cnode" => {
                let Some(c) = stack.pop() else {
                    return Err(dict_err("yoshikoder", here(), "</cnode> without <cnode>"));
                };
                match stack.last_mut() {
                    Some(p) => p.children.push(c),
                    None => top.push(c),
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !stack.is_empty() {
        return Err(dict_err(
            "yoshikoder",
            line_of(text, text.len()),
            "unclosed <cnode>",
        ));
    }
    if !seen_root && top.is_empty() {
        return Err(dict_err(
            "yoshikoder",
            1,
            "no <dictionary> or <cnode> element",
        ));
    }
    let mut d = Dictionary::new(name, "", top);
    d.kind = super::PatternKind::Glob;
    Ok(d)
}
