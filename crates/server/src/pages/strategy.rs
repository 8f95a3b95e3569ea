//! Strategy: goals, measures with their actors and status, KPIs with progress; editing of measure
//! status and KPI values (optimistic locking: a stale form is refused with a clear message).

use axum::extract::{Extension, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use creacity_model::{Coded, MeasureStatus};
use creacity_report::{esc, num, pct};
use creacity_store::KpiValues;

use super::{
    Ctx, PageResult, TerritoryQ, fail, pick_territory, shell, shell_status, territory_form,
};
use crate::api::{parse_status, save_kpi, save_measure};
use crate::auth::Principal;
use crate::error::ApiError;
use crate::extract::{FormBody, QueryArgs};
use crate::state::AppState;

fn body(
    ctx: &Ctx,
    ws: &mut creacity_store::Workspace,
    k: &creacity_app::Knowledge,
    territory: Option<&str>,
    note: &str,
) -> Result<String, ApiError> {
    let lang = ctx.lang;
    let t = |key: &str| ctx.t(key);
    let all = ws.territories()?;
    let Some(terr) = pick_territory(ws, territory)? else {
        return Ok(format!("<p>{}</p>", t("empty")));
    };
    let mut out = territory_form(ctx, &all, &terr.id);
    out.push_str(note);
    let Some(st) = ws.latest_strategy(&terr.id)? else {
        out.push_str(&format!("<p>{}</p>", t("strategy.none")));
        if ctx.can_edit() {
            out.push_str(&run_button(ctx, "strategy", &terr.id, t("run.strategy")));
        }
        return Ok(out);
    };
    let (mv, kv) = ws.strategy_versions(&st.id)?;
    let version_of = |list: &[(String, i64)], id: &str| {
        list.iter().find(|(k, _)| k == id).map_or(0, |(_, v)| *v)
    };
    out.push_str(&format!("<h2>{}</h2><ul>", esc(st.title.get(lang))));
    for g in &st.goals {
        out.push_str(&format!("<li>{}</li>", esc(g.text.get(lang))));
    }
    out.push_str("</ul>");
    out.push_str(&format!(
        r#"<h2>{}</h2><div class="scroll"><table><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>"#,
        t("measures"), t("measure"), t("lead"), t("partners"), t("la_role"), t("status")
    ));
    for m in &st.measures {
        let version = version_of(&mv, &m.id);
        let partners: Vec<&str> = m.partners.iter().map(|p| p.label(lang)).collect();
        let status_cell = if ctx.can_edit() {
            let mut sel = String::new();
            for s in MeasureStatus::ALL {
                let selected = if *s == m.status { " selected" } else { "" };
                sel.push_str(&format!(
                    r#"<option value="{}"{selected}>{}</option>"#,
                    s.code(),
                    esc(s.label(lang))
                ));
            }
            format!(
                r#"<form method="post" action="/strategy/measure" class="inline">{csrf}<input type="hidden" name="strategy" value="{sid}"><input type="hidden" name="measure" value="{mid}"><input type="hidden" name="version" value="{version}"><input type="hidden" name="territory" value="{tid}"><label class="sr" for="st-{mid}">{label}</label><select id="st-{mid}" name="status">{sel}</select> <button type="submit">{save}</button></form>"#,
                csrf = ctx.csrf_field(),
                sid = esc(&st.id),
                mid = esc(&m.id),
                tid = esc(&terr.id),
                label = t("status"),
                save = t("save")
            )
        } else {
            esc(m.status.label(lang))
        };
        out.push_str(&format!(
            r#"<tr><td><strong>{}</strong><br><span class="muted">{}</span></td><td>{}</td><td>{}</td><td>{}</td><td>{status_cell}</td></tr>"#,
            esc(m.title.get(lang)),
            esc(m.reason.get(lang)),
            esc(m.lead.label(lang)),
            esc(&partners.join(", ")),
            esc(m.local_authority_role.get(lang)),
        ));
    }
    out.push_str("</tbody></table></div>");
    out.push_str(&format!(
        r#"<h2>{}</h2><div class="scroll"><table><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>"#,
        t("kpis"), t("kpi"), t("baseline"), t("target"), t("target_year"), t("current"), t("progress")
    ));
    for kpi in &st.kpis {
        let version = version_of(&kv, &kpi.id);
        let unit = k.catalogue.unit_label(&kpi.unit, lang);
        let progress = kpi.progress().map_or(String::from("—"), |p| {
            format!(
                r#"<meter min="0" max="1" value="{:.3}"></meter> {}"#,
                p.clamp(0.0, 1.0),
                pct(p)
            )
        });
        let v = |x: Option<f64>| x.map_or(String::new(), |x| x.to_string());
        let cells = if ctx.can_edit() {
            let id = format!("k-{}", esc(&kpi.id));
            let field = |name: &str, value: String, step: &str| {
                format!(
                    r#"<td><label class="sr" for="{id}-{name}">{}</label><input form="{id}" id="{id}-{name}" name="{name}" type="number" step="{step}" value="{}" size="8"></td>"#,
                    t(name),
                    esc(&value)
                )
            };
            format!(
                "{}{}{}{}",
                field("baseline", v(kpi.baseline), "any"),
                field("target", v(kpi.target), "any"),
                field(
                    "target_year",
                    kpi.target_year.map_or(String::new(), |y| y.to_string()),
                    "1"
                ),
                field("current", v(kpi.current), "any"),
            )
        } else {
            format!(
                "<td>{}</td><td>{}</td><td>{}</td><td>{}</td>",
                kpi.baseline.map_or(String::new(), |x| num(x, 2)),
                kpi.target.map_or(String::new(), |x| num(x, 2)),
                kpi.target_year.map_or(String::new(), |y| y.to_string()),
                kpi.current.map_or(String::new(), |x| num(x, 2)),
            )
        };
        let form = if ctx.can_edit() {
            format!(
                r#" <form method="post" action="/strategy/kpi" id="k-{kid}" class="inline">{csrf}<input type="hidden" name="strategy" value="{sid}"><input type="hidden" name="kpi" value="{kid}"><input type="hidden" name="version" value="{version}"><input type="hidden" name="territory" value="{tid}"><button type="submit">{save}</button></form>"#,
                kid = esc(&kpi.id),
                csrf = ctx.csrf_field(),
                sid = esc(&st.id),
                tid = esc(&terr.id),
                save = t("save")
            )
        } else {
            String::new()
        };
        out.push_str(&format!(
            r#"<tr><td>{} <span class="muted">({})</span></td>{cells}<td>{progress}{form}</td></tr>"#,
            esc(kpi.name.get(lang)),
            esc(unit)
        ));
    }
    out.push_str("</tbody></table></div>");
    if ctx.can_edit() {
        out.push_str(&run_button(
            ctx,
            "strategy",
            &terr.id,
            t("run.strategy.again"),
        ));
    }
    Ok(out)
}

pub(crate) fn run_button(ctx: &Ctx, action: &str, territory: &str, label: &str) -> String {
    format!(
        r#"<form method="post" action="/data/run" class="inline">{}<input type="hidden" name="action" value="{action}"><input type="hidden" name="territory" value="{}"><button type="submit">{}</button></form>"#,
        ctx.csrf_field(),
        esc(territory),
        esc(label)
    )
}

pub(crate) async fn page(
    State(s): State<AppState>,
    ctx: Ctx,
    QueryArgs(q): QueryArgs<TerritoryQ>,
) -> PageResult {
    let ctx2 = Ctx {
        lang: ctx.lang,
        set_lang: None,
        user: ctx.user.clone(),
        path: ctx.path.clone(),
    };
    let note = if q.saved.is_some() {
        format!(r#"<p class="ok" role="status">{}</p>"#, ctx.t("saved"))
    } else {
        String::new()
    };
    let html = s
        .with_ws(move |ws, k| body(&ctx2, ws, k, q.territory.as_deref(), &note))
        .await
        .map_err(fail(&ctx))?;
    Ok(shell(&ctx, ctx.t("nav.strategy"), &html))
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct MeasureForm {
    #[allow(dead_code)]
    csrf: Option<String>,
    strategy: String,
    measure: String,
    version: i64,
    status: String,
    territory: Option<String>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct KpiForm {
    #[allow(dead_code)]
    csrf: Option<String>,
    strategy: String,
    kpi: String,
    version: i64,
    territory: Option<String>,
    baseline: Option<String>,
    target: Option<String>,
    target_year: Option<String>,
    current: Option<String>,
}

fn opt<T: std::str::FromStr>(name: &str, v: Option<String>) -> Result<Option<T>, ApiError> {
    match v.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(x) => x
            .parse()
            .map(Some)
            .map_err(|_| ApiError::invalid(format!("{name}: {x:?} is not a number"))),
    }
}

async fn after_save(
    s: AppState,
    ctx: Ctx,
    territory: Option<String>,
    result: Result<i64, ApiError>,
) -> PageResult {
    match result {
        Ok(_) => {
            let q = territory.map_or(String::new(), |t| {
                format!("territory={}&", super::clusters::urlenc(&t))
            });
            Ok(Redirect::to(&format!("/strategy?{q}saved=1")).into_response())
        }
        Err(e)
            if e.status() == StatusCode::CONFLICT
                || e.status() == StatusCode::UNPROCESSABLE_ENTITY =>
        {
            let note = format!(
                r#"<p class="error" role="alert">{}</p>"#,
                esc(&e.public_message())
            );
            let ctx2 = Ctx {
                lang: ctx.lang,
                set_lang: None,
                user: ctx.user.clone(),
                path: ctx.path.clone(),
            };
            let html = s
                .with_ws(move |ws, k| body(&ctx2, ws, k, territory.as_deref(), &note))
                .await
                .map_err(fail(&ctx))?;
            Ok(shell_status(&ctx, e.status(), ctx.t("nav.strategy"), &html))
        }
        Err(e) => Err(super::error_page(&ctx, &e)),
    }
}

pub(crate) async fn save_measure_form(
    State(s): State<AppState>,
    ctx: Ctx,
    Extension(p): Extension<Principal>,
    FormBody(f): FormBody<MeasureForm>,
) -> PageResult {
    let result = match parse_status(&f.status) {
        Ok(status) => {
            s.with_ws(move |ws, _| {
                save_measure(ws, &p.user, &f.strategy, &f.measure, status, f.version)
            })
            .await
        }
        Err(e) => Err(e),
    };
    after_save(s, ctx, f.territory, result).await
}

pub(crate) async fn save_kpi_form(
    State(s): State<AppState>,
    ctx: Ctx,
    Extension(p): Extension<Principal>,
    FormBody(f): FormBody<KpiForm>,
) -> PageResult {
    let territory = f.territory.clone();
    let values = (|| {
        Ok::<_, ApiError>(KpiValues {
            baseline: opt("baseline", f.baseline)?,
            target: opt("target", f.target)?,
            target_year: opt("target_year", f.target_year)?,
            current: opt("current", f.current)?,
        })
    })();
    let result = match values {
        Ok(values) => {
            s.with_ws(move |ws, _| save_kpi(ws, &p.user, &f.strategy, &f.kpi, &values, f.version))
                .await
        }
        Err(e) => Err(e),
    };
    after_save(s, ctx, territory, result).await
}
