//! `creacity demo`.

use std::path::Path;

use crate::cli::Global;
use std::fmt::Write;

use crate::output::{Progress, emit};

pub fn run(_g: &Global, out: &Path, force: bool) -> anyhow::Result<()> {
    let progress = Progress::start("demo");
    let outcome = creacity_app::demo(out, force, |s| progress.step(s))?;
    progress.finish();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "creacity demo — SYNTHETIC DATA (made-up cities, clusters and documents) / СИНТЕТИЧЕСКИЕ ДАННЫЕ"
    );
    let _ = writeln!(out, "workspace: {}", outcome.workspace.display());
    let _ = writeln!(out, "clusters per formation type:");
    for (t, n) in &outcome.per_type {
        let _ = writeln!(out, "  {t:<22} {n:>3}");
    }
    if let Some(p) = &outcome.top_problem {
        let _ = writeln!(out, "top management problem in the corpus: {p}");
    }
    for (t, n) in &outcome.measures {
        let _ = writeln!(out, "strategy for {t}: {n} measures");
    }
    let _ = writeln!(out, "reports:");
    for r in &outcome.reports {
        let _ = writeln!(out, "  {}", r.display());
    }
    emit(None, out.as_bytes())
}
