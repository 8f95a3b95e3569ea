//! Address normalisation: the table of type spellings (`г.` → город, `р-н` → район…) as data.

use std::collections::HashMap;

use crate::error::RegistryError;
use crate::record::Place;

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
pub struct AddressTable {
    map: HashMap<String, AddressType>,
}

/// Lower-cases, reads `ё` as `е`, turns dots into spaces and collapses whitespace, so that `Г.`,
/// `г` and `г.` meet, and `г.о.` becomes `г о`.
///
/// ```
/// use creacity_registry::type_key;
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
pub(crate) fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

impl AddressTable {
    /// Reads a table in the shipped format: CSV with a header `spelling,canonical_ru,canonical_en`,
    /// lines starting with `#` ignored.
    ///
    /// # Errors
    /// [`RegistryError::AddressTable`] naming the line when a row has not three fields or a key
    /// maps to two different types.
    pub fn from_csv(text: &str) -> Result<AddressTable, RegistryError> {
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
                return Err(RegistryError::AddressTable {
                    line: i + 1,
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
                return Err(RegistryError::AddressTable {
                    line: i + 1,
                    message: format!("spelling {:?} already maps to {:?}", f[0], old.ru),
                });
            }
            // The canonical name maps to itself so that an already normalised value stays put.
            map.entry(type_key(&ty.ru)).or_insert_with(|| ty.clone());
            map.insert(key, ty);
        }
        Ok(AddressTable { map })
    }

    /// The canonical type of a spelling, if known.
    ///
    /// ```
    /// use creacity_registry::AddressTable;
    /// let t = AddressTable::default();
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

    /// Builds a [`Place`] from the `Тип` and `Наим` attributes. When `Тип` is absent and the name
    /// begins with a known abbreviation (`г. Тестовск`), the type is taken from the name. Returns
    /// the place and whether its type was unknown to the table.
    pub fn place(&self, kind: Option<&str>, name: &str) -> (Place, bool) {
        let name = collapse_spaces(name);
        let kind = kind.map(str::trim).filter(|k| !k.is_empty());
        match kind {
            Some(k) => match self.lookup(k) {
                Some(t) => (
                    Place {
                        kind: t.ru.clone(),
                        name,
                    },
                    false,
                ),
                None => (
                    Place {
                        kind: type_key(k),
                        name,
                    },
                    true,
                ),
            },
            None => {
                if let Some((t, rest)) = self.split_prefix(&name) {
                    return (
                        Place {
                            kind: t.ru.clone(),
                            name: rest.to_string(),
                        },
                        false,
                    );
                }
                (
                    Place {
                        kind: String::new(),
                        name,
                    },
                    false,
                )
            }
        }
    }

    fn split_prefix<'n>(&self, name: &'n str) -> Option<(&AddressType, &'n str)> {
        // The abbreviation ends at the first dot or space: `г. Тестовск`, `г.Тестовск`, `пгт Тест`.
        let cut = name.find(['.', ' '])?;
        let (head, tail) = name.split_at(cut);
        let rest = tail.trim_start_matches(['.', ' ']);
        if rest.is_empty() {
            return None;
        }
        self.lookup(head).map(|t| (t, rest))
    }
}

impl Default for AddressTable {
    fn default() -> Self {
        AddressTable::from_csv(DEFAULT_ADDRESS_TABLE).expect("the shipped address table is valid")
    }
}
