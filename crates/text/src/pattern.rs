//! Single-word matchers (glob, regex, fixed) and an index that finds every matcher a word
//! satisfies without trying them all: exact words and `prefix*` globs are hashed, only the rest
//! are tried one by one.

use crate::fxhash::FxMap;

use crate::dictionary::PatternKind;

/// A compiled pattern for one word.
#[derive(Debug, Clone)]
pub(crate) enum WordMatcher {
    Exact(String),
    Prefix(String),
    Glob(Vec<char>),
    Regex(regex::Regex),
}

impl WordMatcher {
    /// Compiles one (already normalised) word of a pattern.
    pub(crate) fn compile(
        word: &str,
        kind: PatternKind,
        case_insensitive: bool,
    ) -> Result<Self, String> {
        match kind {
            PatternKind::Fixed => Ok(WordMatcher::Exact(word.to_string())),
            PatternKind::Regex => {
                let src = format!("^(?:{word})$");
                regex::RegexBuilder::new(&src)
                    .case_insensitive(case_insensitive)
                    .size_limit(1 << 20)
                    .build()
                    .map(WordMatcher::Regex)
                    .map_err(|e| e.to_string())
            }
            PatternKind::Glob => {
                let wild = |c: char| c == '*' || c == '?';
                if !word.contains(wild) {
                    Ok(WordMatcher::Exact(word.to_string()))
                } else if word.ends_with('*') && !word[..word.len() - 1].contains(wild) {
                    Ok(WordMatcher::Prefix(word[..word.len() - 1].to_string()))
                } else {
                    Ok(WordMatcher::Glob(word.chars().collect()))
                }
            }
        }
    }

    pub(crate) fn is_match(&self, w: &str) -> bool {
        match self {
            WordMatcher::Exact(s) => s == w,
            WordMatcher::Prefix(p) => w.starts_with(p.as_str()),
            WordMatcher::Glob(g) => glob_match(g, w),
            WordMatcher::Regex(r) => r.is_match(w),
        }
    }
}

/// Wildcard match of the whole of `w` against `pat` (`*` any run, `?` one character).
pub(crate) fn glob_match(pat: &[char], w: &str) -> bool {
    let w: Vec<char> = w.chars().collect();
    let (mut p, mut i) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while i < w.len() {
        if p < pat.len() && (pat[p] == '?' || (pat[p] != '*' && pat[p] == w[i])) {
            p += 1;
            i += 1;
        } else if p < pat.len() && pat[p] == '*' {
            star = Some((p, i));
            p += 1;
        } else if let Some((sp, si)) = star {
            p = sp + 1;
            i = si + 1;
            star = Some((sp, si + 1));
        } else {
            return false;
        }
    }
    pat[p..].iter().all(|&c| c == '*')
}

/// Finds, for a word, the payloads of every matcher it satisfies.
#[derive(Debug, Default, Clone)]
pub(crate) struct MatcherIndex {
    exact: FxMap<String, Vec<u32>>,
    prefix: PrefixTrie,
    other: Vec<(WordMatcher, u32)>,
}

/// A character trie of `prefix*` globs: walking a word down the trie meets every prefix of it
/// that is a pattern, and stops at the first character no pattern continues with.
#[derive(Debug, Clone)]
struct PrefixTrie {
    nodes: Vec<TrieNode>,
}

/// Children sorted by character, and the payloads of the patterns that end at the node.
type TrieNode = (Vec<(char, u32)>, Vec<u32>);

impl Default for PrefixTrie {
    fn default() -> Self {
        Self {
            nodes: vec![(Vec::new(), Vec::new())],
        }
    }
}

impl PrefixTrie {
    fn insert(&mut self, prefix: &str, payload: u32) {
        let mut n = 0usize;
        for c in prefix.chars() {
            let kids = &self.nodes[n].0;
            n = match kids.binary_search_by_key(&c, |k| k.0) {
                Ok(i) => kids[i].1 as usize,
                Err(i) => {
                    let id = self.nodes.len() as u32;
                    self.nodes[n].0.insert(i, (c, id));
                    self.nodes.push((Vec::new(), Vec::new()));
                    id as usize
                }
            };
        }
        self.nodes[n].1.push(payload);
    }

    fn find(&self, w: &str, out: &mut Vec<u32>) {
        let mut n = 0usize;
        out.extend_from_slice(&self.nodes[0].1);
        for c in w.chars() {
            let kids = &self.nodes[n].0;
            match kids.binary_search_by_key(&c, |k| k.0) {
                Ok(i) => {
                    n = kids[i].1 as usize;
                    out.extend_from_slice(&self.nodes[n].1);
                }
                Err(_) => return,
            }
        }
    }
}

impl MatcherIndex {
    pub(crate) fn insert(&mut self, m: WordMatcher, payload: u32) {
        match m {
            WordMatcher::Exact(s) => self.exact.entry(s).or_default().push(payload),
            WordMatcher::Prefix(p) => self.prefix.insert(&p, payload),
            other => self.other.push((other, payload)),
        }
    }

    /// Appends the payloads matched by `w` to `out` (unsorted, possibly repeated).
    pub(crate) fn find(&self, w: &str, out: &mut Vec<u32>) {
        if let Some(v) = self.exact.get(w) {
            out.extend_from_slice(v);
        }
        self.prefix.find(w, out);
        for (m, p) in &self.other {
            if m.is_match(w) {
                out.push(*p);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(p: &str, w: &str) -> bool {
        glob_match(&p.chars().collect::<Vec<_>>(), w)
    }

    #[test]
    fn globs() {
        assert!(g("коорд*", "координация"));
        assert!(g("*-частн*", "государственно-частного"));
        assert!(g("te?t", "text"));
        assert!(!g("te?t", "tet"));
        assert!(g("*", ""));
        assert!(g("a*b*c", "axxbyyc"));
        assert!(!g("a*b*c", "axxbyy"));
        assert!(!g("abc", "abcd"));
    }

    #[test]
    fn index_finds_all_kinds() {
        let mut ix = MatcherIndex::default();
        for (i, p) in ["law", "law*", "*law", "l?w", ""].iter().enumerate() {
            let k = if p.is_empty() {
                PatternKind::Regex
            } else {
                PatternKind::Glob
            };
            let pat = if p.is_empty() { "la.*" } else { p };
            ix.insert(WordMatcher::compile(pat, k, true).unwrap(), i as u32);
        }
        let mut out = Vec::new();
        ix.find("law", &mut out);
        out.sort();
        assert_eq!(out, [0, 1, 2, 3, 4]);
        out.clear();
        ix.find("laws", &mut out);
        out.sort();
        assert_eq!(out, [1, 4]);
    }
}
