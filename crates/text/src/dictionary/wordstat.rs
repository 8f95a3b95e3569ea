//! WordStat `.cat` dictionaries: tab indentation gives the hierarchy; a line ending in a weight
//! such as ` (1)` is an entry of the category above it, any other line is a category.
//!
//! (`→` stands for a tab.)
//! ```text
//! ECONOMY
//! →BANKING
//! →→BANK* (1)
//! →→CREDIT CARD (1)
//! ```
//! WordStat files are often windows-1252 (Western) or windows-1251 (Russian): decode them with
//! [`crate::decode_text`] first.

use super::{Category, Dictionary};
use crate::error::{Result, dict_err};

/// Reads a WordStat `.cat` dictionary.
///
/// # Errors
/// [`crate::TextError::Dictionary`] with the line: an entry outside a category, indentation that
/// skips a level, an empty entry.
///
/// ```
/// let d = creacity_text::read_wordstat("ECONOMY\n\tBANK* (1)\n\tMONEY\n\t\tCASH (1)\n").unwrap();
/// assert_eq!(d.categories[0].patterns, ["BANK*"]);
/// assert_eq!(d.categories[0].children[0].patterns, ["CASH"]);
/// ```
pub fn read_wordstat(text: &str) -> Result<Dictionary> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Path of indices from the top to the current category.
    let mut top: Vec<Category> = Vec::new();
    let mut path: Vec<usize> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let raw = raw.trim_end_matches(['\r', ' ']);
        if raw.trim().is_empty() {
            continue;
        }
        let depth = raw.chars().take_while(|c| *c == '\t').count();
        let body = raw.trim();
        let entry = body
            .rfind('(')
            .filter(|&p| {
                body.ends_with(')') && body[p + 1..body.len() - 1].trim().parse::<f64>().is_ok()
            })
            .map(|p| body[..p].trim());
        match entry {
            Some(word) => {
                if word.is_empty() {
                    return Err(dict_err(
                        "wordstat",
                        n,
                        "an entry with no word before its weight",
                    ));
                }
                if depth == 0 || depth > path.len() {
                    return Err(dict_err(
                        "wordstat",
                        n,
                        format!(
                            "entry {word:?} at indentation {depth} has no category at level {}",
                            depth.max(1)
                        ),
                    ));
                }
                path.truncate(depth);
                cat_at(&mut top, &path).patterns.push(word.to_string());
            }
            None => {
                if depth > path.len() {
                    return Err(dict_err(
                        "wordstat",
                        n,
                        format!(
                            "category {body:?} is indented {depth} levels but its parent is at level {}",
                            path.len()
                        ),
                    ));
                }
                path.truncate(depth);
                let siblings = if path.is_empty() {
                    &mut top
                } else {
                    &mut cat_at(&mut top, &path).children
                };
                let idx = match siblings.iter().position(|c| c.id == body) {
                    Some(i) => i,
                    None => {
                        siblings.push(Category::leaf(body, &[]));
                        siblings.len() - 1
                    }
                };
                path.push(idx);
            }
        }
    }
    if top.is_empty() {
        return Err(dict_err("wordstat", 0, "no category"));
    }
    Ok(Dictionary::new("", "", top))
}

fn cat_at<'a>(top: &'a mut [Category], path: &[usize]) -> &'a mut Category {
    let mut c = &mut top[path[0]];
    for &i in &path[1..] {
        c = &mut c.children[i];
    }
    c
}
