//! Shared state: a small pool of workspace connections, the reference knowledge, settings, and a
//! cache of rendered page bodies invalidated by every write.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use creacity_app::Knowledge;
use creacity_store::{Session, Workspace};

use crate::error::ApiError;

/// How the server is set up.
#[derive(Debug, Clone)]
pub struct Config {
    /// The workspace: a SQLite file path or a `postgres://` URL.
    pub workspace: PathBuf,
    /// Connections kept open (each serves one request at a time).
    pub connections: usize,
    /// Largest accepted request body, in bytes (uploads included).
    pub max_upload: usize,
    /// Mark cookies `Secure` (on by default; browsers accept them on `http://localhost` and
    /// `http://127.0.0.1`, elsewhere put the server behind TLS).
    pub secure_cookies: bool,
    /// Hours a session lasts.
    pub session_hours: i64,
    /// A raster tile background for the map page; `None` (the default) fetches nothing.
    pub tiles: Option<crate::tiles::TileSource>,
}

impl Config {
    /// Defaults for a workspace: 4 connections, 10 MiB uploads, secure cookies, 12-hour sessions,
    /// no tiles.
    pub fn new(workspace: impl AsRef<Path>) -> Self {
        Self {
            workspace: workspace.as_ref().to_path_buf(),
            connections: 4,
            max_upload: 10 * 1024 * 1024,
            secure_cookies: true,
            session_hours: 12,
            tiles: None,
        }
    }
}

/// Everything a handler needs; cheap to clone.
#[derive(Clone)]
pub struct AppState(pub(crate) Arc<Inner>);

/// A rendered body with the write generation and the time it was built at.
type Cached = (u64, Instant, Arc<String>);

pub(crate) struct Inner {
    pool: Vec<Mutex<Workspace>>,
    next: AtomicUsize,
    pub knowledge: Knowledge,
    pub config: Config,
    generation: AtomicU64,
    cache: RwLock<HashMap<String, Cached>>,
    sessions: RwLock<HashMap<String, (Session, Instant)>>,
    failures: Mutex<HashMap<String, (u32, Instant)>>,
}

/// Failed sign-ins allowed for one account name within [`LOCKOUT`] before it is refused.
pub(crate) const MAX_FAILURES: u32 = 5;
/// How long an account name stays refused after too many failures.
pub(crate) const LOCKOUT: Duration = Duration::from_secs(15 * 60);

/// Rendered bodies older than this are rebuilt even without a local write, so several server
/// processes on one PostgreSQL database see each other's changes soon.
const CACHE_TTL: Duration = Duration::from_secs(5);

impl AppState {
    /// Opens `config.connections` connections to the workspace and loads the built-in knowledge.
    ///
    /// # Errors
    /// The store's error when the workspace cannot be opened.
    pub fn open(config: Config) -> Result<Self, creacity_app::AppError> {
        let n = config.connections.max(1);
        let mut pool = Vec::with_capacity(n);
        for _ in 0..n {
            let ws = Workspace::open(&config.workspace)?;
            ws.prefer_concurrency()?;
            pool.push(Mutex::new(ws));
        }
        Ok(Self(Arc::new(Inner {
            pool,
            next: AtomicUsize::new(0),
            knowledge: Knowledge::builtin()?,
            config,
            generation: AtomicU64::new(0),
            cache: RwLock::new(HashMap::new()),
            sessions: RwLock::new(HashMap::new()),
            failures: Mutex::new(HashMap::new()),
        })))
    }

    pub(crate) fn config(&self) -> &Config {
        &self.0.config
    }

    /// Runs blocking store work on one pooled connection, off the async threads.
    pub(crate) async fn with_ws<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Workspace, &Knowledge) -> Result<T, ApiError> + Send + 'static,
    {
        let inner = self.0.clone();
        tokio::task::spawn_blocking(move || {
            let n = inner.pool.len();
            let start = inner.next.fetch_add(1, Ordering::Relaxed);
            // Take a free connection if one is free, else wait for ours in the rotation.
            let guard = (0..n)
                .find_map(|i| inner.pool[(start + i) % n].try_lock().ok())
                .map_or_else(|| inner.pool[start % n].lock(), Ok);
            let mut ws = guard.map_err(|_| ApiError::internal("a workspace connection failed"))?;
            f(&mut ws, &inner.knowledge)
        })
        .await
        .map_err(|e| ApiError::internal(format!("worker: {e}")))?
    }

    /// The live session of a token hash: from memory when looked up in the last few seconds, else
    /// from the store. (A session ended by another process is noticed within [`CACHE_TTL`].)
    pub(crate) async fn session(&self, token_hash: String) -> Result<Option<Session>, ApiError> {
        if let Some((s, at)) = self
            .0
            .sessions
            .read()
            .ok()
            .and_then(|m| m.get(&token_hash).cloned())
            && at.elapsed() < CACHE_TTL
        {
            return Ok(Some(s));
        }
        let key = token_hash.clone();
        let found = self.with_ws(move |ws, _| Ok(ws.session(&key)?)).await?;
        if let Ok(mut m) = self.0.sessions.write() {
            if m.len() > 10_000 {
                m.clear();
            }
            match &found {
                Some(s) => {
                    m.insert(token_hash, (s.clone(), Instant::now()));
                }
                None => {
                    m.remove(&token_hash);
                }
            }
        }
        Ok(found)
    }

    /// Whether sign-ins for `name` are refused for now (too many recent failures).
    pub(crate) fn locked_out(&self, name: &str) -> bool {
        self.0.failures.lock().is_ok_and(|m| {
            m.get(name)
                .is_some_and(|(n, at)| *n >= MAX_FAILURES && at.elapsed() < LOCKOUT)
        })
    }

    /// Counts a failed sign-in (`ok == false`) or clears the count.
    pub(crate) fn record_sign_in(&self, name: &str, ok: bool) {
        if let Ok(mut m) = self.0.failures.lock() {
            if ok {
                m.remove(name);
                return;
            }
            if m.len() > 100_000 {
                m.retain(|_, (_, at)| at.elapsed() < LOCKOUT);
            }
            let e = m.entry(name.to_string()).or_insert((0, Instant::now()));
            if e.1.elapsed() >= LOCKOUT {
                *e = (0, Instant::now());
            }
            e.0 += 1;
            e.1 = Instant::now();
        }
    }

    /// Forgets a session (sign-out).
    pub(crate) fn forget_session(&self, token_hash: &str) {
        if let Ok(mut m) = self.0.sessions.write() {
            m.remove(token_hash);
        }
    }

    /// Marks every cached body stale (called after each successful write).
    pub(crate) fn changed(&self) {
        self.0.generation.fetch_add(1, Ordering::Relaxed);
    }

    /// A cached body, or `build` run on the store and cached.
    pub(crate) async fn cached<F>(&self, key: String, build: F) -> Result<Arc<String>, ApiError>
    where
        F: FnOnce(&mut Workspace, &Knowledge) -> Result<String, ApiError> + Send + 'static,
    {
        let generation = self.0.generation.load(Ordering::Relaxed);
        if let Some((g, at, body)) = self.0.cache.read().ok().and_then(|c| c.get(&key).cloned())
            && g == generation
            && at.elapsed() < CACHE_TTL
        {
            return Ok(body);
        }
        let body = Arc::new(self.with_ws(build).await?);
        if let Ok(mut c) = self.0.cache.write() {
            c.insert(key, (generation, Instant::now(), body.clone()));
        }
        Ok(body)
    }
}
