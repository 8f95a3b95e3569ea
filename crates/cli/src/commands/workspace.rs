//! `creacity init` and `creacity status`.

use std::path::Path;

use creacity_store::Workspace;

use crate::cli::Global;

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
    println!(
        "workspace {} (schema {})",
        g.workspace.display(),
        ws.schema_version()?
    );
    for (table, n) in ws.counts()? {
        println!("  {table:<12} {n:>8}");
    }
    let imports = ws.imports()?;
    if !imports.is_empty() {
        println!("latest imports:");
        for (kind, source, n, at) in imports.iter().take(5) {
            println!("  {at}  {kind:<12} {n:>6}  {source}");
        }
    }
    Ok(())
}
