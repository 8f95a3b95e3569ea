//! Replacement tables (lemma tables): word → replacement, applied to normalised tokens before
//! counting, as quanteda's `tokens_replace`.
//!
//! The table is compiled into an open-addressing word table (words inline, one memory access per
//! lookup) behind a bit filter small enough to stay in the processor's cache (most tokens are not
//! in the table, and the filter says so without touching the table), and a document's replaced tokens are written end to end into one buffer
//! ([`ReplacedTokens`]), so applying the table allocates nothing per token. Interning every
//! word type first (and replacing each type once) was tried and measured slower: on text with
//! many distinct words the type table outgrows the cache, while the replacement table stays small.

use crate::fxhash::{FxMap, WordTable, hash_of};

use crate::error::{Result, dict_err};
use crate::tokenize::{Normalize, Token, tokenize_into};

/// A table of replacements, keyed by the normalised word.
#[derive(Debug, Clone)]
pub struct ReplaceTable {
    map: FxMap<String, String>,
    normalize: Normalize,
    /// `map` compiled: normalised word → index into `targets`.
    index: WordTable,
    targets: Vec<String>,
    /// One bit per hash bucket holding a word of the table: about 32 bits per entry, so ~3 % of
    /// the words not in the table reach it.
    filter: Vec<u64>,
    filter_mask: u64,
}

/// The filter bucket of hash `h` (bits the word table's slot index does not use).
#[inline]
fn bucket(h: u64, mask: u64) -> usize {
    (h.rotate_left(24) & mask) as usize
}

impl Default for ReplaceTable {
    fn default() -> Self {
        Self::compiled(FxMap::default(), Normalize::default())
    }
}

impl PartialEq for ReplaceTable {
    fn eq(&self, other: &Self) -> bool {
        self.map == other.map && self.normalize == other.normalize
    }
}

impl ReplaceTable {
    fn compiled(map: FxMap<String, String>, normalize: Normalize) -> Self {
        let mut index = WordTable::default();
        let mut targets = Vec::with_capacity(map.len());
        let bits = (map.len() * 32).next_power_of_two().clamp(1 << 10, 1 << 24);
        let filter_mask = bits as u64 - 1;
        let mut filter = vec![0u64; bits / 64];
        for (word, target) in &map {
            index.insert(word, targets.len() as u32);
            targets.push(target.clone());
            let b = bucket(hash_of(word), filter_mask);
            filter[b / 64] |= 1 << (b % 64);
        }
        Self {
            map,
            normalize,
            index,
            targets,
            filter,
            filter_mask,
        }
    }

    /// A table from pairs (words are normalised with `normalize`).
    pub fn from_pairs<A: AsRef<str>, B: AsRef<str>>(
        pairs: &[(A, B)],
        normalize: Normalize,
    ) -> Self {
        let map = pairs
            .iter()
            .map(|(a, b)| (normalize.apply(a.as_ref()), normalize.apply(b.as_ref())))
            .collect();
        Self::compiled(map, normalize)
    }

    /// Reads `word<TAB>replacement` lines (`#` comments and blank lines skipped).
    ///
    /// # Errors
    /// [`crate::TextError::Dictionary`] (format `replace`) with the line of a line without a tab.
    pub fn from_tsv(text: &str, normalize: Normalize) -> Result<Self> {
        let mut map = FxMap::default();
        for (i, l) in text.lines().enumerate() {
            let l = l.trim_end_matches('\r');
            if l.trim().is_empty() || l.starts_with('#') {
                continue;
            }
            let Some((a, b)) = l.split_once('\t') else {
                return Err(dict_err(
                    "replace",
                    i + 1,
                    format!("expected `word<TAB>replacement`, found {l:?}"),
                ));
            };
            map.insert(normalize.apply(a.trim()), normalize.apply(b.trim()));
        }
        Ok(Self::compiled(map, normalize))
    }

    /// Entries.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Writes the normalised tokens of `text`, replacements applied, into `out` (cleared
    /// first; reuse it across documents so its buffers are allocated once).
    ///
    /// ```
    /// use creacity_text::{Normalize, ReplaceTable, ReplacedTokens};
    /// let t = ReplaceTable::from_pairs(&[("кластеров", "кластер")], Normalize::default());
    /// let mut out = ReplacedTokens::default();
    /// t.apply_into("Пять Кластеров, пять кластеров", &mut out);
    /// assert_eq!(out.len(), 4);
    /// assert_eq!(out.get(1), "кластер");
    /// assert_eq!(out.iter().filter(|w| *w == "кластер").count(), 2);
    /// ```
    pub fn apply_into(&self, text: &str, out: &mut ReplacedTokens) {
        tokenize_into(text, &mut out.tokens);
        out.text.clear();
        out.ends.clear();
        out.ends.reserve(out.tokens.len());
        for t in &out.tokens {
            let start = out.text.len();
            self.normalize.append(t.as_str(text), &mut out.text);
            let word = &out.text[start..];
            let h = hash_of(word);
            let b = bucket(h, self.filter_mask);
            if self.filter[b / 64] >> (b % 64) & 1 == 1
                && let Some(i) = self.index.get_hashed(word, h)
            {
                out.text.truncate(start);
                out.text.push_str(&self.targets[i as usize]);
            }
            out.ends.push(out.text.len() as u32);
        }
    }

    /// The normalised tokens of `text` with replacements applied, one string each (for many
    /// documents [`ReplaceTable::apply_into`] is faster: it allocates nothing per token).
    ///
    /// ```
    /// use creacity_text::{Normalize, ReplaceTable};
    /// let t = ReplaceTable::from_pairs(&[("кластеров", "кластер")], Normalize::default());
    /// assert_eq!(t.tokens("Пять Кластеров"), ["пять", "кластер"]);
    /// ```
    pub fn tokens(&self, text: &str) -> Vec<String> {
        let mut out = ReplacedTokens::default();
        self.apply_into(text, &mut out);
        out.iter().map(str::to_string).collect()
    }
}

/// The tokens of one document after replacement, end to end in one buffer.
#[derive(Debug, Clone, Default)]
pub struct ReplacedTokens {
    text: String,
    /// Token `i` ends at `ends[i]` in `text`.
    ends: Vec<u32>,
    /// Scratch for the tokenizer.
    tokens: Vec<Token>,
}

impl ReplacedTokens {
    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// True when the document had no token.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Token `i`.
    ///
    /// # Panics
    /// When `i >= len()`.
    pub fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }

    /// The tokens in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    /// The page of token `i` (1-based; pages are separated by form feeds).
    ///
    /// # Panics
    /// When `i >= len()`.
    pub fn page(&self, i: usize) -> u32 {
        self.tokens[i].page
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compiled_table_agrees_with_the_map_per_token() {
        let t = ReplaceTable::from_tsv(
            "# lemma table\nкластеров\tкластер\nКластерах\tкластер\nёлки\tель\nruns\trun\nочень-длинное-составное-слово\tслово\n",
            Normalize::default(),
        )
        .unwrap();
        assert_eq!(t.len(), 5);
        let texts = [
            "Пять кластеров и ЁЛКИ; runs, Runs.",
            "В кластерах\u{c}кластеров нет — ёлки, очень-длинное-составное-слово",
            "",
        ];
        let mut out = ReplacedTokens::default();
        for text in texts {
            let mut buf = String::new();
            let expected: Vec<String> = crate::tokenize(text)
                .iter()
                .map(|tok| {
                    t.normalize.apply_into(tok.as_str(text), &mut buf);
                    t.map.get(&buf).cloned().unwrap_or_else(|| buf.clone())
                })
                .collect();
            t.apply_into(text, &mut out);
            assert_eq!(out.iter().collect::<Vec<_>>(), expected);
            assert_eq!(t.tokens(text), expected);
        }
        t.apply_into(texts[1], &mut out);
        assert_eq!(
            out.iter().collect::<Vec<_>>(),
            ["в", "кластер", "кластер", "нет", "ель", "слово"]
        );
        assert_eq!((out.page(1), out.page(2)), (1, 2));
        assert_eq!(t, t.clone());
        let empty = ReplaceTable::default();
        assert!(empty.is_empty());
        assert_eq!(empty.tokens("Пять Кластеров"), ["пять", "кластеров"]);
    }
}
