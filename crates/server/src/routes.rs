//! The route table: every route with its method, who may call it, and its description. The router,
//! the guard (sign-in, CSRF, role) and the OpenAPI document are all built from this one table, so
//! none of them can forget a route.

use axum::http::Method;
use axum::routing::{MethodRouter, delete, get, post, put};

use crate::state::AppState;
use crate::{analyses, api, pages};

/// Who may call a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Access {
    /// Anyone (sign-in, health, the OpenAPI document, static assets).
    Public,
    /// Any signed-in account.
    Viewer,
    /// Analysts and administrators.
    Analyst,
    /// Administrators.
    Admin,
}

/// One route.
pub struct RouteSpec {
    /// HTTP method.
    pub method: &'static str,
    /// Path pattern (`{id}` for a path parameter).
    pub path: &'static str,
    /// Who may call it.
    pub access: Access,
    /// What it does (the OpenAPI summary).
    pub summary: &'static str,
    /// Query parameters.
    pub query: &'static [&'static str],
    /// The request body's schema in the OpenAPI components, if any.
    pub body: Option<&'static str>,
    /// The handler.
    pub handler: fn() -> MethodRouter<AppState>,
}

const fn r(
    method: &'static str,
    path: &'static str,
    access: Access,
    summary: &'static str,
    query: &'static [&'static str],
    body: Option<&'static str>,
    handler: fn() -> MethodRouter<AppState>,
) -> RouteSpec {
    RouteSpec {
        method,
        path,
        access,
        summary,
        query,
        body,
        handler,
    }
}

use Access::{Admin, Analyst, Public, Viewer};

/// Every route of the JSON API.
pub static API_ROUTES: &[RouteSpec] = &[
    r(
        "GET",
        "/api/health",
        Public,
        "Liveness: the server answers and its workspace opens",
        &[],
        None,
        || get(api::health),
    ),
    r(
        "GET",
        "/api/openapi.json",
        Public,
        "This OpenAPI document",
        &[],
        None,
        || get(api::openapi),
    ),
    r(
        "POST",
        "/api/session",
        Public,
        "Sign in; sets the session cookie and returns the CSRF token",
        &[],
        Some("Login"),
        || post(api::sign_in),
    ),
    r(
        "GET",
        "/api/session",
        Viewer,
        "The signed-in account and its CSRF token",
        &[],
        None,
        || get(api::session),
    ),
    r(
        "DELETE",
        "/api/session",
        Viewer,
        "Sign out",
        &[],
        None,
        || delete(api::sign_out),
    ),
    r(
        "GET",
        "/api/territories",
        Viewer,
        "All territories",
        &[],
        None,
        || get(api::territories),
    ),
    r(
        "GET",
        "/api/territories/{id}",
        Viewer,
        "One territory",
        &[],
        None,
        || get(api::territory),
    ),
    r(
        "GET",
        "/api/clusters",
        Viewer,
        "Cluster case cards, of one territory when given",
        &["territory"],
        None,
        || get(api::clusters),
    ),
    r(
        "POST",
        "/api/clusters",
        Analyst,
        "Add a cluster case card",
        &[],
        Some("ClusterNew"),
        || post(api::create_cluster),
    ),
    r(
        "GET",
        "/api/clusters/{id}",
        Viewer,
        "One case card with its version",
        &[],
        None,
        || get(api::cluster),
    ),
    r(
        "PUT",
        "/api/clusters/{id}",
        Analyst,
        "Replace a case card; 409 when its version changed since it was read",
        &[],
        Some("ClusterEdit"),
        || put(api::update_cluster),
    ),
    r(
        "DELETE",
        "/api/clusters/{id}",
        Analyst,
        "Delete a case card at a given version",
        &["version"],
        None,
        || delete(api::delete_cluster),
    ),
    r(
        "GET",
        "/api/documents",
        Viewer,
        "Documents of the corpus (without their text)",
        &[],
        None,
        || get(api::documents),
    ),
    r(
        "GET",
        "/api/classification",
        Viewer,
        "The newest stored classification (or one computed now)",
        &["territory"],
        None,
        || get(api::classification),
    ),
    r(
        "POST",
        "/api/classification",
        Analyst,
        "Classify the clusters now and store the result",
        &[],
        Some("Run"),
        || post(api::classify),
    ),
    r(
        "GET",
        "/api/problems",
        Viewer,
        "The newest problem ranking with evidence",
        &[],
        None,
        || get(api::problems),
    ),
    r(
        "POST",
        "/api/problems",
        Analyst,
        "Rank the management problems of the corpus now",
        &[],
        None,
        || post(api::run_problems),
    ),
    r(
        "GET",
        "/api/problems/cooccurrence",
        Viewer,
        "Documents mentioning each pair of ranked problems (the newest ranking)",
        &[],
        None,
        || get(analyses::problem_cooccurrence),
    ),
    r(
        "GET",
        "/api/analyses/{kind}/latest",
        Viewer,
        "The newest stored result of a kind (qca, index, mapping, text, problems, classification, territory-outlines) with its provenance",
        &["territory"],
        None,
        || get(analyses::latest),
    ),
    r(
        "GET",
        "/api/outlines",
        Viewer,
        "The territory outlines: a GeoJSON FeatureCollection whose features carry properties.territory_id and properties.name",
        &[],
        None,
        || get(analyses::outlines),
    ),
    r(
        "POST",
        "/api/outlines",
        Analyst,
        "Import territory outlines (GeoJSON Polygon/MultiPolygon features matched to territories by id_property, default territory_id, id, oktmo); 422 names each bad feature and field",
        &["filename", "id_property"],
        Some("Upload"),
        || post(analyses::upload_outlines),
    ),
    r(
        "GET",
        "/api/strategies",
        Viewer,
        "Strategies (id and territory), newest first",
        &[],
        None,
        || get(api::strategies),
    ),
    r(
        "POST",
        "/api/strategies",
        Analyst,
        "Build and store the strategy of a territory",
        &[],
        Some("Run"),
        || post(api::build_strategy),
    ),
    r(
        "GET",
        "/api/strategies/{id}",
        Viewer,
        "A strategy with the versions of its measures and KPIs",
        &[],
        None,
        || get(api::strategy),
    ),
    r(
        "PUT",
        "/api/strategies/{id}/measures/{measure}",
        Analyst,
        "Set a measure's status; 409 on a stale version",
        &[],
        Some("MeasureEdit"),
        || put(api::edit_measure),
    ),
    r(
        "PUT",
        "/api/strategies/{id}/kpis/{kpi}",
        Analyst,
        "Set a KPI's baseline, target and current value; 409 on a stale version",
        &[],
        Some("KpiEdit"),
        || put(api::edit_kpi),
    ),
    r(
        "GET",
        "/api/imports",
        Viewer,
        "The import journal, newest first",
        &[],
        None,
        || get(api::imports),
    ),
    r(
        "POST",
        "/api/imports/{kind}",
        Analyst,
        "Import a file (clusters, territories: CSV/TSV/XLSX; documents: TXT/MD) in one transaction; 422 lists every bad row",
        &["filename"],
        Some("Upload"),
        || post(api::import),
    ),
    r(
        "GET",
        "/api/exports/{kind}",
        Viewer,
        "Export clusters or territories as CSV or XLSX",
        &["format"],
        None,
        || get(api::export),
    ),
    r(
        "GET",
        "/api/report",
        Viewer,
        "The self-contained HTML report of a territory",
        &["territory", "lang"],
        None,
        || get(api::report),
    ),
    r("GET", "/api/users", Admin, "Accounts", &[], None, || {
        get(api::users)
    }),
    r(
        "POST",
        "/api/users",
        Admin,
        "Add an account",
        &[],
        Some("UserNew"),
        || post(api::add_user),
    ),
    r(
        "GET",
        "/api/audit",
        Admin,
        "The audit log of changes, newest first",
        &["limit"],
        None,
        || get(api::audit),
    ),
];

/// Every route of the web pages.
pub static PAGE_ROUTES: &[RouteSpec] = &[
    r("GET", "/login", Public, "Sign-in page", &[], None, || {
        get(pages::login::page)
    }),
    r(
        "POST",
        "/login",
        Public,
        "Sign in from the form",
        &[],
        None,
        || post(pages::login::submit),
    ),
    r(
        "POST",
        "/logout",
        Viewer,
        "Sign out from the form",
        &[],
        None,
        || post(pages::login::logout),
    ),
    r(
        "GET",
        "/static/app.css",
        Public,
        "Style sheet",
        &[],
        None,
        || get(pages::assets::css),
    ),
    r("GET", "/static/app.js", Public, "Script", &[], None, || {
        get(pages::assets::js)
    }),
    r(
        "GET",
        "/",
        Viewer,
        "Overview",
        &["territory", "lang"],
        None,
        || get(pages::overview::page),
    ),
    r(
        "GET",
        "/map",
        Viewer,
        "Map of outlines, territories and clusters",
        &["lang"],
        None,
        || get(pages::map_page::page),
    ),
    r(
        "GET",
        "/qca",
        Viewer,
        "QCA results",
        &["lang"],
        None,
        || get(pages::qca::page),
    ),
    r(
        "GET",
        "/index",
        Viewer,
        "Composite index results",
        &["lang"],
        None,
        || get(pages::composite::page),
    ),
    r(
        "GET",
        "/mapping",
        Viewer,
        "Creative-economy mapping results",
        &["lang"],
        None,
        || get(pages::mapping::page),
    ),
    r(
        "GET",
        "/texts",
        Viewer,
        "Content-analysis results (dictionary counts)",
        &["lang"],
        None,
        || get(pages::texts::page),
    ),
    r(
        "GET",
        "/clusters",
        Viewer,
        "Clusters",
        &["territory", "lang"],
        None,
        || get(pages::clusters::list),
    ),
    r(
        "GET",
        "/clusters/{id}",
        Viewer,
        "Case card",
        &["lang"],
        None,
        || get(pages::clusters::card),
    ),
    r(
        "POST",
        "/clusters/{id}",
        Analyst,
        "Save a case card from the form",
        &[],
        None,
        || post(pages::clusters::save),
    ),
    r(
        "GET",
        "/typology",
        Viewer,
        "Typology",
        &["territory", "lang"],
        None,
        || get(pages::typology::page),
    ),
    r(
        "GET",
        "/problems",
        Viewer,
        "Problems",
        &["lang"],
        None,
        || get(pages::problems::page),
    ),
    r(
        "GET",
        "/strategy",
        Viewer,
        "Strategy",
        &["territory", "lang"],
        None,
        || get(pages::strategy::page),
    ),
    r(
        "POST",
        "/strategy/measure",
        Analyst,
        "Save a measure's status from the form",
        &[],
        None,
        || post(pages::strategy::save_measure_form),
    ),
    r(
        "POST",
        "/strategy/kpi",
        Analyst,
        "Save a KPI from the form",
        &[],
        None,
        || post(pages::strategy::save_kpi_form),
    ),
    r(
        "GET",
        "/data",
        Viewer,
        "Imports and exports",
        &["lang"],
        None,
        || get(pages::data::page),
    ),
    r(
        "POST",
        "/data/import",
        Analyst,
        "Import a file from the form",
        &[],
        None,
        || post(pages::data::import),
    ),
    r(
        "POST",
        "/data/outlines",
        Analyst,
        "Import territory outlines from the form",
        &[],
        None,
        || post(pages::data::outlines),
    ),
    r(
        "POST",
        "/data/run",
        Analyst,
        "Run an analysis from the form",
        &[],
        None,
        || post(pages::data::run),
    ),
    r(
        "GET",
        "/report",
        Viewer,
        "The report of a territory",
        &["territory", "lang"],
        None,
        || get(pages::data::report),
    ),
    r(
        "GET",
        "/admin",
        Admin,
        "Accounts and the audit log",
        &["lang"],
        None,
        || get(pages::admin::page),
    ),
    r(
        "POST",
        "/admin/users",
        Admin,
        "Add an account from the form",
        &[],
        None,
        || post(pages::admin::add),
    ),
];

/// The route matching a method and a matched path pattern.
pub fn find_route(method: &Method, path: &str) -> Option<&'static RouteSpec> {
    let m = if *method == Method::HEAD {
        "GET"
    } else {
        method.as_str()
    };
    API_ROUTES
        .iter()
        .chain(PAGE_ROUTES)
        .find(|r| r.method == m && r.path == path)
}
