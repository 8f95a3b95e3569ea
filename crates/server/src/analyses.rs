//! Stored analysis results, territory outlines and the co-occurrence of problems: the API handlers
//! and what the pages share with them.

use axum::Json;
use axum::extract::{Extension, Path as UrlPath, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use creacity_app::outlines::{OUTLINES_KIND, Outlines, import_outlines};
use creacity_model::{Bilingual, ProblemRanking};
use creacity_store::Workspace;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::api::upload;
use crate::auth::Principal;
use crate::error::{ApiError, ErrorKind};
use crate::extract::QueryArgs;
use crate::state::AppState;

/// The command that makes each known kind of result, for "nothing stored yet" messages.
pub(crate) fn how_to_make(kind: &str) -> &'static str {
    match kind {
        "qca" => {
            "creacity qca --outcome INITIATIVE (cases from the case cards) or creacity qca --data FILE --outcome Y"
        }
        "index" => "creacity index build --idata DATA.csv --imeta META.csv",
        "mapping" => "creacity map indices --matrix MATRIX.csv --save",
        "text" => "creacity text count --dictionary FILE",
        "problems" => "creacity problems (or Data → Rank the problems)",
        "classification" => "creacity classify (or Data → Classify the clusters)",
        OUTLINES_KIND => "creacity outlines import FILE.geojson (or Data → Territory outlines)",
        _ => "the creacity command that makes it",
    }
}

fn check_kind(kind: &str) -> Result<(), ApiError> {
    if kind.is_empty()
        || kind.len() > 64
        || !kind
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
    {
        return Err(ApiError::invalid(format!(
            "analysis kind {kind:?}: use lower-case letters, digits, '-' and '_' (qca, index, mapping, text, problems, classification, territory-outlines)"
        )));
    }
    Ok(())
}

/// The newest stored result of a kind as the API shows it.
pub(crate) fn latest_json(
    ws: &Workspace,
    kind: &str,
    territory: Option<&str>,
) -> Result<Value, ApiError> {
    check_kind(kind)?;
    match ws.latest_analysis(kind, territory)? {
        Some(a) => Ok(json!({
            "id": a.id, "kind": a.kind, "territory_id": a.territory_id,
            "created_at": a.created_at, "provenance": a.provenance, "result": a.result,
        })),
        None => Err(ApiError::not_found(format!(
            "no {kind} result stored yet: run {}",
            how_to_make(kind)
        ))),
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct LatestQuery {
    territory: Option<String>,
}

pub(crate) async fn latest(
    State(s): State<AppState>,
    UrlPath(kind): UrlPath<String>,
    QueryArgs(q): QueryArgs<LatestQuery>,
) -> Result<Json<Value>, ApiError> {
    let v = s
        .with_ws(move |ws, _| latest_json(ws, &kind, q.territory.as_deref()))
        .await?;
    Ok(Json(v))
}

pub(crate) async fn outlines(State(s): State<AppState>) -> Result<Json<Value>, ApiError> {
    let v = s
        .with_ws(|ws, _| Ok(creacity_app::outlines::latest_outlines(ws)?))
        .await?;
    match v {
        Some((fc, _, _)) => Ok(Json(fc)),
        None => Err(ApiError::not_found(format!(
            "no territory outlines yet: run {}",
            how_to_make(OUTLINES_KIND)
        ))),
    }
}

/// Checks and stores an uploaded outline file; logs the change.
pub(crate) fn outline_upload(
    ws: &mut Workspace,
    user: &str,
    filename: &str,
    bytes: &[u8],
    id_property: Option<&str>,
) -> Result<Outlines, ApiError> {
    let name: String = std::path::Path::new(filename)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
        .chars()
        .filter(|c| c.is_alphanumeric() || "._- ".contains(*c))
        .collect();
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    if !matches!(ext.as_deref(), Some("geojson" | "json")) {
        return Err(ApiError::new(
            ErrorKind::UnsupportedType,
            format!("{filename:?}: outlines are read from .geojson or .json files"),
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        ApiError::new(
            ErrorKind::UnsupportedType,
            format!("{name}: not UTF-8 text (byte {})", e.valid_up_to()),
        )
    })?;
    if let Some(p) = id_property
        && (p.is_empty() || p.chars().count() > 100 || p.chars().any(char::is_control))
    {
        return Err(ApiError::invalid(
            "id_property: 1–100 characters, no control characters",
        ));
    }
    let o = import_outlines(ws, text, id_property, &name).map_err(|e| match e {
        creacity_app::AppError::Invalid(m) => {
            // The first line says what; one detail line per bad feature follows.
            let mut lines = m.lines().map(str::to_string);
            let first = lines.next().unwrap_or_default();
            ApiError {
                kind: ErrorKind::Invalid,
                message: format!("{name}: {first}"),
                details: lines.collect(),
            }
        }
        other => other.into(),
    })?;
    ws.log_change(
        user,
        "outlines.import",
        &name,
        &format!(
            "{} matched, {} unmatched",
            o.matched.len(),
            o.unmatched.len()
        ),
    )?;
    Ok(o)
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct OutlineQuery {
    filename: Option<String>,
    id_property: Option<String>,
}

pub(crate) async fn upload_outlines(
    State(s): State<AppState>,
    Extension(p): Extension<Principal>,
    QueryArgs(q): QueryArgs<OutlineQuery>,
    req: Request,
) -> Result<Response, ApiError> {
    let up = upload(req).await?;
    let id_property = q.id_property.or_else(|| {
        up.fields
            .iter()
            .find(|(k, v)| k == "id_property" && !v.trim().is_empty())
            .map(|(_, v)| v.trim().to_string())
    });
    let (name, bytes) = up.named_file(q.filename, "the GeoJSON", "NAME.geojson")?;
    let o = s
        .with_ws(move |ws, _| outline_upload(ws, &p.user, &name, &bytes, id_property.as_deref()))
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({ "matched": o.matched, "unmatched": o.unmatched, "bbox": o.bbox })),
    )
        .into_response())
}

/// Which problems are mentioned in the same documents: `matrix[i][j]` documents mention both
/// problem `i` and `j` (the diagonal: documents mentioning `i`), in rank order.
#[derive(Debug, Clone, serde::Serialize)]
pub(crate) struct Cooccurrence {
    pub documents: usize,
    pub problems: Vec<(String, Bilingual)>,
    pub matrix: Vec<Vec<u32>>,
}

/// Document co-occurrence of the ranked problems, from the mentions per document stored with the
/// ranking (the text engine's boolean document co-occurrence, quanteda's `fcm(context =
/// "document", count = "boolean")`).
pub(crate) fn cooccurrence(r: &ProblemRanking) -> Cooccurrence {
    let present: Vec<Vec<String>> = (0..r.documents.len())
        .map(|d| {
            r.problems
                .iter()
                .filter(|p| p.per_document.get(d).copied().unwrap_or(0) > 0)
                .map(|p| p.category.clone())
                .collect()
        })
        .collect();
    let fcm = creacity_text::fcm_document(&present, creacity_text::DocCount::Boolean);
    let matrix = r
        .problems
        .iter()
        .map(|a| {
            r.problems
                .iter()
                .map(|b| {
                    if a.category == b.category {
                        a.documents
                    } else {
                        fcm.get(&a.category, &b.category) as u32
                    }
                })
                .collect()
        })
        .collect();
    Cooccurrence {
        documents: r.documents.len(),
        problems: r
            .problems
            .iter()
            .map(|p| (p.category.clone(), p.label.clone()))
            .collect(),
        matrix,
    }
}

pub(crate) async fn problem_cooccurrence(
    State(s): State<AppState>,
) -> Result<Json<Value>, ApiError> {
    let body = s
        .cached("api|cooccurrence".into(), |ws, _| {
            let Some((r, p)) = creacity_app::latest_problems(ws)? else {
                return Err(ApiError::not_found(format!(
                    "no problem ranking yet: run {}",
                    how_to_make("problems")
                )));
            };
            let c = cooccurrence(&r);
            let v = json!({
                "documents": c.documents,
                "problems": c.problems.iter().map(|(id, l)| json!({ "category": id, "label": l })).collect::<Vec<_>>(),
                "matrix": c.matrix,
                "count": "documents mentioning both problems (the diagonal: documents mentioning the problem)",
                "ranking_created_at": p.created_at,
            });
            Ok(v.to_string())
        })
        .await?;
    serde_json::from_str(&body)
        .map(Json)
        .map_err(|e| ApiError::internal(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use creacity_model::ProblemScore;

    fn score(id: &str, per_document: Vec<u64>) -> ProblemScore {
        ProblemScore {
            category: id.into(),
            label: Bilingual {
                ru: id.into(),
                en: id.into(),
            },
            rank: 1,
            mentions: per_document.iter().sum(),
            documents: per_document.iter().filter(|&&n| n > 0).count() as u32,
            document_share: 0.0,
            share_low: None,
            share_high: None,
            per_document,
            evidence: Vec::new(),
        }
    }

    #[test]
    fn problems_in_the_same_documents_are_counted_once_per_document() {
        // Documents: d0 has a, b; d1 has a (3 times), c; d2 has a, b, c.
        let r = ProblemRanking {
            documents: vec!["d0".into(), "d1".into(), "d2".into()],
            problems: vec![
                score("a", vec![1, 3, 1]),
                score("b", vec![2, 0, 1]),
                score("c", vec![0, 1, 1]),
            ],
            dictionary: "test".into(),
        };
        let c = cooccurrence(&r);
        assert_eq!(c.matrix, vec![vec![3, 2, 2], vec![2, 2, 1], vec![2, 1, 2]]);
        assert_eq!(c.documents, 3);
    }
}
