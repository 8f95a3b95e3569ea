//! Inputs shared by the `text` commands: the stored documents, the dictionary, stop-words, provenance.

use std::path::Path;

use anyhow::{Context, bail};
use creacity_model::{Document, Lang, Provenance};
use creacity_text::{
    Dictionary, TextDocument, decode_text, problem_dictionary, read_lexicoder, read_liwc,
    read_wordstat, read_yaml, read_yoshikoder, stopwords,
};

use crate::cli::Global;

pub(super) fn documents(g: &Global) -> anyhow::Result<Vec<Document>> {
    let docs = crate::commands::open(g)?.documents()?;
    if docs.is_empty() {
        bail!("no documents in the workspace: import some with `creacity text import DIR`");
    }
    Ok(docs)
}

pub(super) fn texts(docs: &[Document]) -> Vec<TextDocument> {
    docs.iter().map(TextDocument::from).collect()
}

/// Reads a dictionary file of any supported format, chosen by extension.
pub(super) fn load_dictionary(path: Option<&Path>) -> anyhow::Result<Dictionary> {
    let Some(path) = path else {
        return Ok(problem_dictionary());
    };
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let (text, _) = decode_text(&bytes);
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let mut d = match ext.as_str() {
        "yaml" | "yml" => read_yaml(&text),
        "dic" => read_liwc(&text),
        "cat" => read_wordstat(&text),
        "lc3" | "lcd" => read_lexicoder(&text),
        "ykd" | "xml" => read_yoshikoder(&text),
        other => bail!(
            "{}: unknown dictionary type .{other}: expected .yaml, .dic, .cat, .lc3 or .ykd",
            path.display()
        ),
    }
    .with_context(|| format!("reading the dictionary {}", path.display()))?;
    if d.name.is_empty() {
        d.name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("dictionary")
            .to_string();
    }
    Ok(d)
}

pub(super) fn provenance(
    method: &str,
    params: serde_json::Value,
    dict: &Dictionary,
    docs: &[Document],
) -> Provenance {
    Provenance {
        tool_version: creacity_app::VERSION.to_string(),
        method: method.to_string(),
        parameters: params.to_string(),
        data: vec![format!("dictionary:{}@{}", dict.name, dict.version)],
        inputs: vec![format!(
            "documents: {}",
            docs.iter()
                .map(|d| d.id.as_str())
                .collect::<Vec<_>>()
                .join(",")
        )],
        created_at: creacity_store::now(),
    }
}

pub(super) fn all_stopwords() -> Vec<String> {
    stopwords(Lang::Ru)
        .into_iter()
        .chain(stopwords(Lang::En))
        .map(String::from)
        .collect()
}
