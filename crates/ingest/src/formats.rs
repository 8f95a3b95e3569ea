//! Text out of HTML pages and Word (.docx) files, keeping paragraph breaks and, for .docx, page breaks
//! as form feeds (so evidence lines can name pages).

use std::io::Read;

use quick_xml::events::Event;

/// The title and text of an HTML page: scripts and styles dropped, block elements on their own
/// lines, character references decoded.
pub fn html_text(html: &str) -> (Option<String>, String) {
    let mut out = String::with_capacity(html.len() / 2);
    let mut title = None;
    let lower = html.to_ascii_lowercase();
    let mut i = 0;
    let bytes = html.as_bytes();
    while i < bytes.len() {
        if bytes[i] == b'<' {
            let Some(end) = html[i..].find('>').map(|e| i + e) else {
                break;
            };
            let tag = lower[i + 1..end].trim_start_matches('/');
            let name: String = tag
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            let closing = lower[i + 1..end].starts_with('/');
            if !closing && matches!(name.as_str(), "script" | "style" | "title") {
                let close = format!("</{name}");
                let body_end = lower[end..].find(&close).map_or(bytes.len(), |e| end + e);
                if name == "title" {
                    title = Some(decode_entities(html[end + 1..body_end].trim()));
                }
                i = lower[body_end..]
                    .find('>')
                    .map_or(bytes.len(), |e| body_end + e + 1);
                continue;
            }
            if matches!(
                name.as_str(),
                "p" | "div"
                    | "br"
                    | "li"
                    | "tr"
                    | "h1"
                    | "h2"
                    | "h3"
                    | "h4"
                    | "h5"
                    | "h6"
                    | "section"
                    | "article"
                    | "blockquote"
                    | "table"
            ) {
                out.push('\n');
            } else if matches!(name.as_str(), "td" | "th") {
                out.push(' ');
            }
            i = end + 1;
        } else {
            let next = html[i..].find('<').map_or(bytes.len(), |e| i + e);
            out.push_str(&decode_entities(&html[i..next]));
            i = next;
        }
    }
    let text = out
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    (title.filter(|t| !t.is_empty()), text)
}

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(semi) = rest[..rest.len().min(12)].find(';') else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..semi];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some(' '),
            "laquo" => Some('«'),
            "raquo" => Some('»'),
            "mdash" => Some('—'),
            "ndash" => Some('–'),
            e if e.starts_with("#x") || e.starts_with("#X") => u32::from_str_radix(&e[2..], 16)
                .ok()
                .and_then(char::from_u32),
            e if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The text of a Word .docx file: paragraphs on their own lines, tabs kept, page breaks as form feeds.
///
/// # Errors
/// A message when the bytes are not a zip with `word/document.xml`, or that XML is broken.
pub fn docx_text(bytes: &[u8]) -> Result<String, String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("not a .docx (zip) file: {e}"))?;
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .map_err(|_| "not a Word document: word/document.xml is missing".to_string())?
        .take(512 * 1024 * 1024)
        .read_to_string(&mut xml)
        .map_err(|e| format!("word/document.xml: {e}"))?;
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut out = String::new();
    let mut in_text = false;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) if e.name().into_inner() == "w:t" => in_text = true,
            Ok(Event::End(e)) if e.name().into_inner() == "w:t" => in_text = false,
            Ok(Event::End(e)) if e.name().into_inner() == "w:p" => out.push('\n'),
            Ok(Event::Empty(e)) if e.name().into_inner() == "w:tab" => out.push('\t'),
            Ok(Event::Empty(e)) if e.name().into_inner() == "w:br" => {
                let page = e
                    .attributes()
                    .flatten()
                    .any(|a| a.key.into_inner() == "w:type" && &*a.value == "page");
                out.push(if page { '\u{c}' } else { '\n' });
            }
            Ok(Event::Text(t)) if in_text => {
                let raw: &str = t.as_ref();
                out.push_str(&decode_entities(raw));
            }
            // quick-xml hands entity references (`&amp;`) over as events of their own.
            Ok(Event::GeneralRef(r)) if in_text => {
                let name: &str = r.as_ref();
                out.push_str(&decode_entities(&format!("&{name};")));
            }
            Ok(Event::Eof) => break,
            Err(e) => {
                return Err(format!(
                    "word/document.xml at byte {}: {e}",
                    reader.buffer_position()
                ));
            }
            _ => {}
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_drops_markup_scripts_and_keeps_blocks() {
        let (title, text) = html_text(
            "<html><head><title>Стратегия &laquo;2030&raquo;</title><style>p{}</style></head><body><h1>Раздел</h1><p>Проблемы&nbsp;координации &amp; финансирования</p><script>var x = '<p>';</script><ul><li>один</li><li>два</li></ul></body></html>",
        );
        assert_eq!(title.as_deref(), Some("Стратегия «2030»"));
        assert_eq!(
            text,
            "Раздел\nПроблемы координации & финансирования\nодин\nдва"
        );
    }

    #[test]
    fn docx_paragraphs_and_page_breaks() {
        let mut buf = std::io::Cursor::new(Vec::new());
        {
            let mut w = zip::ZipWriter::new(&mut buf);
            w.start_file(
                "word/document.xml",
                zip::write::SimpleFileOptions::default(),
            )
            .unwrap();
            std::io::Write::write_all(
                &mut w,
                br#"<w:document xmlns:w="x"><w:body><w:p><w:r><w:t>First &amp; one</w:t></w:r></w:p><w:p><w:r><w:br w:type="page"/><w:t xml:space="preserve">Second</w:t></w:r></w:p></w:body></w:document>"#,
            )
            .unwrap();
            w.finish().unwrap();
        }
        assert_eq!(
            docx_text(buf.get_ref()).unwrap(),
            "First & one\n\u{c}Second\n"
        );
        assert!(
            docx_text(b"plain text")
                .unwrap_err()
                .contains("not a .docx")
        );
    }
}
