//! Management problems found in a corpus.

use serde::{Deserialize, Serialize};

use crate::Bilingual;

/// A keyword-in-context line that shows where a pattern matched.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// The document.
    pub document_id: String,
    /// Page, for paged sources.
    pub page: Option<u32>,
    /// Words before the match.
    pub left: String,
    /// The matched words as they stand in the text.
    pub keyword: String,
    /// Words after the match.
    pub right: String,
}

/// One problem category's standing in a corpus.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProblemScore {
    /// The category id in the problem dictionary (also the catalogue's problem id).
    pub category: String,
    /// Its label.
    pub label: Bilingual,
    /// Rank, 1 the most prevalent.
    pub rank: u32,
    /// Mentions over all documents.
    pub mentions: u64,
    /// Documents that mention it at least once.
    pub documents: u32,
    /// Share of documents that mention it.
    pub document_share: f64,
    /// Lower bound of a confidence interval for the share, when computed.
    pub share_low: Option<f64>,
    /// Upper bound of a confidence interval for the share, when computed.
    pub share_high: Option<f64>,
    /// Mentions per document, in corpus order of `ProblemRanking::documents`.
    pub per_document: Vec<u64>,
    /// Evidence lines.
    pub evidence: Vec<Evidence>,
}

/// The ranking of management problems across a corpus.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProblemRanking {
    /// Documents counted, in order.
    pub documents: Vec<String>,
    /// Categories, by rank.
    pub problems: Vec<ProblemScore>,
    /// Dictionary name and version.
    pub dictionary: String,
}
