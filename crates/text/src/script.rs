//! Detection of Latin look-alikes in text that should be Cyrillic: PDFs whose fonts lack a
//! ToUnicode map come out as Latin letters ("Hanorosas" for «Налоговая»), and a count on such
//! text silently finds nothing. A document expected to be Russian is flagged when most of its
//! letters are Latin, or when many words mix the two scripts.

use serde::{Deserialize, Serialize};

use crate::stem::is_cyrillic;
use crate::tokenize::tokenize;

/// The script make-up of a text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScriptCheck {
    /// Letters counted.
    pub letters: usize,
    /// Cyrillic letters.
    pub cyrillic: usize,
    /// Latin letters.
    pub latin: usize,
    /// Latin share of Cyrillic + Latin letters.
    pub latin_share: f64,
    /// Words mixing Cyrillic and Latin letters.
    pub mixed_words: usize,
    /// Words with letters.
    pub words: usize,
    /// Words with a capital after a small letter, or a digit between letters ("cucmeMa",
    /// "6lOgmeT"): rare in real text, common in Cyrillic read through a Latin font.
    pub odd_case_words: usize,
    /// True when the text should be reviewed (see [`check_script`]).
    pub flagged: bool,
}

/// Checks a text expected to be Cyrillic (Russian): flagged when at least 20 letters are seen
/// and more than `max_latin_share` of them are Latin, when more than 5 % of the words mix both
/// scripts, or when more than 10 % of at least 5 words have odd capitals or digits inside. The
/// last criterion alone also serves for texts of unknown language ([`ScriptCheck::garbled`]).
///
/// ```
/// use creacity_text::check_script;
/// assert!(check_script("Hanorosas cucmeMa u 6lOgmeT", 0.5).flagged);
/// assert!(!check_script("Налоговая система и бюджет (budget), 2024", 0.5).flagged);
/// ```
pub fn check_script(text: &str, max_latin_share: f64) -> ScriptCheck {
    let (mut letters, mut cyr, mut lat, mut mixed, mut words, mut odd) = (0, 0, 0, 0, 0, 0);
    for t in tokenize(text) {
        let w = t.as_str(text);
        let ch: Vec<char> = w.chars().collect();
        let camel = ch
            .windows(2)
            .any(|p| p[0].is_lowercase() && p[1].is_uppercase());
        let digit_inside = ch
            .windows(3)
            .any(|p| p[0].is_alphabetic() && p[1].is_ascii_digit() && p[2].is_alphabetic())
            || (ch.len() > 2
                && ch[0].is_ascii_digit()
                && ch[1..].iter().all(|c| c.is_alphabetic()));
        if camel || digit_inside {
            odd += 1;
        }
        let (mut c, mut l) = (0, 0);
        for ch in w.chars().filter(|c| c.is_alphabetic()) {
            letters += 1;
            if is_cyrillic(ch) {
                c += 1;
            } else if ch.is_ascii_alphabetic() || ('\u{c0}'..='\u{24f}').contains(&ch) {
                l += 1;
            }
        }
        if c + l > 0 {
            words += 1;
        }
        if c > 0 && l > 0 {
            mixed += 1;
        }
        cyr += c;
        lat += l;
    }
    let latin_share = if cyr + lat == 0 {
        0.0
    } else {
        lat as f64 / (cyr + lat) as f64
    };
    let flagged =
        (letters >= 20 && latin_share > max_latin_share) || (words > 0 && mixed * 20 > words);
    ScriptCheck {
        letters,
        cyrillic: cyr,
        latin: lat,
        latin_share,
        mixed_words: mixed,
        words,
        odd_case_words: odd,
        flagged,
    }
}

impl ScriptCheck {
    /// True when more than 10 % of at least 5 words have odd capitals or digits inside, whatever
    /// the language the text was expected to be in.
    pub fn garbled(&self) -> bool {
        self.words >= 5 && self.odd_case_words * 10 > self.words
    }
}
