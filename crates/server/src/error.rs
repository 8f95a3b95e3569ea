//! Errors of the web application and the one table that maps them to HTTP status codes.
//! User errors (bad input, missing rights, conflicts) say what to do; internal errors are logged
//! and reported without details.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use creacity_app::AppError;
use creacity_store::StoreError;

/// What kind of failure, which decides the status code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The request is malformed (bad JSON, bad parameter).
    BadRequest,
    /// Not signed in.
    Unauthenticated,
    /// Signed in, but the role may not do this; or the CSRF token is missing or wrong.
    Forbidden,
    /// No such record or page.
    NotFound,
    /// The record changed since it was read (optimistic locking), or a duplicate id.
    Conflict,
    /// The body is larger than the upload limit.
    TooLarge,
    /// A file type or content type the endpoint does not take.
    UnsupportedType,
    /// Too many failed sign-ins for an account; wait and try again.
    TooManyAttempts,
    /// Well-formed, but the values are invalid (unknown field, value out of range, import rows).
    Invalid,
    /// A fault of the server or its database.
    Internal,
}

/// The one table: error kind → HTTP status.
pub const STATUS_TABLE: &[(ErrorKind, u16)] = &[
    (ErrorKind::BadRequest, 400),
    (ErrorKind::Unauthenticated, 401),
    (ErrorKind::Forbidden, 403),
    (ErrorKind::NotFound, 404),
    (ErrorKind::Conflict, 409),
    (ErrorKind::TooLarge, 413),
    (ErrorKind::UnsupportedType, 415),
    (ErrorKind::Invalid, 422),
    (ErrorKind::TooManyAttempts, 429),
    (ErrorKind::Internal, 500),
];

impl ErrorKind {
    /// The HTTP status of this kind, from [`STATUS_TABLE`].
    pub fn status(self) -> StatusCode {
        let code = STATUS_TABLE
            .iter()
            .find(|(k, _)| *k == self)
            .map_or(500, |(_, c)| *c);
        StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }
}

/// An error as the API returns it: `{"error": {"kind": …, "message": …, "details": […]}}`.
#[derive(Debug, Clone, serde::Serialize, thiserror::Error)]
#[error("{message}")]
pub struct ApiError {
    /// The kind.
    pub kind: ErrorKind,
    /// A sentence for the user.
    pub message: String,
    /// Per-row or per-field details (import errors), possibly empty.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<String>,
}

impl ApiError {
    /// An error of `kind` with a message.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
            details: Vec::new(),
        }
    }
    /// A malformed request.
    pub fn bad(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::BadRequest, message)
    }
    /// Invalid values.
    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Invalid, message)
    }
    /// A server fault; the message is logged, the client sees a generic sentence.
    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Internal, message)
    }
    /// Not found.
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::NotFound, message)
    }
    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.kind.status()
    }
    /// The message shown to the client: internal details are withheld.
    pub fn public_message(&self) -> String {
        if self.kind == ErrorKind::Internal {
            "internal error of the server; it has been logged".to_string()
        } else {
            self.message.clone()
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        let kind = match &e {
            StoreError::NoSuchRecord { .. } => ErrorKind::NotFound,
            StoreError::Conflict { .. } | StoreError::Duplicate { .. } => ErrorKind::Conflict,
            StoreError::MissingReference { .. } => ErrorKind::Invalid,
            _ => ErrorKind::Internal,
        };
        Self::new(kind, e.to_string())
    }
}

impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        match e {
            AppError::Store(s) => s.into(),
            AppError::Ingest(i) => Self::invalid(i.to_string()),
            AppError::Invalid(m) => Self::invalid(m),
            other => Self::internal(other.to_string()),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if self.kind == ErrorKind::Internal {
            eprintln!("creacity-server: internal error: {}", self.message);
        }
        let body = serde_json::json!({ "error": {
            "kind": self.kind,
            "message": self.public_message(),
            "details": self.details,
        }});
        (self.status(), axum::Json(body)).into_response()
    }
}
