//! Errors of the application layer: each engine's and adapter's, plus the app's own.

/// Anything a command of the loop can fail with.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The workspace store.
    #[error(transparent)]
    Store(#[from] creacity_store::StoreError),
    /// Reading an outside file.
    #[error(transparent)]
    Ingest(#[from] creacity_ingest::IngestError),
    /// The typology spec.
    #[error("typology spec: {0}")]
    Typology(#[from] creacity_typology::TypologyError),
    /// The management model files.
    #[error("management model: {0}")]
    Strategy(#[from] creacity_strategy::StrategyError),
    /// Content analysis.
    #[error("content analysis: {0}")]
    Text(#[from] creacity_text::TextError),
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The path.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// An XLSX file could not be written.
    #[error("xlsx: {0}")]
    Xlsx(String),
    /// A request the app cannot serve, with the reason.
    #[error("{0}")]
    Invalid(String),
}

/// Result alias of the application layer.
pub type Result<T, E = AppError> = std::result::Result<T, E>;

pub(crate) fn io(path: &std::path::Path) -> impl FnOnce(std::io::Error) -> AppError + '_ {
    move |source| AppError::Io {
        path: path.display().to_string(),
        source,
    }
}
