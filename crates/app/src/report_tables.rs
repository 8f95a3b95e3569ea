//! The tables of a report's mapping section: the newest aggregate, and the reported territory's
//! rows first in every table.

use std::fmt::Write as _;

use creacity_model::Lang;
use creacity_model::Territory;

/// The newest period's rows of all creative sectors (`*`), largest first (at most 15).
pub(crate) fn aggregate_table(
    r: &serde_json::Value,
    ru: bool,
    scope: Option<&Territory>,
) -> String {
    let rows: Vec<&serde_json::Value> = r["rows"].as_array().into_iter().flatten().collect();
    let Some(last) = rows.iter().filter_map(|x| period_key(&x["period"])).max() else {
        return String::new();
    };
    let last_label = match last {
        (y, 0) => y.to_string(),
        (y, m) => format!("{y}-{m:02}"),
    };
    let last = &last_label;
    let mut sel: Vec<&&serde_json::Value> = rows
        .iter()
        .filter(|x| {
            period_key(&x["period"]).is_some_and(|k| k == period_key_of(last)) && x["sector"] == "*"
        })
        .collect();
    sel.sort_by(|a, b| {
        b["firms"]
            .as_f64()
            .unwrap_or(0.0)
            .total_cmp(&a["firms"].as_f64().unwrap_or(0.0))
    });
    let sel: Vec<&serde_json::Value> = sel.into_iter().copied().collect();
    let mut h = format!(
        "<table><tr><th>{}</th><th>{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th></tr>",
        if ru {
            "Территория"
        } else {
            "Territory"
        },
        if ru { "Период" } else { "Period" },
        if ru {
            "Креативных фирм"
        } else {
            "Creative firms"
        },
        if ru {
            "Доля всех фирм"
        } else {
            "Share of all firms"
        },
        if ru { "Рост" } else { "Growth" },
    );
    for (x, ours) in ours_first(sel, scope, 15) {
        let _ = write!(
            h,
            "<tr{}><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            if ours { " class=\"ours\"" } else { "" },
            creacity_report::esc(x["territory"].as_str().unwrap_or("")),
            last,
            x["firms"]
                .as_f64()
                .map(|v| format!("{v:.0}"))
                .unwrap_or_default(),
            x["share_of_all_firms"]
                .as_f64()
                .map(creacity_report::pct)
                .unwrap_or_default(),
            x["growth"]
                .as_f64()
                .map(|g| format!("{:+.1}%", 100.0 * g))
                .unwrap_or_default(),
        );
    }
    h.push_str("</table>");
    h
}

/// Whether a row label of a stored mapping table names the reported territory: its id, its
/// OKTMO code, or an OKTMO code under it (the rule of [`crate::firms::territory_firms`]).
fn is_ours(label: &str, t: &Territory) -> bool {
    if label == t.id {
        return true;
    }
    t.oktmo.as_deref().is_some_and(|o| {
        let stem = crate::firms::oktmo_stem(o);
        label == o
            || (!stem.is_empty()
                && label.starts_with(stem)
                && label.bytes().all(|b| b.is_ascii_digit()))
    })
}

/// The rows of a stored table with the reported territory's rows first (flagged), then up to
/// `others_max` others for comparison, in their order.
pub(crate) fn ours_first<'a>(
    rows: Vec<&'a serde_json::Value>,
    scope: Option<&Territory>,
    others_max: usize,
) -> Vec<(&'a serde_json::Value, bool)> {
    let label = |x: &serde_json::Value| x["territory"].as_str().unwrap_or("").to_string();
    let (ours, others): (Vec<_>, Vec<_>) = rows
        .into_iter()
        .partition(|x| scope.is_some_and(|t| is_ours(&label(x), t)));
    ours.into_iter()
        .map(|x| (x, true))
        .chain(others.into_iter().take(others_max).map(|x| (x, false)))
        .collect()
}

/// A line saying how the reported territory's rows are marked, or nothing without a scope.
pub(crate) fn ours_note(scope: Option<&Territory>, lang: Lang) -> String {
    let Some(t) = scope else {
        return String::new();
    };
    let name = creacity_report::esc(t.name(lang));
    if lang == Lang::Ru {
        format!(
            "<p class=\"small\">Строки территории «{name}» — первые и выделены; остальные (до 15) — для сравнения.</p>"
        )
    } else {
        format!(
            "<p class=\"small\">The rows of {name} come first and are highlighted; the others (up to 15) are for comparison.</p>"
        )
    }
}

/// A stored period (`{"year": 2024, "month": null}`, or a `"2024"` / `"2024-03"` string) as
/// (year, month), month 0 for a whole year.
fn period_key(p: &serde_json::Value) -> Option<(i64, i64)> {
    match p {
        serde_json::Value::String(s) => Some(period_key_of(s)),
        _ => Some((p["year"].as_i64()?, p["month"].as_i64().unwrap_or(0))),
    }
}

fn period_key_of(s: &str) -> (i64, i64) {
    let mut it = s.splitn(2, '-');
    let y = it.next().and_then(|v| v.parse().ok()).unwrap_or(0);
    let m = it.next().and_then(|v| v.parse().ok()).unwrap_or(0);
    (y, m)
}
