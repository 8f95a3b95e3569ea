//! # creacity-server
//!
//! The web application of creacity: a JSON API described by an OpenAPI document, and
//! server-rendered pages in Russian and English, over one workspace (a SQLite file or a
//! PostgreSQL database), with accounts, roles, CSRF protection and an audit log.
//!
//! | piece | where |
//! |---|---|
//! | the router, built from one route table | [`app`], [`routes::API_ROUTES`], [`routes::PAGE_ROUTES`] |
//! | running it | [`serve`] with a [`Config`] |
//! | the OpenAPI document | [`openapi::document`] (served at `/api/openapi.json`) |
//! | errors → HTTP status, one table | [`error::STATUS_TABLE`] |
//! | accounts | [`hash_password`] (Argon2id, RFC 9106), [`verify_password`] |
//! | an optional tile background of the map page | [`TileSource`] in [`Config::tiles`] (Web-Mercator, EPSG:3857) |
//!
//! Handlers follow *extract → call the store or the application layer → map the result*; store
//! work runs on a small pool of connections off the async threads. Every unsafe request needs
//! a session and its CSRF token, and every write checks the role the route table names.
//!
//! ```no_run
//! let state = creacity_server::AppState::open(creacity_server::Config::new("creacity.db")).unwrap();
//! let router = creacity_server::app(state); // an axum::Router, e.g. for tests
//! # drop(router);
//! ```
#![warn(missing_docs)]

mod analyses;
mod api;
mod auth;
pub mod error;
mod extract;
pub mod openapi;
mod pages;
pub mod routes;
mod state;
mod tiles;

use axum::Router;
use axum::extract::DefaultBodyLimit;

pub use api::check_user_name;
pub use auth::{Principal, hash_password, verify_password};
pub use error::{ApiError, ErrorKind};
pub use state::{AppState, Config};
pub use tiles::TileSource;

/// The application: every route of the table behind the guard, with the upload limit.
pub fn app(state: AppState) -> Router {
    let mut router: Router<AppState> = Router::new();
    for r in routes::API_ROUTES.iter().chain(routes::PAGE_ROUTES) {
        router = router.route(r.path, (r.handler)());
    }
    let limit = state.config().max_upload;
    router
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::guard,
        ))
        .fallback(|| async { ApiError::not_found("no such page or API route") })
        .layer(DefaultBodyLimit::max(limit))
        .with_state(state)
}

/// Serves the application on `bind` until Ctrl-C (or SIGTERM), then finishes the requests under way.
///
/// # Errors
/// When the address cannot be bound.
pub async fn serve(state: AppState, bind: std::net::SocketAddr) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(bind).await?;
    axum::serve(listener, app(state))
        .with_graceful_shutdown(shutdown())
        .await
}

/// [`serve`] on a runtime of its own, for callers without one (the `creacity serve` command).
///
/// # Errors
/// When the runtime cannot start or the address cannot be bound.
pub fn serve_blocking(state: AppState, bind: std::net::SocketAddr) -> std::io::Result<()> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(serve(state, bind))
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
