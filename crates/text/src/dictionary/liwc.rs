//! LIWC `.dic` dictionaries.
//!
//! (`→` stands for a tab.)
//! ```text
//! %
//! 1→posemo
//! →2→joy          (a tab before the id: a sub-category of the previous, LIWC2015)
//! %
//! happ*→1 2
//! kind of→1        (a word with a space is a multi-word pattern)
//! ```
//! A word may sit in several categories. Category ids are numbers (or any token without spaces);
//! the category's name becomes its id in the [`Dictionary`].

use std::collections::HashMap;

use super::{Category, Dictionary};
use crate::error::{Result, dict_err};

const F: &str = "liwc";

/// Reads a LIWC `.dic` dictionary (UTF-8 text; decode windows-1251/1252 first with
/// [`crate::decode_text`]).
///
/// # Errors
/// [`crate::TextError::Dictionary`] with the line: missing `%` legend, a legend line without an
/// id and a name, a word line without categories, an unknown category id, a duplicate id.
///
/// ```
/// let d = creacity_text::read_liwc("%\n1\tposemo\n2\tnegemo\n%\nhapp*\t1\nsad\t2\n").unwrap();
/// assert_eq!(d.categories[1].id, "negemo");
/// assert_eq!(d.categories[0].patterns, ["happ*"]);
/// ```
pub fn read_liwc(text: &str) -> Result<Dictionary> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')));
    // Skip blank lines before the legend.
    let first = lines.by_ref().find(|(_, l)| !l.trim().is_empty());
    match first {
        Some((_, l)) if l.trim() == "%" => {}
        Some((n, l)) => {
            return Err(dict_err(
                F,
                n,
                format!("expected `%` to open the category legend, found {l:?}"),
            ));
        }
        None => return Err(dict_err(F, 0, "empty file")),
    }
    // Flat arena of categories: (name, depth, parent).
    let mut arena: Vec<(String, usize, Option<usize>)> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    let mut stack: Vec<usize> = Vec::new();
    let mut closed = false;
    for (n, l) in lines.by_ref() {
        if l.trim() == "%" {
            closed = true;
            break;
        }
        if l.trim().is_empty() {
            continue;
        }
        let depth = l.chars().take_while(|c| *c == '\t').count();
        let mut parts = l.split_whitespace();
        let (Some(id), Some(name)) = (parts.next(), parts.next()) else {
            return Err(dict_err(
                F,
                n,
                format!("expected `id<TAB>name` in the legend, found {l:?}"),
            ));
        };
        let name = std::iter::once(name)
            .chain(parts)
            .collect::<Vec<_>>()
            .join(" ");
        if depth > stack.len() {
            return Err(dict_err(
                F,
                n,
                format!("category {name:?} is indented {depth} levels below no parent"),
            ));
        }
        stack.truncate(depth);
        let parent = stack.last().copied();
        if by_id.insert(id.to_string(), arena.len()).is_some() {
            return Err(dict_err(F, n, format!("duplicate category id {id:?}")));
        }
        stack.push(arena.len());
        arena.push((name, depth, parent));
    }
    if !closed {
        return Err(dict_err(
            F,
            0,
            "the category legend is not closed by a second `%` line",
        ));
    }
    let mut patterns: Vec<Vec<String>> = vec![Vec::new(); arena.len()];
    for (n, l) in lines {
        if l.trim().is_empty() {
            continue;
        }
        let (word, ids): (String, Vec<&str>) = if l.contains('\t') {
            let mut f = l.split('\t').filter(|s| !s.trim().is_empty());
            let w = f.next().unwrap_or("").trim().to_string();
            (w, f.flat_map(str::split_whitespace).collect())
        } else {
            let toks: Vec<&str> = l.split_whitespace().collect();
            let k = toks
                .iter()
                .rev()
                .take_while(|t| by_id.contains_key(**t))
                .count();
            let k = k.min(toks.len().saturating_sub(1));
            (
                toks[..toks.len() - k].join(" "),
                toks[toks.len() - k..].to_vec(),
            )
        };
        if ids.is_empty() {
            return Err(dict_err(F, n, format!("word {word:?} has no category ids")));
        }
        for id in ids {
            let Some(&c) = by_id.get(id) else {
                return Err(dict_err(
                    F,
                    n,
                    format!("word {word:?}: unknown category id {id:?}"),
                ));
            };
            if !patterns[c].contains(&word) {
                patterns[c].push(word.clone());
            }
        }
    }
    Ok(Dictionary::new(
        "",
        "",
        build_tree(&arena, &mut patterns, None),
    ))
}

fn build_tree(
    arena: &[(String, usize, Option<usize>)],
    pats: &mut [Vec<String>],
    parent: Option<usize>,
) -> Vec<Category> {
    (0..arena.len())
        .filter(|&i| arena[i].2 == parent)
        .map(|i| Category {
            id: arena[i].0.clone(),
            label: Default::default(),
            patterns: std::mem::take(&mut pats[i]),
            children: build_tree(arena, pats, Some(i)),
        })
        .collect()
}

/// Writes a dictionary as LIWC `.dic`: categories numbered 1, 2, … depth-first, sub-categories
/// tab-indented; one line per distinct pattern with all its categories.
///
/// ```
/// use creacity_text::{Category, Dictionary, write_liwc};
/// let d = Dictionary::new("d", "1", vec![Category::leaf("a", &["x*", "y"]), Category::leaf("b", &["y"])]);
/// assert_eq!(write_liwc(&d), "%\n1\ta\n2\tb\n%\nx*\t1\ny\t1\t2\n");
/// ```
pub fn write_liwc(dict: &Dictionary) -> String {
    fn walk(
        c: &Category,
        depth: usize,
        legend: &mut String,
        words: &mut Vec<(String, Vec<usize>)>,
        next: &mut usize,
    ) {
        *next += 1;
        let id = *next;
        legend.push_str(&"\t".repeat(depth));
        legend.push_str(&format!(
            "{id}\t{}\n",
            c.id.replace(char::is_whitespace, "_")
        ));
        for p in &c.patterns {
            match words.iter_mut().find(|(w, _)| w == p) {
                Some((_, ids)) => {
                    if !ids.contains(&id) {
                        ids.push(id)
                    }
                }
                None => words.push((p.clone(), vec![id])),
            }
        }
        for ch in &c.children {
            walk(ch, depth + 1, legend, words, next);
        }
    }
    let mut legend = String::from("%\n");
    let mut words = Vec::new();
    let mut next = 0;
    for c in &dict.categories {
        walk(c, 0, &mut legend, &mut words, &mut next);
    }
    legend.push_str("%\n");
    for (w, ids) in words {
        let ids: Vec<String> = ids.iter().map(usize::to_string).collect();
        legend.push_str(&format!("{w}\t{}\n", ids.join("\t")));
    }
    legend
}
