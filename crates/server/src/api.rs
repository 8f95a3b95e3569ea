//! JSON API handlers: extract → call the store or the application layer → map the result.

use std::path::Path;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Extension, FromRequest, Multipart, Path as UrlPath, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use creacity_app::{RecordKind, TableFormat};
use creacity_model::{Coded, CreativeCluster, Lang, MeasureStatus};
use creacity_store::{KpiValues, Role, Workspace};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::auth::{Principal, SESSION_COOKIE, session_cookie, sign_in as do_sign_in, token_hash};
use crate::error::{ApiError, ErrorKind};
use crate::extract::{JsonBody, QueryArgs, no_unknown_fields};
use crate::state::AppState;

type ApiResult<T = Json<Value>> = Result<T, ApiError>;

fn ok(v: impl serde::Serialize) -> ApiResult {
    serde_json::to_value(v)
        .map(Json)
        .map_err(|e| ApiError::internal(e.to_string()))
}

pub(crate) async fn health(State(s): State<AppState>) -> ApiResult {
    let version = s.with_ws(|ws, _| Ok(ws.schema_version()?)).await?;
    ok(json!({ "status": "ok", "schema_version": version, "version": creacity_app::VERSION }))
}

pub(crate) async fn openapi() -> Json<Value> {
    Json(crate::openapi::document())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Login {
    name: String,
    password: String,
}

pub(crate) async fn sign_in(
    State(s): State<AppState>,
    JsonBody(l): JsonBody<Login>,
) -> ApiResult<Response> {
    let (token, p) = do_sign_in(&s, l.name, l.password).await?;
    let cookie = session_cookie(&s, &token, s.config().session_hours * 3600);
    Ok((
        [(header::SET_COOKIE, cookie)],
        Json(json!({ "user": p.user, "role": p.role, "csrf": p.csrf })),
    )
        .into_response())
}

pub(crate) async fn session(Extension(p): Extension<Principal>) -> ApiResult {
    ok(json!({ "user": p.user, "role": p.role, "csrf": p.csrf }))
}

pub(crate) async fn sign_out(State(s): State<AppState>, headers: HeaderMap) -> ApiResult<Response> {
    end_session(&s, &headers).await?;
    Ok((
        [(header::SET_COOKIE, session_cookie(&s, "", 0))],
        StatusCode::NO_CONTENT,
    )
        .into_response())
}

pub(crate) async fn end_session(s: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    if let Some(token) = crate::auth::cookie(headers, SESSION_COOKIE) {
        let h = token_hash(&token);
        s.forget_session(&h);
        s.with_ws(move |ws, _| Ok(ws.delete_session(&h)?)).await?;
    }
    Ok(())
}

pub(crate) async fn territories(State(s): State<AppState>) -> ApiResult {
    ok(s.with_ws(|ws, _| Ok(ws.territories()?)).await?)
}

pub(crate) async fn territory(
    State(s): State<AppState>,
    UrlPath(id): UrlPath<String>,
) -> ApiResult {
    ok(s.with_ws(move |ws, _| Ok(ws.territory(&id)?)).await?)
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct TerritoryQuery {
    territory: Option<String>,
}

pub(crate) async fn clusters(
    State(s): State<AppState>,
    QueryArgs(q): QueryArgs<TerritoryQuery>,
) -> ApiResult {
    ok(
        s.with_ws(move |ws, _| Ok(ws.clusters(q.territory.as_deref())?))
            .await?,
    )
}

pub(crate) async fn cluster(State(s): State<AppState>, UrlPath(id): UrlPath<String>) -> ApiResult {
    let (card, version) = s.with_ws(move |ws, _| Ok(ws.cluster(&id)?)).await?;
    ok(json!({ "version": version, "cluster": card }))
}

/// A case card from JSON, refusing fields the card does not have and values the model refuses.
pub(crate) fn parse_card(
    v: Value,
    template: &CreativeCluster,
) -> Result<CreativeCluster, ApiError> {
    let t = serde_json::to_value(template).map_err(|e| ApiError::internal(e.to_string()))?;
    no_unknown_fields(&v, &t, "cluster")?;
    let card: CreativeCluster =
        serde_json::from_value(v).map_err(|e| ApiError::invalid(format!("cluster: {e}")))?;
    check_card(&card)?;
    Ok(card)
}

pub(crate) fn check_card(card: &CreativeCluster) -> Result<(), ApiError> {
    card.validate()
        .map_err(|e| ApiError::invalid(format!("cluster {:?}: {e}", card.id)))?;
    for (field, text) in [
        ("id", &card.id),
        ("name_ru", &card.name_ru),
        ("name_en", &card.name_en),
    ] {
        if text.trim().is_empty() {
            return Err(ApiError::invalid(format!(
                "cluster: {field} must not be empty"
            )));
        }
        if text.chars().count() > 500 {
            return Err(ApiError::invalid(format!(
                "cluster: {field} is longer than 500 characters"
            )));
        }
    }
    if card.notes.len() > 20_000 || card.sources.len() > 20_000 {
        return Err(ApiError::invalid(
            "cluster: notes and sources are limited to 20,000 bytes",
        ));
    }
    if card.id.chars().any(|c| c.is_control() || c == '/') {
        return Err(ApiError::invalid(
            "cluster: id must not contain '/' or control characters",
        ));
    }
    Ok(())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ClusterEdit {
    version: i64,
    cluster: Value,
}

pub(crate) async fn update_cluster(
    State(s): State<AppState>,
    Extension(p): Extension<Principal>,
    UrlPath(id): UrlPath<String>,
    JsonBody(e): JsonBody<ClusterEdit>,
) -> ApiResult {
    let version = s
        .with_ws(move |ws, _| {
            let (old, _) = ws.cluster(&id)?;
            let card = parse_card(e.cluster, &old)?;
            if card.id != id {
                return Err(ApiError::invalid(format!(
                    "the card's id {:?} differs from the address's {id:?}; ids cannot be changed",
                    card.id
                )));
            }
            save_card(ws, &p.user, &card, e.version)
        })
        .await?;
    ok(json!({ "version": version }))
}

pub(crate) fn save_card(
    ws: &mut Workspace,
    user: &str,
    card: &CreativeCluster,
    version: i64,
) -> Result<i64, ApiError> {
    let v = ws.update_cluster(card, version)?;
    ws.log_change(user, "cluster.update", &card.id, &format!("version {v}"))?;
    Ok(v)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ClusterNew {
    cluster: Value,
}

pub(crate) async fn create_cluster(
    State(s): State<AppState>,
    Extension(p): Extension<Principal>,
    JsonBody(e): JsonBody<ClusterNew>,
) -> ApiResult<Response> {
    let card = s
        .with_ws(move |ws, _| {
            let template = example_card();
            let card = parse_card(e.cluster, &template)?;
            if ws.cluster(&card.id).is_ok() {
                return Err(ApiError::new(
                    ErrorKind::Conflict,
                    format!("cluster {:?} already exists", card.id),
                ));
            }
            ws.import_clusters("web", std::slice::from_ref(&card))?;
            ws.log_change(&p.user, "cluster.create", &card.id, "")?;
            Ok(card)
        })
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({ "version": 1, "cluster": card })),
    )
        .into_response())
}

/// A card with every field, used as the list of allowed fields.
pub(crate) fn example_card() -> CreativeCluster {
    use creacity_model::*;
    CreativeCluster {
        id: String::new(),
        name_ru: String::new(),
        name_en: String::new(),
        territory_id: String::new(),
        initiator: Initiator::ALL[0],
        site_owner: SiteOwner::ALL[0],
        public_share_creation: 0.0,
        public_share_operation: 0.0,
        manager: Manager::ALL[0],
        support: Default::default(),
        public_seats: 0,
        board_seats: 0,
        residents: 0,
        private_resident_share: 0.0,
        year_opened: None,
        notes: String::new(),
        sources: String::new(),
        synthetic: false,
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct VersionQuery {
    version: i64,
}

pub(crate) async fn delete_cluster(
    State(s): State<AppState>,
    Extension(p): Extension<Principal>,
    UrlPath(id): UrlPath<String>,
    QueryArgs(q): QueryArgs<VersionQuery>,
) -> ApiResult<StatusCode> {
    s.with_ws(move |ws, _| {
        ws.delete_cluster(&id, q.version)?;
        ws.log_change(
            &p.user,
            "cluster.delete",
            &id,
            &format!("version {}", q.version),
        )?;
        Ok(())
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

pub(crate) async fn documents(State(s): State<AppState>) -> ApiResult {
    let docs = s.with_ws(|ws, _| Ok(ws.documents()?)).await?;
    ok(docs
        .iter()
        .map(|d| {
            json!({ "id": d.id, "title": d.title, "lang": d.lang, "kind": d.kind.code(), "year": d.year,
                    "authors": d.authors, "source": d.source, "synthetic": d.synthetic,
                    "characters": d.text.chars().count() })
        })
        .collect::<Vec<_>>())
}

pub(crate) async fn classification(
    State(s): State<AppState>,
    QueryArgs(q): QueryArgs<TerritoryQuery>,
) -> ApiResult {
    ok(
        s.with_ws(move |ws, k| current_classification(ws, k, q.territory.as_deref()))
            .await?,
    )
}

/// The classification of the clusters as they are now (computed, not stored: cheap and never stale).
pub(crate) fn current_classification(
    ws: &Workspace,
    k: &creacity_app::Knowledge,
    territory: Option<&str>,
) -> Result<creacity_typology::Classification, ApiError> {
    if let Some(t) = territory {
        ws.territory(t)?;
    }
    Ok(creacity_typology::classify(
        &k.spec,
        &ws.clusters(territory)?,
    ))
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct Run {
    territory: Option<String>,
}

pub(crate) async fn classify(
    State(s): State<AppState>,
    Extension(p): Extension<Principal>,
    JsonBody(r): JsonBody<Run>,
) -> ApiResult {
    ok(s.with_ws(move |ws, k| {
        let c = creacity_app::classify(ws, k, r.territory.as_deref())?;
        ws.log_change(
            &p.user,
            "classification.run",
            r.territory.as_deref().unwrap_or("*"),
            "",
        )?;
        Ok(c)
    })
    .await?)
}

pub(crate) async fn problems(State(s): State<AppState>) -> ApiResult {
    let r = s
        .with_ws(|ws, _| Ok(creacity_app::latest_problems(ws)?))
        .await?;
    match r {
        Some((ranking, provenance)) => ok(json!({ "ranking": ranking, "provenance": provenance })),
        None => Err(ApiError::not_found(
            "no problem ranking yet: run one with POST /api/problems",
        )),
    }
}

pub(crate) async fn run_problems(
    State(s): State<AppState>,
    Extension(p): Extension<Principal>,
) -> ApiResult {
    ok(s.with_ws(move |ws, k| {
        let r = creacity_app::problems(ws, k)?;
        ws.log_change(&p.user, "problems.run", "*", "")?;
        Ok(r)
    })
    .await?)
}

pub(crate) async fn strategies(State(s): State<AppState>) -> ApiResult {
    let ids = s.with_ws(|ws, _| Ok(ws.strategy_ids()?)).await?;
    ok(ids
        .into_iter()
        .map(|(id, t)| json!({ "id": id, "territory_id": t }))
        .collect::<Vec<_>>())
}

pub(crate) async fn build_strategy(
    State(s): State<AppState>,
    Extension(p): Extension<Principal>,
    JsonBody(r): JsonBody<Run>,
) -> ApiResult {
    let Some(t) = r.territory else {
        return Err(ApiError::invalid("territory is required"));
    };
    ok(s.with_ws(move |ws, k| {
        let st = creacity_app::strategy(ws, k, &t)?;
        ws.log_change(&p.user, "strategy.build", &st.id, &t)?;
        Ok(st)
    })
    .await?)
}

/// A strategy with the row versions of its measures and KPIs.
pub(crate) fn strategy_with_versions(ws: &Workspace, id: &str) -> Result<Value, ApiError> {
    let st = ws.strategy(id)?;
    let (mv, kv) = ws.strategy_versions(id)?;
    let measures: serde_json::Map<String, Value> =
        mv.into_iter().map(|(k, v)| (k, v.into())).collect();
    let kpis: serde_json::Map<String, Value> = kv.into_iter().map(|(k, v)| (k, v.into())).collect();
    Ok(json!({ "strategy": st, "versions": { "measures": measures, "kpis": kpis } }))
}

pub(crate) async fn strategy(State(s): State<AppState>, UrlPath(id): UrlPath<String>) -> ApiResult {
    ok(s.with_ws(move |ws, _| strategy_with_versions(ws, &id))
        .await?)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct MeasureEdit {
    version: i64,
    status: String,
}

pub(crate) fn parse_status(s: &str) -> Result<MeasureStatus, ApiError> {
    MeasureStatus::parse(s).ok_or_else(|| {
        ApiError::invalid(format!(
            "status {s:?} is not one of {}",
            MeasureStatus::expected()
        ))
    })
}

pub(crate) fn save_measure(
    ws: &mut Workspace,
    user: &str,
    strategy: &str,
    measure: &str,
    status: MeasureStatus,
    version: i64,
) -> Result<i64, ApiError> {
    let v = ws.set_measure_status(strategy, measure, status, version)?;
    ws.log_change(
        user,
        "measure.status",
        &format!("{strategy}/{measure}"),
        status.code(),
    )?;
    Ok(v)
}

pub(crate) async fn edit_measure(
    State(s): State<AppState>,
    Extension(p): Extension<Principal>,
    UrlPath((id, measure)): UrlPath<(String, String)>,
    JsonBody(e): JsonBody<MeasureEdit>,
) -> ApiResult {
    let status = parse_status(&e.status)?;
    let v = s
        .with_ws(move |ws, _| save_measure(ws, &p.user, &id, &measure, status, e.version))
        .await?;
    ok(json!({ "version": v }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct KpiEdit {
    version: i64,
    baseline: Option<f64>,
    target: Option<f64>,
    target_year: Option<i32>,
    current: Option<f64>,
}

pub(crate) fn save_kpi(
    ws: &mut Workspace,
    user: &str,
    strategy: &str,
    kpi: &str,
    values: &KpiValues,
    version: i64,
) -> Result<i64, ApiError> {
    for x in [values.baseline, values.target, values.current]
        .into_iter()
        .flatten()
    {
        if !x.is_finite() {
            return Err(ApiError::invalid("KPI values must be finite numbers"));
        }
    }
    if let Some(y) = values.target_year
        && !(1900..=2200).contains(&y)
    {
        return Err(ApiError::invalid(format!(
            "target_year {y} is outside 1900–2200"
        )));
    }
    let v = ws.update_kpi(strategy, kpi, values, version)?;
    ws.log_change(
        user,
        "kpi.update",
        &format!("{strategy}/{kpi}"),
        &serde_json::to_string(values).unwrap_or_default(),
    )?;
    Ok(v)
}

pub(crate) async fn edit_kpi(
    State(s): State<AppState>,
    Extension(p): Extension<Principal>,
    UrlPath((id, kpi)): UrlPath<(String, String)>,
    JsonBody(e): JsonBody<KpiEdit>,
) -> ApiResult {
    let values = KpiValues {
        baseline: e.baseline,
        target: e.target,
        target_year: e.target_year,
        current: e.current,
    };
    let v = s
        .with_ws(move |ws, _| save_kpi(ws, &p.user, &id, &kpi, &values, e.version))
        .await?;
    ok(json!({ "version": v }))
}

pub(crate) async fn imports(State(s): State<AppState>) -> ApiResult {
    let rows = s.with_ws(|ws, _| Ok(ws.imports()?)).await?;
    ok(rows
        .into_iter()
        .map(|(kind, source, records, at)| json!({ "kind": kind, "source": source, "records": records, "at": at }))
        .collect::<Vec<_>>())
}

/// What can be imported, and the file types each takes.
pub(crate) fn import_kind(
    kind: &str,
) -> Result<(Option<RecordKind>, &'static [&'static str]), ApiError> {
    match kind {
        "clusters" => Ok((Some(RecordKind::Clusters), &["csv", "tsv", "xlsx"])),
        "territories" => Ok((Some(RecordKind::Territories), &["csv", "tsv", "xlsx"])),
        "documents" => Ok((None, &["txt", "md", "html", "htm", "docx", "pdf"])),
        other => Err(ApiError::not_found(format!(
            "nothing to import as {other:?}: use clusters, territories or documents"
        ))),
    }
}

/// Imports one uploaded file in one transaction; returns the summary.
pub(crate) fn import_bytes(
    ws: &mut Workspace,
    user: &str,
    kind: &str,
    filename: &str,
    bytes: &[u8],
) -> Result<creacity_store::ImportSummary, ApiError> {
    let (record, allowed) = import_kind(kind)?;
    // Only the last path component, and only plain characters: the name is journaled and shown.
    let name: String = Path::new(filename)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
        .chars()
        .filter(|c| c.is_alphanumeric() || "._- ".contains(*c))
        .collect();
    let ext = Path::new(&name)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if name.is_empty() || !allowed.contains(&ext.as_str()) {
        return Err(ApiError::new(
            ErrorKind::UnsupportedType,
            format!(
                "{filename:?}: {kind} are imported from {} files",
                allowed.join(", ")
            ),
        ));
    }
    // Zip containers and PDFs are binary by nature: check their signature instead.
    let signature: Option<(&[u8], &str)> = match ext.as_str() {
        "xlsx" => Some((b"PK", "an XLSX workbook")),
        "docx" => Some((b"PK", "a Word (.docx) document")),
        "pdf" => Some((b"%PDF", "a PDF")),
        _ => None,
    };
    if let Some((magic, what)) = signature {
        if !bytes.starts_with(magic) {
            return Err(ApiError::new(
                ErrorKind::UnsupportedType,
                format!("{name}: not {what}"),
            ));
        }
    } else if bytes.contains(&0) {
        return Err(ApiError::new(
            ErrorKind::UnsupportedType,
            format!("{name}: a binary file, not text"),
        ));
    }
    let dir = tempfile::tempdir().map_err(|e| ApiError::internal(e.to_string()))?;
    let summary = match record {
        Some(rk) => {
            let path = dir.path().join(&name);
            std::fs::write(&path, bytes).map_err(|e| ApiError::internal(e.to_string()))?;
            creacity_app::import_table(ws, rk, &path)
        }
        None => {
            let docs = dir.path().join("documents");
            std::fs::create_dir(&docs).map_err(|e| ApiError::internal(e.to_string()))?;
            std::fs::write(docs.join(&name), bytes)
                .map_err(|e| ApiError::internal(e.to_string()))?;
            creacity_app::import_documents(ws, &docs)
        }
    }
    .map_err(import_error)?;
    ws.log_change(
        user,
        &format!("import.{kind}"),
        &name,
        &format!("{} new, {} replaced", summary.inserted, summary.updated),
    )?;
    Ok(summary)
}

/// An import failure with one detail line per bad row.
fn import_error(e: creacity_app::AppError) -> ApiError {
    match e {
        creacity_app::AppError::Ingest(creacity_ingest::IngestError::Invalid {
            file,
            problems,
        }) => ApiError {
            kind: ErrorKind::Invalid,
            message: format!(
                "{file}: {}; nothing was imported",
                creacity_ingest::count_label(&problems)
            ),
            details: problems.iter().map(ToString::to_string).collect(),
        },
        other => other.into(),
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct UploadQuery {
    filename: Option<String>,
}

pub(crate) async fn import(
    State(s): State<AppState>,
    Extension(p): Extension<Principal>,
    UrlPath(kind): UrlPath<String>,
    QueryArgs(q): QueryArgs<UploadQuery>,
    req: Request,
) -> ApiResult {
    import_kind(&kind)?;
    let up = upload(req).await?;
    let (name, bytes) = up.named_file(q.filename, "the file", "NAME")?;
    let summary = s
        .with_ws(move |ws, _| import_bytes(ws, &p.user, &kind, &name, &bytes))
        .await?;
    ok(summary)
}

/// An uploaded body: the first file of a multipart form with the form's text fields, or raw bytes.
pub(crate) struct Upload {
    pub file: Option<(String, Vec<u8>)>,
    pub fields: Vec<(String, String)>,
    pub raw: Vec<u8>,
}

impl Upload {
    /// The file's name and bytes: the multipart file, else the raw body named by `?filename=`
    /// (`what` and `example` name the expected file in the error).
    pub(crate) fn named_file(
        self,
        filename: Option<String>,
        what: &str,
        example: &str,
    ) -> Result<(String, Vec<u8>), ApiError> {
        match self.file {
            Some(f) => Ok(f),
            None => {
                let name = filename.ok_or_else(|| {
                    ApiError::bad(format!(
                        "send {what} as multipart/form-data, or as the raw body with ?filename={example}"
                    ))
                })?;
                Ok((name, self.raw))
            }
        }
    }
}

fn body_error(status: StatusCode, text: String) -> ApiError {
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        crate::extract::too_large()
    } else {
        ApiError::bad(text)
    }
}

pub(crate) async fn upload(req: Request) -> Result<Upload, ApiError> {
    let multipart = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    let mut up = Upload {
        file: None,
        fields: Vec::new(),
        raw: Vec::new(),
    };
    if !multipart {
        up.raw = Bytes::from_request(req, &())
            .await
            .map_err(|e| body_error(e.status(), e.body_text()))?
            .to_vec();
        return Ok(up);
    }
    let mut mp = Multipart::from_request(req, &())
        .await
        .map_err(|e| body_error(e.status(), e.body_text()))?;
    while let Some(field) = mp
        .next_field()
        .await
        .map_err(|e| body_error(e.status(), e.body_text()))?
    {
        let name = field.name().unwrap_or("").to_string();
        match field.file_name().map(str::to_string) {
            Some(file) if up.file.is_none() => {
                let bytes = field
                    .bytes()
                    .await
                    .map_err(|e| body_error(e.status(), e.body_text()))?;
                up.file = Some((file, bytes.to_vec()));
            }
            Some(_) => {}
            None => {
                let text = field
                    .text()
                    .await
                    .map_err(|e| body_error(e.status(), e.body_text()))?;
                up.fields.push((name, text));
            }
        }
    }
    Ok(up)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ExportQuery {
    format: Option<String>,
}

pub(crate) async fn export(
    State(s): State<AppState>,
    UrlPath(kind): UrlPath<String>,
    QueryArgs(q): QueryArgs<ExportQuery>,
) -> ApiResult<Response> {
    let record = match kind.as_str() {
        "clusters" => RecordKind::Clusters,
        "territories" => RecordKind::Territories,
        other => {
            return Err(ApiError::not_found(format!(
                "nothing to export as {other:?}: use clusters or territories"
            )));
        }
    };
    let (format, ctype, ext) = match q.format.as_deref().unwrap_or("csv") {
        "csv" => (TableFormat::Csv, "text/csv; charset=utf-8", "csv"),
        "xlsx" => (
            TableFormat::Xlsx,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        ),
        other => {
            return Err(ApiError::invalid(format!(
                "format {other:?}: use csv or xlsx"
            )));
        }
    };
    let bytes = s
        .with_ws(move |ws, _| Ok(creacity_app::export(ws, record, format)?))
        .await?;
    let mut h = HeaderMap::new();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(ctype));
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_str(&format!("attachment; filename=\"{kind}.{ext}\""))
            .map_err(|e| ApiError::internal(e.to_string()))?,
    );
    Ok((h, bytes).into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ReportQuery {
    territory: Option<String>,
    lang: Option<String>,
}

/// The report of a territory (the first one when none is named).
pub(crate) fn report_html(
    ws: &Workspace,
    k: &creacity_app::Knowledge,
    territory: Option<&str>,
    lang: Lang,
) -> Result<String, ApiError> {
    let t = match territory {
        Some(t) => t.to_string(),
        None => ws
            .territories()?
            .into_iter()
            .next()
            .map(|t| t.id)
            .ok_or_else(|| ApiError::not_found("the workspace has no territory yet"))?,
    };
    Ok(creacity_app::report(ws, k, &t, lang, Vec::new())?)
}

pub(crate) fn parse_lang(s: Option<&str>) -> Result<Option<Lang>, ApiError> {
    match s {
        None => Ok(None),
        Some("ru") => Ok(Some(Lang::Ru)),
        Some("en") => Ok(Some(Lang::En)),
        Some(other) => Err(ApiError::invalid(format!("lang {other:?}: use ru or en"))),
    }
}

pub(crate) async fn report(
    State(s): State<AppState>,
    QueryArgs(q): QueryArgs<ReportQuery>,
) -> ApiResult<Html<String>> {
    let lang = parse_lang(q.lang.as_deref())?.unwrap_or(Lang::En);
    let html = s
        .with_ws(move |ws, k| report_html(ws, k, q.territory.as_deref(), lang))
        .await?;
    Ok(Html(html))
}

pub(crate) async fn users(State(s): State<AppState>) -> ApiResult {
    ok(s.with_ws(|ws, _| Ok(ws.users()?)).await?)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct UserNew {
    name: String,
    role: String,
    password: String,
}

/// Checks an account name: 1–64 letters, digits, '.', '_' or '-'.
pub fn check_user_name(name: &str) -> Result<(), ApiError> {
    if name.is_empty()
        || name.chars().count() > 64
        || !name
            .chars()
            .all(|c| c.is_alphanumeric() || "._-".contains(c))
    {
        return Err(ApiError::invalid(format!(
            "user name {name:?}: use 1–64 letters, digits, '.', '_' or '-'"
        )));
    }
    Ok(())
}

pub(crate) async fn add_user(
    State(s): State<AppState>,
    Extension(p): Extension<Principal>,
    JsonBody(u): JsonBody<UserNew>,
) -> ApiResult<Response> {
    check_user_name(&u.name)?;
    let role = Role::parse(&u.role).ok_or_else(|| {
        ApiError::invalid(format!("role {:?}: use admin, analyst or viewer", u.role))
    })?;
    if u.password.chars().count() < 8 {
        return Err(ApiError::invalid(
            "the password must have at least 8 characters",
        ));
    }
    let hash = tokio::task::spawn_blocking(move || crate::auth::hash_password(&u.password))
        .await
        .map_err(|e| ApiError::internal(e.to_string()))??;
    let name = u.name.clone();
    s.with_ws(move |ws, _| {
        ws.add_user(&name, role, &hash)?;
        ws.log_change(&p.user, "user.add", &name, role.code())?;
        Ok(())
    })
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({ "name": u.name, "role": role })),
    )
        .into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AuditQuery {
    limit: Option<usize>,
}

pub(crate) async fn audit(
    State(s): State<AppState>,
    QueryArgs(q): QueryArgs<AuditQuery>,
) -> ApiResult {
    let limit = q.limit.unwrap_or(100).min(10_000);
    ok(s.with_ws(move |ws, _| Ok(ws.audit(limit)?)).await?)
}
