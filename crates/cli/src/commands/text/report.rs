//! The report section of the newest stored `text count` result.

use creacity_model::Lang;
use creacity_report::{Section, esc, pct};
use creacity_text::{DocCount, fcm_document};

use super::StoredCounts;

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
    let present = t.present();
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
