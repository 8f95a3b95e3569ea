//! # creacity-text
//!
//! Content analysis of Russian and English documents, pure and in memory: typed inputs in,
//! typed results out, no files, no printing. The methods and their references:
//!
//! | method | items | reference |
//! |---|---|---|
//! | tokens | [`tokenize`], [`Normalize`], [`TextDocument`] | word rule with hyphenated compounds kept whole (quanteda `split_hyphens = FALSE`) |
//! | stemming | [`Stemmer`], [`Stemming`] | Snowball Russian (current, folds ё) and English (Porter2), Porter (2001) |
//! | dictionaries | [`Dictionary`], [`read_yaml`], [`write_yaml`] | quanteda YAML (Benoit et al. 2018) |
//! | lookup | [`Lookup`], [`LookupParams`], [`LookupSession`] | quanteda `tokens_lookup` counting rules |
//! | keyword in context | [`kwic`], [`kwic_line`] | quanteda `kwic` |
//! | stop-words | [`stopwords`] | own RU/EN lists (data) |
//! | replacement (lemma) tables | [`ReplaceTable`], [`ReplacedTokens`] | quanteda `tokens_replace` |
//! | document-feature matrix, frequencies, counts by group | [`Dfm`], [`count_documents`], [`CountTable::by_group`] | quanteda `dfm`, `textstat_frequency`, `dfm_group` |
//! | co-occurrence | [`fcm_window`], [`fcm_document`] | text2vec `create_tcm`; quanteda `fcm` |
//! | keyness | [`keyness`], [`Keyness`] | quanteda.textstats `textstat_keyness`; Dunning (1993); Williams (1976) |
//! | reliability | [`agreement`], [`cronbach_alpha`], [`kr20`] | Cohen (1960); Krippendorff (2011); Cronbach (1951); Kuder & Richardson (1937) |
//! | Latin look-alikes | [`check_script`] | — |
//! | problem ranking | [`rank_problems`], [`RankParams`], [`Bootstrap`] | Efron & Tibshirani (1993) percentile bootstrap |
//!
//! The shipped dictionary of management problems is [`problem_dictionary`]
//! (`data/dictionaries/problems.yaml`); its categories are the problem ids of the strategy rules.
//!
//! ```
//! use creacity_text::{problem_dictionary, rank_problems, RankParams, TextDocument};
//! let docs = [TextDocument::new("d1", "Институциональные барьеры и слабая координация.")];
//! let r = rank_problems(&docs, &problem_dictionary(), &RankParams::default()).unwrap();
//! assert_eq!(r.problems[0].category, "institutional");
//! assert_eq!(r.problems[0].evidence[0].keyword, "Институциональные");
//! ```
#![warn(missing_docs)]

mod cooc;
mod dfm;
mod dictionary;
mod error;
mod fxhash;
mod keyness;
mod kwic;
mod lookup;
mod pattern;
mod ranking;
mod reliability;
mod replace;
mod script;
mod stats;
mod stem;
mod stopwords;
mod tokenize;

pub use cooc::{DocCount, Fcm, fcm_document, fcm_window, harmonic_weights};
pub use dfm::{
    CountTable, Dfm, DfmParams, FeatureFrequency, GroupTable, count_documents, features_of,
};
pub use dictionary::{
    Category, Dictionary, PROBLEMS_YAML, PatternKind, decode_text, problem_dictionary,
    read_lexicoder, read_liwc, read_wordstat, read_yaml, read_yoshikoder, write_liwc, write_yaml,
};
pub use error::{Result, TextError};
pub use keyness::{Keyness, KeynessRow, keyness, keyness_cell};
pub use kwic::{kwic, kwic_line};
pub use lookup::{DocCounts, KeyMatch, Lookup, LookupParams, LookupSession};
pub use ranking::{Bootstrap, RankParams, rank_problems};
pub use reliability::{
    Agreement, Consistency, agreement, category_consistency, cronbach_alpha, kr20,
};
pub use replace::{ReplaceTable, ReplacedTokens};
pub use script::{ScriptCheck, check_script};
pub use stem::{Stemmer, Stemming, is_cyrillic};
pub use stopwords::stopwords;
pub use tokenize::{Normalize, TextDocument, Token, tokenize, tokenize_into};
