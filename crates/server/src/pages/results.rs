//! What the pages of stored results (QCA, index, mapping) share: the newest result of a kind,
//! the guidance shown when there is none, and the provenance line.

use axum::extract::State;
use creacity_model::Lang;
use creacity_report::esc;
use creacity_store::{StoredAnalysis, Workspace};

use super::{Ctx, PageResult, fail, shell, tr};
use crate::analyses::how_to_make;
use crate::error::ApiError;
use crate::state::AppState;

/// Renders the body of a result page from the newest stored analysis of `kind`.
pub(crate) type Render = fn(&StoredAnalysis, Lang) -> String;

/// A result page: cached body, the guidance when nothing is stored.
pub(crate) async fn result_page(
    s: State<AppState>,
    ctx: Ctx,
    kind: &'static str,
    title_key: &'static str,
    render: Render,
) -> PageResult {
    let lang = ctx.lang;
    let body = s
        .cached(format!("result|{kind}|{lang:?}"), move |ws, _| {
            body(ws, kind, lang, render)
        })
        .await
        .map_err(fail(&ctx))?;
    Ok(shell(&ctx, ctx.t(title_key), &body))
}

fn body(ws: &Workspace, kind: &str, lang: Lang, render: Render) -> Result<String, ApiError> {
    match ws.latest_analysis(kind, None)? {
        Some(a) => {
            let mut out = render(&a, lang);
            out.push_str(&provenance(&a, lang));
            out.push_str(&format!(
                r#"<p class="muted"><a href="/api/analyses/{kind}/latest">JSON</a></p>"#
            ));
            Ok(out)
        }
        None => Ok(none_yet(kind, lang)),
    }
}

/// "No results yet — run …".
pub(crate) fn none_yet(kind: &str, lang: Lang) -> String {
    format!(
        r#"<p role="status">{} <code>{}</code></p>"#,
        tr(lang, "results.none"),
        esc(how_to_make(kind))
    )
}

/// Method, parameters, inputs and time of a stored result.
pub(crate) fn provenance(a: &StoredAnalysis, lang: Lang) -> String {
    let p = &a.provenance;
    format!(
        r#"<details class="provenance"><summary>{}</summary><dl><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd><code>{}</code></dd><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{} {}</dd></dl></details>"#,
        tr(lang, "provenance"),
        tr(lang, "method"),
        esc(&p.method),
        tr(lang, "parameters"),
        esc(&p.parameters),
        tr(lang, "inputs"),
        esc(&p.inputs.join(", ")),
        tr(lang, "when"),
        esc(&a.created_at),
        esc(&p.tool_version)
    )
}

/// A number with `digits` decimals, or a dash for null / non-numbers.
pub(crate) fn fmt(v: &serde_json::Value, digits: usize) -> String {
    v.as_f64()
        .filter(|x| x.is_finite())
        .map_or_else(|| "—".to_string(), |x| creacity_report::num(x, digits))
}

/// Text of a JSON string (empty when not a string), escaped.
pub(crate) fn text(v: &serde_json::Value) -> String {
    esc(v.as_str().unwrap_or(""))
}

/// `<thead>` with the given column heads.
pub(crate) fn head(cols: &[&str]) -> String {
    let mut s = String::from("<thead><tr>");
    for c in cols {
        s.push_str(&format!(r#"<th scope="col">{}</th>"#, esc(c)));
    }
    s.push_str("</tr></thead>");
    s
}
