//! Address normalisation: the table of type spellings (`г.` → город, `р-н` → район…) as data. The
//! table and its keys live in `creacity-mapping` (territory matching uses the same ones); this
//! module builds the registry's [`Place`]s with it.

use creacity_mapping::address::{AddressTypes, collapse_spaces};

use crate::error::RegistryError;
use crate::record::Place;

pub use creacity_mapping::address::{
    AddressType, DEFAULT_ADDRESS_TABLE, DEFAULT_ADDRESS_TABLE_NAME, type_key,
};

/// Spelling → canonical type. Keys are compared after [`type_key`].
#[derive(Debug, Clone, Default)]
pub struct AddressTable {
    types: AddressTypes,
}

impl AddressTable {
    /// Reads a table in the shipped format: CSV with a header `spelling,canonical_ru,canonical_en`,
    /// lines starting with `#` ignored.
    ///
    /// # Errors
    /// [`RegistryError::AddressTable`] naming the line when a row has not three fields or a key
    /// maps to two different types.
    pub fn from_csv(text: &str) -> Result<AddressTable, RegistryError> {
        AddressTypes::from_csv(text)
            .map(|types| AddressTable { types })
            .map_err(|e| match e {
                creacity_mapping::MappingError::Csv { row, message } => {
                    RegistryError::AddressTable { line: row, message }
                }
                other => RegistryError::AddressTable {
                    line: 0,
                    message: other.to_string(),
                },
            })
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
        self.types.lookup(spelling)
    }

    /// Number of spellings known.
    pub fn len(&self) -> usize {
        self.types.len()
    }

    /// True when the table is empty.
    pub fn is_empty(&self) -> bool {
        self.types.is_empty()
    }

    /// The shared table, for territory matching with the same spellings.
    pub fn types(&self) -> &AddressTypes {
        &self.types
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
            None => match self.types.split_prefix(&name) {
                Some((t, rest)) => (
                    Place {
                        kind: t.ru.clone(),
                        name: rest.to_string(),
                    },
                    false,
                ),
                None => (
                    Place {
                        kind: String::new(),
                        name,
                    },
                    false,
                ),
            },
        }
    }
}
