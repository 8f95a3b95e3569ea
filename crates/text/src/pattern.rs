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
    prefix: FxMap<String, Vec<u32>>,
    max_prefix_chars: usize,
    other: Vec<(WordMatcher, u32)>,
}

impl MatcherIndex {
    pub(crate) fn insert(&mut self, m: WordMatcher, payload: u32) {
        match m {
            WordMatcher::Exact(s) => self.exact.entry(s).or_default().push(payload),
            WordMatcher::Prefix(p) => {
                self.max_prefix_chars = self.max_prefix_chars.max(p.chars().count());
                self.prefix.entry(p).or_default().push(payload);
            }
            other => self.other.push((other, payload)),
        }
    }

    /// Appends the payloads matched by `w` to `out` (unsorted, possibly repeated).
    pub(crate) fn find(&self, w: &str, out: &mut Vec<u32>) {
        if let Some(v) = self.exact.get(w) {
            out.extend_from_slice(v);
        }
        if !self.prefix.is_empty() {
            let mut bounds = w
                .char_indices()
                .map(|(i, _)| i)
                .chain(std::iter::once(w.len()));
            for (n, b) in bounds.by_ref().enumerate() {
                if n > self.max_prefix_chars {
                    break;
                }
                if let Some(v) = self.prefix.get(&w[..b]) {
                    out.extend_from_slice(v);
                }
            }
        }
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
