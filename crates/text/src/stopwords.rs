//! Russian and English stop-word lists, shipped as data (`crates/text/data/stopwords/`).

use creacity_model::Lang;

const RU: &str = include_str!("../data/stopwords/ru.txt");
const EN: &str = include_str!("../data/stopwords/en.txt");

/// The stop-words of a language (lower case, `ё` written `е`), in file order.
///
/// ```
/// use creacity_model::Lang;
/// let ru = creacity_text::stopwords(Lang::Ru);
/// assert!(ru.contains(&"и") && ru.contains(&"ее"));
/// assert!(creacity_text::stopwords(Lang::En).contains(&"the"));
/// ```
pub fn stopwords(lang: Lang) -> Vec<&'static str> {
    let src = match lang {
        Lang::Ru => RU,
        Lang::En => EN,
    };
    src.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}
