//! Word segmentation and normalisation for Russian and English.
//!
//! **The rule.** A token is a maximal run of letters and digits (Unicode alphanumerics, with
//! combining marks kept inside the word). Three joiners keep one token together:
//! - a hyphen (`-`, U+2010, U+2011) between two alphanumerics: `государственно-частного`,
//!   `co-working`, `330-ФЗ` stay one token (quanteda's `split_hyphens = FALSE`); a dictionary
//!   reaches them with a hyphenated pattern (`государственно-частн*`) or a `*` that spans the
//!   hyphen (`*-частн*`);
//! - an apostrophe (`'`, U+2019) between two letters: `city's`, `don't`;
//! - a full stop or comma between two digits: `3.5`, `1,200`.
//!
//! Everything else (spaces, punctuation, symbols) separates tokens. A token remembers whether
//! punctuation or a page break stood between it and the previous token, so that multi-word
//! patterns never match across a sentence or clause boundary (as quanteda does with punctuation
//! tokens kept). A form feed (U+000C, the page separator of `pdftotext`) starts a new page.

use serde::{Deserialize, Serialize};

/// One token: a byte span of the source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset after the last character.
    pub end: usize,
    /// True when punctuation or a page break separates it from the previous token.
    pub gap_before: bool,
    /// Page, 1-based (always 1 for unpaged text).
    pub page: u32,
}

impl Token {
    /// The token as it stands in `text`.
    pub fn as_str<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

#[inline]
fn is_word(c: char) -> bool {
    // Fast paths for the two scripts of the corpus; the Unicode tables are slow to search.
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    if ('\u{410}'..='\u{44f}').contains(&c) || c == 'ё' || c == 'Ё' {
        return true;
    }
    c.is_alphanumeric() || ('\u{300}'..='\u{36f}').contains(&c)
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}')
}

/// Splits `text` into tokens by the rule above.
///
/// ```
/// use creacity_text::tokenize;
/// let text = "Нет государственно-частного партнёрства, и всё.";
/// let words: Vec<&str> = tokenize(text).iter().map(|t| t.as_str(text)).collect();
/// assert_eq!(words, ["Нет", "государственно-частного", "партнёрства", "и", "всё"]);
/// ```
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 6);
    tokenize_into(text, &mut out);
    out
}

/// As [`tokenize`], appending to a reused vector (cleared first).
pub fn tokenize_into(text: &str, out: &mut Vec<Token>) {
    out.clear();
    let at = |i: usize| text[i..].chars().next();
    let n = text.len();
    let mut pos = 0;
    let mut page = 1u32;
    let mut gap = false;
    while let Some(c) = at(pos) {
        if !is_word(c) {
            if c == '\u{c}' {
                page += 1;
                gap = true;
            } else if !c.is_whitespace() {
                gap = true;
            }
            pos += c.len_utf8();
            continue;
        }
        let start = pos;
        let mut prev = c;
        let mut j = pos + c.len_utf8();
        while j < n {
            let c = at(j).expect("inside the text");
            if is_word(c) {
                prev = c;
                j += c.len_utf8();
                continue;
            }
            // Only hyphens, apostrophes and decimal marks can join; most words end at a space,
            // and the Unicode tables behind `is_alphanumeric` are slow to search.
            if !(is_hyphen(c) || is_apostrophe(c) || matches!(c, '.' | ',')) {
                break;
            }
            let next = at(j + c.len_utf8());
            let joins = match next {
                Some(nx) if is_word(nx) && prev.is_alphanumeric() => {
                    is_hyphen(c)
                        || (is_apostrophe(c) && prev.is_alphabetic() && nx.is_alphabetic())
                        || (matches!(c, '.' | ',') && prev.is_ascii_digit() && nx.is_ascii_digit())
                }
                _ => false,
            };
            match (joins, next) {
                (true, Some(nx)) => {
                    prev = nx;
                    j += c.len_utf8() + nx.len_utf8();
                }
                _ => break,
            }
        }
        out.push(Token {
            start,
            end: j,
            gap_before: gap,
            page,
        });
        gap = false;
        pos = j;
    }
}

/// How tokens are normalised before counting and matching.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Normalize {
    /// Lower-case (case-insensitive matching). Default true.
    pub lowercase: bool,
    /// Fold `ё` to `е` (Russian texts write both). Default true.
    pub fold_yo: bool,
}

impl Default for Normalize {
    fn default() -> Self {
        Self {
            lowercase: true,
            fold_yo: true,
        }
    }
}

impl Normalize {
    /// Writes the normal form of `word` into `out` (cleared first): lower-cased if asked, `ё`
    /// folded if asked, combining stress marks dropped, hyphens and apostrophes unified.
    pub fn apply_into(&self, word: &str, out: &mut String) {
        out.clear();
        self.append(word, out);
    }

    /// Appends the normal form of `word` to `out`.
    pub(crate) fn append(&self, word: &str, out: &mut String) {
        for c in word.chars() {
            // Fast path: characters already in normal form.
            if c.is_ascii_lowercase()
                || c.is_ascii_digit()
                || ('а'..='я').contains(&c)
                || (c == 'ё' && !self.fold_yo)
            {
                out.push(c);
                continue;
            }
            match c {
                '\u{301}' | '\u{300}' => {}
                '\u{2010}' | '\u{2011}' => out.push('-'),
                '\u{2019}' => out.push('\''),
                'ё' if self.fold_yo => out.push('е'),
                'Ё' if self.fold_yo => out.push(if self.lowercase { 'е' } else { 'Е' }),
                c if self.lowercase && c.is_ascii_uppercase() => out.push(c.to_ascii_lowercase()),
                c if self.lowercase && ('А'..='Я').contains(&c) => {
                    out.push(char::from_u32(c as u32 + 32).expect("Cyrillic lower case"))
                }
                c if self.lowercase && !c.is_ascii() && !c.is_lowercase() => {
                    out.extend(c.to_lowercase())
                }
                c => out.push(c),
            }
        }
    }

    /// The normal form of `word`.
    ///
    /// ```
    /// use creacity_text::Normalize;
    /// assert_eq!(Normalize::default().apply("Партнёрство"), "партнерство");
    /// ```
    pub fn apply(&self, word: &str) -> String {
        let mut s = String::with_capacity(word.len());
        self.apply_into(word, &mut s);
        s
    }
}

/// A document to analyse: an id and its text. Pages are separated by form feeds (U+000C).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TextDocument {
    /// Identifier reported with counts and evidence.
    pub id: String,
    /// The text.
    pub text: String,
    /// True when the text has page breaks, so evidence reports pages.
    pub paged: bool,
}

impl TextDocument {
    /// A document from its text; it is paged when the text holds a form feed.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let paged = text.contains('\u{c}');
        Self {
            id: id.into(),
            text,
            paged,
        }
    }

    /// A paged document from its pages (joined with form feeds).
    pub fn from_pages<S: AsRef<str>>(id: impl Into<String>, pages: &[S]) -> Self {
        let text: Vec<&str> = pages.iter().map(AsRef::as_ref).collect();
        Self {
            id: id.into(),
            text: text.join("\u{c}"),
            paged: true,
        }
    }
}

impl From<&creacity_model::Document> for TextDocument {
    fn from(d: &creacity_model::Document) -> Self {
        TextDocument::new(d.id.clone(), d.text.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.as_str(text)).collect()
    }

    #[test]
    fn joiners() {
        assert_eq!(
            words("city's co-working, 3.5 and 1,200 - x -y; 330-ФЗ"),
            [
                "city's",
                "co-working",
                "3.5",
                "and",
                "1,200",
                "x",
                "y",
                "330-ФЗ"
            ]
        );
        assert_eq!(words("'quoted' end-"), ["quoted", "end"]);
        assert_eq!(words(""), Vec::<&str>::new());
    }

    #[test]
    fn gaps_and_pages() {
        let t = tokenize("a b, c\u{c}d e");
        let g: Vec<(bool, u32)> = t.iter().map(|t| (t.gap_before, t.page)).collect();
        assert_eq!(
            g,
            [(false, 1), (false, 1), (true, 1), (true, 2), (false, 2)]
        );
    }

    #[test]
    fn normal_forms() {
        let n = Normalize::default();
        assert_eq!(n.apply("ЁЛКИ"), "елки");
        assert_eq!(n.apply("Upravle\u{301}nie"), "upravlenie");
        let keep = Normalize {
            lowercase: false,
            fold_yo: false,
        };
        assert_eq!(keep.apply("Ёлки"), "Ёлки");
    }
}
