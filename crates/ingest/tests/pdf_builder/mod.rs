//! Small PDFs written byte by byte for the tests (shared with the CLI's tests through `#[path]`).
//! Synthetic text only.
#![allow(dead_code)]

/// How the text of the pages is encoded in the file.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Font {
    /// Helvetica, WinAnsi encoding: ASCII text.
    Latin,
    /// A one-byte font whose codes are windows-1251 and whose `ToUnicode` CMap maps them to
    /// Unicode: Russian text.
    CyrillicToUnicode,
    /// A Type0 font with Identity-H (two-byte codes = UTF-16 units) and a `ToUnicode` CMap.
    Identity,
    /// A one-byte font with windows-1251 codes, no `ToUnicode` map, and `/Differences` naming
    /// the Cyrillic glyphs `uniXXXX` (as some producers subset fonts).
    CyrillicUniNames,
}

const TO_UNICODE_1251: &str = "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<00> <FF>\n\
endcodespacerange\n1 beginbfchar\n<B8> <0451>\nendbfchar\n2 beginbfrange\n<20> <7E> <0020>\n\
<C0> <FF> <0410>\nendbfrange\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";

const TO_UNICODE_IDENTITY: &str = "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\n\
endcodespacerange\n2 beginbfrange\n<0020> <007E> <0020>\n<0400> <045F> <0400>\nendbfrange\n\
endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";

fn hex(bytes: &[u8]) -> String {
    let mut s = String::from("<");
    for b in bytes {
        s.push_str(&format!("{b:02X}"));
    }
    s.push('>');
    s
}

fn encode(font: Font, line: &str) -> Vec<u8> {
    match font {
        Font::Latin => line
            .chars()
            .map(|c| if c.is_ascii() { c as u8 } else { b'?' })
            .collect(),
        Font::CyrillicToUnicode | Font::CyrillicUniNames => line
            .chars()
            .map(|c| match c {
                'ё' => 0xB8,
                'А'..='я' => (c as u32 - 0x410 + 0xC0) as u8,
                c if c.is_ascii() => c as u8,
                _ => b'?',
            })
            .collect(),
        Font::Identity => line.encode_utf16().flat_map(u16::to_be_bytes).collect(),
    }
}

/// A PDF with one page per item of `pages`; lines of a page (split on `\n`) are drawn with
/// `T*`, words within a line as written (spaces included). A page given as `None` holds only an
/// image, as a scanned page does.
pub fn pdf(pages: &[Option<&str>], font: Font) -> Vec<u8> {
    let contents = pages
        .iter()
        .map(|page| match page {
            Some(text) => {
                let mut c = String::from("BT /F1 12 Tf 14 TL 72 770 Td\n");
                for (i, line) in text.split('\n').enumerate() {
                    if i > 0 {
                        c.push_str("T*\n");
                    }
                    c.push_str(&format!("{} Tj\n", hex(&encode(font, line))));
                }
                c.push_str("ET\n");
                c.into_bytes()
            }
            None => b"q 500 0 0 700 40 60 cm /Im1 Do Q\n".to_vec(),
        })
        .collect();
    pdf_with_contents(contents, font)
}

fn encode_line_stream(font: Font, line: &str) -> Vec<u8> {
    format!(
        "BT /F1 12 Tf 72 400 Td {} Tj ET\n",
        hex(&encode(font, line))
    )
    .into_bytes()
}

/// A PDF with one page per content stream, with the font as `/F1`, a small image as `/Im1` and a
/// form XObject drawing "text inside a form" as `/Fm1`.
pub fn pdf_with_contents(contents: Vec<Vec<u8>>, font: Font) -> Vec<u8> {
    pdf_with_form(
        contents,
        font,
        encode_line_stream(font, "text inside a form"),
    )
}

/// As [`pdf_with_contents`] with the content of the form `/Fm1` given (the form's resources
/// hold the font `/F1` and the form itself as `/Fm1`).
pub fn pdf_with_form(contents: Vec<Vec<u8>>, font: Font, form: Vec<u8>) -> Vec<u8> {
    let mut objects: Vec<String> = Vec::new();
    let mut streams: Vec<Option<Vec<u8>>> = Vec::new();
    let mut add = |dict: String, stream: Option<Vec<u8>>| {
        objects.push(dict);
        streams.push(stream);
        objects.len()
    };
    // 1: catalog, 2: pages (filled below), 3: font, 4: image.
    add("<< /Type /Catalog /Pages 2 0 R >>".into(), None);
    add(String::new(), None);
    match font {
        Font::Latin => add(
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
                .into(),
            None,
        ),
        Font::CyrillicToUnicode => add(
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 5 0 R >>".into(),
            None,
        ),
        Font::Identity => add(
            "<< /Type /Font /Subtype /Type0 /BaseFont /Synthetic /Encoding /Identity-H \
             /DescendantFonts [6 0 R] /ToUnicode 5 0 R >>"
                .into(),
            None,
        ),
        Font::CyrillicUniNames => {
            let mut names = String::from("192");
            for c in 0x410..=0x44F {
                names.push_str(&format!(" /uni{c:04X}"));
            }
            add(
                format!(
                    "<< /Type /Font /Subtype /Type1 /BaseFont /Synthetic /Encoding << /Type /Encoding \
                     /BaseEncoding /WinAnsiEncoding /Differences [184 /uni0451 {names}] >> >>"
                ),
                None,
            )
        }
    };
    add(
        "<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray \
         /BitsPerComponent 8"
            .into(),
        Some(vec![0, 255, 255, 0]),
    );
    let cmap = if font == Font::Identity {
        TO_UNICODE_IDENTITY
    } else {
        TO_UNICODE_1251
    };
    add("<<".into(), Some(cmap.as_bytes().to_vec()));
    add(
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Synthetic /CIDSystemInfo \
         << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 600 >>"
            .into(),
        None,
    );
    // 7: a form XObject drawing text with the page's font.
    add(
        "<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> \
         /XObject << /Fm1 7 0 R >> >>"
            .into(),
        Some(form),
    );
    let mut kids = Vec::new();
    for content in contents {
        let c = add("<<".into(), Some(content));
        let p = add(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources \
                 << /Font << /F1 3 0 R >> /XObject << /Im1 4 0 R /Fm1 7 0 R >> >> /Contents {c} 0 R >>"
            ),
            None,
        );
        kids.push(format!("{p} 0 R"));
    }
    objects[1] = format!(
        "<< /Type /Pages /Kids [{}] /Count {} >>",
        kids.join(" "),
        kids.len()
    );
    let mut out = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, (dict, stream)) in objects.iter().zip(&streams).enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        match stream {
            Some(data) => {
                let dict = if dict == "<<" {
                    format!("<< /Length {} >>", data.len())
                } else {
                    format!("{dict} /Length {} >>", data.len())
                };
                out.extend_from_slice(dict.as_bytes());
                out.extend_from_slice(b"\nstream\n");
                out.extend_from_slice(data);
                out.extend_from_slice(b"\nendstream");
            }
            None => out.extend_from_slice(dict.as_bytes()),
        }
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R /ID [<00112233445566778899AABBCCDDEEFF> <00112233445566778899AABBCCDDEEFF>] >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}
