//! YAML dictionaries, in two shapes.
//!
//! **creacity shape** (the shipped dictionaries): a mapping with `name`, `version`, optional
//! `description: {ru, en}`, optional `match: glob|regex|fixed` and `categories`, a list of
//! `{id, label: {ru, en}, patterns: [...], children: [...]}`.
//!
//! **quanteda shape** (what `quanteda::dictionary(file = "x.yml")` reads): nested named lists,
//! a key whose value is a list of strings is a leaf:
//! ```yaml
//! geo:
//!   Countries: [united states, Manchester United]
//! ```

use serde::Deserialize;
use serde_yaml_ng::Value;

use super::{Category, Dictionary, PatternKind};
use crate::error::{Result, dict_err};
use creacity_model::Bilingual;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDict {
    name: String,
    version: Value,
    #[serde(default)]
    description: Bilingual,
    #[serde(default, rename = "match")]
    kind: PatternKind,
    categories: Vec<RawCat>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCat {
    id: String,
    #[serde(default)]
    label: Bilingual,
    #[serde(default)]
    patterns: Vec<String>,
    #[serde(default)]
    children: Vec<RawCat>,
}

impl From<RawCat> for Category {
    fn from(r: RawCat) -> Self {
        Category {
            id: r.id,
            label: r.label,
            patterns: r.patterns,
            children: r.children.into_iter().map(Category::from).collect(),
        }
    }
}

fn yaml_line(e: &serde_yaml_ng::Error) -> usize {
    e.location().map_or(0, |l| l.line())
}

/// Reads a YAML dictionary in either shape (see the module docs).
///
/// # Errors
/// [`crate::TextError::Dictionary`] with the line and the reason: YAML syntax, a missing or
/// unknown field, a value of the wrong shape, an empty or duplicate key.
///
/// ```
/// let d = creacity_text::read_yaml("geo:\n  Countries: [united states, france]\n").unwrap();
/// assert_eq!(d.categories[0].children[0].patterns, ["united states", "france"]);
/// ```
pub fn read_yaml(text: &str) -> Result<Dictionary> {
    let value: Value = serde_yaml_ng::from_str(text)
        .map_err(|e| dict_err("yaml", yaml_line(&e), e.to_string()))?;
    let rich =
        matches!(&value, Value::Mapping(m) if m.get("categories").is_some_and(Value::is_sequence));
    let dict = if rich {
        let raw: RawDict = serde_yaml_ng::from_str(text)
            .map_err(|e| dict_err("yaml", yaml_line(&e), e.to_string()))?;
        let version = match raw.version {
            Value::String(s) => s,
            Value::Number(n) => n.to_string(),
            other => {
                return Err(dict_err(
                    "yaml",
                    find_line(text, "version"),
                    format!("`version` must be a string or number, found {other:?}"),
                ));
            }
        };
        Dictionary {
            name: raw.name,
            version,
            description: raw.description,
            kind: raw.kind,
            categories: raw.categories.into_iter().map(Category::from).collect(),
        }
    } else {
        let Value::Mapping(map) = value else {
            return Err(dict_err("yaml", 1, "expected a mapping of category names"));
        };
        let categories = quanteda_children(text, &map)?;
        Dictionary::new("", "", categories)
    };
    check_tree(text, &dict.categories)?;
    Ok(dict)
}

fn key_string(text: &str, k: &Value) -> Result<String> {
    match k {
        Value::String(s) => Ok(s.clone()),
        Value::Number(n) => Ok(n.to_string()),
        Value::Bool(b) => Ok(b.to_string()),
        other => Err(dict_err(
            "yaml",
            find_line(text, ""),
            format!("a category name must be text, found {other:?}"),
        )),
    }
}

fn quanteda_children(text: &str, map: &serde_yaml_ng::Mapping) -> Result<Vec<Category>> {
    let mut out = Vec::new();
    for (k, v) in map {
        let id = key_string(text, k)?;
        let mut cat = Category::leaf(id.clone(), &[]);
        match v {
            Value::Sequence(items) => {
                for it in items {
                    match it {
                        Value::String(s) => cat.patterns.push(s.clone()),
                        Value::Number(n) => cat.patterns.push(n.to_string()),
                        Value::Mapping(m) => cat.children.extend(quanteda_children(text, m)?),
                        other => {
                            return Err(dict_err(
                                "yaml",
                                find_line(text, &id),
                                format!(
                                    "category `{id}`: expected patterns (text), found {other:?}"
                                ),
                            ));
                        }
                    }
                }
            }
            Value::String(s) => cat.patterns.push(s.clone()),
            Value::Mapping(m) => cat.children = quanteda_children(text, m)?,
            Value::Null => {}
            other => {
                return Err(dict_err(
                    "yaml",
                    find_line(text, &id),
                    format!(
                        "category `{id}`: expected a list of patterns or sub-categories, found {other:?}"
                    ),
                ));
            }
        }
        out.push(cat);
    }
    Ok(out)
}

/// Checks ids (non-empty, unique among siblings, no `.` which joins levels) and patterns (non-empty).
pub(crate) fn check_tree(text: &str, cats: &[Category]) -> Result<()> {
    let mut seen = std::collections::HashSet::new();
    for c in cats {
        if c.id.trim().is_empty() {
            return Err(dict_err(
                "yaml",
                find_line(text, "id"),
                "a category has an empty id",
            ));
        }
        if !seen.insert(c.id.as_str()) {
            return Err(dict_err(
                "yaml",
                find_line(text, &c.id),
                format!("duplicate category `{}`", c.id),
            ));
        }
        if let Some(p) = c.patterns.iter().find(|p| p.trim().is_empty()) {
            return Err(dict_err(
                "yaml",
                find_line(text, &c.id),
                format!("category `{}` has an empty pattern {p:?}", c.id),
            ));
        }
        check_tree(text, &c.children)?;
    }
    Ok(())
}

/// Best-effort line of the first line mentioning `needle` (the YAML tree keeps no positions).
fn find_line(text: &str, needle: &str) -> usize {
    if needle.is_empty() {
        return 1;
    }
    text.lines()
        .position(|l| l.contains(needle))
        .map_or(0, |i| i + 1)
}

/// Writes a dictionary in the creacity YAML shape (read back by [`read_yaml`] unchanged).
pub fn write_yaml(dict: &Dictionary) -> String {
    fn q(s: &str) -> String {
        let mut o = String::with_capacity(s.len() + 2);
        o.push('"');
        for c in s.chars() {
            match c {
                '"' => o.push_str("\\\""),
                '\\' => o.push_str("\\\\"),
                '\n' => o.push_str("\\n"),
                '\t' => o.push_str("\\t"),
                c if (c as u32) < 0x20 => o.push_str(&format!("\\x{:02x}", c as u32)),
                c => o.push(c),
            }
        }
        o.push('"');
        o
    }
    fn cat(c: &Category, ind: usize, out: &mut String) {
        let pad = " ".repeat(ind);
        out.push_str(&format!("{pad}- id: {}\n", q(&c.id)));
        out.push_str(&format!(
            "{pad}  label: {{ ru: {}, en: {} }}\n",
            q(&c.label.ru),
            q(&c.label.en)
        ));
        if !c.patterns.is_empty() {
            out.push_str(&format!("{pad}  patterns:\n"));
            for p in &c.patterns {
                out.push_str(&format!("{pad}    - {}\n", q(p)));
            }
        }
        if !c.children.is_empty() {
            out.push_str(&format!("{pad}  children:\n"));
            for ch in &c.children {
                cat(ch, ind + 4, out);
            }
        }
    }
    let kind = match dict.kind {
        PatternKind::Glob => "glob",
        PatternKind::Regex => "regex",
        PatternKind::Fixed => "fixed",
    };
    let mut out = format!(
        "name: {}\nversion: {}\ndescription:\n  ru: {}\n  en: {}\nmatch: {kind}\ncategories:\n",
        q(&dict.name),
        q(&dict.version),
        q(&dict.description.ru),
        q(&dict.description.en)
    );
    if dict.categories.is_empty() {
        out = out.replace("categories:\n", "categories: []\n");
    }
    for c in &dict.categories {
        cat(c, 2, &mut out);
    }
    out
}
