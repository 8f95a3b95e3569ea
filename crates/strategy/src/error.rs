//! The one error type of the crate: every variant names the file and the key at fault.

/// Something wrong in a catalogue file, a rules file or the input of a run.
///
/// `file` is the logical file (`problems`, `instruments`, `rules`, `input`), `key` a path such as
/// `rule[coordination_first].problem[0].min_share` so the user can find the line to fix.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StrategyError {
    /// The text is not valid TOML or does not have the expected shape.
    #[error("{file}: cannot read: {message}")]
    Parse {
        /// The logical file.
        file: &'static str,
        /// The TOML reader's message (it names line and column).
        message: String,
    },
    /// Two items of the same kind share an id.
    #[error("{file}: duplicate {kind} id {id:?}")]
    DuplicateId {
        /// The logical file.
        file: &'static str,
        /// What kind of item (problem, instrument, measure, kpi, unit, rule, cluster).
        kind: &'static str,
        /// The repeated id.
        id: String,
    },
    /// A required text or id is empty (every person-facing text needs Russian and English).
    #[error("{file}: `{key}` is empty")]
    Empty {
        /// The logical file.
        file: &'static str,
        /// The key.
        key: String,
    },
    /// A reference to a problem category that the catalogue does not have.
    #[error("{file}: `{key}` refers to unknown problem {id:?}")]
    UnknownProblem {
        /// The logical file.
        file: &'static str,
        /// The key.
        key: String,
        /// The unknown id.
        id: String,
    },
    /// A reference to an instrument that the catalogue does not have.
    #[error("{file}: `{key}` refers to unknown instrument {id:?}")]
    UnknownInstrument {
        /// The logical file.
        file: &'static str,
        /// The key.
        key: String,
        /// The unknown id.
        id: String,
    },
    /// A reference to a measure that the catalogue does not have.
    #[error("{file}: `{key}` refers to unknown measure {id:?}")]
    UnknownMeasure {
        /// The logical file.
        file: &'static str,
        /// The key.
        key: String,
        /// The unknown id.
        id: String,
    },
    /// A KPI unit missing from the catalogue's unit list.
    #[error("{file}: `{key}` refers to unknown unit {id:?}")]
    UnknownUnit {
        /// The logical file.
        file: &'static str,
        /// The key.
        key: String,
        /// The unknown unit.
        id: String,
    },
    /// A `{placeholder}` in a reason template that cannot be filled from the rule's own conditions.
    #[error("{file}: `{key}`: placeholder {{{placeholder}}} {why}")]
    Placeholder {
        /// The logical file.
        file: &'static str,
        /// The key of the template.
        key: String,
        /// The placeholder, without braces.
        placeholder: String,
        /// Why it cannot be filled.
        why: String,
    },
    /// A value outside its allowed range or a combination that makes no sense.
    #[error("{file}: `{key}`: {value} — {expected}")]
    Invalid {
        /// The logical file.
        file: &'static str,
        /// The key.
        key: String,
        /// The offending value, as written.
        value: String,
        /// What is allowed.
        expected: String,
    },
}

pub(crate) fn check_text(
    file: &'static str,
    key: &str,
    text: &creacity_model::Bilingual,
) -> Result<(), StrategyError> {
    for (lang, t) in [("ru", &text.ru), ("en", &text.en)] {
        if t.trim().is_empty() {
            return Err(StrategyError::Empty {
                file,
                key: format!("{key}.{lang}"),
            });
        }
    }
    Ok(())
}

pub(crate) fn check_id(file: &'static str, key: &str, id: &str) -> Result<(), StrategyError> {
    if id.trim().is_empty() {
        return Err(StrategyError::Empty {
            file,
            key: key.to_string(),
        });
    }
    if id.chars().any(char::is_whitespace) {
        return Err(StrategyError::Invalid {
            file,
            key: key.to_string(),
            value: format!("{id:?}"),
            expected: "an id without spaces".into(),
        });
    }
    Ok(())
}

/// Returns the first id seen twice.
pub(crate) fn first_duplicate<'a>(ids: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let mut seen = std::collections::BTreeSet::new();
    ids.into_iter().find(|id| !seen.insert(*id))
}
