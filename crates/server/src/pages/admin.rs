//! Accounts (administrators only): the list, a form to add one, and the audit log.

use axum::extract::{Extension, State};
use axum::http::StatusCode;
use creacity_report::esc;
use creacity_store::Role;

use super::{Ctx, PageResult, fail, shell_status, tr};
use crate::api::check_user_name;
use crate::auth::{Principal, hash_password};
use crate::error::ApiError;
use crate::extract::FormBody;
use crate::state::AppState;

async fn render(s: &AppState, ctx: &Ctx, note: String, status: StatusCode) -> PageResult {
    let lang = ctx.lang;
    let csrf = ctx.csrf_field();
    let (users, log) = s
        .with_ws(|ws, _| Ok((ws.users()?, ws.audit(100)?)))
        .await
        .map_err(fail(ctx))?;
    let t = |k: &str| tr(lang, k);
    let mut out = note;
    out.push_str(&format!(
        r#"<section><h2>{}</h2><table><thead><tr><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>"#,
        t("accounts"),
        t("user.name"),
        t("role")
    ));
    for u in &users {
        out.push_str(&format!(
            "<tr><td>{}</td><td>{}</td></tr>",
            esc(&u.name),
            t(&format!("role.{}", u.role.code()))
        ));
    }
    out.push_str("</tbody></table></section>");
    out.push_str(&format!(
        r#"<section><h2>{add}</h2><form method="post" action="/admin/users" class="login">{csrf}
<label for="new-name">{name}</label><input id="new-name" name="name" required maxlength="64" autocomplete="off">
<label for="new-role">{role}</label><select id="new-role" name="role"><option value="viewer">{viewer}</option><option value="analyst">{analyst}</option><option value="admin">{admin}</option></select>
<label for="new-password">{password}</label><input id="new-password" name="password" type="password" minlength="8" required autocomplete="new-password">
<button type="submit">{add}</button></form></section>"#,
        add = t("account.add"),
        name = t("user.name"),
        role = t("role"),
        viewer = t("role.viewer"),
        analyst = t("role.analyst"),
        admin = t("role.admin"),
        password = t("password"),
    ));
    out.push_str(&audit_section(&log, lang));
    Ok(shell_status(ctx, status, t("nav.admin"), &out))
}

pub(crate) async fn page(State(s): State<AppState>, ctx: Ctx) -> PageResult {
    render(&s, &ctx, String::new(), StatusCode::OK).await
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct NewUser {
    #[allow(dead_code)]
    csrf: Option<String>,
    name: String,
    role: String,
    password: String,
}

pub(crate) async fn add(
    State(s): State<AppState>,
    ctx: Ctx,
    Extension(p): Extension<Principal>,
    FormBody(f): FormBody<NewUser>,
) -> PageResult {
    let result = async {
        check_user_name(&f.name)?;
        let role = Role::parse(&f.role).ok_or_else(|| {
            ApiError::invalid(format!("role {:?}: use admin, analyst or viewer", f.role))
        })?;
        if f.password.chars().count() < 8 {
            return Err(ApiError::invalid(
                "the password must have at least 8 characters",
            ));
        }
        let password = f.password.clone();
        let hash = tokio::task::spawn_blocking(move || hash_password(&password))
            .await
            .map_err(|e| ApiError::internal(e.to_string()))??;
        let name = f.name.clone();
        s.with_ws(move |ws, _| {
            ws.add_user(&name, role, &hash)?;
            ws.log_change(&p.user, "user.add", &name, role.code())?;
            Ok(())
        })
        .await
    }
    .await;
    let (note, status) = match result {
        Ok(()) => (
            format!(
                r#"<p class="ok" role="status">{}: {}</p>"#,
                ctx.t("account.added"),
                esc(&f.name)
            ),
            StatusCode::OK,
        ),
        Err(e) if !e.status().is_server_error() => (
            format!(
                r#"<p class="error" role="alert">{}</p>"#,
                esc(&e.public_message())
            ),
            e.status(),
        ),
        Err(e) => return Err(super::error_page(&ctx, &e)),
    };
    render(&s, &ctx, note, status).await
}

/// The audit log as a section with a table: when, who, what, which record.
pub(crate) fn audit_section(
    log: &[creacity_store::AuditEntry],
    lang: creacity_model::Lang,
) -> String {
    let t = |k: &str| tr(lang, k);
    let mut out = format!(
        r#"<section><h2>{}</h2><div class="scroll"><table><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>"#,
        t("audit"),
        t("when"),
        t("who"),
        t("what"),
        t("record")
    );
    for a in log {
        out.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&a.at),
            esc(&a.user),
            esc(&a.action),
            esc(&a.target)
        ));
    }
    out.push_str("</tbody></table></div></section>");
    out
}
