//! The legend below the mapping map: one entry per layer drawn, the hot/cold classes when there
//! are spots; entries flow left to right and wrap.

use creacity_model::Lang;

use super::{CLASSES, HULL_COLOURS, MapData, NOT_SIGNIFICANT};
use crate::html::{esc, num};

/// The short name of a method for the legend: `DBSCAN`, `HDBSCAN`, `Gi*`, `Gi`.
fn short_method(m: &str) -> String {
    if m.contains("Gi*") {
        "Gi*".into()
    } else if m.contains("Gi") {
        "Gi".into()
    } else {
        m.split_whitespace().next().unwrap_or("").to_uppercase()
    }
}

/// Legend entries flow left to right and wrap; each is a glyph (drawn at `{X}`, `{Y}`) and a label.
struct Flow {
    out: String,
    x: f64,
    y: f64,
    width: f64,
}

impl Flow {
    fn item(&mut self, glyph: &str, label: &str, bold: bool) {
        let w = 26.0 + label.chars().count() as f64 * 7.4;
        if self.x + w > self.width && self.x > 8.0 {
            self.x = 8.0;
            self.y += 22.0;
        }
        let (x, y) = (num(self.x, 1), num(self.y, 1));
        self.out
            .push_str(&glyph.replace("{X}", &x).replace("{Y}", &y));
        self.out.push_str(&format!(
            r##"<text x="{}" y="{}" font-size="12" fill="#1d2430" dominant-baseline="middle"{}>{}</text>"##,
            num(self.x + if glyph.is_empty() { 0.0 } else { 16.0 }, 1),
            y,
            if bold { r#" font-weight="600""# } else { "" },
            esc(label)
        ));
        self.x += w;
    }
}

/// The legend below the map; returns its SVG and its height.
pub(super) fn legend(data: &MapData, lang: Lang, width: f64, top: f64) -> (String, f64) {
    let ru = lang == Lang::Ru;
    let mut fl = Flow {
        out: String::new(),
        x: 8.0,
        y: top + 18.0,
        width,
    };
    if !data.places.is_empty() {
        fl.item(
            r##"<rect x="{X}" y="{Y}" transform="translate(2 -4)" width="8" height="8" fill="#1d2430"/>"##,
            if ru { "территория" } else { "territory" },
            false,
        );
    }
    if !data.outlines.is_empty() {
        fl.item(
            r##"<rect x="{X}" y="{Y}" transform="translate(0 -6)" width="12" height="12" fill="#ffffff" stroke="#8a94a3"/>"##,
            if ru { "граница" } else { "outline" },
            false,
        );
    }
    if !data.firms.is_empty() {
        fl.item(
            r##"<circle cx="{X}" cy="{Y}" transform="translate(6 0)" r="2.5" fill="#39424e" fill-opacity="0.6"/>"##,
            &if data.firms_total > data.firms.len() {
                format!(
                    "{} ({} {} {})",
                    if ru { "фирмы" } else { "firms" },
                    data.firms.len(),
                    if ru { "из" } else { "of" },
                    data.firms_total
                )
            } else {
                format!("{} ({})", if ru { "фирмы" } else { "firms" }, data.firms.len())
            },
            false,
        );
    }
    if !data.hulls.is_empty() {
        let m = short_method(data.cluster_method.as_deref().unwrap_or(""));
        fl.item(
            &format!(
                r##"<rect x="{{X}}" y="{{Y}}" transform="translate(0 -6)" width="12" height="12" fill="{c}" fill-opacity="0.18" stroke="{c}" stroke-width="2"/>"##,
                c = HULL_COLOURS[0]
            ),
            &format!(
                "{} {m} ({})",
                if ru { "кластеры" } else { "clusters" },
                data.hulls.len()
            ),
            false,
        );
    }
    if !data.spots.is_empty() {
        fl.x = 8.0;
        fl.y += 22.0;
        let m = short_method(data.spot_method.as_deref().unwrap_or("Gi*"));
        fl.item("", &format!("{m}:"), true);
        for (t, c, _, en, rus) in CLASSES {
            let label = format!(
                "{} (z {} {})",
                if ru { rus } else { en },
                if t > 0.0 { "≥" } else { "≤" },
                t
            );
            fl.item(
                &format!(r##"<circle cx="{{X}}" cy="{{Y}}" transform="translate(6 0)" r="5.5" fill="{c}"/>"##),
                &label,
                false,
            );
        }
        fl.item(
            &format!(r##"<circle cx="{{X}}" cy="{{Y}}" transform="translate(6 0)" r="5.5" fill="{NOT_SIGNIFICANT}"/>"##),
            if ru { "незначимо" } else { "not significant" },
            false,
        );
    }
    let h = fl.y - top + 16.0;
    (fl.out, h)
}
