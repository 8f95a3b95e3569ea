//! Closed vocabularies ("coded facts") with a stable code and Russian and English labels.

/// A closed list of values with a stable machine code and labels in both languages.
///
/// Every vocabulary in a case card implements it, so importers, exporters, templates and
/// reports treat them alike: a cell may hold the code, the English label or the Russian label.
pub trait Coded: Sized + Copy + 'static {
    /// Every value, in the order the vocabulary lists them.
    const ALL: &'static [Self];
    /// The field name used in error messages and templates.
    const FIELD: &'static str;
    /// The stable code written to files and the database (`snake_case` ASCII).
    fn code(self) -> &'static str;
    /// The English label.
    fn label_en(self) -> &'static str;
    /// The Russian label.
    fn label_ru(self) -> &'static str;

    /// The label in the requested language.
    fn label(self, lang: crate::Lang) -> &'static str {
        match lang {
            crate::Lang::En => self.label_en(),
            crate::Lang::Ru => self.label_ru(),
        }
    }

    /// Parses a code or either label, ignoring case, surrounding blanks and the `ё`/`е` difference.
    fn parse(text: &str) -> Option<Self> {
        let wanted = fold(text);
        Self::ALL.iter().copied().find(|v| {
            fold(v.code()) == wanted || fold(v.label_en()) == wanted || fold(v.label_ru()) == wanted
        })
    }

    /// The codes of every value, comma-separated, for error messages.
    fn expected() -> String {
        Self::ALL
            .iter()
            .map(|v| v.code())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Lower-cases, trims, folds `ё` to `е` and turns `-`/space into `_` so that
/// "Private entrepreneur", "private_entrepreneur" and "PRIVATE-ENTREPRENEUR" compare equal.
pub fn fold(text: &str) -> String {
    text.trim()
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'ё' => 'е',
            ' ' | '-' => '_',
            other => other,
        })
        .collect()
}

/// Defines a `Coded` enum: `coded_enum!(Name, "field", { Variant => ("code", "English", "Русский"), … });`
#[macro_export]
macro_rules! coded_enum {
    ($(#[$meta:meta])* $name:ident, $field:literal, { $($(#[$vmeta:meta])* $variant:ident => ($code:literal, $en:literal, $ru:literal)),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $crate::Coded for $name {
            const ALL: &'static [Self] = &[$(Self::$variant),+];
            const FIELD: &'static str = $field;
            fn code(self) -> &'static str {
                match self { $(Self::$variant => $code),+ }
            }
            fn label_en(self) -> &'static str {
                match self { $(Self::$variant => $en),+ }
            }
            fn label_ru(self) -> &'static str {
                match self { $(Self::$variant => $ru),+ }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str($crate::Coded::code(*self))
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::ModelError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                <Self as $crate::Coded>::parse(s).ok_or_else(|| $crate::ModelError::UnknownValue {
                    field: $field,
                    value: s.to_string(),
                    expected: <Self as $crate::Coded>::expected(),
                })
            }
        }
    };
}
