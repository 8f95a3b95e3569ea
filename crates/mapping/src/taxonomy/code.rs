//! Activity codes normalised across levels and notations: `59.11`, `5911`, `59 11` and
//! `59.11.1` all reduce to digit strings, so that a rule matches its own code and every deeper
//! one by prefix.

use serde::{Deserialize, Serialize};

use crate::MappingError;

/// Classification systems of activity codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CodeSystem {
    /// Russia's OKVED 2 (OK 029-2014), equal to NACE Rev. 2 at class level almost everywhere.
    #[serde(rename = "OKVED2")]
    Okved2,
    /// EU NACE Rev. 2.
    #[serde(rename = "NACE2")]
    Nace2,
    /// UK SIC 2007 (NACE Rev. 2 classes, with UK subclasses).
    #[serde(rename = "SIC2007")]
    Sic2007,
    /// UN ISIC Rev. 4.
    #[serde(rename = "ISIC4")]
    Isic4,
    /// North American NAICS (6 digits, no dots).
    #[serde(rename = "NAICS")]
    Naics,
}

impl CodeSystem {
    /// Systems that share NACE Rev. 2 classes, so codes carry over at class level.
    pub fn is_nace_family(self) -> bool {
        matches!(self, Self::Okved2 | Self::Nace2 | Self::Sic2007)
    }
}

/// Reduces a code to its digits: dots, slashes, spaces and a trailing `-` level marker are
/// dropped (`"59.11"`, `"5911"`, `"59.11/1"` → `"5911"`, `"59111"`).
///
/// # Errors
/// [`MappingError::BadCode`] when anything else than digits remains, or fewer than 2 digits.
///
/// ```
/// use creacity_mapping::taxonomy::normalize_code;
/// assert_eq!(normalize_code(" 59.11.1 ").unwrap(), "59111");
/// assert_eq!(normalize_code("5911").unwrap(), "5911");
/// assert!(normalize_code("59.A").is_err());
/// ```
pub fn normalize_code(code: &str) -> Result<String, MappingError> {
    let mut out = String::with_capacity(code.len());
    for ch in code.trim().chars() {
        match ch {
            '0'..='9' => out.push(ch),
            '.' | '/' | ' ' | '\u{a0}' => {}
            _ => return Err(MappingError::BadCode(code.to_string())),
        }
    }
    if out.len() < 2 {
        return Err(MappingError::BadCode(code.to_string()));
    }
    Ok(out)
}

/// Writes digits back in the dotted form of the NACE family (`59111` → `59.11.1`,
/// `011331` → `01.13.31`); NAICS codes stay plain.
///
/// ```
/// use creacity_mapping::taxonomy::{CodeSystem, format_code};
/// assert_eq!(format_code("59111", CodeSystem::Okved2), "59.11.1");
/// assert_eq!(format_code("592", CodeSystem::Nace2), "59.2");
/// ```
pub fn format_code(digits: &str, system: CodeSystem) -> String {
    if !system.is_nace_family() && system != CodeSystem::Isic4 {
        return digits.to_string();
    }
    let mut s = String::with_capacity(digits.len() + 2);
    for (i, ch) in digits.chars().enumerate() {
        if i == 2 || i == 4 {
            s.push('.');
        }
        s.push(ch);
    }
    s
}
