//! Documents of a corpus: literature, strategies, interviews, news.

use serde::{Deserialize, Serialize};

use crate::coded_enum;

coded_enum!(
    /// What kind of text a document is.
    DocumentKind, "kind", {
        /// Research literature.
        Literature => ("literature", "literature", "научная литература"),
        /// A strategy or programme document.
        Strategy => ("strategy", "strategy", "стратегия"),
        /// An interview transcript.
        Interview => ("interview", "interview", "интервью"),
        /// News or media.
        News => ("news", "news", "новости"),
        /// Anything else.
        Other => ("other", "other", "другое"),
    }
);

/// A document stored in a workspace.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Stable identifier (by default the file name without extension).
    pub id: String,
    /// Title.
    pub title: String,
    /// Language code (`ru`, `en`), detected or declared.
    pub lang: crate::Lang,
    /// Kind of text.
    pub kind: DocumentKind,
    /// Year of publication, if known.
    pub year: Option<i32>,
    /// Authors, free text.
    pub authors: String,
    /// Source (file name, URL, citation).
    pub source: String,
    /// The full text (UTF-8).
    pub text: String,
    /// True for synthetic (demo) records.
    pub synthetic: bool,
}
