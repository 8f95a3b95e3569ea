//! `creacity text kwic`: keyword in context.

use creacity_text::{PatternKind, kwic};

use super::Kind;
use super::inputs::{documents, texts};
use crate::cli::Global;
use crate::output::{emit, json};

pub(super) fn kwic_cmd(
    g: &Global,
    patterns: &[String],
    window: usize,
    kind: Kind,
    limit: Option<usize>,
    as_json: bool,
) -> anyhow::Result<()> {
    let docs = documents(g)?;
    let kind = match kind {
        Kind::Glob => PatternKind::Glob,
        Kind::Regex => PatternKind::Regex,
        Kind::Fixed => PatternKind::Fixed,
    };
    let mut lines = kwic(&texts(&docs), patterns, kind, window)?;
    if let Some(n) = limit {
        lines.truncate(n);
    }
    if as_json {
        return json(&lines);
    }
    let mut out = String::new();
    for e in &lines {
        let place = match e.page {
            Some(p) => format!("{} p.{p}", e.document_id),
            None => e.document_id.clone(),
        };
        out.push_str(&format!(
            "{place}\t{} [{}] {}\n",
            e.left, e.keyword, e.right
        ));
    }
    emit(None, out.as_bytes())
}
