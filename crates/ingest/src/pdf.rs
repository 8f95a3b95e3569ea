//! The text layer of PDF files, page by page.
//!
//! The file is parsed with `lopdf` (pure Rust). The page's content stream is walked operator by
//! operator, keeping the text matrix (`BT`, `Td`, `TD`, `Tm`, `T*`, `'`, `"`) and the glyph widths
//! of the fonts, so words are separated where the text jumps right or to a new line, as
//! `pdftotext` does, rather than only where the file happens to draw a space. Characters are
//! decoded through the font's `ToUnicode` map or its encoding. Text inside form XObjects is read
//! too. Hyphens at line ends are kept as they stand.
//!
//! Refused, with the reason: files that are not PDFs, truncated files, files over
//! [`MAX_PDF_BYTES`] or [`MAX_PDF_PAGES`], streams that inflate past [`MAX_STREAM_BYTES`],
//! password-protected files, damaged content streams, and files with no text layer at all (a scan).
//! A panic inside the parser on a hostile file is caught and reported as a damaged file.

use std::collections::{BTreeMap, HashMap};
use std::panic::{AssertUnwindSafe, catch_unwind};

use lopdf::content::Content;
use lopdf::{Dictionary, Document, LoadOptions, Object};

mod font;
use font::{Font, num};

/// Largest PDF file read, in bytes (256 MiB); a larger one is refused before it is loaded.
pub const MAX_PDF_BYTES: u64 = 256 * 1024 * 1024;
/// Most pages read from one PDF; a file with more is refused (split it first).
pub const MAX_PDF_PAGES: usize = 10_000;
/// Largest size, in bytes, one stream of a PDF may inflate to (64 MiB): a guard against
/// decompression bombs.
pub const MAX_STREAM_BYTES: usize = 64 * 1024 * 1024;
/// Most operators walked for one page, forms included: a form drawn many times inside a form
/// drawn many times would otherwise multiply without end.
pub const MAX_OPERATIONS: usize = 5_000_000;
/// Most form XObjects drawn on one page (each is walked again where it is drawn).
const MAX_FORM_DRAWS: usize = 10_000;
/// How deep form XObjects may nest inside each other.
const MAX_FORM_DEPTH: usize = 8;
/// How deep `q` may nest.
const MAX_STATE_DEPTH: usize = 64;

/// The reason given for a PDF without a text layer.
pub const NO_TEXT_LAYER: &str = "no text layer (scanned?) — OCR it first";

/// The text of every page of a PDF, in page order.
///
/// # Errors
/// A sentence saying why the file cannot be read: not a PDF, truncated, too large, encrypted
/// with a password, a damaged page, or a failure of the parser.
///
/// ```
/// // Not a PDF at all:
/// assert!(creacity_ingest::pdf_pages(b"hello").unwrap_err().contains("not a PDF"));
/// ```
pub fn pdf_pages(bytes: &[u8]) -> Result<Vec<String>, String> {
    if bytes.len() as u64 > MAX_PDF_BYTES {
        return Err(format!(
            "{} MiB is over the limit of {} MiB for one document: split it first",
            bytes.len() >> 20,
            MAX_PDF_BYTES >> 20
        ));
    }
    if !bytes[..bytes.len().min(1024)]
        .windows(5)
        .any(|w| w == b"%PDF-")
    {
        return Err("not a PDF (no %PDF- header)".into());
    }
    if !bytes[bytes.len().saturating_sub(4096)..]
        .windows(5)
        .any(|w| w == b"%%EOF")
    {
        return Err("truncated PDF (no %%EOF at the end): download or copy it again".into());
    }
    guarded(|| extract(bytes))
}

/// Runs `f`, turning a panic into an error: the parser is fed hostile files, and a panic in it
/// must fail this file only, not the import.
fn guarded(f: impl FnOnce() -> Result<Vec<String>, String>) -> Result<Vec<String>, String> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|_| {
        Err("the PDF reader failed on this file (damaged or unusual PDF)".into())
    })
}

/// The text layer of a PDF with its pages joined by form feeds (U+000C), which the tokenizer of
/// `creacity-text` reads as page breaks (so evidence lines carry the page number).
///
/// # Errors
/// As [`pdf_pages`], and [`NO_TEXT_LAYER`] when no page has a single letter.
pub fn pdf_text(bytes: &[u8]) -> Result<String, String> {
    let pages = pdf_pages(bytes)?;
    if !pages.iter().any(|p| p.chars().any(char::is_alphabetic)) {
        return Err(NO_TEXT_LAYER.into());
    }
    Ok(pages.join("\u{c}"))
}

fn extract(bytes: &[u8]) -> Result<Vec<String>, String> {
    let options = LoadOptions {
        max_decompressed_size: Some(MAX_STREAM_BYTES),
        ..LoadOptions::default()
    };
    let doc = Document::load_mem_with_options(bytes, options)
        .map_err(|e| format!("not a readable PDF ({e})"))?;
    // lopdf opens files encrypted with an empty user password (permissions only) by itself.
    if doc.is_encrypted() && !doc.was_encrypted() {
        return Err("encrypted PDF (password-protected): remove the password first".into());
    }
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err("the PDF has no pages".into());
    }
    if pages.len() > MAX_PDF_PAGES {
        return Err(format!(
            "{} pages is over the limit of {MAX_PDF_PAGES} pages for one PDF: split it first",
            pages.len()
        ));
    }
    let mut out = Vec::with_capacity(pages.len());
    for (&n, &id) in &pages {
        let content = doc
            .get_page_content_with_limit(id, MAX_STREAM_BYTES)
            .map_err(|e| format!("page {n}: {e}"))?;
        let fonts = doc.get_page_fonts(id).unwrap_or_default();
        let (direct, refs) = doc.get_page_resources(id).unwrap_or_default();
        let resources: Vec<&Dictionary> = direct
            .into_iter()
            .chain(refs.iter().filter_map(|r| doc.get_dictionary(*r).ok()))
            .collect();
        let mut page = PageText::default();
        Walker::new(&doc, fonts, &resources)
            .walk(&content, &mut page, 0)
            .map_err(|e| format!("page {n}: {e}"))?;
        out.push(page.text);
    }
    Ok(out)
}

/// An affine matrix `[a b c d e f]` of PDF.
type Matrix = [f64; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `[1 0 0 1 tx ty] × m`.
fn translate(m: &Matrix, tx: f64, ty: f64) -> Matrix {
    [
        m[0],
        m[1],
        m[2],
        m[3],
        tx * m[0] + ty * m[2] + m[4],
        tx * m[1] + ty * m[3] + m[5],
    ]
}

/// The text state that `q`/`Q` save and restore.
#[derive(Clone)]
struct TextState {
    font: Option<Vec<u8>>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    scale: f64,
    leading: f64,
}

impl Default for TextState {
    fn default() -> Self {
        Self {
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            scale: 1.0,
            leading: 0.0,
        }
    }
}

/// The text of one page, with where the last shown string ended.
#[derive(Default)]
struct PageText {
    text: String,
    /// End x, baseline y and size of the last string shown.
    last: Option<(f64, f64, f64)>,
    /// Operators walked so far, forms included.
    operations: usize,
    /// Form XObjects drawn so far.
    forms: usize,
}

impl PageText {
    /// Adds `s`, shown from `x0` to `x1` on baseline `y` at `size`, with a line break when the
    /// baseline moved by half a line or more and a space when the text jumped right by more
    /// than 15 % of the size (or back left).
    fn show(&mut self, s: &str, x0: f64, x1: f64, y: f64, size: f64) {
        if let Some((lx, ly, lsize)) = self.last {
            let tol = lsize.max(size).max(1e-3);
            if (y - ly).abs() >= 0.5 * tol {
                self.separate('\n');
            } else if x0 - lx > 0.15 * tol || x0 < lx - tol {
                self.separate(' ');
            }
        }
        for c in s.chars() {
            match c {
                // Page breaks belong to the page list; control characters and unmapped glyphs
                // are not text.
                '\u{c}' | '\r' | '\n' => self.separate('\n'),
                '\t' => self.separate(' '),
                '\u{fffd}' => {}
                c if c.is_control() => {}
                // Typographic ligatures are spelled out, so the words match dictionaries.
                '\u{fb00}' => self.text.push_str("ff"),
                '\u{fb01}' => self.text.push_str("fi"),
                '\u{fb02}' => self.text.push_str("fl"),
                '\u{fb03}' => self.text.push_str("ffi"),
                '\u{fb04}' => self.text.push_str("ffl"),
                '\u{fb05}' | '\u{fb06}' => self.text.push_str("st"),
                c => self.text.push(c),
            }
        }
        self.last = Some((x1, y, size));
    }

    fn separate(&mut self, sep: char) {
        match self.text.chars().last() {
            None | Some('\n') => {}
            Some(' ') if sep == '\n' => {
                self.text.pop();
                self.text.push('\n');
            }
            Some(' ') => {}
            Some(_) => self.text.push(sep),
        }
    }
}

struct Walker<'a> {
    doc: &'a Document,
    fonts: BTreeMap<Vec<u8>, &'a Dictionary>,
    resources: Vec<&'a Dictionary>,
    cache: HashMap<Vec<u8>, Font<'a>>,
    state: TextState,
    saved: Vec<TextState>,
    tm: Matrix,
    tlm: Matrix,
}

impl<'a> Walker<'a> {
    fn new(
        doc: &'a Document,
        fonts: BTreeMap<Vec<u8>, &'a Dictionary>,
        resources: &[&'a Dictionary],
    ) -> Self {
        Self {
            doc,
            fonts,
            resources: resources.to_vec(),
            cache: HashMap::new(),
            state: TextState::default(),
            saved: Vec::new(),
            tm: IDENTITY,
            tlm: IDENTITY,
        }
    }

    fn walk(&mut self, content: &[u8], page: &mut PageText, depth: usize) -> Result<(), String> {
        let content =
            Content::decode(content).map_err(|e| format!("damaged content stream ({e})"))?;
        page.operations += content.operations.len();
        if page.operations > MAX_OPERATIONS {
            return Err(format!(
                "over {MAX_OPERATIONS} drawing operations on one page"
            ));
        }
        for op in &content.operations {
            let args = &op.operands;
            let n = |i: usize| args.get(i).and_then(num);
            match op.operator.as_str() {
                "q" if self.saved.len() < MAX_STATE_DEPTH => self.saved.push(self.state.clone()),
                "Q" => {
                    if let Some(s) = self.saved.pop() {
                        self.state = s;
                    }
                }
                "BT" => {
                    self.tm = IDENTITY;
                    self.tlm = IDENTITY;
                }
                "Tf" => {
                    self.state.font = args
                        .first()
                        .and_then(|o| o.as_name().ok())
                        .map(<[u8]>::to_vec);
                    self.state.size = n(1).unwrap_or(0.0);
                }
                "Tc" => self.state.char_spacing = n(0).unwrap_or(0.0),
                "Tw" => self.state.word_spacing = n(0).unwrap_or(0.0),
                "Tz" => self.state.scale = n(0).unwrap_or(100.0) / 100.0,
                "TL" => self.state.leading = n(0).unwrap_or(0.0),
                "Td" => self.line(n(0).unwrap_or(0.0), n(1).unwrap_or(0.0)),
                "TD" => {
                    let ty = n(1).unwrap_or(0.0);
                    self.state.leading = -ty;
                    self.line(n(0).unwrap_or(0.0), ty);
                }
                "Tm" => {
                    if let Some(m) = (0..6).map(n).collect::<Option<Vec<f64>>>() {
                        self.tm = [m[0], m[1], m[2], m[3], m[4], m[5]];
                        self.tlm = self.tm;
                    }
                }
                "T*" => self.next_line(),
                "Tj" => {
                    if let Some(Object::String(s, _)) = args.first() {
                        self.show(s, page);
                    }
                }
                "'" => {
                    self.next_line();
                    if let Some(Object::String(s, _)) = args.first() {
                        self.show(s, page);
                    }
                }
                "\"" => {
                    self.state.word_spacing = n(0).unwrap_or(0.0);
                    self.state.char_spacing = n(1).unwrap_or(0.0);
                    self.next_line();
                    if let Some(Object::String(s, _)) = args.get(2) {
                        self.show(s, page);
                    }
                }
                "TJ" => {
                    for item in args
                        .first()
                        .and_then(|a| a.as_array().ok())
                        .into_iter()
                        .flatten()
                    {
                        match item {
                            Object::String(s, _) => self.show(s, page),
                            o => {
                                if let Some(k) = num(o) {
                                    let tx = -k / 1000.0 * self.state.size * self.state.scale;
                                    self.tm = translate(&self.tm, tx, 0.0);
                                }
                            }
                        }
                    }
                }
                "Do" if depth < MAX_FORM_DEPTH => {
                    if let Some(name) = args.first().and_then(|o| o.as_name().ok()) {
                        self.form(name, page, depth)?;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn line(&mut self, tx: f64, ty: f64) {
        self.tlm = translate(&self.tlm, tx, ty);
        self.tm = self.tlm;
    }

    fn next_line(&mut self) {
        self.line(0.0, -self.state.leading);
    }

    fn show(&mut self, bytes: &[u8], page: &mut PageText) {
        let Some(name) = self.state.font.clone() else {
            return;
        };
        if !self.cache.contains_key(&name) {
            let Some(dict) = self.fonts.get(&name).copied() else {
                return;
            };
            self.cache.insert(name.clone(), Font::new(self.doc, dict));
        }
        let font = &self.cache[&name];
        let Some(encoding) = &font.encoding else {
            return;
        };
        // Glyph by glyph, so that a gap made by character or word spacing inside one string
        // (some producers draw "s r" as one string with a wide spacing) becomes a space.
        let s = &self.state;
        let size = (s.size * self.tm[2].hypot(self.tm[3])).abs();
        let mut glyph = String::new();
        for (range, w, space) in font.codes(bytes) {
            glyph.clear();
            if let Some(c) = font.named(&bytes[range.clone()]) {
                glyph.push(c);
            } else if encoding.write_to_string(&bytes[range], &mut glyph).is_err() {
                glyph.clear();
            }
            let width = w / 1000.0 * s.size * s.scale;
            let extra = (s.char_spacing + if space { s.word_spacing } else { 0.0 }) * s.scale;
            let (x0, y) = (self.tm[4], self.tm[5]);
            let x1 = translate(&self.tm, width, 0.0)[4];
            page.show(&glyph, x0, x1, y, size);
            self.tm = translate(&self.tm, width + extra, 0.0);
        }
    }

    /// Text of a form XObject named `name` in the current resources.
    fn form(&mut self, name: &[u8], page: &mut PageText, depth: usize) -> Result<(), String> {
        let doc = self.doc;
        let deref = |o: &'a Object| doc.dereference(o).map(|(_, o)| o).ok();
        let Some(stream) = self
            .resources
            .iter()
            .filter_map(|r| r.get(b"XObject").ok().and_then(deref))
            .filter_map(|x| x.as_dict().ok())
            .find_map(|x| x.get(name).ok().and_then(deref))
            .and_then(|o| o.as_stream().ok())
        else {
            return Ok(());
        };
        if stream.dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Form") {
            return Ok(());
        }
        page.forms += 1;
        if page.forms > MAX_FORM_DRAWS {
            return Err(format!(
                "over {MAX_FORM_DRAWS} form XObjects drawn on one page (forms drawn within forms?)"
            ));
        }
        let Ok(content) = stream.get_plain_content_with_limit(MAX_STREAM_BYTES) else {
            return Err("a form XObject inflates past the limit or is damaged".into());
        };
        // A form with its own resources uses its own fonts; otherwise the page's.
        let own = stream
            .dict
            .get(b"Resources")
            .ok()
            .and_then(deref)
            .and_then(|o| o.as_dict().ok());
        let mut inner = match own {
            Some(res) => Walker::new(doc, fonts_of(doc, res), &[res]),
            None => Walker::new(doc, self.fonts.clone(), &self.resources),
        };
        inner.state = self.state.clone();
        inner.walk(&content, page, depth + 1)
    }
}

/// The fonts of a resource dictionary, by name.
fn fonts_of<'a>(doc: &'a Document, res: &'a Dictionary) -> BTreeMap<Vec<u8>, &'a Dictionary> {
    let deref = |o: &'a Object| doc.dereference(o).map(|(_, o)| o).ok();
    res.get(b"Font")
        .ok()
        .and_then(deref)
        .and_then(|o| o.as_dict().ok())
        .map(|fonts| {
            fonts
                .iter()
                .filter_map(|(k, v)| Some((k.clone(), deref(v)?.as_dict().ok()?)))
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_in_the_reader_becomes_an_error() {
        let e = guarded(|| panic!("hostile input")).unwrap_err();
        assert_eq!(
            e,
            "the PDF reader failed on this file (damaged or unusual PDF)"
        );
        assert_eq!(guarded(|| Ok(vec!["a".into()])).unwrap(), ["a"]);
    }

    #[test]
    fn ligatures_are_spelled_out_and_control_characters_dropped() {
        let mut p = PageText::default();
        p.show("\u{fb01}rst\u{0}\u{fffd}", 0.0, 10.0, 100.0, 10.0);
        p.show("next", 30.0, 50.0, 100.0, 10.0);
        p.show("line", 0.0, 20.0, 80.0, 10.0);
        assert_eq!(p.text, "first next\nline");
    }
}
