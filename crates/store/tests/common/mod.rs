//! Running one test on every backend: a SQLite file and, when `CREACITY_TEST_PG` names a
//! PostgreSQL database (`postgres://user:pw@127.0.0.1:5432/db`), PostgreSQL too, each run in a
//! schema of its own that is dropped afterwards.

use std::path::{Path, PathBuf};

/// A fresh workspace location on one backend, cleaned up on drop.
pub enum Place {
    Lite(tempfile::TempDir),
    Pg { admin: String, schema: String },
}

impl Place {
    pub fn location(&self) -> PathBuf {
        match self {
            Place::Lite(d) => d.path().join("w.db"),
            Place::Pg { admin, schema } => {
                let sep = if admin.contains('?') { '&' } else { '?' };
                PathBuf::from(format!("{admin}{sep}options=-csearch_path%3D{schema}"))
            }
        }
    }
}

impl Drop for Place {
    fn drop(&mut self) {
        if let Place::Pg { admin, schema } = self
            && let Ok(mut c) = postgres::Client::connect(admin, postgres::NoTls)
        {
            let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"));
        }
    }
}

/// A SQLite place, and a PostgreSQL one when the server is named (a notice otherwise).
pub fn places(test: &str) -> Vec<Place> {
    let mut out = vec![Place::Lite(tempfile::tempdir().unwrap())];
    match std::env::var("CREACITY_TEST_PG") {
        Ok(url) if !url.is_empty() => {
            let schema = format!(
                "t_{test}_{}_{}",
                std::process::id(),
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap()
                    .subsec_nanos()
            );
            let mut c = postgres::Client::connect(&url, postgres::NoTls)
                .expect("CREACITY_TEST_PG is set but the server cannot be reached");
            c.batch_execute(&format!("CREATE SCHEMA {schema}")).unwrap();
            out.push(Place::Pg { admin: url, schema });
        }
        _ => eprintln!("skipping PostgreSQL for {test}: CREACITY_TEST_PG is not set"),
    }
    out
}

/// Runs `f` on the location of every place.
pub fn each(test: &str, f: impl Fn(&Path)) {
    for p in places(test) {
        f(&p.location());
    }
}
