//! Accounts and sessions: Argon2id password hashes, random session tokens kept in HttpOnly,
//! SameSite=Strict cookies (only their SHA-256 is stored), a CSRF token per session, and the
//! guard that checks sign-in, CSRF and role on every request against the route table.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use axum::body::Body;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderMap, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use creacity_store::Role;
use rand::Rng;
use sha2::{Digest, Sha256};

use crate::error::{ApiError, ErrorKind};
use crate::routes::{Access, find_route};
use crate::state::AppState;

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "creacity_session";
/// The language cookie's name.
pub const LANG_COOKIE: &str = "creacity_lang";

/// Hashes a password with Argon2id (default parameters of the `argon2` crate: 19 MiB, 2 passes).
///
/// # Errors
/// When the password is empty.
pub fn hash_password(password: &str) -> Result<String, ApiError> {
    if password.is_empty() {
        return Err(ApiError::invalid("the password must not be empty"));
    }
    let salt_bytes: [u8; 16] = rand::rng().random();
    let salt =
        SaltString::encode_b64(&salt_bytes).map_err(|e| ApiError::internal(e.to_string()))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| ApiError::internal(e.to_string()))
}

/// Checks a password against a stored PHC string.
pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

pub(crate) fn random_token() -> String {
    let bytes: [u8; 32] = rand::rng().random();
    hex(&bytes)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub(crate) fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// The signed-in user of a request.
#[derive(Debug, Clone)]
pub struct Principal {
    /// Account name.
    pub user: String,
    /// Role.
    pub role: Role,
    /// The session's CSRF token (pages put it in every form).
    pub csrf: String,
}

/// The value of one cookie.
pub(crate) fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

pub(crate) fn session_cookie(state: &AppState, token: &str, max_age: i64) -> String {
    let secure = if state.config().secure_cookies {
        "; Secure"
    } else {
        ""
    };
    format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age}{secure}"
    )
}

/// Signs in: checks the password, stores a new session, returns (token, csrf).
pub(crate) async fn sign_in(
    state: &AppState,
    name: String,
    password: String,
) -> Result<(String, Principal), ApiError> {
    let hours = state.config().session_hours;
    if state.locked_out(&name) {
        return Err(ApiError::new(
            ErrorKind::TooManyAttempts,
            "too many failed sign-ins for this account; wait 15 minutes and try again",
        ));
    }
    let who = name.clone();
    let result = state
        .with_ws(move |ws, _| {
            let user = ws.user(&name)?;
            let ok = match &user {
                Some(u) => verify_password(&password, &u.password_hash),
                None => {
                    // Spend the same time as for a real account, so names cannot be probed.
                    let _ = hash_password(&password);
                    false
                }
            };
            let user = match (ok, user) {
                (true, Some(u)) => u,
                _ => {
                    return Err(ApiError::new(
                        ErrorKind::Unauthenticated,
                        "wrong name or password",
                    ));
                }
            };
            let token = random_token();
            let csrf = random_token();
            let expires = (std::time::SystemTime::now()
                + std::time::Duration::from_secs(hours.max(1) as u64 * 3600))
            .duration_since(std::time::UNIX_EPOCH)
            .map_err(|e| ApiError::internal(e.to_string()))?;
            let expires = rfc3339(expires.as_secs() as i64);
            ws.create_session(&token_hash(&token), &user.name, &csrf, &expires)?;
            ws.log_change(&user.name, "session.sign_in", &user.name, "")?;
            Ok((
                token,
                Principal {
                    user: user.name,
                    role: user.role,
                    csrf,
                },
            ))
        })
        .await;
    match &result {
        Ok(_) => state.record_sign_in(&who, true),
        Err(e) if e.kind == ErrorKind::Unauthenticated => state.record_sign_in(&who, false),
        Err(_) => {}
    }
    result
}

/// Seconds since 1970 → RFC 3339 UTC with milliseconds, as the store writes stamps.
fn rfc3339(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Civil-from-days (proleptic Gregorian), after H. Hinnant's public-domain algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.000Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

fn is_unsafe(m: &Method) -> bool {
    !matches!(*m, Method::GET | Method::HEAD | Method::OPTIONS)
}

fn query_param(uri: &axum::http::Uri, key: &str) -> Option<String> {
    uri.query()?
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| *k == key)
        .map(|(_, v)| v.to_string())
}

/// The guard in front of every route: who is asking, may they, and is an unsafe request carrying
/// the session's CSRF token (header `X-CSRF-Token`, query `csrf`, or form field `csrf`).
pub(crate) async fn guard(State(state): State<AppState>, req: Request, next: Next) -> Response {
    match check(&state, req).await {
        Ok(req) => {
            let unsafe_method = is_unsafe(req.method());
            let resp = next.run(req).await;
            if unsafe_method && (resp.status().is_success() || resp.status().is_redirection()) {
                state.changed();
            }
            resp
        }
        Err(resp) => resp,
    }
}

async fn check(state: &AppState, req: Request) -> Result<Request, Response> {
    let path = req
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| req.uri().path().to_string());
    let method = req.method().clone();
    let is_api = path.starts_with("/api/");
    let access = find_route(&method, &path).map_or(Access::Viewer, |r| r.access);
    if access == Access::Public {
        return Ok(req);
    }
    let principal = match cookie(req.headers(), SESSION_COOKIE) {
        Some(token) => state
            .session(token_hash(&token))
            .await
            .map_err(IntoResponse::into_response)?,
        None => None,
    };
    let Some(session) = principal else {
        if !is_api && method == Method::GET {
            let back = req.uri().path_and_query().map_or("/", |p| p.as_str());
            let back: String = back
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || "/?=&-_.".contains(*c))
                .collect();
            return Err(
                Redirect::to(&format!("/login?next={}", back.replace('&', "%26"))).into_response(),
            );
        }
        return Err(ApiError::new(ErrorKind::Unauthenticated, "sign in first").into_response());
    };
    let principal = Principal {
        user: session.user,
        role: session.role,
        csrf: session.csrf,
    };
    let mut req = req;
    if is_unsafe(&method) {
        let mut token = req
            .headers()
            .get("x-csrf-token")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
            .or_else(|| query_param(req.uri(), "csrf"));
        let is_form = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
        if token.is_none() && is_form {
            let (parts, body) = req.into_parts();
            let bytes = axum::body::to_bytes(body, state.config().max_upload)
                .await
                .map_err(|_| {
                    ApiError::new(
                        ErrorKind::TooLarge,
                        "the form is larger than the upload limit",
                    )
                    .into_response()
                })?;
            token = String::from_utf8_lossy(&bytes)
                .split('&')
                .filter_map(|kv| kv.split_once('='))
                .find(|(k, _)| *k == "csrf")
                .map(|(_, v)| v.to_string());
            req = Request::from_parts(parts, Body::from(bytes));
        }
        if token.as_deref() != Some(principal.csrf.as_str()) {
            return Err(ApiError::new(
                ErrorKind::Forbidden,
                "missing or wrong CSRF token: reload the page and try again",
            )
            .into_response());
        }
    }
    let needed = match access {
        Access::Public | Access::Viewer => Role::Viewer,
        Access::Analyst => Role::Analyst,
        Access::Admin => Role::Admin,
    };
    if principal.role < needed {
        return Err(ApiError::new(
            ErrorKind::Forbidden,
            format!(
                "the {} role may not do this; it needs the {} role",
                principal.role.code(),
                needed.code()
            ),
        )
        .into_response());
    }
    req.extensions_mut().insert(principal);
    Ok(req)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_of_known_instants() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00.000Z");
        // 2024-02-29T12:34:56Z, a leap day.
        assert_eq!(rfc3339(1_709_210_096), "2024-02-29T12:34:56.000Z");
    }

    #[test]
    fn passwords_verify_only_against_their_hash() {
        let h = hash_password("correct horse").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password("correct horse", &h));
        assert!(!verify_password("wrong", &h));
        assert!(hash_password("").is_err());
    }
}
