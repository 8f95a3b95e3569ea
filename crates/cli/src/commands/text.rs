//! `creacity text import|count|kwic|cooc|keyness|agree`: content analysis of the workspace's documents (issue #4).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use clap::{Subcommand, ValueEnum};
use creacity_model::{Coded, Document, Lang, Provenance};
use creacity_report::{Section, esc, num, pct};
use creacity_text::{
    CountTable, Dfm, DfmParams, Dictionary, DocCount, GroupTable, Keyness, Lookup, LookupParams,
    PatternKind, Stemming, TextDocument, agreement, check_script, count_documents, decode_text,
    fcm_document, fcm_window, harmonic_weights, keyness, kwic, problem_dictionary, read_lexicoder,
    read_liwc, read_wordstat, read_yaml, read_yoshikoder, stopwords,
};
use serde::{Deserialize, Serialize};

use crate::cli::Global;
use crate::output::{Progress, emit, json};

/// Arguments of `creacity text`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand, Debug)]
enum Cmd {
    /// Import a folder of .txt/.md/.html/.docx/.pdf documents (with an optional metadata.csv)
    /// and check that Russian texts are not Latin look-alikes of Cyrillic.
    Import {
        /// The folder.
        dir: PathBuf,
    },
    /// Dictionary counts per document, or per group (year, kind). The dictionary is the global
    /// `--dictionary FILE` (.yaml, .dic, .cat, .lc3, .ykd) or the shipped problem dictionary.
    Count {
        /// Sum per group of documents.
        #[arg(long, value_enum)]
        by: Option<By>,
        /// Levels of a nested dictionary forming the key, e.g. `1`, `1:2`, `2`.
        #[arg(long, default_value = "1")]
        levels: String,
        /// Match patterns against Snowball stems instead of words.
        #[arg(long)]
        stem: bool,
        /// Write the per-document table as CSV to this file.
        #[arg(long)]
        csv: Option<PathBuf>,
        /// Write the per-document table as an Excel workbook to this file.
        #[arg(long)]
        xlsx: Option<PathBuf>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Keyword in context: every match of the patterns, with the document and page.
    Kwic {
        /// Patterns (glob by default; quote multi-word patterns).
        #[arg(required = true)]
        patterns: Vec<String>,
        /// Words either side.
        #[arg(long, default_value_t = 6)]
        window: usize,
        /// How the patterns are read.
        #[arg(long, value_enum, default_value_t = Kind::Glob)]
        kind: Kind,
        /// At most this many lines.
        #[arg(long)]
        limit: Option<usize>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Co-occurrence: of dictionary categories in documents (default), or of words within a
    /// window (`--window N`, weights 1, 1/2, … 1/N, stop-words removed).
    Cooc {
        /// Window size for word co-occurrence.
        #[arg(long)]
        window: Option<usize>,
        /// Pairs shown.
        #[arg(long, default_value_t = 20)]
        top: usize,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Keyness of words in target documents against the others.
    Keyness {
        /// The target: `kind=strategy`, `year=2023` or `id=doc1,doc2`.
        #[arg(long)]
        target: String,
        /// The statistic.
        #[arg(long, value_enum, default_value_t = Measure::Chi2)]
        measure: Measure,
        /// Words shown at each end.
        #[arg(long, default_value_t = 20)]
        top: usize,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Agreement (Cohen's kappa, Krippendorff's alpha) between a hand-coding and the dictionary,
    /// or between two coders. A coding is a CSV/XLSX with columns `id` (document) and `codes`
    /// (category ids separated by `;`).
    Agree {
        /// The (first) coding.
        coding: PathBuf,
        /// A second coder's coding; without it the dictionary is the second coder.
        #[arg(long)]
        second: Option<PathBuf>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
enum By {
    Year,
    Kind,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Glob,
    Regex,
    Fixed,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
enum Measure {
    Chi2,
    G2,
    Pmi,
    Fisher,
}

/// What `text count` stores in the workspace and the report shows.
#[derive(Debug, Serialize, Deserialize)]
struct StoredCounts {
    table: CountTable,
    groups: Option<GroupTable>,
    by: Option<String>,
    flagged: Vec<String>,
}

/// Runs `creacity text`.
pub fn run(g: &Global, args: Args) -> anyhow::Result<()> {
    match args.cmd {
        Cmd::Import { dir } => import(g, &dir),
        Cmd::Count {
            by,
            levels,
            stem,
            csv,
            xlsx,
            json: as_json,
        } => count(
            g,
            by,
            &levels,
            stem,
            (csv.as_deref(), xlsx.as_deref()),
            as_json,
        ),
        Cmd::Kwic {
            patterns,
            window,
            kind,
            limit,
            json: as_json,
        } => kwic_cmd(g, &patterns, window, kind, limit, as_json),
        Cmd::Cooc {
            window,
            top,
            json: as_json,
        } => cooc(g, window, top, as_json),
        Cmd::Keyness {
            target,
            measure,
            top,
            json: as_json,
        } => keyness_cmd(g, &target, measure, top, as_json),
        Cmd::Agree {
            coding,
            second,
            json: as_json,
        } => agree(g, &coding, second.as_deref(), as_json),
    }
}

fn documents(g: &Global) -> anyhow::Result<Vec<Document>> {
    let docs = super::open(g)?.documents()?;
    if docs.is_empty() {
        bail!("no documents in the workspace: import some with `creacity text import DIR`");
    }
    Ok(docs)
}

fn texts(docs: &[Document]) -> Vec<TextDocument> {
    docs.iter().map(TextDocument::from).collect()
}

/// Reads a dictionary file of any supported format, chosen by extension.
fn load_dictionary(path: Option<&Path>) -> anyhow::Result<Dictionary> {
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

fn provenance(
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

/// Documents that look like Cyrillic read through a Latin font: Russian ones with mostly Latin
/// letters, and any whose words have odd capitals or digits inside (a garbled Russian text is
/// often guessed to be English).
fn flagged(docs: &[Document]) -> Vec<String> {
    docs.iter()
        .filter(|d| {
            let c = check_script(&d.text, 0.5);
            (d.lang == Lang::Ru && c.flagged) || c.garbled()
        })
        .map(|d| d.id.clone())
        .collect()
}

fn import(g: &Global, dir: &Path) -> anyhow::Result<()> {
    let mut ws = super::open(g)?;
    let summary = creacity_app::import_documents(&mut ws, dir)
        .with_context(|| format!("importing documents from {}", dir.display()))?;
    eprintln!(
        "imported documents: {} new, {} updated",
        summary.inserted, summary.updated
    );
    warn_documents(&ws.documents()?, g.lang.into());
    Ok(())
}

/// The warnings about documents that are stored but will count wrongly: empty ones, and Latin
/// look-alikes of Cyrillic (a PDF whose fonts lack a ToUnicode map), in the language of `--lang`.
pub(crate) fn document_warnings(docs: &[Document], lang: Lang) -> Vec<String> {
    let ru = lang == Lang::Ru;
    let mut out = Vec::new();
    for d in docs {
        if d.text.trim().is_empty() {
            out.push(if ru {
                format!("предупреждение: документ {} пуст", d.id)
            } else {
                format!("warning: document {} is empty", d.id)
            });
        }
    }
    for id in flagged(docs) {
        out.push(if ru {
            format!(
                "предупреждение: документ {id} похож на кириллицу, прочитанную латинскими буквами (PDF без карты ToUnicode?): его подсчёты будут неверны; распознайте текст заново (OCR) или экспортируйте его иначе"
            )
        } else {
            format!(
                "warning: document {id} looks like Latin look-alikes of Cyrillic (a PDF without a ToUnicode map?): its counts will be wrong; OCR it or export its text another way"
            )
        });
    }
    out
}

/// Prints [`document_warnings`] to standard error.
pub(crate) fn warn_documents(docs: &[Document], lang: Lang) {
    for w in document_warnings(docs, lang) {
        eprintln!("{w}");
    }
}

fn parse_levels(s: &str) -> anyhow::Result<(usize, usize)> {
    let parse = |x: &str| {
        x.trim()
            .parse::<usize>()
            .with_context(|| format!("--levels {s:?}: expected N or FROM:TO"))
    };
    match s.split_once(':') {
        Some((a, b)) => Ok((parse(a)?, parse(b)?)),
        None => {
            let n = parse(s)?;
            Ok((n, n))
        }
    }
}

fn group_label(d: &Document, by: By) -> String {
    match by {
        By::Year => d.year.map_or_else(|| "—".to_string(), |y| y.to_string()),
        By::Kind => d.kind.code().to_string(),
    }
}

fn csv_cell(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn count(
    g: &Global,
    by: Option<By>,
    levels: &str,
    stem: bool,
    (csv, xlsx): (Option<&Path>, Option<&Path>),
    as_json: bool,
) -> anyhow::Result<()> {
    let docs = documents(g)?;
    let dict = load_dictionary(g.dictionary.as_deref())?;
    let (from, to) = parse_levels(levels)?;
    let params = LookupParams::default().levels(from, to).stemming(if stem {
        Stemming::Auto
    } else {
        Stemming::None
    });
    let lookup = Lookup::new(&dict, &params)?;
    let progress = Progress::start("counting");
    let table = count_documents(&texts(&docs), &lookup);
    progress.finish();
    let groups = match by {
        Some(b) => {
            let labels: Vec<String> = docs.iter().map(|d| group_label(d, b)).collect();
            Some(table.by_group(&labels)?)
        }
        None => None,
    };
    let stored = StoredCounts {
        table,
        groups,
        by: by.map(|b| format!("{b:?}").to_lowercase()),
        flagged: flagged(&docs),
    };
    let mut ws = super::open(g)?;
    let p = provenance(
        "text.count",
        serde_json::json!({ "levels": [from, to], "stem": stem, "by": stored.by }),
        &dict,
        &docs,
    );
    ws.save_analysis("text", None, &stored, &p)?;
    for id in &stored.flagged {
        eprintln!(
            "warning: document {id} looks like Latin look-alikes of Cyrillic: its counts will be wrong"
        );
    }
    let t = &stored.table;
    if csv.is_some() || xlsx.is_some() {
        let mut out = String::from("document,tokens");
        for k in &t.keys {
            out.push(',');
            out.push_str(&csv_cell(k));
        }
        out.push('\n');
        for (i, d) in t.documents.iter().enumerate() {
            out.push_str(&csv_cell(d));
            out.push_str(&format!(",{}", t.tokens[i]));
            for c in &t.counts[i] {
                out.push_str(&format!(",{c}"));
            }
            out.push('\n');
        }
        if let Some(path) = csv {
            emit(Some(path), out.as_bytes())?;
        }
        if let Some(path) = xlsx {
            let book = creacity_ingest::csv_sheets_to_xlsx(&[("counts".into(), out)])?;
            emit(Some(path), &book)?;
        }
    }
    if as_json {
        return json(&stored);
    }
    let mut out = format!("dictionary: {}\n", t.dictionary);
    match &stored.groups {
        None => {
            out.push_str("category\tmentions\tdocuments\tshare\n");
            for (k, key) in t.keys.iter().enumerate() {
                let mentions: u64 = t.counts.iter().map(|r| r[k]).sum();
                let docs_with = t.counts.iter().filter(|r| r[k] > 0).count();
                let share = docs_with as f64 / t.documents.len() as f64;
                out.push_str(&format!("{key}\t{mentions}\t{docs_with}\t{share:.3}\n"));
            }
        }
        Some(gt) => {
            out.push_str("group\tdocuments\tcategory\tmentions\tshare\n");
            for (gi, gname) in gt.groups.iter().enumerate() {
                for (k, key) in gt.keys.iter().enumerate() {
                    out.push_str(&format!(
                        "{gname}\t{}\t{key}\t{}\t{:.3}\n",
                        gt.documents[gi], gt.counts[gi][k], gt.shares[gi][k]
                    ));
                }
            }
        }
    }
    emit(None, out.as_bytes())
}

fn kwic_cmd(
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

#[derive(Serialize)]
struct Pair {
    a: String,
    b: String,
    value: f64,
}

fn all_stopwords() -> Vec<String> {
    stopwords(Lang::Ru)
        .into_iter()
        .chain(stopwords(Lang::En))
        .map(String::from)
        .collect()
}

fn cooc(g: &Global, window: Option<usize>, top: usize, as_json: bool) -> anyhow::Result<()> {
    let docs = documents(g)?;
    let texts = texts(&docs);
    let m = match window {
        Some(0) => bail!("--window must be at least 1"),
        Some(w) => {
            let params = DfmParams {
                remove: all_stopwords(),
                ..DfmParams::default()
            };
            let seqs: Vec<Vec<String>> = texts
                .iter()
                .map(|d| creacity_text::features_of(&d.text, &params))
                .collect();
            fcm_window(&seqs, &harmonic_weights(w))?
        }
        None => {
            let dict = load_dictionary(g.dictionary.as_deref())?;
            let lookup = Lookup::new(&dict, &LookupParams::default().levels(1, 1))?;
            let t = count_documents(&texts, &lookup);
            let present: Vec<Vec<String>> = t
                .counts
                .iter()
                .map(|r| {
                    t.keys
                        .iter()
                        .zip(r)
                        .filter(|(_, c)| **c > 0)
                        .map(|(k, _)| k.clone())
                        .collect()
                })
                .collect();
            fcm_document(&present, DocCount::Boolean)
        }
    };
    let mut pairs: Vec<Pair> = m
        .cells
        .iter()
        .filter(|((a, b), _)| a != b)
        .map(|((a, b), v)| Pair {
            a: m.features[*a as usize].clone(),
            b: m.features[*b as usize].clone(),
            value: *v,
        })
        .collect();
    pairs.sort_by(|x, y| {
        y.value
            .total_cmp(&x.value)
            .then(x.a.cmp(&y.a))
            .then(x.b.cmp(&y.b))
    });
    pairs.truncate(top);
    if as_json {
        return json(&pairs);
    }
    let unit = if window.is_some() {
        "weight"
    } else {
        "documents"
    };
    let mut out = format!("a\tb\t{unit}\n");
    for p in &pairs {
        out.push_str(&format!("{}\t{}\t{}\n", p.a, p.b, num(p.value, 3)));
    }
    emit(None, out.as_bytes())
}

fn select_target(docs: &[Document], target: &str) -> anyhow::Result<Vec<bool>> {
    let (field, value) = target
        .split_once('=')
        .with_context(|| format!("--target {target:?}: expected kind=…, year=… or id=…"))?;
    let value = value.trim();
    let sel: Vec<bool> = match field.trim() {
        "kind" => docs.iter().map(|d| d.kind.code() == value).collect(),
        "year" => {
            let y: i32 = value
                .parse()
                .with_context(|| format!("--target year={value}: not a year"))?;
            docs.iter().map(|d| d.year == Some(y)).collect()
        }
        "id" => {
            let ids: BTreeSet<&str> = value.split(',').map(str::trim).collect();
            for id in &ids {
                if !docs.iter().any(|d| d.id == *id) {
                    bail!("--target: no document {id:?} in the workspace");
                }
            }
            docs.iter().map(|d| ids.contains(d.id.as_str())).collect()
        }
        other => bail!("--target: unknown field {other:?}: expected kind, year or id"),
    };
    Ok(sel)
}

fn keyness_cmd(
    g: &Global,
    target: &str,
    measure: Measure,
    top: usize,
    as_json: bool,
) -> anyhow::Result<()> {
    let docs = documents(g)?;
    let sel = select_target(&docs, target)?;
    let params = DfmParams {
        remove: all_stopwords(),
        ..DfmParams::default()
    };
    let dfm = Dfm::build(&texts(&docs), &params);
    let m = match measure {
        Measure::Chi2 => Keyness::Chi2,
        Measure::G2 => Keyness::G2,
        Measure::Pmi => Keyness::Pmi,
        Measure::Fisher => Keyness::Fisher,
    };
    let rows = keyness(&dfm, &sel, m).with_context(|| format!("--target {target}"))?;
    let n = rows.len();
    let shown: Vec<_> = if n <= 2 * top {
        rows
    } else {
        rows[..top]
            .iter()
            .chain(&rows[n - top..])
            .cloned()
            .collect()
    };
    if as_json {
        return json(&shown);
    }
    let mut out = String::from("feature\tstatistic\tp\ttarget\treference\n");
    for r in &shown {
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\n",
            r.feature,
            num(r.statistic, 3),
            num(r.p, 4),
            r.n_target,
            r.n_reference
        ));
    }
    emit(None, out.as_bytes())
}

/// Reads a coding: document id → set of category ids.
fn read_coding(path: &Path) -> anyhow::Result<BTreeMap<String, BTreeSet<String>>> {
    let t =
        creacity_ingest::read_table(path).with_context(|| format!("reading {}", path.display()))?;
    let col = |name: &str| {
        t.headers
            .iter()
            .position(|h| h.eq_ignore_ascii_case(name))
            .with_context(|| {
                format!(
                    "{}: no column `{name}` (expected `id` and `codes`)",
                    path.display()
                )
            })
    };
    let (id, codes) = (col("id")?, col("codes")?);
    let mut out = BTreeMap::new();
    for (row, cells) in &t.rows {
        let key = cells.get(id).map(|s| s.trim()).unwrap_or("");
        if key.is_empty() {
            bail!("{}, row {row}, column id: empty", path.display());
        }
        let set: BTreeSet<String> = cells
            .get(codes)
            .map(|s| s.as_str())
            .unwrap_or("")
            .split(';')
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty())
            .collect();
        if out.insert(key.to_string(), set).is_some() {
            bail!(
                "{}, row {row}, column id: duplicate {key:?}",
                path.display()
            );
        }
    }
    Ok(out)
}

#[derive(Serialize)]
struct AgreeResult {
    units: usize,
    categories: Vec<CategoryAgreement>,
    pooled_kappa: f64,
    pooled_alpha: f64,
}

#[derive(Serialize)]
struct CategoryAgreement {
    category: String,
    kappa: f64,
    alpha: f64,
    first: usize,
    second: usize,
}

fn agree(g: &Global, coding: &Path, second: Option<&Path>, as_json: bool) -> anyhow::Result<()> {
    let first = read_coding(coding)?;
    let (other, categories): (BTreeMap<String, BTreeSet<String>>, Vec<String>) = match second {
        Some(p) => {
            let other = read_coding(p)?;
            let cats: BTreeSet<String> = first
                .values()
                .chain(other.values())
                .flatten()
                .cloned()
                .collect();
            (other, cats.into_iter().collect())
        }
        None => {
            let docs = documents(g)?;
            let dict = load_dictionary(g.dictionary.as_deref())?;
            let lookup = Lookup::new(&dict, &LookupParams::default().levels(1, 1))?;
            let chosen: Vec<Document> = first
                .keys()
                .map(|id| {
                    docs.iter().find(|d| &d.id == id).cloned().with_context(|| {
                        format!("{}: no document {id:?} in the workspace", coding.display())
                    })
                })
                .collect::<anyhow::Result<_>>()?;
            let t = count_documents(&texts(&chosen), &lookup);
            let coded = t
                .documents
                .iter()
                .zip(&t.counts)
                .map(|(id, r)| {
                    let set = t
                        .keys
                        .iter()
                        .zip(r)
                        .filter(|(_, c)| **c > 0)
                        .map(|(k, _)| k.clone())
                        .collect();
                    (id.clone(), set)
                })
                .collect();
            (coded, t.keys.clone())
        }
    };
    let units: Vec<&String> = first.keys().filter(|k| other.contains_key(*k)).collect();
    if units.is_empty() {
        bail!("the two codings share no document id");
    }
    let mut all_a = Vec::new();
    let mut all_b = Vec::new();
    let mut per = Vec::new();
    for c in &categories {
        let a: Vec<Option<bool>> = units.iter().map(|u| Some(first[*u].contains(c))).collect();
        let b: Vec<Option<bool>> = units.iter().map(|u| Some(other[*u].contains(c))).collect();
        let r = agreement(&a, &b)?;
        per.push(CategoryAgreement {
            category: c.clone(),
            kappa: r.kappa,
            alpha: r.alpha,
            first: a.iter().filter(|x| **x == Some(true)).count(),
            second: b.iter().filter(|x| **x == Some(true)).count(),
        });
        all_a.extend(a);
        all_b.extend(b);
    }
    let pooled = agreement(&all_a, &all_b)?;
    let res = AgreeResult {
        units: units.len(),
        categories: per,
        pooled_kappa: pooled.kappa,
        pooled_alpha: pooled.alpha,
    };
    if as_json {
        return json(&res);
    }
    let mut out = format!(
        "units: {}; pooled kappa {}; Krippendorff's alpha {}\ncategory\tkappa\talpha\tfirst\tsecond\n",
        res.units,
        num(res.pooled_kappa, 3),
        num(res.pooled_alpha, 3)
    );
    for c in &res.categories {
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\n",
            c.category,
            num(c.kappa, 3),
            num(c.alpha, 3),
            c.first,
            c.second
        ));
    }
    emit(None, out.as_bytes())
}

/// The report section of the newest stored text result, if any: the counts per category (and
/// per group), with the documents flagged as Latin look-alikes.
pub fn report_section(
    ws: &creacity_store::Workspace,
    lang: creacity_model::Lang,
) -> anyhow::Result<Option<creacity_report::Section>> {
    let Some(stored) = ws.latest_analysis("text", None)? else {
        return Ok(None);
    };
    let Ok(s) = serde_json::from_value::<StoredCounts>(stored.result) else {
        return Ok(None);
    };
    let ru = lang == Lang::Ru;
    let tr = |en: &'static str, r: &'static str| if ru { r } else { en };
    let t = &s.table;
    let n = t.documents.len().max(1) as f64;
    let mut html = format!(
        "<p>{} <b>{}</b>; {} {}.</p>\n<table>\n<tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>\n",
        tr("Dictionary", "Словарь"),
        esc(&t.dictionary),
        t.documents.len(),
        tr("documents", "документов"),
        tr("Category", "Категория"),
        tr("Mentions", "Упоминания"),
        tr("Documents", "Документы"),
        tr("Share of documents", "Доля документов"),
    );
    for (k, key) in t.keys.iter().enumerate() {
        let mentions: u64 = t.counts.iter().map(|r| r[k]).sum();
        let with = t.counts.iter().filter(|r| r[k] > 0).count();
        html.push_str(&format!(
            "<tr><td>{}</td><td>{mentions}</td><td>{with}</td><td>{}</td></tr>\n",
            esc(key),
            pct(with as f64 / n)
        ));
    }
    html.push_str("</table>\n");
    if let Some(gt) = &s.groups {
        html.push_str(&format!(
            "<h3>{}</h3>\n<table>\n<tr><th>{}</th>",
            tr("By group", "По группам"),
            tr("Category", "Категория")
        ));
        for gname in &gt.groups {
            html.push_str(&format!("<th>{}</th>", esc(gname)));
        }
        html.push_str("</tr>\n");
        for (k, key) in gt.keys.iter().enumerate() {
            html.push_str(&format!("<tr><td>{}</td>", esc(key)));
            for gi in 0..gt.groups.len() {
                html.push_str(&format!(
                    "<td>{} ({})</td>",
                    gt.counts[gi][k],
                    pct(gt.shares[gi][k])
                ));
            }
            html.push_str("</tr>\n");
        }
        html.push_str("</table>\n");
    }
    // Co-occurrence of the categories: documents where both are mentioned.
    let present: Vec<Vec<String>> = t
        .counts
        .iter()
        .map(|r| {
            t.keys
                .iter()
                .zip(r)
                .filter(|(_, c)| **c > 0)
                .map(|(k, _)| k.clone())
                .collect()
        })
        .collect();
    let m = fcm_document(&present, DocCount::Boolean);
    if m.cells.keys().any(|(a, b)| a != b) {
        html.push_str(&format!(
            "<h3>{}</h3>\n<table>\n<tr><th></th>",
            tr(
                "Categories mentioned together (documents)",
                "Категории, упомянутые вместе (документы)"
            )
        ));
        for k in &t.keys {
            html.push_str(&format!("<th>{}</th>", esc(k)));
        }
        html.push_str("</tr>\n");
        for a in &t.keys {
            html.push_str(&format!("<tr><th>{}</th>", esc(a)));
            for b in &t.keys {
                let v = if a == b {
                    present.iter().filter(|p| p.contains(a)).count() as f64
                } else {
                    m.get(a, b)
                };
                html.push_str(&format!("<td>{v}</td>"));
            }
            html.push_str("</tr>\n");
        }
        html.push_str("</table>\n");
    }
    if !s.flagged.is_empty() {
        html.push_str(&format!(
            "<p><b>{}</b> {}</p>\n",
            tr("Check these documents:", "Проверьте документы:"),
            esc(&s.flagged.join(", "))
        ));
    }
    Ok(Some(Section {
        id: "text-counts".into(),
        title: tr(
            "Content analysis: dictionary counts",
            "Контент-анализ: частоты по словарю",
        )
        .into(),
        html,
    }))
}
