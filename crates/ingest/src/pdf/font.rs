//! Fonts as far as text extraction needs them: the character map and the glyph widths.

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Encoding, Object};

use super::MAX_STREAM_BYTES;

/// A font as far as text extraction needs it.
pub(super) struct Font<'a> {
    pub(super) encoding: Option<Encoding<'a>>,
    /// Characters of one-byte codes named `uniXXXX` / `uXXXX` in `/Differences` (see [`uni_names`]).
    named: Option<Box<[Option<char>; 256]>>,
    two_byte: bool,
    widths: HashMap<u32, f64>,
    default_width: f64,
}

impl<'a> Font<'a> {
    pub(super) fn new(doc: &'a Document, dict: &'a Dictionary) -> Self {
        let map = to_unicode(doc, dict);
        // A ToUnicode map says it all; without one, glyph names are the next best source.
        let named = if map.is_none() {
            uni_names(doc, dict)
        } else {
            None
        };
        let encoding = map.or_else(|| {
            dict.get_font_encoding_with_limit(doc, MAX_STREAM_BYTES)
                .ok()
        });
        let deref = |o: &'a Object| doc.dereference(o).map(|(_, o)| o).ok();
        let two_byte = dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Type0");
        let mut widths = HashMap::new();
        let mut default_width = 500.0;
        if two_byte {
            default_width = 1000.0;
            let desc = dict
                .get(b"DescendantFonts")
                .ok()
                .and_then(deref)
                .and_then(|o| o.as_array().ok())
                .and_then(|a| a.first())
                .and_then(deref)
                .and_then(|o| o.as_dict().ok());
            if let Some(desc) = desc {
                if let Some(dw) = desc.get(b"DW").ok().and_then(num) {
                    default_width = dw;
                }
                if let Some(w) = desc.get(b"W").ok().and_then(deref) {
                    cid_widths(w, &mut widths, deref);
                }
            }
        } else {
            let first = dict.get(b"FirstChar").ok().and_then(num).unwrap_or(0.0) as u32;
            if let Some(Ok(w)) = dict
                .get(b"Widths")
                .ok()
                .and_then(deref)
                .map(Object::as_array)
            {
                for (i, w) in w.iter().enumerate().take(256) {
                    if let Some(w) = deref(w).and_then(num) {
                        widths.insert(first + i as u32, w);
                    }
                }
            }
            if let Some(mw) = dict
                .get(b"FontDescriptor")
                .ok()
                .and_then(deref)
                .and_then(|o| o.as_dict().ok())
                .and_then(|d| d.get(b"MissingWidth").ok())
                .and_then(num)
                .filter(|w| *w > 0.0)
            {
                default_width = mw;
            }
        }
        Self {
            encoding,
            named,
            two_byte,
            widths,
            default_width,
        }
    }

    /// The character a one-byte code is named after in the font's `/Differences`, when the name
    /// follows the Adobe glyph naming convention and no ToUnicode map exists.
    pub(super) fn named(&self, code: &[u8]) -> Option<char> {
        match (self.two_byte, code, &self.named) {
            (false, [c], Some(names)) => names[usize::from(*c)],
            _ => None,
        }
    }

    /// The codes of a shown string: byte range, width in thousandths of the font size, and
    /// whether it is the single-byte space (to which word spacing applies).
    pub(super) fn codes(&self, bytes: &[u8]) -> Vec<(std::ops::Range<usize>, f64, bool)> {
        let width = |c: u32| self.widths.get(&c).copied().unwrap_or(self.default_width);
        let step = if self.two_byte { 2 } else { 1 };
        (0..bytes.len())
            .step_by(step)
            .map(|i| {
                let r = i..(i + step).min(bytes.len());
                let code = bytes[r.clone()]
                    .iter()
                    .fold(0u32, |a, b| a << 8 | u32::from(*b));
                (r, width(code), !self.two_byte && code == 32)
            })
            .collect()
    }
}

/// The font's `ToUnicode` map when it has a readable one. It comes first, as in `pdftotext`:
/// lopdf reads `/Encoding` first, and a font with `/Differences` (common for Cyrillic subsets)
/// would then lose the map that gives the real characters.
fn to_unicode(doc: &Document, dict: &Dictionary) -> Option<Encoding<'static>> {
    dict.get(b"ToUnicode").ok()?;
    let mut only_map = dict.clone();
    only_map.remove(b"Encoding");
    match only_map.get_font_encoding_with_limit(doc, MAX_STREAM_BYTES) {
        Ok(Encoding::UnicodeMapEncoding(map)) => Some(Encoding::UnicodeMapEncoding(map)),
        _ => None,
    }
}

/// The `/W` array of a CID font: `c [w1 w2 …]` or `cfirst clast w`.
fn cid_widths<'a>(
    w: &'a Object,
    out: &mut HashMap<u32, f64>,
    deref: impl Fn(&'a Object) -> Option<&'a Object>,
) {
    let Ok(items) = w.as_array() else { return };
    let mut i = 0;
    while i < items.len() {
        let Some(first) = deref(&items[i]).and_then(num) else {
            return;
        };
        let first = first.max(0.0) as u32;
        match items.get(i + 1).and_then(&deref) {
            Some(Object::Array(ws)) => {
                for (k, w) in ws.iter().enumerate().take(65_536) {
                    if let Some(w) = num(w) {
                        out.insert(first.saturating_add(k as u32), w);
                    }
                }
                i += 2;
            }
            Some(last) => {
                let (Some(last), Some(w)) = (num(last), items.get(i + 2).and_then(num)) else {
                    return;
                };
                // A range is capped so a hostile file cannot make a huge table.
                for c in first..=(last.max(0.0) as u32).min(first.saturating_add(65_535)) {
                    out.insert(c, w);
                }
                i += 3;
            }
            None => return,
        }
    }
}

pub(super) fn num(o: &Object) -> Option<f64> {
    o.as_float().ok().map(f64::from).filter(|v| v.is_finite())
}

/// The characters of one-byte codes whose `/Differences` names follow the Adobe glyph naming
/// convention: `uni` and four upper-case hex digits, or `u` and four to six (a `.suffix` is
/// ignored). lopdf's glyph list knows the standard names (`afii10017`, `Acyrillic`…) but not
/// these, which font subsetters often write for Cyrillic. `None` when no name qualifies.
fn uni_names(doc: &Document, dict: &Dictionary) -> Option<Box<[Option<char>; 256]>> {
    let deref = |o: &Object| doc.dereference(o).map(|(_, o)| o.clone()).ok();
    let enc = dict.get(b"Encoding").ok().and_then(deref)?;
    let diffs = enc
        .as_dict()
        .ok()?
        .get(b"Differences")
        .ok()
        .and_then(deref)?;
    let mut out = Box::new([None; 256]);
    let mut any = false;
    let mut code = 0usize;
    for item in diffs.as_array().ok()?.iter().take(4096) {
        match deref(item) {
            Some(Object::Integer(i)) => code = usize::try_from(i).unwrap_or(usize::MAX),
            Some(Object::Name(name)) => {
                if let (Some(slot), Some(c)) = (out.get_mut(code), glyph_name_char(&name)) {
                    *slot = Some(c);
                    any = true;
                }
                code = code.saturating_add(1);
            }
            _ => {}
        }
    }
    any.then_some(out)
}

/// `uniXXXX` or `uXXXX`–`uXXXXXX` (upper-case hex, a `.suffix` allowed) as a character.
fn glyph_name_char(name: &[u8]) -> Option<char> {
    let name = std::str::from_utf8(name).ok()?;
    let base = name.split('.').next()?;
    let hex = match (base.strip_prefix("uni"), base.strip_prefix('u')) {
        (Some(h), _) if h.len() == 4 => h,
        (_, Some(h)) if (4..=6).contains(&h.len()) => h,
        _ => return None,
    };
    if !hex
        .bytes()
        .all(|b| b.is_ascii_digit() || (b'A'..=b'F').contains(&b))
    {
        return None;
    }
    char::from_u32(u32::from_str_radix(hex, 16).ok()?)
}

#[cfg(test)]
mod tests {
    use super::glyph_name_char;

    #[test]
    fn glyph_names_by_the_adobe_convention() {
        assert_eq!(glyph_name_char(b"uni0416"), Some('Ж'));
        assert_eq!(glyph_name_char(b"uni0451.sc"), Some('ё'));
        assert_eq!(glyph_name_char(b"u1F600"), Some('😀'));
        assert_eq!(glyph_name_char(b"u0436"), Some('ж'));
        // Lower-case hex, surrogates, wrong lengths and ordinary names are not this convention.
        assert_eq!(glyph_name_char(b"uni04e0"), None);
        assert_eq!(glyph_name_char(b"uniD800"), None);
        assert_eq!(glyph_name_char(b"uni041"), None);
        assert_eq!(glyph_name_char(b"afii10017"), None);
        assert_eq!(glyph_name_char(b"underscore"), None);
    }
}
