//! Request extractors whose failures are [`ApiError`]s: malformed JSON → 400, unknown or wrongly
//! typed fields → 422, a missing JSON content type → 415, too large → 413.

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::StatusCode;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use crate::error::{ApiError, ErrorKind};

/// A JSON body.
pub struct JsonBody<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(v)) => Ok(Self(v)),
            Err(JsonRejection::JsonSyntaxError(e)) => {
                Err(ApiError::bad(format!("malformed JSON: {}", e.body_text())))
            }
            Err(JsonRejection::JsonDataError(e)) => Err(ApiError::invalid(e.body_text())),
            Err(JsonRejection::MissingJsonContentType(_)) => Err(ApiError::new(
                ErrorKind::UnsupportedType,
                "send the body as JSON with Content-Type: application/json",
            )),
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => Err(too_large()),
            Err(e) => Err(ApiError::bad(e.body_text())),
        }
    }
}

pub(crate) fn too_large() -> ApiError {
    ApiError::new(
        ErrorKind::TooLarge,
        "the request is larger than the upload limit",
    )
}

/// Query parameters.
pub struct QueryArgs<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for QueryArgs<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|q| Self(q.0))
            .map_err(|e: QueryRejection| ApiError::bad(e.body_text()))
    }
}

/// A form body (`application/x-www-form-urlencoded`).
pub struct FormBody<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for FormBody<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        axum::Form::<T>::from_request(req, state)
            .await
            .map(|f| Self(f.0))
            .map_err(|e| {
                if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    too_large()
                } else {
                    ApiError::invalid(e.body_text())
                }
            })
    }
}

/// Checks that a JSON object has no field that `template` (a serialised record) does not have.
pub(crate) fn no_unknown_fields(
    value: &serde_json::Value,
    template: &serde_json::Value,
    what: &str,
) -> Result<(), ApiError> {
    let (Some(v), Some(t)) = (value.as_object(), template.as_object()) else {
        return Err(ApiError::invalid(format!("{what} must be a JSON object")));
    };
    let unknown: Vec<&str> = v
        .keys()
        .filter(|k| !t.contains_key(*k))
        .map(String::as_str)
        .collect();
    if unknown.is_empty() {
        Ok(())
    } else {
        Err(ApiError::invalid(format!(
            "{what}: unknown field(s) {}; expected only {}",
            unknown.join(", "),
            t.keys().map(String::as_str).collect::<Vec<_>>().join(", ")
        )))
    }
}
