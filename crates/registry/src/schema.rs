//! Schema versions of the registry and the kinds of file the reader knows.

use serde::{Deserialize, Serialize};

/// A schema version of the SME registry dump: the `ВерсФорм` attribute of `Файл`, and the
/// `structure-DDMMYYYY` part of the dump's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum SchemaVersion {
    /// `4.01`, structure-08012016 (dumps from 08.2016).
    V4_01,
    /// `4.02`, structure-10102019.
    V4_02,
    /// `4.03`, structure-15052020.
    V4_03,
    /// `4.04`, structure-10082021.
    V4_04,
    /// `4.05`, structure-10032022.
    V4_05,
    /// `4.06`, structure-10062023.
    V4_06,
}

impl SchemaVersion {
    /// Every version the reader knows, oldest first.
    pub const ALL: [SchemaVersion; 6] = [
        SchemaVersion::V4_01,
        SchemaVersion::V4_02,
        SchemaVersion::V4_03,
        SchemaVersion::V4_04,
        SchemaVersion::V4_05,
        SchemaVersion::V4_06,
    ];

    /// The `ВерсФорм` value.
    pub fn form_version(self) -> &'static str {
        match self {
            SchemaVersion::V4_01 => "4.01",
            SchemaVersion::V4_02 => "4.02",
            SchemaVersion::V4_03 => "4.03",
            SchemaVersion::V4_04 => "4.04",
            SchemaVersion::V4_05 => "4.05",
            SchemaVersion::V4_06 => "4.06",
        }
    }

    /// The `structure-…` name the dumps carry.
    pub fn structure(self) -> &'static str {
        match self {
            SchemaVersion::V4_01 => "structure-08012016",
            SchemaVersion::V4_02 => "structure-10102019",
            SchemaVersion::V4_03 => "structure-15052020",
            SchemaVersion::V4_04 => "structure-10082021",
            SchemaVersion::V4_05 => "structure-10032022",
            SchemaVersion::V4_06 => "structure-10062023",
        }
    }

    /// From `ВерсФорм`.
    ///
    /// ```
    /// use creacity_registry::SchemaVersion;
    /// assert_eq!(SchemaVersion::from_form_version("4.06"), Some(SchemaVersion::V4_06));
    /// assert_eq!(SchemaVersion::from_form_version("5.00"), None);
    /// ```
    pub fn from_form_version(v: &str) -> Option<SchemaVersion> {
        SchemaVersion::ALL
            .into_iter()
            .find(|s| s.form_version() == v.trim())
    }

    /// The known `ВерсФорм` values, comma-separated, for error messages.
    pub fn known_list() -> String {
        SchemaVersion::ALL
            .iter()
            .map(|s| format!("{} ({})", s.form_version(), s.structure()))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl std::fmt::Display for SchemaVersion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.form_version())
    }
}

/// The `ВерсФорм` values known for the two companion datasets (revenue/expenditure and
/// headcount), an assumption: the reference does not state them. A companion file of another
/// version is read with the known structure and a [`crate::Warning::CompanionVersion`] when every
/// document in it parses, and refused with [`crate::RegistryError::UnknownSchema`] otherwise (see
/// [`crate::parse_file`]); the registry's unknown versions are always refused.
pub const COMPANION_FORM_VERSIONS: [&str; 2] = ["4.01", "4.02"];

/// Which dataset a file belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    /// The SME registry itself (`VO_RRMSPSV_…`, `ТипИнф="РЕЕСТРМСП"`).
    Registry,
    /// Revenue and expenditure (`VO_OTKRDAN5_…`, dataset 7707329152-revexp).
    RevenueExpenditure,
    /// Average headcount (`VO_OTKRDAN3_…`, dataset 7707329152-sshr2019).
    Headcount,
}

impl FileKind {
    /// Guess from the name of a file inside the zip.
    ///
    /// ```
    /// use creacity_registry::FileKind;
    /// assert_eq!(FileKind::from_entry_name("VO_RRMSPSV_0000_9965_20230610_x.xml"), Some(FileKind::Registry));
    /// assert_eq!(FileKind::from_entry_name("readme.txt"), None);
    /// ```
    pub fn from_entry_name(name: &str) -> Option<FileKind> {
        let base = name.rsplit('/').next().unwrap_or(name).to_ascii_uppercase();
        if base.starts_with("VO_RRMSPSV") {
            Some(FileKind::Registry)
        } else if base.starts_with("VO_OTKRDAN5") {
            Some(FileKind::RevenueExpenditure)
        } else if base.starts_with("VO_OTKRDAN3") {
            Some(FileKind::Headcount)
        } else {
            None
        }
    }
}
