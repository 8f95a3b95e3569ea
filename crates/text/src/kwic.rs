//! Keyword in context: the words around a match, with the document and page.

use creacity_model::Evidence;

use crate::tokenize::{TextDocument, Token};

/// Builds the evidence line for tokens `start..start + len` of `doc`, with `window` words on
/// each side. Words are shown as they stand in the text, joined by single spaces.
///
/// ```
/// use creacity_text::{kwic_line, tokenize, TextDocument};
/// let doc = TextDocument::new("d1", "one two three four five");
/// let toks = tokenize(&doc.text);
/// let e = kwic_line(&doc, &toks, 2, 1, 1);
/// assert_eq!((e.left.as_str(), e.keyword.as_str(), e.right.as_str()), ("two", "three", "four"));
/// ```
pub fn kwic_line(
    doc: &TextDocument,
    tokens: &[Token],
    start: usize,
    len: usize,
    window: usize,
) -> Evidence {
    let text = &doc.text;
    let end = (start + len).min(tokens.len());
    let join = |r: &[Token]| {
        r.iter()
            .map(|t| t.as_str(text))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let keyword = if start < end {
        text[tokens[start].start..tokens[end - 1].end].to_string()
    } else {
        String::new()
    };
    Evidence {
        document_id: doc.id.clone(),
        page: if doc.paged && start < tokens.len() {
            Some(tokens[start].page)
        } else {
            None
        },
        left: join(&tokens[start.saturating_sub(window)..start.min(tokens.len())]),
        keyword,
        right: join(&tokens[end..(end + window).min(tokens.len())]),
    }
}

/// Every match of `patterns` (glob, regex or fixed; multi-word allowed) in `docs`, as
/// keyword-in-context lines with `window` words each side, in corpus order.
///
/// # Errors
/// A pattern that does not compile.
///
/// ```
/// use creacity_text::{kwic, PatternKind, TextDocument};
/// let docs = [TextDocument::new("d1", "Слабая координация мешает. Координация нужна.")];
/// let lines = kwic(&docs, &["координац*"], PatternKind::Glob, 1).unwrap();
/// assert_eq!(lines.len(), 2);
/// assert_eq!((lines[0].left.as_str(), lines[0].keyword.as_str()), ("Слабая", "координация"));
/// ```
pub fn kwic<S: AsRef<str>>(
    docs: &[TextDocument],
    patterns: &[S],
    kind: crate::PatternKind,
    window: usize,
) -> crate::Result<Vec<Evidence>> {
    let pats: Vec<&str> = patterns.iter().map(AsRef::as_ref).collect();
    let d = crate::Dictionary::new("kwic", "", vec![crate::Category::leaf("kwic", &pats)]);
    let lk = crate::Lookup::new(&d, &crate::LookupParams::default().kind(kind))?;
    let mut s = lk.session();
    let mut out = Vec::new();
    for doc in docs {
        let c = s.count(&doc.text);
        let toks = s.last_tokens();
        for m in &c.matches {
            out.push(kwic_line(doc, toks, m.start, m.len, window));
        }
    }
    Ok(out)
}
