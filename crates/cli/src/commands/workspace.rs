//! `creacity init` and `creacity status`.

use std::path::Path;

use creacity_store::Workspace;

use std::fmt::Write;

use crate::cli::Global;
use crate::output::emit;

pub fn init(path: &Path) -> anyhow::Result<()> {
    Workspace::create(path)?;
    eprintln!(
        "created workspace {} (schema {})",
        path.display(),
        creacity_store::SCHEMA_VERSION
    );
    Ok(())
}

pub fn status(g: &Global) -> anyhow::Result<()> {
    let ws = super::open(g)?;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "workspace {} (schema {})",
        g.workspace.display(),
        ws.schema_version()?
    );
    for (table, n) in ws.counts()? {
        let _ = writeln!(out, "  {table:<12} {n:>8}");
    }
    let imports = ws.imports()?;
    if !imports.is_empty() {
        let _ = writeln!(out, "latest imports:");
        for (kind, source, n, at) in imports.iter().take(5) {
            let _ = writeln!(out, "  {at}  {kind:<12} {n:>6}  {source}");
        }
    }
    emit(None, out.as_bytes())
}
