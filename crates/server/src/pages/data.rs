//! Data: import a file (with its error report), run the analyses, export, the import journal,
//! and the report.

use axum::extract::{Extension, Request, State};
use axum::response::{Html, IntoResponse, Redirect};
use creacity_report::esc;

use super::{Ctx, PageResult, error_page, fail, tr};
use crate::api::{import_bytes, parse_lang, report_html, upload};
use crate::auth::Principal;
use crate::error::ApiError;
use crate::extract::{FormBody, QueryArgs};
use crate::state::AppState;

fn body(ctx: &Ctx, ws: &creacity_store::Workspace, note: &str) -> Result<String, ApiError> {
    let t = |k: &str| tr(ctx.lang, k);
    let mut out = String::from(note);
    if ctx.can_edit() {
        out.push_str(&format!(
            r#"<section><h2>{import}</h2>
<form method="post" action="/data/import?csrf={csrf}" enctype="multipart/form-data" class="upload" data-busy="{busy}">
<label for="kind">{what}</label>
<select id="kind" name="kind"><option value="clusters">{clusters}</option><option value="territories">{territories}</option><option value="documents">{documents}</option></select>
<label for="file">{file}</label>
<input id="file" name="file" type="file" required accept=".csv,.tsv,.xlsx,.txt,.md,.html,.htm,.docx,.pdf">
<p class="muted">{hint}</p>
<button type="submit">{import}</button>
<p class="progress" role="status" aria-live="polite"></p>
</form></section>"#,
            import = t("import"),
            csrf = esc(ctx.csrf()),
            busy = t("importing"),
            what = t("import.kind"),
            clusters = t("nav.clusters"),
            territories = t("territories"),
            documents = t("documents"),
            file = t("file"),
            hint = t("import.hint"),
        ));
        out.push_str(&format!(
            r#"<section id="outlines"><h2>{title}</h2>
<form method="post" action="/data/outlines?csrf={csrf}" enctype="multipart/form-data" class="upload" data-busy="{busy}">
<label for="outline-file">{file}</label>
<input id="outline-file" name="file" type="file" required accept=".geojson,.json,application/geo+json">
<label for="id-property">{prop}</label>
<input id="id-property" name="id_property" type="text" maxlength="100" placeholder="territory_id, id, oktmo">
<p class="muted">{hint}</p>
<button type="submit">{upload}</button>
<p class="progress" role="status" aria-live="polite"></p>
</form></section>"#,
            title = t("outlines"),
            csrf = esc(ctx.csrf()),
            busy = t("importing"),
            file = t("outlines.file"),
            prop = t("outlines.property"),
            hint = t("outlines.hint"),
            upload = t("outlines.upload"),
        ));
        let terr = ws.territories()?;
        let mut opts = format!(r#"<option value="">{}</option>"#, t("territories.all"));
        for tt in &terr {
            opts.push_str(&format!(
                r#"<option value="{}">{}</option>"#,
                esc(&tt.id),
                esc(if ctx.lang == creacity_model::Lang::Ru {
                    &tt.name_ru
                } else {
                    &tt.name_en
                })
            ));
        }
        out.push_str(&format!(
            r#"<section><h2>{run}</h2><form method="post" action="/data/run" class="run">{csrf}
<label for="action">{analysis}</label><select id="action" name="action"><option value="classify">{classify}</option><option value="problems">{problems}</option><option value="strategy">{strategy}</option></select>
<label for="run-territory">{territory}</label><select id="run-territory" name="territory">{opts}</select>
<button type="submit">{go}</button></form></section>"#,
            run = t("run"),
            csrf = ctx.csrf_field(),
            analysis = t("analysis"),
            classify = t("run.classify"),
            problems = t("run.problems"),
            strategy = t("run.strategy"),
            territory = t("territory"),
            go = t("run.go"),
        ));
    }
    out.push_str(&format!(
        r#"<section><h2>{export}</h2><ul><li><a href="/api/exports/clusters?format=csv" download>{clusters} CSV</a></li><li><a href="/api/exports/clusters?format=xlsx" download>{clusters} XLSX</a></li><li><a href="/api/exports/territories?format=csv" download>{territories} CSV</a></li><li><a href="/report">{report}</a></li></ul></section>"#,
        export = t("export"),
        clusters = t("nav.clusters"),
        territories = t("territories"),
        report = t("report"),
    ));
    out.push_str(&format!(
        r#"<section><h2>{}</h2><div class="scroll"><table><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>"#,
        t("journal"), t("when"), t("what"), t("records"), t("source")
    ));
    for (kind, source, n, at) in ws.imports()?.iter().take(50) {
        out.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{n}</td><td>{}</td></tr>",
            esc(at),
            esc(kind),
            esc(source)
        ));
    }
    out.push_str("</tbody></table></div></section>");
    if ctx
        .user
        .as_ref()
        .is_some_and(|u| u.role == creacity_store::Role::Admin)
    {
        out.push_str(&super::admin::audit_section(&ws.audit(30)?, ctx.lang));
    }
    Ok(out)
}

async fn render(
    s: &AppState,
    ctx: &Ctx,
    note: String,
    status: axum::http::StatusCode,
) -> PageResult {
    let ctx2 = Ctx {
        lang: ctx.lang,
        set_lang: None,
        user: ctx.user.clone(),
        path: ctx.path.clone(),
    };
    let html = s
        .with_ws(move |ws, _| body(&ctx2, ws, &note))
        .await
        .map_err(fail(ctx))?;
    Ok(super::shell_status(ctx, status, ctx.t("nav.data"), &html))
}

pub(crate) async fn page(State(s): State<AppState>, ctx: Ctx) -> PageResult {
    render(&s, &ctx, String::new(), axum::http::StatusCode::OK).await
}

pub(crate) async fn import(
    State(s): State<AppState>,
    ctx: Ctx,
    Extension(p): Extension<Principal>,
    req: Request,
) -> PageResult {
    let up = upload(req).await.map_err(|e| error_page(&ctx, &e))?;
    if let Some((k, _)) = up.fields.iter().find(|(k, _)| k != "kind" && k != "csrf") {
        return Err(error_page(
            &ctx,
            &ApiError::invalid(format!("unknown form field {k:?}")),
        ));
    }
    let kind = up
        .fields
        .iter()
        .find(|(k, _)| k == "kind")
        .map(|(_, v)| v.clone())
        .unwrap_or_else(|| "clusters".into());
    let Some((name, bytes)) = up.file else {
        return Err(error_page(&ctx, &ApiError::bad("the form has no file")));
    };
    let shown = name.clone();
    let result = s
        .with_ws(move |ws, _| import_bytes(ws, &p.user, &kind, &name, &bytes))
        .await;
    let (note, status) = match result {
        Ok(sum) => (
            format!(
                r#"<p class="ok" role="status">{}: {} — {} {}, {} {}</p>"#,
                ctx.t("imported"),
                esc(&shown),
                sum.inserted,
                ctx.t("new"),
                sum.updated,
                ctx.t("replaced")
            ),
            axum::http::StatusCode::OK,
        ),
        Err(e) if !e.status().is_server_error() => {
            let mut n = format!(
                r#"<div class="error" role="alert"><p>{}</p>"#,
                esc(&e.public_message())
            );
            if !e.details.is_empty() {
                n.push_str(r#"<ul class="errors">"#);
                for d in &e.details {
                    n.push_str(&format!("<li>{}</li>", esc(d)));
                }
                n.push_str("</ul>");
            }
            n.push_str("</div>");
            (n, e.status())
        }
        Err(e) => return Err(error_page(&ctx, &e)),
    };
    render(&s, &ctx, note, status).await
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RunForm {
    #[allow(dead_code)]
    csrf: Option<String>,
    action: String,
    territory: Option<String>,
}

pub(crate) async fn run(
    State(s): State<AppState>,
    ctx: Ctx,
    Extension(p): Extension<Principal>,
    FormBody(f): FormBody<RunForm>,
) -> PageResult {
    let territory = f.territory.clone().filter(|t| !t.is_empty());
    let action = f.action.clone();
    let t2 = territory.clone();
    let done = s
        .with_ws(move |ws, k| {
            match action.as_str() {
                "classify" => {
                    creacity_app::classify(ws, k, t2.as_deref())?;
                    ws.log_change(
                        &p.user,
                        "classification.run",
                        t2.as_deref().unwrap_or("*"),
                        "",
                    )?;
                }
                "problems" => {
                    creacity_app::problems(ws, k)?;
                    ws.log_change(&p.user, "problems.run", "*", "")?;
                }
                "strategy" => {
                    let t = t2.ok_or_else(|| ApiError::invalid("choose a territory"))?;
                    let st = creacity_app::strategy(ws, k, &t)?;
                    ws.log_change(&p.user, "strategy.build", &st.id, &t)?;
                }
                other => return Err(ApiError::invalid(format!("unknown analysis {other:?}"))),
            }
            Ok(())
        })
        .await;
    match done {
        Ok(()) => {
            let q = territory.map_or(String::new(), |t| {
                format!("?territory={}", super::clusters::urlenc(&t))
            });
            let target = match f.action.as_str() {
                "classify" => format!("/typology{q}"),
                "problems" => "/problems".to_string(),
                _ => format!("/strategy{q}"),
            };
            Ok(Redirect::to(&target).into_response())
        }
        Err(e) => Err(error_page(&ctx, &e)),
    }
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ReportQ {
    territory: Option<String>,
    lang: Option<String>,
}

pub(crate) async fn report(
    State(s): State<AppState>,
    ctx: Ctx,
    QueryArgs(q): QueryArgs<ReportQ>,
) -> PageResult {
    let lang = parse_lang(q.lang.as_deref())
        .map_err(fail(&ctx))?
        .unwrap_or(ctx.lang);
    let html = s
        .with_ws(move |ws, k| report_html(ws, k, q.territory.as_deref(), lang))
        .await
        .map_err(fail(&ctx))?;
    let mut resp = Html(html).into_response();
    super::secure_headers(&mut resp);
    Ok(resp)
}

/// Uploads territory outlines (GeoJSON) from the form; reports matches, unmatched features or
/// every problem of the file.
pub(crate) async fn outlines(
    State(s): State<AppState>,
    ctx: Ctx,
    Extension(p): Extension<Principal>,
    req: Request,
) -> PageResult {
    let up = upload(req).await.map_err(|e| error_page(&ctx, &e))?;
    if let Some((k, _)) = up
        .fields
        .iter()
        .find(|(k, _)| k != "id_property" && k != "csrf")
    {
        return Err(error_page(
            &ctx,
            &ApiError::invalid(format!("unknown form field {k:?}")),
        ));
    }
    let id_property = up
        .fields
        .iter()
        .find(|(k, v)| k == "id_property" && !v.trim().is_empty())
        .map(|(_, v)| v.trim().to_string());
    let Some((name, bytes)) = up.file else {
        return Err(error_page(&ctx, &ApiError::bad("the form has no file")));
    };
    let shown = name.clone();
    let result = s
        .with_ws(move |ws, _| {
            crate::analyses::outline_upload(ws, &p.user, &name, &bytes, id_property.as_deref())
        })
        .await;
    let (note, status) = match result {
        Ok(o) => {
            let mut n = format!(
                r#"<div class="ok" role="status"><p>{}: {} — {} {}</p>"#,
                ctx.t("outlines.stored"),
                esc(&shown),
                o.matched.len(),
                ctx.t("territories")
            );
            if !o.unmatched.is_empty() {
                n.push_str(&format!("<p>{}</p><ul>", ctx.t("outlines.unmatched")));
                for u in &o.unmatched {
                    n.push_str(&format!("<li>#{}: {}</li>", u.index, esc(&u.reason)));
                }
                n.push_str("</ul>");
            }
            n.push_str(&format!(
                r#"<p><a href="/map">{}</a></p></div>"#,
                ctx.t("nav.map")
            ));
            (n, axum::http::StatusCode::OK)
        }
        Err(e) if !e.status().is_server_error() => {
            let mut n = format!(
                r#"<div class="error" role="alert"><p>{}</p>"#,
                esc(&e.public_message())
            );
            if !e.details.is_empty() {
                n.push_str(r#"<ul class="errors">"#);
                for d in &e.details {
                    n.push_str(&format!("<li>{}</li>", esc(d)));
                }
                n.push_str("</ul>");
            }
            n.push_str("</div>");
            (n, e.status())
        }
        Err(e) => return Err(error_page(&ctx, &e)),
    };
    render(&s, &ctx, note, status).await
}
