//! Sign-in and sign-out from forms.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect};
use creacity_report::esc;

use super::{Ctx, PageResult, error_page, shell_status};
use crate::api::end_session;
use crate::auth::{session_cookie, sign_in};
use crate::error::ErrorKind;
use crate::extract::{FormBody, QueryArgs};
use crate::state::AppState;

#[derive(serde::Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct NextQ {
    next: Option<String>,
    #[allow(dead_code)]
    lang: Option<String>,
}

/// Only a local path is followed after sign-in (never another site).
fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n.to_string(),
        _ => "/".to_string(),
    }
}

fn form(ctx: &Ctx, next: &str, message: &str, user: &str) -> String {
    format!(
        r#"{message}<form method="post" action="/login" class="login">
<input type="hidden" name="next" value="{next}">
<label for="name">{name}</label><input id="name" name="name" value="{user}" autocomplete="username" required autofocus>
<label for="password">{password}</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">{signin}</button>
</form>"#,
        next = esc(next),
        user = esc(user),
        name = ctx.t("user.name"),
        password = ctx.t("password"),
        signin = ctx.t("login"),
    )
}

pub(crate) async fn page(ctx: Ctx, QueryArgs(q): QueryArgs<NextQ>) -> PageResult {
    let next = safe_next(q.next.as_deref());
    Ok(shell_status(
        &ctx,
        StatusCode::OK,
        ctx.t("login"),
        &form(&ctx, &next, "", ""),
    ))
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LoginForm {
    name: String,
    password: String,
    next: Option<String>,
}

pub(crate) async fn submit(
    State(s): State<AppState>,
    ctx: Ctx,
    FormBody(f): FormBody<LoginForm>,
) -> PageResult {
    let next = safe_next(f.next.as_deref());
    let user = f.name.clone();
    match sign_in(&s, f.name, f.password).await {
        Ok((token, _)) => {
            let cookie = session_cookie(&s, &token, s.config().session_hours * 3600);
            Ok(([(header::SET_COOKIE, cookie)], Redirect::to(&next)).into_response())
        }
        Err(e) if e.kind == ErrorKind::Unauthenticated || e.kind == ErrorKind::TooManyAttempts => {
            let text = if e.kind == ErrorKind::Unauthenticated {
                ctx.t("login.failed")
            } else {
                ctx.t("login.locked")
            };
            let msg = format!(r#"<p class="error" role="alert">{text}</p>"#);
            Ok(shell_status(
                &ctx,
                e.status(),
                ctx.t("login"),
                &form(&ctx, &next, &msg, &user),
            ))
        }
        Err(e) => Err(error_page(&ctx, &e)),
    }
}

pub(crate) async fn logout(State(s): State<AppState>, ctx: Ctx, headers: HeaderMap) -> PageResult {
    end_session(&s, &headers)
        .await
        .map_err(|e| error_page(&ctx, &e))?;
    Ok((
        [(header::SET_COOKIE, session_cookie(&s, "", 0))],
        Redirect::to("/login"),
    )
        .into_response())
}
