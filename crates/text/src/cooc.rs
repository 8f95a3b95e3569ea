//! Feature co-occurrence: in a window of neighbouring tokens, with weights by distance, or in
//! whole documents.
//!
//! Pairs are unordered and stored once, under (lower, higher) feature index; a feature meeting
//! itself adds to the diagonal once per pair of positions. With window 3 and weights 1, 1/2, 1/3
//! this is text2vec's term co-occurrence matrix and quanteda's `fcm(context = "window",
//! ordered = FALSE, tri = TRUE)` with those weights.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::error::{Result, TextError};

/// How document co-occurrence is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DocCount {
    /// Product of the two counts (quanteda `count = "frequency"`); a feature with itself,
    /// n(n-1)/2.
    Frequency,
    /// 1 per document where both occur.
    Boolean,
}

/// A feature co-occurrence matrix (upper triangle, sparse).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fcm {
    /// Features in order of first appearance.
    pub features: Vec<String>,
    /// Weighted counts, keyed by (lower, higher) feature index.
    pub cells: BTreeMap<(u32, u32), f64>,
}

impl Fcm {
    /// The value for the pair, in either order (0 when they never co-occur).
    pub fn get(&self, a: &str, b: &str) -> f64 {
        let (Some(i), Some(j)) = (
            self.features.iter().position(|f| f == a),
            self.features.iter().position(|f| f == b),
        ) else {
            return 0.0;
        };
        let k = (i.min(j) as u32, i.max(j) as u32);
        self.cells.get(&k).copied().unwrap_or(0.0)
    }
}

fn intern(docs: &[Vec<String>]) -> (Vec<String>, Vec<Vec<u32>>) {
    let mut ids: HashMap<&str, u32> = HashMap::new();
    let mut features = Vec::new();
    let seqs = docs
        .iter()
        .map(|d| {
            d.iter()
                .map(|w| {
                    let n = features.len() as u32;
                    *ids.entry(w.as_str()).or_insert_with(|| {
                        features.push(w.clone());
                        n
                    })
                })
                .collect()
        })
        .collect();
    (features, seqs)
}

/// Window co-occurrence: every pair of tokens at distance `d <= weights.len()` inside a
/// document adds `weights[d - 1]`.
///
/// # Errors
/// [`TextError::Param`] when `weights` is empty.
///
/// ```
/// use creacity_text::fcm_window;
/// let toks: Vec<String> = "a b a".split(' ').map(String::from).collect();
/// let m = fcm_window(&[toks], &[1.0, 0.5]).unwrap();
/// assert_eq!((m.get("a", "b"), m.get("a", "a")), (2.0, 0.5));
/// ```
pub fn fcm_window(docs: &[Vec<String>], weights: &[f64]) -> Result<Fcm> {
    if weights.is_empty() {
        return Err(TextError::Param {
            name: "weights",
            value: "[]".into(),
            expected: "one weight per distance, at least one",
        });
    }
    let (features, seqs) = intern(docs);
    let mut cells = BTreeMap::new();
    for s in &seqs {
        for i in 0..s.len() {
            for (d, w) in weights.iter().enumerate() {
                let Some(&b) = s.get(i + d + 1) else { break };
                let a = s[i];
                *cells.entry((a.min(b), a.max(b))).or_insert(0.0) += w;
            }
        }
    }
    Ok(Fcm { features, cells })
}

/// Harmonic weights 1, 1/2, … 1/window (text2vec's default).
pub fn harmonic_weights(window: usize) -> Vec<f64> {
    (1..=window).map(|d| 1.0 / d as f64).collect()
}

/// Document co-occurrence.
///
/// ```
/// use creacity_text::{fcm_document, DocCount};
/// let d: Vec<String> = "a a b".split(' ').map(String::from).collect();
/// let m = fcm_document(&[d], DocCount::Frequency);
/// assert_eq!((m.get("a", "b"), m.get("a", "a")), (2.0, 1.0));
/// ```
pub fn fcm_document(docs: &[Vec<String>], count: DocCount) -> Fcm {
    let (features, seqs) = intern(docs);
    let mut cells = BTreeMap::new();
    for s in &seqs {
        let mut n: BTreeMap<u32, f64> = BTreeMap::new();
        for &f in s {
            *n.entry(f).or_insert(0.0) += 1.0;
        }
        let v: Vec<(u32, f64)> = n.into_iter().collect();
        for (x, &(a, na)) in v.iter().enumerate() {
            let self_pairs = match count {
                DocCount::Frequency => na * (na - 1.0) / 2.0,
                DocCount::Boolean => f64::from(na > 1.0),
            };
            if self_pairs > 0.0 {
                *cells.entry((a, a)).or_insert(0.0) += self_pairs;
            }
            for &(b, nb) in &v[x + 1..] {
                let w = match count {
                    DocCount::Frequency => na * nb,
                    DocCount::Boolean => 1.0,
                };
                *cells.entry((a.min(b), a.max(b))).or_insert(0.0) += w;
            }
        }
    }
    Fcm { features, cells }
}
