//! Lexicoder `.lc3` dictionaries: a `+key` line opens a category, the lines after it are its
//! patterns (`*` wildcards, spaces for multi-word patterns). UTF-8.

use super::{Category, Dictionary};
use crate::error::{Result, dict_err};

/// Reads a Lexicoder `.lc3` dictionary.
///
/// # Errors
/// [`crate::TextError::Dictionary`] with the line: a pattern before the first `+key`, an empty
/// key, a duplicate key.
///
/// ```
/// let d = creacity_text::read_lexicoder("+economy\nmarket*\ntax*\n+green\nclimate change\n").unwrap();
/// assert_eq!(d.categories[1].patterns, ["climate change"]);
/// ```
pub fn read_lexicoder(text: &str) -> Result<Dictionary> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut cats: Vec<Category> = Vec::new();
    for (i, l) in text.lines().enumerate() {
        let n = i + 1;
        let l = l.trim();
        if l.is_empty() {
            continue;
        }
        if let Some(key) = l.strip_prefix('+') {
            let key = key.trim();
            if key.is_empty() {
                return Err(dict_err("lexicoder", n, "`+` without a category name"));
            }
            if cats.iter().any(|c| c.id == key) {
                return Err(dict_err(
                    "lexicoder",
                    n,
                    format!("duplicate category {key:?}"),
                ));
            }
            cats.push(Category::leaf(key, &[]));
        } else {
            let Some(c) = cats.last_mut() else {
                return Err(dict_err(
                    "lexicoder",
                    n,
                    format!("pattern {l:?} before the first `+category` line"),
                ));
            };
            c.patterns
                .push(l.split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }
    if cats.is_empty() {
        return Err(dict_err("lexicoder", 0, "no `+category` line"));
    }
    Ok(Dictionary::new("", "", cats))
}
