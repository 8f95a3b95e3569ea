//! Document-feature matrix, feature frequencies, and dictionary counts per document and group.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::lookup::Lookup;
use crate::stem::{Stemmer, Stemming};
use crate::tokenize::{Normalize, TextDocument, tokenize_into};

/// How documents become features.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct DfmParams {
    /// Case and `ё` normalisation.
    pub normalize: Normalize,
    /// Stemming of features.
    pub stemming: Stemming,
    /// Words dropped (stop-words), compared after normalisation and before stemming.
    pub remove: Vec<String>,
}

/// A sparse document-feature matrix. Features are numbered in order of first appearance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dfm {
    /// Document ids, one per row.
    pub documents: Vec<String>,
    /// Feature names, one per column.
    pub features: Vec<String>,
    /// Per document: (feature, count), sorted by feature.
    pub rows: Vec<Vec<(u32, u64)>>,
}

/// One line of a frequency table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeatureFrequency {
    /// The feature.
    pub feature: String,
    /// Occurrences over all documents.
    pub frequency: u64,
    /// Documents where it occurs.
    pub docfreq: u32,
    /// Rank by frequency, ties sharing the lowest rank (as R's `rank(ties = "min")`).
    pub rank: u32,
}

/// Normalised (and stemmed) tokens of a text, stop-words removed.
pub fn features_of(text: &str, params: &DfmParams) -> Vec<String> {
    let stemmer = Stemmer::new(params.stemming);
    let remove: std::collections::HashSet<String> = params
        .remove
        .iter()
        .map(|w| params.normalize.apply(w))
        .collect();
    let mut toks = Vec::new();
    tokenize_into(text, &mut toks);
    let mut buf = String::new();
    toks.iter()
        .filter_map(|t| {
            params.normalize.apply_into(t.as_str(text), &mut buf);
            if remove.contains(&buf) {
                None
            } else {
                Some(stemmer.stem(&buf))
            }
        })
        .collect()
}

impl Dfm {
    /// Builds the matrix of `docs`.
    ///
    /// ```
    /// use creacity_text::{Dfm, DfmParams, TextDocument};
    /// let docs = [TextDocument::new("d1", "a a b"), TextDocument::new("d2", "b c")];
    /// let m = Dfm::build(&docs, &DfmParams::default());
    /// assert_eq!(m.features, ["a", "b", "c"]);
    /// assert_eq!(m.count(0, "a"), 2);
    /// ```
    pub fn build(docs: &[TextDocument], params: &DfmParams) -> Self {
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut features = Vec::new();
        let mut rows = Vec::with_capacity(docs.len());
        for d in docs {
            let mut row: HashMap<u32, u64> = HashMap::new();
            for f in features_of(&d.text, params) {
                let next = features.len() as u32;
                let id = *ids.entry(f.clone()).or_insert_with(|| {
                    features.push(f);
                    next
                });
                *row.entry(id).or_default() += 1;
            }
            let mut row: Vec<(u32, u64)> = row.into_iter().collect();
            row.sort_unstable();
            rows.push(row);
        }
        Self {
            documents: docs.iter().map(|d| d.id.clone()).collect(),
            features,
            rows,
        }
    }

    /// The count of `feature` in document `doc` (row index).
    pub fn count(&self, doc: usize, feature: &str) -> u64 {
        let Some(f) = self.features.iter().position(|x| x == feature) else {
            return 0;
        };
        self.rows[doc]
            .binary_search_by_key(&(f as u32), |x| x.0)
            .map_or(0, |i| self.rows[doc][i].1)
    }

    /// Column totals over the rows where `select` is true.
    pub fn column_sums(&self, select: &[bool]) -> Vec<u64> {
        let mut s = vec![0u64; self.features.len()];
        for (row, _) in self.rows.iter().zip(select).filter(|(_, s)| **s) {
            for &(f, c) in row {
                s[f as usize] += c;
            }
        }
        s
    }

    /// Frequency table: by frequency (highest first), ties in order of first appearance.
    ///
    /// Reference (`/work/shared/reference/text/README.md`): documents "a a b b c d", "a d d d",
    /// "a a a" give a = 6 (3 documents), d = 4 (2), b = 2 (1), c = 1 (1).
    pub fn frequency(&self) -> Vec<FeatureFrequency> {
        let mut freq = vec![0u64; self.features.len()];
        let mut docf = vec![0u32; self.features.len()];
        for row in &self.rows {
            for &(f, c) in row {
                freq[f as usize] += c;
                docf[f as usize] += 1;
            }
        }
        let mut order: Vec<usize> = (0..self.features.len()).collect();
        order.sort_by(|&a, &b| freq[b].cmp(&freq[a]).then(a.cmp(&b)));
        let mut out: Vec<FeatureFrequency> = Vec::with_capacity(order.len());
        for (i, &f) in order.iter().enumerate() {
            let rank = match out.last() {
                Some(prev) if prev.frequency == freq[f] => prev.rank,
                _ => i as u32 + 1,
            };
            out.push(FeatureFrequency {
                feature: self.features[f].clone(),
                frequency: freq[f],
                docfreq: docf[f],
                rank,
            });
        }
        out
    }
}

/// Dictionary counts of a corpus: one row per document, one column per key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CountTable {
    /// Dictionary name and version.
    pub dictionary: String,
    /// Keys (columns).
    pub keys: Vec<String>,
    /// Document ids (rows).
    pub documents: Vec<String>,
    /// Counts, `counts[doc][key]`.
    pub counts: Vec<Vec<u64>>,
    /// Tokens per document.
    pub tokens: Vec<usize>,
}

/// Dictionary counts summed over groups of documents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupTable {
    /// Keys (columns).
    pub keys: Vec<String>,
    /// Group labels, in order of first appearance.
    pub groups: Vec<String>,
    /// Documents per group.
    pub documents: Vec<u32>,
    /// Tokens per group.
    pub tokens: Vec<usize>,
    /// Mentions, `counts[group][key]`.
    pub counts: Vec<Vec<u64>>,
    /// Share of the group's documents mentioning the key, `shares[group][key]`.
    pub shares: Vec<Vec<f64>>,
}

/// Counts every document with a compiled dictionary.
pub fn count_documents(docs: &[TextDocument], lookup: &Lookup) -> CountTable {
    let mut s = lookup.session();
    let mut counts = Vec::with_capacity(docs.len());
    let mut tokens = Vec::with_capacity(docs.len());
    for d in docs {
        let c = s.count(&d.text);
        counts.push(c.counts);
        tokens.push(c.tokens);
    }
    CountTable {
        dictionary: lookup.dictionary().to_string(),
        keys: lookup.keys().to_vec(),
        documents: docs.iter().map(|d| d.id.clone()).collect(),
        counts,
        tokens,
    }
}

impl CountTable {
    /// The keys counted at least once in each document (rows in document order, keys in
    /// column order): what co-occurrence and coding agreement take as "mentioned".
    ///
    /// ```
    /// use creacity_text::CountTable;
    /// let t = CountTable {
    ///     dictionary: "d@1".into(),
    ///     keys: vec!["a".into(), "b".into()],
    ///     documents: vec!["x".into(), "y".into()],
    ///     counts: vec![vec![2, 0], vec![1, 3]],
    ///     tokens: vec![10, 10],
    /// };
    /// assert_eq!(t.present(), vec![vec!["a".to_string()], vec!["a".into(), "b".into()]]);
    /// ```
    pub fn present(&self) -> Vec<Vec<String>> {
        self.counts
            .iter()
            .map(|row| {
                self.keys
                    .iter()
                    .zip(row)
                    .filter(|(_, c)| **c > 0)
                    .map(|(k, _)| k.clone())
                    .collect()
            })
            .collect()
    }

    /// Sums rows by group (one label per document, e.g. the year or the kind).
    ///
    /// # Errors
    /// [`crate::TextError::Mismatch`] when `groups` and the documents differ in length.
    pub fn by_group<S: AsRef<str>>(&self, groups: &[S]) -> crate::Result<GroupTable> {
        if groups.len() != self.documents.len() {
            return Err(crate::TextError::Mismatch(format!(
                "{} group labels for {} documents",
                groups.len(),
                self.documents.len()
            )));
        }
        let nk = self.keys.len();
        let mut t = GroupTable {
            keys: self.keys.clone(),
            groups: Vec::new(),
            documents: Vec::new(),
            tokens: Vec::new(),
            counts: Vec::new(),
            shares: Vec::new(),
        };
        for (i, g) in groups.iter().enumerate() {
            let g = g.as_ref();
            let gi = match t.groups.iter().position(|x| x == g) {
                Some(gi) => gi,
                None => {
                    t.groups.push(g.to_string());
                    t.documents.push(0);
                    t.tokens.push(0);
                    t.counts.push(vec![0; nk]);
                    t.shares.push(vec![0.0; nk]);
                    t.groups.len() - 1
                }
            };
            t.documents[gi] += 1;
            t.tokens[gi] += self.tokens[i];
            for k in 0..nk {
                t.counts[gi][k] += self.counts[i][k];
                if self.counts[i][k] > 0 {
                    t.shares[gi][k] += 1.0;
                }
            }
        }
        for (gi, n) in t.documents.iter().enumerate() {
            for s in &mut t.shares[gi] {
                *s /= f64::from(*n);
            }
        }
        Ok(t)
    }
}
