//! Address normalisation shared by the registry reader and territory matching: the table of type
//! spellings (`г.` → город, `р-н` → район…) as data, and name keys that compare place names
//! whatever their case, `ё`, punctuation and type abbreviations.

use std::collections::HashMap;

use crate::MappingError;

/// The table shipped with the crate (`data/address-types.csv`).
pub const DEFAULT_ADDRESS_TABLE: &str = include_str!("../data/address-types.csv");

/// Name and version of the shipped table, reported with results.
pub const DEFAULT_ADDRESS_TABLE_NAME: &str = "creacity address-types v1";

/// Canonical Russian and English names of an address type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddressType {
    /// Canonical Russian name, e.g. `город`.
    pub ru: String,
    /// English name, e.g. `city`.
    pub en: String,
}

/// Spelling → canonical type. Keys are compared after [`type_key`].
#[derive(Debug, Clone)]
pub struct AddressTypes {
    map: HashMap<String, AddressType>,
    /// Longest spelling in words, so name splitting knows how far to look.
    max_words: usize,
}

/// Lower-cases, reads `ё` as `е`, turns dots into spaces and collapses whitespace, so that `Г.`,
/// `г` and `г.` meet, and `г.о.` becomes `г о`.
///
/// ```
/// use creacity_mapping::address::type_key;
/// assert_eq!(type_key("Г."), "г");
/// assert_eq!(type_key(" м.р-н "), "м р-н");
/// assert_eq!(type_key("ПОСЁЛОК"), "поселок");
/// ```
pub fn type_key(spelling: &str) -> String {
    let mut out = String::with_capacity(spelling.len());
    let mut space = false;
    for c in spelling.chars() {
        let c = match c {
            '.' | '\u{a0}' => ' ',
            'ё' | 'Ё' => 'е',
            c => c,
        };
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// Collapses runs of whitespace to one space and trims.
pub fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// A place name reduced for comparison: its type (canonical Russian, when one was written) and the
/// name without it, lower-cased, `ё` as `е`, quotes and dots removed, whitespace collapsed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NameKey {
    /// Canonical type, e.g. `город`, when the name carried one.
    pub kind: Option<String>,
    /// The bare name, e.g. `каменск-уральский`.
    pub name: String,
}

impl AddressTypes {
    /// Reads a table: CSV with a header `spelling,canonical_ru,canonical_en`, lines starting with
    /// `#` ignored.
    ///
    /// # Errors
    /// [`MappingError::Csv`] naming the line when a row has not three fields or a spelling maps to
    /// two different types.
    pub fn from_csv(text: &str) -> Result<AddressTypes, MappingError> {
        let mut map: HashMap<String, AddressType> = HashMap::new();
        let mut header = false;
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if !header {
                header = true;
                if line.starts_with("spelling") {
                    continue;
                }
            }
            let f: Vec<&str> = line.split(',').map(str::trim).collect();
            if f.len() != 3 || f.iter().any(|x| x.is_empty()) {
                return Err(MappingError::Csv {
                    row: i + 1,
                    message: format!("expected 3 non-empty fields, found {line:?}"),
                });
            }
            let ty = AddressType {
                ru: f[1].to_string(),
                en: f[2].to_string(),
            };
            let key = type_key(f[0]);
            if let Some(old) = map.get(&key)
                && old != &ty
            {
                return Err(MappingError::Csv {
                    row: i + 1,
                    message: format!("spelling {:?} already maps to {:?}", f[0], old.ru),
                });
            }
            // The canonical name maps to itself so that an already normalised value stays put.
            map.entry(type_key(&ty.ru)).or_insert_with(|| ty.clone());
            map.insert(key, ty);
        }
        let max_words = map.keys().map(|k| k.split(' ').count()).max().unwrap_or(1);
        Ok(AddressTypes { map, max_words })
    }

    /// The canonical type of a spelling, if known.
    ///
    /// ```
    /// use creacity_mapping::address::AddressTypes;
    /// let t = AddressTypes::default();
    /// assert_eq!(t.lookup("Г.").unwrap().ru, "город");
    /// assert_eq!(t.lookup("р-н").unwrap().en, "district");
    /// assert!(t.lookup("xyz").is_none());
    /// ```
    pub fn lookup(&self, spelling: &str) -> Option<&AddressType> {
        self.map.get(&type_key(spelling))
    }

    /// Number of spellings known.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// True when the table is empty.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Splits a leading abbreviation off a name written as `г. Тестовск`, `г.Тестовск` or
    /// `пгт Тест` (the abbreviation ends at the first dot or space). The registry reader uses it
    /// when `Тип` is absent.
    pub fn split_prefix<'n>(&self, name: &'n str) -> Option<(&AddressType, &'n str)> {
        let cut = name.find(['.', ' '])?;
        let (head, tail) = name.split_at(cut);
        let rest = tail.trim_start_matches(['.', ' ']);
        if rest.is_empty() {
            return None;
        }
        self.lookup(head).map(|t| (t, rest))
    }

    /// The comparison key of a place name: quotes, dots and case removed, `ё` read as `е`, and a
    /// type written before or after the name (`г. Синтетград`, `Синтетград г`, `Синтетская обл.`,
    /// `городской округ Тест`) split off through the table. A name that is nothing but a type
    /// keeps it as its name.
    ///
    /// ```
    /// use creacity_mapping::address::AddressTypes;
    /// let t = AddressTypes::default();
    /// let a = t.name_key("г. Каменск-Уральский");
    /// let b = t.name_key("КАМЕНСК-УРАЛЬСКИЙ Г");
    /// assert_eq!(a, b);
    /// assert_eq!(a.kind.as_deref(), Some("город"));
    /// assert_eq!(t.name_key("Свердловская обл.").name, "свердловская");
    /// assert_eq!(t.name_key("Орёл").name, t.name_key("орел").name);
    /// ```
    pub fn name_key(&self, name: &str) -> NameKey {
        let cleaned: String = name
            .chars()
            .map(|c| match c {
                '«' | '»' | '"' | '“' | '”' | '„' | '\'' | ',' | '(' | ')' => ' ',
                c => c,
            })
            .collect();
        let key = type_key(&cleaned);
        let words: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
        let mut kind = None;
        let (mut lo, mut hi) = (0, words.len());
        // Leading type, longest spelling first.
        for n in (1..=self.max_words.min(hi.saturating_sub(1))).rev() {
            if let Some(t) = self.map.get(&words[..n].join(" ")) {
                kind = Some(t.ru.clone());
                lo = n;
                break;
            }
        }
        if kind.is_none() {
            for n in (1..=self.max_words.min(hi.saturating_sub(1))).rev() {
                if let Some(t) = self.map.get(&words[hi - n..].join(" ")) {
                    kind = Some(t.ru.clone());
                    hi -= n;
                    break;
                }
            }
        }
        NameKey {
            kind,
            name: words[lo..hi].join(" "),
        }
    }
}

impl Default for AddressTypes {
    fn default() -> Self {
        AddressTypes::from_csv(DEFAULT_ADDRESS_TABLE).expect("the shipped address table is valid")
    }
}
