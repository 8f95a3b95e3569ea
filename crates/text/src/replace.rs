//! Replacement tables (lemma tables): word → replacement, applied to normalised tokens before
//! counting, as quanteda's `tokens_replace`.

use crate::fxhash::FxMap;

use crate::error::{Result, dict_err};
use crate::tokenize::{Normalize, tokenize_into};

/// A table of replacements, keyed by the normalised word.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReplaceTable {
    map: FxMap<String, String>,
    normalize: Normalize,
}

impl ReplaceTable {
    /// A table from pairs (words are normalised with `normalize`).
    pub fn from_pairs<A: AsRef<str>, B: AsRef<str>>(
        pairs: &[(A, B)],
        normalize: Normalize,
    ) -> Self {
        let map = pairs
            .iter()
            .map(|(a, b)| (normalize.apply(a.as_ref()), normalize.apply(b.as_ref())))
            .collect();
        Self { map, normalize }
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
        Ok(Self { map, normalize })
    }

    /// Entries.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// The normalised tokens of `text` with replacements applied.
    ///
    /// ```
    /// use creacity_text::{Normalize, ReplaceTable};
    /// let t = ReplaceTable::from_pairs(&[("кластеров", "кластер")], Normalize::default());
    /// assert_eq!(t.tokens("Пять Кластеров"), ["пять", "кластер"]);
    /// ```
    pub fn tokens(&self, text: &str) -> Vec<String> {
        let mut toks = Vec::new();
        tokenize_into(text, &mut toks);
        let mut buf = String::new();
        toks.iter()
            .map(|t| {
                self.normalize.apply_into(t.as_str(text), &mut buf);
                self.map.get(&buf).cloned().unwrap_or_else(|| buf.clone())
            })
            .collect()
    }
}
