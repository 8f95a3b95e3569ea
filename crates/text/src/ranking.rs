//! The ranking of management problems across a corpus: mentions, documents mentioning, their
//! share, a bootstrap interval for the share, and evidence lines.
//!
//! **Rank order.** Categories are ordered by the share of documents mentioning them (higher
//! first), then by mentions (more first), then by their order in the dictionary; ranks are
//! 1, 2, 3 … with no shared ranks, so ties are broken deterministically by that order.
//!
//! **Bootstrap.** Documents are drawn with replacement, `replicates` times, from a ChaCha8
//! generator seeded with `seed`; the interval is the percentile interval (R's type-7 quantiles)
//! of the share over the replicates.

use creacity_model::{Evidence, ProblemRanking, ProblemScore};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::dictionary::Dictionary;
use crate::error::{Result, TextError};
use crate::kwic::kwic_line;
use crate::lookup::{Lookup, LookupParams};
use crate::tokenize::TextDocument;

/// Bootstrap settings.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Bootstrap {
    /// Number of resamples (at least 10).
    pub replicates: usize,
    /// Confidence level, in (0, 1).
    pub confidence: f64,
    /// Seed of the generator.
    pub seed: u64,
}

impl Default for Bootstrap {
    fn default() -> Self {
        Self {
            replicates: 1000,
            confidence: 0.95,
            seed: 42,
        }
    }
}

/// Parameters of [`rank_problems`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RankParams {
    /// Lookup settings (levels are forced to the top level).
    pub lookup: LookupParams,
    /// Evidence lines kept per category.
    pub evidence: usize,
    /// Words on each side of an evidence keyword.
    pub window: usize,
    /// Bootstrap interval for document shares, if wanted.
    pub bootstrap: Option<Bootstrap>,
}

impl Default for RankParams {
    fn default() -> Self {
        Self {
            lookup: LookupParams::default(),
            evidence: 5,
            window: 6,
            bootstrap: None,
        }
    }
}

impl RankParams {
    /// Checks the parameters.
    ///
    /// # Errors
    /// [`TextError::Param`] naming the bad value.
    pub fn validate(&self) -> Result<()> {
        if let Some(b) = &self.bootstrap {
            if b.replicates < 10 {
                return Err(TextError::Param {
                    name: "bootstrap.replicates",
                    value: b.replicates.to_string(),
                    expected: "at least 10",
                });
            }
            if !(b.confidence > 0.0 && b.confidence < 1.0) {
                return Err(TextError::Param {
                    name: "bootstrap.confidence",
                    value: b.confidence.to_string(),
                    expected: "strictly between 0 and 1",
                });
            }
        }
        Ok(())
    }
}

/// Ranks the top-level categories of `dict` across `docs`.
///
/// # Errors
/// Bad parameters or a pattern that does not compile.
///
/// ```
/// use creacity_text::{problem_dictionary, rank_problems, RankParams, TextDocument};
/// let docs = [
///     TextDocument::new("a", "Нет координации, и нет финансирования."),
///     TextDocument::new("b", "Coordination is weak."),
/// ];
/// let r = rank_problems(&docs, &problem_dictionary(), &RankParams::default()).unwrap();
/// assert_eq!(r.problems[0].category, "coordination");
/// assert_eq!((r.problems[0].mentions, r.problems[0].document_share), (2, 1.0));
/// assert_eq!((r.problems[1].category.as_str(), r.problems[1].mentions), ("financial", 1));
/// ```
pub fn rank_problems(
    docs: &[TextDocument],
    dict: &Dictionary,
    params: &RankParams,
) -> Result<ProblemRanking> {
    params.validate()?;
    let lp = LookupParams {
        levels: (1, 1),
        ..params.lookup.clone()
    };
    let lookup = Lookup::new(dict, &lp)?;
    let keys = lookup.keys().to_vec();
    let nk = keys.len();
    let mut session = lookup.session();
    let mut per_doc: Vec<Vec<u64>> = vec![Vec::with_capacity(docs.len()); nk];
    // Evidence per key per document (first `evidence` matches of each document).
    let mut ev: Vec<Vec<Vec<Evidence>>> = vec![Vec::with_capacity(docs.len()); nk];
    for doc in docs {
        let c = session.count(&doc.text);
        let toks = session.last_tokens();
        let mut lines: Vec<Vec<Evidence>> = vec![Vec::new(); nk];
        for m in &c.matches {
            let l = &mut lines[m.key as usize];
            if l.len() < params.evidence {
                l.push(kwic_line(doc, toks, m.start, m.len, params.window));
            }
        }
        for k in 0..nk {
            per_doc[k].push(c.counts[k]);
            ev[k].push(std::mem::take(&mut lines[k]));
        }
    }
    let n = docs.len();
    let mut scores: Vec<(usize, ProblemScore)> = Vec::with_capacity(nk);
    for (k, key) in keys.iter().enumerate() {
        let mentions: u64 = per_doc[k].iter().sum();
        let documents = per_doc[k].iter().filter(|&&c| c > 0).count();
        let share = if n == 0 {
            0.0
        } else {
            documents as f64 / n as f64
        };
        let (low, high) = match (&params.bootstrap, n) {
            (Some(b), n) if n > 0 => {
                let hits: Vec<bool> = per_doc[k].iter().map(|&c| c > 0).collect();
                let (l, h) = bootstrap_share(&hits, b, k as u64);
                (Some(l), Some(h))
            }
            _ => (None, None),
        };
        let label = dict
            .category(key)
            .map(|c| c.label.clone())
            .unwrap_or_default();
        scores.push((
            k,
            ProblemScore {
                category: key.clone(),
                label,
                rank: 0,
                mentions,
                documents: documents as u32,
                document_share: share,
                share_low: low,
                share_high: high,
                per_document: per_doc[k].clone(),
                evidence: round_robin(std::mem::take(&mut ev[k]), params.evidence),
            },
        ));
    }
    scores.sort_by(|(ka, a), (kb, b)| {
        b.document_share
            .total_cmp(&a.document_share)
            .then(b.mentions.cmp(&a.mentions))
            .then(ka.cmp(kb))
    });
    let problems = scores
        .into_iter()
        .enumerate()
        .map(|(i, (_, mut s))| {
            s.rank = i as u32 + 1;
            s
        })
        .collect();
    Ok(ProblemRanking {
        documents: docs.iter().map(|d| d.id.clone()).collect(),
        problems,
        dictionary: dict.identity(),
    })
}

/// Takes the first line of every document in turn, then the second …, up to `max` lines, so the
/// evidence comes from as many documents as possible.
fn round_robin(per_doc: Vec<Vec<Evidence>>, max: usize) -> Vec<Evidence> {
    let mut iters: Vec<_> = per_doc.into_iter().map(Vec::into_iter).collect();
    let mut out = Vec::new();
    loop {
        let mut any = false;
        for it in iters.iter_mut() {
            if out.len() >= max {
                return out;
            }
            if let Some(e) = it.next() {
                out.push(e);
                any = true;
            }
        }
        if !any {
            return out;
        }
    }
}

/// Percentile bootstrap interval of the share of `true` in `hits`. The stream for category `k`
/// is seeded with `seed` and `k`, so adding a category does not change the others' intervals.
pub(crate) fn bootstrap_share(hits: &[bool], b: &Bootstrap, k: u64) -> (f64, f64) {
    let n = hits.len();
    let mut rng = ChaCha8Rng::seed_from_u64(b.seed);
    rng.set_stream(k);
    let mut shares: Vec<f64> = (0..b.replicates)
        .map(|_| {
            let c = (0..n).filter(|_| hits[rng.random_range(0..n)]).count();
            c as f64 / n as f64
        })
        .collect();
    shares.sort_by(f64::total_cmp);
    let a = (1.0 - b.confidence) / 2.0;
    (quantile7(&shares, a), quantile7(&shares, 1.0 - a))
}

/// R's type-7 quantile of sorted data.
pub(crate) fn quantile7(sorted: &[f64], p: f64) -> f64 {
    let h = (sorted.len() - 1) as f64 * p;
    let lo = h.floor() as usize;
    let hi = h.ceil() as usize;
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}
