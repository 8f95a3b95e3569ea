//! `creacity demo`.

use std::path::Path;

use crate::cli::Global;
use crate::output::Progress;

pub fn run(_g: &Global, out: &Path, force: bool) -> anyhow::Result<()> {
    let progress = Progress::start("demo");
    let outcome = creacity_app::demo(out, force, |s| progress.step(s))?;
    progress.finish();
    println!(
        "creacity demo — SYNTHETIC DATA (made-up cities, clusters and documents) / СИНТЕТИЧЕСКИЕ ДАННЫЕ"
    );
    println!("workspace: {}", outcome.workspace.display());
    println!("clusters per formation type:");
    for (t, n) in &outcome.per_type {
        println!("  {t:<22} {n:>3}");
    }
    if let Some(p) = &outcome.top_problem {
        println!("top management problem in the corpus: {p}");
    }
    for (t, n) in &outcome.measures {
        println!("strategy for {t}: {n} measures");
    }
    println!("reports:");
    for r in &outcome.reports {
        println!("  {}", r.display());
    }
    Ok(())
}
