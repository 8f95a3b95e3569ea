//! Server-rendered pages: one module per page, a shared shell with navigation, language switch and
//! sign-out, and the words of the interface in Russian and English.

pub(crate) mod admin;
pub(crate) mod assets;
pub(crate) mod clusters;
pub(crate) mod composite;
pub(crate) mod data;
mod heatmap;
mod i18n;
mod i18n_text;
pub(crate) mod login;
mod map;
pub(crate) mod map_page;
pub(crate) mod mapping;
pub(crate) mod overview;
pub(crate) mod problems;
pub(crate) mod qca;
mod results;
pub(crate) mod strategy;
pub(crate) mod texts;
pub(crate) mod typology;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use creacity_model::Lang;
use creacity_report::esc;
use creacity_store::Role;

use crate::auth::{LANG_COOKIE, Principal, cookie};
use crate::error::ApiError;
pub(crate) use i18n::tr;

/// Who is asking, in which language, from which page.
pub(crate) struct Ctx {
    pub lang: Lang,
    /// The `?lang=` choice to remember in a cookie.
    pub set_lang: Option<Lang>,
    pub user: Option<Principal>,
    pub path: String,
}

impl Ctx {
    pub fn can_edit(&self) -> bool {
        self.user.as_ref().is_some_and(|u| u.role >= Role::Analyst)
    }
    pub fn csrf(&self) -> &str {
        self.user.as_ref().map_or("", |u| u.csrf.as_str())
    }
    /// A hidden CSRF field for forms.
    pub fn csrf_field(&self) -> String {
        format!(
            r#"<input type="hidden" name="csrf" value="{}">"#,
            esc(self.csrf())
        )
    }
    pub fn t(&self, key: &str) -> &'static str {
        tr(self.lang, key)
    }
}

fn lang_code(l: Lang) -> &'static str {
    match l {
        Lang::Ru => "ru",
        Lang::En => "en",
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        let query_lang = parts.uri.query().and_then(|q| {
            q.split('&').find_map(|kv| match kv {
                "lang=ru" => Some(Lang::Ru),
                "lang=en" => Some(Lang::En),
                _ => None,
            })
        });
        let cookie_lang = match cookie(&parts.headers, LANG_COOKIE).as_deref() {
            Some("ru") => Some(Lang::Ru),
            Some("en") => Some(Lang::En),
            _ => None,
        };
        let accept_ru = parts
            .headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.trim_start().starts_with("ru"));
        let lang =
            query_lang
                .or(cookie_lang)
                .unwrap_or(if accept_ru { Lang::Ru } else { Lang::En });
        Ok(Ctx {
            lang,
            set_lang: query_lang,
            user: parts.extensions.get::<Principal>().cloned(),
            path: parts.uri.path().to_string(),
        })
    }
}

/// A page's HTML in the shell.
pub(crate) fn shell(ctx: &Ctx, title: &str, body: &str) -> Response {
    shell_status(ctx, StatusCode::OK, title, body)
}

pub(crate) fn shell_status(ctx: &Ctx, status: StatusCode, title: &str, body: &str) -> Response {
    let nav_items = [
        ("/", "nav.overview"),
        ("/map", "nav.map"),
        ("/clusters", "nav.clusters"),
        ("/typology", "nav.typology"),
        ("/qca", "nav.qca"),
        ("/problems", "nav.problems"),
        ("/index", "nav.index"),
        ("/mapping", "nav.mapping"),
        ("/texts", "nav.text"),
        ("/strategy", "nav.strategy"),
        ("/data", "nav.data"),
    ];
    let mut nav = String::new();
    let admin = ctx.user.as_ref().is_some_and(|u| u.role == Role::Admin);
    let extra = [("/admin", "nav.admin")];
    for (href, key) in nav_items
        .into_iter()
        .chain(extra.into_iter().filter(|_| admin))
    {
        // "/map" is current on "/map" and "/map/…", not on "/mapping".
        let below = ctx
            .path
            .strip_prefix(href)
            .is_some_and(|rest| rest.starts_with('/'));
        let current = if ctx.path == href || (href != "/" && below) {
            r#" aria-current="page""#
        } else {
            ""
        };
        nav.push_str(&format!(
            r#"<li><a href="{href}"{current}>{}</a></li>"#,
            ctx.t(key)
        ));
    }
    let other = match ctx.lang {
        Lang::Ru => ("en", "English"),
        Lang::En => ("ru", "Русский"),
    };
    let user = match &ctx.user {
        Some(u) => format!(
            r#"<form method="post" action="/logout" class="inline">{csrf}<span class="who">{name} · {role}</span> <button type="submit">{out}</button></form>"#,
            csrf = ctx.csrf_field(),
            name = esc(&u.user),
            role = ctx.t(&format!("role.{}", u.role.code())),
            out = ctx.t("logout"),
        ),
        None => String::new(),
    };
    let html = format!(
        r##"<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · creacity</title>
<link rel="stylesheet" href="/static/app.css">
<script src="/static/app.js" defer></script>
</head>
<body>
<a class="skip" href="#main">{skip}</a>
<header>
<span class="brand">creacity</span>
<nav aria-label="{navlabel}"><ul>{nav}</ul></nav>
<div class="tools"><a href="?lang={olang}" hreflang="{olang}" lang="{olang}">{oname}</a> {user}</div>
</header>
<main id="main" tabindex="-1">
<h1>{title}</h1>
{body}
</main>
<footer>{footer}</footer>
</body>
</html>"##,
        lang = lang_code(ctx.lang),
        title = esc(title),
        skip = ctx.t("skip"),
        navlabel = ctx.t("nav.label"),
        olang = other.0,
        oname = other.1,
        footer = ctx.t("footer"),
    );
    let mut resp = (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        html,
    )
        .into_response();
    secure_headers(&mut resp);
    if let Some(l) = ctx.set_lang
        && let Ok(v) = format!(
            "{LANG_COOKIE}={}; Path=/; SameSite=Lax; Max-Age=31536000",
            lang_code(l)
        )
        .parse()
    {
        resp.headers_mut().append(header::SET_COOKIE, v);
    }
    resp
}

/// Headers every page carries: nothing from other origins, no framing, no sniffing.
pub(crate) fn secure_headers(resp: &mut Response) {
    let h = resp.headers_mut();
    let pairs = [
        (
            "content-security-policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'; form-action 'self'",
        ),
        ("x-content-type-options", "nosniff"),
        ("x-frame-options", "DENY"),
        ("referrer-policy", "same-origin"),
    ];
    for (k, v) in pairs {
        if let (Ok(k), Ok(v)) = (k.parse::<axum::http::HeaderName>(), v.parse()) {
            h.insert(k, v);
        }
    }
}

/// An error shown as a page (the API shows the same errors as JSON).
pub(crate) fn error_page(ctx: &Ctx, e: &ApiError) -> Response {
    let mut body = format!(
        r#"<p class="error" role="alert">{}</p>"#,
        esc(&e.public_message())
    );
    if !e.details.is_empty() {
        body.push_str(r#"<ul class="errors">"#);
        for d in &e.details {
            body.push_str(&format!("<li>{}</li>", esc(d)));
        }
        body.push_str("</ul>");
    }
    body.push_str(&format!(
        r#"<p><a href="javascript:history.back()">{}</a></p>"#,
        ctx.t("back")
    ));
    shell_status(ctx, e.status(), ctx.t("error"), &body)
}

/// Result of a page handler: a page, or an error rendered as a page.
pub(crate) type PageResult = Result<Response, Response>;

pub(crate) fn fail(ctx: &Ctx) -> impl Fn(ApiError) -> Response + '_ {
    move |e| error_page(ctx, &e)
}

/// The territory a page is about: the one asked for, else the one with the newest strategy, else
/// the one with the most clusters (a region above the cities has none of its own).
pub(crate) fn pick_territory(
    ws: &creacity_store::Workspace,
    asked: Option<&str>,
) -> Result<Option<creacity_model::Territory>, ApiError> {
    if let Some(id) = asked {
        return Ok(Some(ws.territory(id)?));
    }
    if let Some((_, t)) = ws.strategy_ids()?.into_iter().next() {
        return Ok(Some(ws.territory(&t)?));
    }
    let clusters = ws.clusters(None)?;
    let all = ws.territories()?;
    let best = all
        .iter()
        .max_by_key(|t| {
            (
                clusters.iter().filter(|c| c.territory_id == t.id).count(),
                std::cmp::Reverse(t.id.clone()),
            )
        })
        .cloned();
    Ok(best)
}

/// A territory chooser (a GET form, works without script).
pub(crate) fn territory_form(
    ctx: &Ctx,
    all: &[creacity_model::Territory],
    current: &str,
) -> String {
    if all.len() < 2 {
        return String::new();
    }
    let mut opts = String::new();
    for t in all {
        let sel = if t.id == current { " selected" } else { "" };
        let name = match ctx.lang {
            Lang::Ru => &t.name_ru,
            Lang::En => &t.name_en,
        };
        opts.push_str(&format!(
            r#"<option value="{}"{sel}>{}</option>"#,
            esc(&t.id),
            esc(name)
        ));
    }
    format!(
        r#"<form method="get" class="inline picker"><label for="territory">{}</label> <select id="territory" name="territory">{opts}</select> <button type="submit">{}</button></form>"#,
        ctx.t("territory"),
        ctx.t("show")
    )
}

/// Query of the pages that concern one territory.
#[derive(serde::Deserialize, Default)]
pub(crate) struct TerritoryQ {
    pub territory: Option<String>,
    #[allow(dead_code)]
    pub lang: Option<String>,
    pub saved: Option<String>,
}
