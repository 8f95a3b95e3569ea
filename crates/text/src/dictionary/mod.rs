//! Dictionaries: named, nested categories of patterns, and the readers and writers of the
//! formats people already have.

mod decode;
mod lexicoder;
mod liwc;
mod wordstat;
mod yaml;
mod yoshikoder;

pub use decode::decode_text;
pub use lexicoder::read_lexicoder;
pub use liwc::{read_liwc, write_liwc};
pub use wordstat::read_wordstat;
pub use yaml::{read_yaml, write_yaml};
pub use yoshikoder::read_yoshikoder;

use creacity_model::Bilingual;
use serde::{Deserialize, Serialize};

/// How the patterns of a dictionary are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PatternKind {
    /// `*` any run of characters, `?` exactly one (quanteda's default).
    #[default]
    Glob,
    /// A regular expression that must match the whole token.
    Regex,
    /// The literal token.
    Fixed,
}

/// One category: an id, its labels, its own patterns and its sub-categories.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Category {
    /// The key (unique among its siblings).
    pub id: String,
    /// Russian and English labels (may be empty in imported dictionaries).
    #[serde(default)]
    pub label: Bilingual,
    /// Patterns; a pattern with spaces is a multi-word pattern.
    #[serde(default)]
    pub patterns: Vec<String>,
    /// Sub-categories, one level down.
    #[serde(default)]
    pub children: Vec<Category>,
}

impl Category {
    /// A category with patterns and no children.
    pub fn leaf(id: impl Into<String>, patterns: &[&str]) -> Self {
        Self {
            id: id.into(),
            label: Bilingual::default(),
            patterns: patterns.iter().map(|p| p.to_string()).collect(),
            children: Vec::new(),
        }
    }

    /// A category with children only.
    pub fn branch(id: impl Into<String>, children: Vec<Category>) -> Self {
        Self {
            id: id.into(),
            label: Bilingual::default(),
            patterns: Vec::new(),
            children,
        }
    }

    fn count_patterns(&self) -> usize {
        self.patterns.len()
            + self
                .children
                .iter()
                .map(Category::count_patterns)
                .sum::<usize>()
    }
}

/// A dictionary: a name and version that travel with every result, and a tree of categories.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dictionary {
    /// Name.
    pub name: String,
    /// Version.
    pub version: String,
    /// What it is for.
    #[serde(default)]
    pub description: Bilingual,
    /// How its patterns are read by default.
    #[serde(default)]
    pub kind: PatternKind,
    /// Top-level categories, in order.
    pub categories: Vec<Category>,
}

impl Dictionary {
    /// A glob dictionary from top-level categories.
    pub fn new(
        name: impl Into<String>,
        version: impl Into<String>,
        categories: Vec<Category>,
    ) -> Self {
        Self {
            name: name.into(),
            version: version.into(),
            description: Bilingual::default(),
            kind: PatternKind::Glob,
            categories,
        }
    }

    /// `name version`, as results report it.
    pub fn identity(&self) -> String {
        format!("{} {}", self.name, self.version)
    }

    /// Number of patterns over all categories.
    pub fn pattern_count(&self) -> usize {
        self.categories.iter().map(Category::count_patterns).sum()
    }

    /// Depth of the deepest category (1 for a flat dictionary).
    pub fn depth(&self) -> usize {
        fn d(c: &Category) -> usize {
            1 + c.children.iter().map(d).max().unwrap_or(0)
        }
        self.categories.iter().map(d).max().unwrap_or(0)
    }

    /// Finds a top-level category by id.
    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }

    /// Every category with patterns, with its path from the top (`["geo", "Countries"]`).
    pub fn leaves(&self) -> Vec<(Vec<&str>, &Category)> {
        fn walk<'a>(
            c: &'a Category,
            path: &mut Vec<&'a str>,
            out: &mut Vec<(Vec<&'a str>, &'a Category)>,
        ) {
            path.push(&c.id);
            if !c.patterns.is_empty() {
                out.push((path.clone(), c));
            }
            for ch in &c.children {
                walk(ch, path, out);
            }
            path.pop();
        }
        let mut out = Vec::new();
        let mut path = Vec::new();
        for c in &self.categories {
            walk(c, &mut path, &mut out);
        }
        out
    }
}

/// The dictionary of management problems shipped with creacity (`data/dictionaries/problems.yaml`).
pub const PROBLEMS_YAML: &str = include_str!("../../../../data/dictionaries/problems.yaml");

/// The shipped problem dictionary, parsed.
///
/// ```
/// let d = creacity_text::problem_dictionary();
/// assert_eq!(d.name, "creacity-problems");
/// assert_eq!(d.categories[0].id, "institutional");
/// ```
pub fn problem_dictionary() -> Dictionary {
    read_yaml(PROBLEMS_YAML).expect("the shipped problem dictionary is valid (tested)")
}

/// 1-based line number of byte offset `pos` in `text`.
pub(crate) fn line_of(text: &str, pos: usize) -> usize {
    let b = text.as_bytes();
    b[..pos.min(b.len())]
        .iter()
        .filter(|&&c| c == b'\n')
        .count()
        + 1
}
