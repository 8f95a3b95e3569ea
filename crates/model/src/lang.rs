//! The two languages every person-facing text exists in.

use serde::{Deserialize, Serialize};

/// A language of the interface and of reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Russian.
    Ru,
}

impl Lang {
    /// The ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ru => "ru",
        }
    }
}

impl std::str::FromStr for Lang {
    type Err = crate::ModelError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "en" | "eng" | "english" => Ok(Lang::En),
            "ru" | "rus" | "russian" => Ok(Lang::Ru),
            _ => Err(crate::ModelError::UnknownValue {
                field: "lang",
                value: s.to_string(),
                expected: "en, ru".into(),
            }),
        }
    }
}

/// A text in Russian and English; either may be empty when not yet translated.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Bilingual {
    /// Russian text.
    #[serde(default)]
    pub ru: String,
    /// English text.
    #[serde(default)]
    pub en: String,
}

impl Bilingual {
    /// Builds a text from its two versions.
    pub fn new(ru: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            ru: ru.into(),
            en: en.into(),
        }
    }

    /// The text in `lang`, falling back to the other language when that one is empty.
    pub fn get(&self, lang: Lang) -> &str {
        let (first, second) = match lang {
            Lang::Ru => (&self.ru, &self.en),
            Lang::En => (&self.en, &self.ru),
        };
        if first.is_empty() { second } else { first }
    }
}
