//! Errors of the registry reader. Every variant names the zip and the file inside it.

/// What went wrong, and where.
#[derive(Debug, thiserror::Error)]
pub enum RegistryError {
    /// A file could not be opened or read.
    #[error("{path}: cannot read: {source} / не удалось прочитать файл")]
    Io {
        /// The path given.
        path: String,
        /// The system error.
        source: std::io::Error,
    },
    /// The file is not a zip archive at all.
    #[error("{zip}: not a zip archive: {message} / файл не является zip-архивом")]
    NotZip {
        /// The zip.
        zip: String,
        /// What the zip reader said.
        message: String,
    },
    /// The archive ends early: the entries before `at_byte` were read, the rest is missing.
    #[error(
        "{zip}: truncated zip: {entries_read} complete entries read, archive ends or breaks at byte \
         {at_byte}: {message} / архив обрезан"
    )]
    TruncatedZip {
        /// The zip.
        zip: String,
        /// Complete entries read before the break.
        entries_read: usize,
        /// Compressed byte offset at which reading stopped.
        at_byte: u64,
        /// What the zip reader said.
        message: String,
    },
    /// An entry does not inflate or its checksum does not match.
    #[error("{zip}/{entry}: corrupt entry: {message} / повреждённый файл в архиве")]
    CorruptEntry {
        /// The zip.
        zip: String,
        /// The file inside the zip.
        entry: String,
        /// What failed.
        message: String,
    },
    /// The XML is not well-formed.
    #[error("{zip}/{entry}: malformed XML at byte {offset}: {message} / ошибка разметки XML")]
    MalformedXml {
        /// The zip.
        zip: String,
        /// The file inside the zip.
        entry: String,
        /// Byte offset in the uncompressed file.
        offset: u64,
        /// What the XML parser said.
        message: String,
    },
    /// `ВерсФорм` is not one the reader knows: always for the registry, and for a companion file
    /// whose documents do not parse with the known structure.
    #[error(
        "{zip}/{entry}: unknown schema version ВерсФорм={found:?}; known versions: {known}{reason} \
         / неизвестная версия формата"
    )]
    UnknownSchema {
        /// The zip.
        zip: String,
        /// The file inside the zip.
        entry: String,
        /// The value found (empty when absent).
        found: String,
        /// The known versions.
        known: String,
        /// For a companion file, what did not parse with the known structure (starting with
        /// `"; "`, in English and Russian); empty for the registry.
        reason: String,
    },
    /// A record holds a value that cannot be read.
    #[error(
        "{zip}/{entry}: record at byte {offset}: field {field}: {value:?} is not {expected} / \
         недопустимое значение поля"
    )]
    InvalidRecord {
        /// The zip.
        zip: String,
        /// The file inside the zip.
        entry: String,
        /// Byte offset of the record (`Документ`) in the uncompressed file.
        offset: u64,
        /// The attribute, e.g. `КатСубМСП`.
        field: &'static str,
        /// What was found.
        value: String,
        /// What was expected.
        expected: &'static str,
    },
    /// The caller's batch callback refused a batch; reading stopped there.
    #[error("the batch receiver failed: {0} / ошибка при сохранении пакета записей")]
    Sink(Box<dyn std::error::Error + Send + Sync>),
    /// An option is out of range.
    #[error("option {option}: {message} / недопустимый параметр")]
    InvalidOption {
        /// The option.
        option: &'static str,
        /// Why.
        message: String,
    },
    /// The address table has a bad line.
    #[error("address table line {line}: {message} / ошибка в таблице сокращений")]
    AddressTable {
        /// 1-based line.
        line: usize,
        /// Why.
        message: String,
    },
    /// The checkpoint was written for a different file of the same name.
    #[error(
        "{zip}: checkpoint was written for a file of {expected} bytes, this one has {found} / контрольная точка от другого файла"
    )]
    CheckpointMismatch {
        /// The zip.
        zip: String,
        /// Size recorded in the checkpoint.
        expected: u64,
        /// Size on disk.
        found: u64,
    },
}

impl RegistryError {
    /// True for errors confined to one entry or one record, which [`crate::OnError::Skip`] skips.
    pub fn is_skippable(&self) -> bool {
        matches!(
            self,
            RegistryError::CorruptEntry { .. }
                | RegistryError::MalformedXml { .. }
                | RegistryError::InvalidRecord { .. }
                | RegistryError::TruncatedZip { .. }
        )
    }
}
