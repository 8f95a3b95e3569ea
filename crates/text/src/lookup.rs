//! Dictionary lookup by the counting rules of quanteda's `tokens_lookup`:
//! - patterns are glob by default, case-insensitive by default;
//! - a pattern with a space is a multi-word pattern matched on consecutive tokens;
//! - one token may count for several keys;
//! - inside one key, overlapping matches count once (longer matches win, then the leftmost);
//! - across keys matches are independent;
//! - `levels` choose which levels of a nested dictionary make the key;
//! - removed stop-words leave padding, which matches nothing and is never skipped, so it neither
//!   joins nor breaks multi-word matches.
//!
//! Compile a [`Lookup`] once, then count documents with a [`LookupSession`], which remembers
//! what every distinct word matched (each word type is tried against the patterns once).

use std::collections::HashMap;

use crate::fxhash::{FxSet, WordTable};

use serde::{Deserialize, Serialize};

use crate::dictionary::{Dictionary, PatternKind};
use crate::error::{Result, TextError};
use crate::pattern::{MatcherIndex, WordMatcher};
use crate::stem::{Stemmer, Stemming};
use crate::tokenize::{Normalize, Token, tokenize_into};

/// Parameters of a lookup.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LookupParams {
    /// Pattern kind; `None` uses the dictionary's own.
    pub kind: Option<PatternKind>,
    /// Normalisation of tokens and patterns (case, `ё`).
    pub normalize: Normalize,
    /// Levels of the category tree that form the key, 1-based and inclusive.
    pub levels: (usize, usize),
    /// Stem tokens before matching (patterns are then written against stems).
    pub stemming: Stemming,
    /// Words removed before matching; they leave padding.
    pub remove: Vec<String>,
}

impl Default for LookupParams {
    fn default() -> Self {
        Self {
            kind: None,
            normalize: Normalize::default(),
            levels: (1, 100),
            stemming: Stemming::None,
            remove: Vec::new(),
        }
    }
}

impl LookupParams {
    /// Keys from level `from` to level `to` (1-based, inclusive).
    pub fn levels(mut self, from: usize, to: usize) -> Self {
        self.levels = (from, to);
        self
    }

    /// Case-sensitive matching when `false` (default: case-insensitive).
    pub fn case_insensitive(mut self, yes: bool) -> Self {
        self.normalize.lowercase = yes;
        self
    }

    /// Pattern kind, overriding the dictionary's.
    pub fn kind(mut self, kind: PatternKind) -> Self {
        self.kind = Some(kind);
        self
    }

    /// Stemming of tokens.
    pub fn stemming(mut self, s: Stemming) -> Self {
        self.stemming = s;
        self
    }

    /// Words to remove (leaving padding).
    pub fn remove<S: AsRef<str>>(mut self, words: &[S]) -> Self {
        self.remove = words.iter().map(|w| w.as_ref().to_string()).collect();
        self
    }
}

#[derive(Debug, Clone)]
struct MultiPattern {
    key: u32,
    len: usize,
}

#[derive(Debug, Clone, Copy)]
enum Entry {
    Single(u32),
    Word { multi: u32, pos: u32 },
}

/// A dictionary compiled for matching.
#[derive(Debug, Clone)]
pub struct Lookup {
    keys: Vec<String>,
    index: MatcherIndex,
    entries: Vec<Entry>,
    multis: Vec<MultiPattern>,
    params: LookupParams,
    remove: FxSet<String>,
    identity: String,
}

/// One accepted match: which key, where (token index) and how many tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyMatch {
    /// Index into [`Lookup::keys`].
    pub key: u32,
    /// First token.
    pub start: usize,
    /// Number of tokens.
    pub len: usize,
}

/// Counts of one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocCounts {
    /// Count per key, in [`Lookup::keys`] order.
    pub counts: Vec<u64>,
    /// Number of tokens (padding included).
    pub tokens: usize,
    /// The accepted matches, in text order.
    pub matches: Vec<KeyMatch>,
}

impl Lookup {
    /// Compiles `dict` with `params`.
    ///
    /// # Errors
    /// [`TextError::Param`] for bad levels, [`TextError::Pattern`] for a pattern that does not
    /// compile.
    pub fn new(dict: &Dictionary, params: &LookupParams) -> Result<Self> {
        let (from, to) = params.levels;
        if from == 0 || to < from {
            return Err(TextError::Param {
                name: "levels",
                value: format!("{from}:{to}"),
                expected: "1 <= from <= to",
            });
        }
        let kind = params.kind.unwrap_or(dict.kind);
        let ci = params.normalize.lowercase;
        let mut keys: Vec<String> = Vec::new();
        let mut key_ids: HashMap<String, u32> = HashMap::new();
        let mut index = MatcherIndex::default();
        let mut entries = Vec::new();
        let mut multis = Vec::new();
        for (path, cat) in dict.leaves() {
            if path.len() < from {
                continue;
            }
            let key = path[from - 1..path.len().min(to)].join(".");
            let next = keys.len() as u32;
            let key_id = *key_ids.entry(key.clone()).or_insert_with(|| {
                keys.push(key);
                next
            });
            for pat in &cat.patterns {
                let words: Vec<String> = pat
                    .split_whitespace()
                    .map(|w| {
                        if kind == PatternKind::Regex {
                            w.to_string()
                        } else {
                            params.normalize.apply(w)
                        }
                    })
                    .collect();
                let bad = |reason: String| TextError::Pattern {
                    category: path.join("."),
                    pattern: pat.clone(),
                    reason,
                };
                if words.is_empty() {
                    return Err(bad("empty pattern".into()));
                }
                let compiled: Vec<WordMatcher> = words
                    .iter()
                    .map(|w| WordMatcher::compile(w, kind, ci))
                    .collect::<std::result::Result<_, _>>()
                    .map_err(bad)?;
                if compiled.len() == 1 {
                    let m = compiled.into_iter().next().expect("one word");
                    index.insert(m, entries.len() as u32);
                    entries.push(Entry::Single(key_id));
                } else {
                    let multi = multis.len() as u32;
                    multis.push(MultiPattern {
                        key: key_id,
                        len: compiled.len(),
                    });
                    for (pos, m) in compiled.into_iter().enumerate() {
                        index.insert(m, entries.len() as u32);
                        entries.push(Entry::Word {
                            multi,
                            pos: pos as u32,
                        });
                    }
                }
            }
        }
        let remove = params
            .remove
            .iter()
            .map(|w| params.normalize.apply(w))
            .collect();
        Ok(Self {
            keys,
            index,
            entries,
            multis,
            params: params.clone(),
            remove,
            identity: dict.identity(),
        })
    }

    /// The keys, in the order of the counts.
    pub fn keys(&self) -> &[String] {
        &self.keys
    }

    /// The parameters it was compiled with.
    pub fn params(&self) -> &LookupParams {
        &self.params
    }

    /// `name version` of the dictionary.
    pub fn dictionary(&self) -> &str {
        &self.identity
    }

    /// A session that counts documents (one per thread).
    pub fn session(&self) -> LookupSession<'_> {
        LookupSession {
            lookup: self,
            types: WordTable::default(),
            info: Vec::new(),
            singles: Vec::new(),
            words: Vec::new(),
            stemmer: Stemmer::new(self.params.stemming),
            buf: String::new(),
            tokens: Vec::new(),
            ids: Vec::new(),
            scratch: Vec::new(),
        }
    }
}

/// What a word type matched: ranges into the session's `singles` (keys of one-word patterns)
/// and `words` ((multi-word pattern, position) pairs), both sorted. Kept flat and small so the
/// per-token loop reads one compact array.
#[derive(Debug, Default, Clone, Copy)]
struct TypeInfo {
    singles: u32,
    n_singles: u32,
    words: u32,
    n_words: u32,
}

impl TypeInfo {
    fn singles<'a>(&self, all: &'a [u32]) -> &'a [u32] {
        &all[self.singles as usize..(self.singles + self.n_singles) as usize]
    }

    fn words<'a>(&self, all: &'a [(u32, u32)]) -> &'a [(u32, u32)] {
        &all[self.words as usize..(self.words + self.n_words) as usize]
    }
}

const PAD: u32 = u32::MAX;

/// Counts documents against a compiled [`Lookup`], remembering each word type's matches.
#[derive(Debug)]
pub struct LookupSession<'a> {
    lookup: &'a Lookup,
    types: WordTable,
    info: Vec<TypeInfo>,
    singles: Vec<u32>,
    words: Vec<(u32, u32)>,
    stemmer: Stemmer,
    buf: String,
    tokens: Vec<Token>,
    ids: Vec<u32>,
    scratch: Vec<u32>,
}

impl LookupSession<'_> {
    fn type_id(&mut self, word: &str) -> u32 {
        let lk = self.lookup;
        lk.params.normalize.apply_into(word, &mut self.buf);
        if let Some(id) = self.types.get(&self.buf) {
            return id;
        }
        let id = if lk.remove.contains(self.buf.as_str()) {
            PAD
        } else {
            let key = if lk.params.stemming == Stemming::None {
                self.buf.clone()
            } else {
                self.stemmer.stem(&self.buf)
            };
            self.scratch.clear();
            lk.index.find(&key, &mut self.scratch);
            let mut singles = Vec::new();
            let mut words = Vec::new();
            for &e in &self.scratch {
                match lk.entries[e as usize] {
                    Entry::Single(k) => singles.push(k),
                    Entry::Word { multi, pos } => words.push((multi, pos)),
                }
            }
            singles.sort_unstable();
            singles.dedup();
            words.sort_unstable();
            words.dedup();
            self.info.push(TypeInfo {
                singles: self.singles.len() as u32,
                n_singles: singles.len() as u32,
                words: self.words.len() as u32,
                n_words: words.len() as u32,
            });
            self.singles.extend(singles);
            self.words.extend(words);
            (self.info.len() - 1) as u32
        };
        self.types.insert(&self.buf, id);
        id
    }

    /// Counts one text: tokens, then matches per key by the rules in the module docs.
    ///
    /// ```
    /// use creacity_text::{Category, Dictionary, Lookup, LookupParams};
    /// let d = Dictionary::new("d", "1", vec![Category::leaf("coord", &["координац*", "отсутствие координации"])]);
    /// let lk = Lookup::new(&d, &LookupParams::default()).unwrap();
    /// let c = lk.session().count("Отсутствие координации. Координация нужна.");
    /// assert_eq!(c.counts, [2]);
    /// ```
    pub fn count(&mut self, text: &str) -> DocCounts {
        let mut tokens = std::mem::take(&mut self.tokens);
        tokenize_into(text, &mut tokens);
        let mut ids = std::mem::take(&mut self.ids);
        ids.clear();
        for t in &tokens {
            let id = self.type_id(t.as_str(text));
            ids.push(id);
        }
        let out = self.count_ids(&tokens, &ids);
        self.tokens = tokens;
        self.ids = ids;
        out
    }

    /// Distinct word types seen so far by this session.
    pub fn types_seen(&self) -> usize {
        self.types.len()
    }

    /// The tokens of the last counted text (reused buffer).
    pub fn last_tokens(&self) -> &[Token] {
        &self.tokens
    }

    fn count_ids(&self, tokens: &[Token], ids: &[u32]) -> DocCounts {
        let lk = self.lookup;
        if lk.multis.is_empty() {
            // One-word patterns only: a type's keys are distinct, so no two matches of one key
            // can overlap and every match counts.
            let mut counts = vec![0u64; lk.keys.len()];
            let mut matches = Vec::new();
            for (i, &id) in ids.iter().enumerate() {
                if id == PAD {
                    continue;
                }
                for &k in self.info[id as usize].singles(&self.singles) {
                    counts[k as usize] += 1;
                    matches.push(KeyMatch {
                        key: k,
                        start: i,
                        len: 1,
                    });
                }
            }
            return DocCounts {
                counts,
                tokens: ids.len(),
                matches,
            };
        }
        // (key, len, start): sorted so that per key the longer, then leftmost, matches come first.
        let mut spans: Vec<(u32, usize, usize)> = Vec::new();
        for (i, &id) in ids.iter().enumerate() {
            if id == PAD {
                continue;
            }
            let info = self.info[id as usize];
            for &k in info.singles(&self.singles) {
                spans.push((k, 1, i));
            }
            for &(m, pos) in info.words(&self.words) {
                if pos != 0 {
                    continue;
                }
                let mp = &lk.multis[m as usize];
                let end = i + mp.len;
                if end > ids.len() {
                    continue;
                }
                let ok = (1..mp.len).all(|j| {
                    let id = ids[i + j];
                    !tokens[i + j].gap_before
                        && id != PAD
                        && self.info[id as usize]
                            .words(&self.words)
                            .binary_search(&(m, j as u32))
                            .is_ok()
                });
                if ok {
                    spans.push((mp.key, mp.len, i));
                }
            }
        }
        spans.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        spans.dedup();
        let mut counts = vec![0u64; lk.keys.len()];
        let mut matches = Vec::new();
        let mut used: FxSet<usize> = FxSet::default();
        let mut current = u32::MAX;
        for (k, len, start) in spans {
            if k != current {
                current = k;
                used.clear();
            }
            if (start..start + len).any(|p| used.contains(&p)) {
                continue;
            }
            used.extend(start..start + len);
            counts[k as usize] += 1;
            matches.push(KeyMatch { key: k, start, len });
        }
        matches.sort_unstable_by_key(|m| (m.start, m.key));
        DocCounts {
            counts,
            tokens: ids.len(),
            matches,
        }
    }
}
