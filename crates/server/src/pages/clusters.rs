//! Clusters: the list, the case card with its type and the reasons for it, and the edit form.

use std::collections::BTreeSet;

use axum::extract::{Extension, Path as UrlPath, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use creacity_model::{Coded, CreativeCluster, Initiator, Lang, Manager, SiteOwner, Support};
use creacity_report::{esc, num, pct, type_colour};
use creacity_typology::ClusterResult;

use super::{Ctx, PageResult, TerritoryQ, error_page, fail, shell, shell_status, territory_form};
use crate::api::{check_card, current_classification, save_card};
use crate::auth::Principal;
use crate::error::ApiError;
use crate::extract::{FormBody, QueryArgs};
use crate::state::AppState;

fn type_badge(r: &ClusterResult, lang: Lang) -> String {
    format!(
        r#"<span class="badge" style="background:{}">{}</span>"#,
        type_colour(r.position, r.of),
        esc(r.label.get(lang))
    )
}

pub(crate) async fn list(
    State(s): State<AppState>,
    ctx: Ctx,
    QueryArgs(q): QueryArgs<TerritoryQ>,
) -> PageResult {
    let lang = ctx.lang;
    let key = format!("clusters|{:?}|{lang:?}", q.territory);
    let body = s
        .cached(key, move |ws, k| {
            let all = ws.territories()?;
            let terr = match q.territory.as_deref() {
                Some(t) => Some(ws.territory(t)?),
                None => None,
            };
            let c = current_classification(ws, k, terr.as_ref().map(|t| t.id.as_str()))?;
            let cards = ws.clusters(terr.as_ref().map(|t| t.id.as_str()))?;
            let tr = |key: &str| super::tr(lang, key);
            let ctx_free = Ctx { lang, set_lang: None, user: None, path: String::new() };
            let mut out = territory_form(&ctx_free, &all, terr.as_ref().map_or("", |t| t.id.as_str()));
            out.push_str(&format!(
                r#"<div class="scroll"><table><caption>{}</caption><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>"#,
                tr("clusters.caption"), tr("name"), tr("territory"), tr("type"), tr("score"), tr("residents"), tr("borderline")
            ));
            for r in &c.clusters {
                let card = cards.iter().find(|x| x.id == r.cluster_id);
                let terr_name = card
                    .and_then(|cd| all.iter().find(|t| t.id == cd.territory_id))
                    .map(|t| if lang == Lang::Ru { t.name_ru.clone() } else { t.name_en.clone() })
                    .unwrap_or_default();
                out.push_str(&format!(
                    r#"<tr><td><a href="/clusters/{id}">{name}</a></td><td>{terr}</td><td>{badge}</td><td>{score}</td><td>{res}</td><td>{border}</td></tr>"#,
                    id = esc(&r.cluster_id),
                    name = esc(r.name.get(lang)),
                    terr = esc(&terr_name),
                    badge = type_badge(r, lang),
                    score = num(r.score, 2),
                    res = card.map_or(0, |c| c.residents),
                    border = if r.borderline { tr("yes") } else { "" },
                ));
            }
            out.push_str("</tbody></table></div>");
            let mut clusters_of: std::collections::BTreeMap<String, Vec<String>> = Default::default();
            for cd in &cards {
                clusters_of.entry(cd.territory_id.clone()).or_default().push(cd.id.clone());
            }
            out.push_str(&format!(
                r#"<section><h2>{}</h2><figure>{}<figcaption>{}</figcaption></figure></section>"#,
                tr("map"),
                super::map::map_svg(&super::map::MapInput {
                    territories: &all,
                    classification: &c,
                    clusters_of: &clusters_of,
                    outlines: creacity_app::outlines::latest_outlines(ws)?.map(|o| o.0).as_ref(),
                    lang,
                    aria: tr("map"),
                    tiles: None,
                }),
                tr("map.caption")
            ));
            Ok(out)
        })
        .await
        .map_err(fail(&ctx))?;
    Ok(shell(&ctx, ctx.t("nav.clusters"), &body))
}

fn card_body(
    ctx: &Ctx,
    card: &CreativeCluster,
    version: i64,
    r: Option<&ClusterResult>,
    note: &str,
) -> String {
    let lang = ctx.lang;
    let t = |k: &str| ctx.t(k);
    let mut out = String::new();
    if !note.is_empty() {
        out.push_str(note);
    }
    if card.synthetic {
        out.push_str(&format!(
            r#"<p class="synthetic" role="note">{}</p>"#,
            t("synthetic")
        ));
    }
    if let Some(r) = r {
        out.push_str(&format!(
            r#"<section><h2>{}</h2><p>{} · {} {} · {} {}</p>"#,
            t("type"),
            type_badge(r, lang),
            t("score"),
            num(r.score, 3),
            t("margin"),
            num(r.margin, 3)
        ));
        if r.borderline {
            out.push_str(&format!(
                r#"<p class="warn">{}</p><ul>"#,
                t("borderline.note")
            ));
            for a in &r.alternatives {
                out.push_str(&format!(
                    "<li>{} → {}</li>",
                    esc(a.field.label(lang)),
                    esc(a.label.get(lang))
                ));
            }
            out.push_str("</ul>");
        }
        out.push_str(&format!(r#"<h3>{}</h3><table><thead><tr><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>"#, t("memberships"), t("type"), t("degree")));
        for m in &r.memberships {
            out.push_str(&format!(
                r#"<tr><td>{}</td><td><meter min="0" max="1" value="{:.3}"></meter> {}</td></tr>"#,
                esc(m.label.get(lang)),
                m.degree,
                pct(m.degree)
            ));
        }
        out.push_str(&format!(r#"</tbody></table><h3>{}</h3><table><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>"#, t("reasons"), t("fact"), t("value"), t("contribution")));
        let mut facts: Vec<_> = r.facts.iter().collect();
        facts.sort_by(|a, b| b.contribution.abs().total_cmp(&a.contribution.abs()));
        for f in facts {
            out.push_str(&format!(
                "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(f.field.label(lang)),
                esc(&f.value.render(f.field, lang)),
                num(f.contribution, 3)
            ));
        }
        out.push_str(&format!(
            r#"</tbody></table><details><summary>{}</summary><pre class="explain">{}</pre></details></section>"#,
            t("explanation"),
            esc(&creacity_typology::explain(r, lang))
        ));
    }
    out.push_str(&format!("<section><h2>{}</h2>", t("card")));
    if ctx.can_edit() {
        out.push_str(&edit_form(ctx, card, version));
    } else {
        out.push_str(&facts_table(ctx, card));
    }
    out.push_str("</section>");
    out
}

fn facts_table(ctx: &Ctx, c: &CreativeCluster) -> String {
    let lang = ctx.lang;
    let support: Vec<&str> = c.support.iter().map(|s| s.label(lang)).collect();
    let rows = [
        ("name_ru", esc(&c.name_ru)),
        ("name_en", esc(&c.name_en)),
        ("initiator", esc(c.initiator.label(lang))),
        ("site_owner", esc(c.site_owner.label(lang))),
        ("manager", esc(c.manager.label(lang))),
        ("public_share_creation", pct(c.public_share_creation)),
        ("public_share_operation", pct(c.public_share_operation)),
        ("support", esc(&support.join(", "))),
        (
            "public_seats",
            format!("{} / {}", c.public_seats, c.board_seats),
        ),
        ("residents", c.residents.to_string()),
        ("private_resident_share", pct(c.private_resident_share)),
        (
            "year_opened",
            c.year_opened.map_or(String::new(), |y| y.to_string()),
        ),
        ("notes", esc(&c.notes)),
        ("sources", esc(&c.sources)),
    ];
    let mut out = String::from("<table><tbody>");
    for (k, v) in rows {
        out.push_str(&format!(
            r#"<tr><th scope="row">{}</th><td>{v}</td></tr>"#,
            ctx.t(&format!("f.{k}"))
        ));
    }
    out.push_str("</tbody></table>");
    out
}

fn select<T: Coded + PartialEq>(ctx: &Ctx, name: &str, current: T) -> String {
    let mut s = format!(
        r#"<label for="{name}">{}</label><select id="{name}" name="{name}">"#,
        ctx.t(&format!("f.{name}"))
    );
    for v in T::ALL {
        let sel = if *v == current { " selected" } else { "" };
        s.push_str(&format!(
            r#"<option value="{}"{sel}>{}</option>"#,
            v.code(),
            esc(v.label(ctx.lang))
        ));
    }
    s.push_str("</select>");
    s
}

fn input(ctx: &Ctx, name: &str, kind: &str, value: &str, extra: &str) -> String {
    format!(
        r#"<label for="{name}">{}</label><input id="{name}" name="{name}" type="{kind}" value="{}" {extra}>"#,
        ctx.t(&format!("f.{name}")),
        esc(value)
    )
}

fn edit_form(ctx: &Ctx, c: &CreativeCluster, version: i64) -> String {
    let mut f = format!(
        r#"<form method="post" action="/clusters/{id}" class="edit">{csrf}<input type="hidden" name="version" value="{version}"><div class="grid">"#,
        id = esc(&c.id),
        csrf = ctx.csrf_field()
    );
    f.push_str(&input(
        ctx,
        "name_ru",
        "text",
        &c.name_ru,
        r#"required maxlength="500""#,
    ));
    f.push_str(&input(
        ctx,
        "name_en",
        "text",
        &c.name_en,
        r#"required maxlength="500""#,
    ));
    f.push_str(&select(ctx, "initiator", c.initiator));
    f.push_str(&select(ctx, "site_owner", c.site_owner));
    f.push_str(&select(ctx, "manager", c.manager));
    let share = r#"min="0" max="1" step="0.01" required"#;
    f.push_str(&input(
        ctx,
        "public_share_creation",
        "number",
        &c.public_share_creation.to_string(),
        share,
    ));
    f.push_str(&input(
        ctx,
        "public_share_operation",
        "number",
        &c.public_share_operation.to_string(),
        share,
    ));
    f.push_str(&input(
        ctx,
        "public_seats",
        "number",
        &c.public_seats.to_string(),
        r#"min="0" required"#,
    ));
    f.push_str(&input(
        ctx,
        "board_seats",
        "number",
        &c.board_seats.to_string(),
        r#"min="0" required"#,
    ));
    f.push_str(&input(
        ctx,
        "residents",
        "number",
        &c.residents.to_string(),
        r#"min="0" required"#,
    ));
    f.push_str(&input(
        ctx,
        "private_resident_share",
        "number",
        &c.private_resident_share.to_string(),
        share,
    ));
    f.push_str(&input(
        ctx,
        "year_opened",
        "number",
        &c.year_opened.map_or(String::new(), |y| y.to_string()),
        r#"min="1900" max="2200""#,
    ));
    f.push_str("</div>");
    f.push_str(&format!(
        r#"<fieldset><legend>{}</legend>"#,
        ctx.t("f.support")
    ));
    for s in Support::ALL {
        let checked = if c.support.contains(s) {
            " checked"
        } else {
            ""
        };
        f.push_str(&format!(
            r#"<label class="check" for="support-{code}"><input type="checkbox" id="support-{code}" name="support" value="{code}"{checked}> {}</label>"#,
            esc(s.label(ctx.lang)),
            code = s.code()
        ));
    }
    f.push_str("</fieldset>");
    for name in ["notes", "sources"] {
        let v = if name == "notes" {
            &c.notes
        } else {
            &c.sources
        };
        f.push_str(&format!(
            r#"<label for="{name}">{}</label><textarea id="{name}" name="{name}" rows="3">{}</textarea>"#,
            ctx.t(&format!("f.{name}")),
            esc(v)
        ));
    }
    f.push_str(&format!(
        r#"<p><button type="submit">{}</button></p></form>"#,
        ctx.t("save")
    ));
    f
}

pub(crate) async fn card(
    State(s): State<AppState>,
    ctx: Ctx,
    UrlPath(id): UrlPath<String>,
    QueryArgs(q): QueryArgs<TerritoryQ>,
) -> PageResult {
    let (card, version, r) = s
        .with_ws(move |ws, k| {
            let (card, version) = ws.cluster(&id)?;
            let c = current_classification(ws, k, Some(&card.territory_id))?;
            let r = c.clusters.into_iter().find(|r| r.cluster_id == card.id);
            Ok((card, version, r))
        })
        .await
        .map_err(fail(&ctx))?;
    let note = if q.saved.is_some() {
        format!(r#"<p class="ok" role="status">{}</p>"#, ctx.t("saved"))
    } else {
        String::new()
    };
    let title = if ctx.lang == Lang::Ru {
        card.name_ru.clone()
    } else {
        card.name_en.clone()
    };
    Ok(shell(
        &ctx,
        &title,
        &card_body(&ctx, &card, version, r.as_ref(), &note),
    ))
}

fn field<'a>(form: &'a [(String, String)], name: &str) -> Option<&'a str> {
    form.iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

fn parse_num<T: std::str::FromStr>(form: &[(String, String)], name: &str) -> Result<T, ApiError> {
    let v = field(form, name).unwrap_or("").trim();
    v.parse()
        .map_err(|_| ApiError::invalid(format!("{name}: {v:?} is not a valid number")))
}

fn parse_coded<T: Coded>(form: &[(String, String)], name: &str) -> Result<T, ApiError> {
    let v = field(form, name).unwrap_or("");
    T::parse(v)
        .ok_or_else(|| ApiError::invalid(format!("{name}: {v:?} is not one of {}", T::expected())))
}

/// Applies the edit form to a card.
fn apply_form(
    mut c: CreativeCluster,
    form: &[(String, String)],
) -> Result<(CreativeCluster, i64), ApiError> {
    const KNOWN: &[&str] = &[
        "csrf",
        "version",
        "name_ru",
        "name_en",
        "initiator",
        "site_owner",
        "manager",
        "public_share_creation",
        "public_share_operation",
        "public_seats",
        "board_seats",
        "residents",
        "private_resident_share",
        "year_opened",
        "support",
        "notes",
        "sources",
    ];
    if let Some((k, _)) = form.iter().find(|(k, _)| !KNOWN.contains(&k.as_str())) {
        return Err(ApiError::invalid(format!("unknown form field {k:?}")));
    }
    let version: i64 = parse_num(form, "version")?;
    c.name_ru = field(form, "name_ru").unwrap_or("").trim().to_string();
    c.name_en = field(form, "name_en").unwrap_or("").trim().to_string();
    c.initiator = parse_coded::<Initiator>(form, "initiator")?;
    c.site_owner = parse_coded::<SiteOwner>(form, "site_owner")?;
    c.manager = parse_coded::<Manager>(form, "manager")?;
    c.public_share_creation = parse_num(form, "public_share_creation")?;
    c.public_share_operation = parse_num(form, "public_share_operation")?;
    c.public_seats = parse_num(form, "public_seats")?;
    c.board_seats = parse_num(form, "board_seats")?;
    c.residents = parse_num(form, "residents")?;
    c.private_resident_share = parse_num(form, "private_resident_share")?;
    c.year_opened = match field(form, "year_opened").map(str::trim) {
        None | Some("") => None,
        Some(_) => Some(parse_num(form, "year_opened")?),
    };
    c.support = form
        .iter()
        .filter(|(k, _)| k == "support")
        .map(|(_, v)| {
            Support::parse(v).ok_or_else(|| {
                ApiError::invalid(format!(
                    "support: {v:?} is not one of {}",
                    Support::expected()
                ))
            })
        })
        .collect::<Result<BTreeSet<_>, _>>()?;
    c.notes = field(form, "notes").unwrap_or("").to_string();
    c.sources = field(form, "sources").unwrap_or("").to_string();
    check_card(&c)?;
    Ok((c, version))
}

pub(crate) async fn save(
    State(s): State<AppState>,
    ctx: Ctx,
    Extension(p): Extension<Principal>,
    UrlPath(id): UrlPath<String>,
    FormBody(form): FormBody<Vec<(String, String)>>,
) -> PageResult {
    let lang = ctx.lang;
    let redirect_id = id.clone();
    let result = s
        .with_ws(move |ws, k| {
            let (old, _) = ws.cluster(&id)?;
            let (card, version) = apply_form(old.clone(), &form)?;
            match save_card(ws, &p.user, &card, version) {
                Ok(_) => Ok(None),
                Err(e) => {
                    // Show the stored card again, with the conflict explained.
                    let (now, v) = ws.cluster(&id)?;
                    let c = current_classification(ws, k, Some(&now.territory_id))?;
                    let r = c.clusters.into_iter().find(|r| r.cluster_id == now.id);
                    Ok(Some((e, now, v, r)))
                }
            }
        })
        .await
        .map_err(fail(&ctx))?;
    match result {
        None => Ok(
            Redirect::to(&format!("/clusters/{}?saved=1", urlenc(&redirect_id))).into_response(),
        ),
        Some((e, now, v, r)) => {
            let note = format!(
                r#"<p class="error" role="alert">{}</p>"#,
                esc(&e.public_message())
            );
            let title = if lang == Lang::Ru {
                now.name_ru.clone()
            } else {
                now.name_en.clone()
            };
            let status = if e.status() == StatusCode::CONFLICT {
                StatusCode::CONFLICT
            } else {
                e.status()
            };
            if e.status().is_server_error() {
                return Err(error_page(&ctx, &e));
            }
            Ok(shell_status(
                &ctx,
                status,
                &title,
                &card_body(&ctx, &now, v, r.as_ref(), &note),
            ))
        }
    }
}

/// Percent-encodes a path segment.
pub(crate) fn urlenc(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}
