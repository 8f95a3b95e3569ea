//! A matrix as an SVG heat map, with the same numbers as a table (the accessible fallback).

use creacity_report::{esc, num};

/// A labelled matrix: rows × columns of optional values.
pub(crate) struct Matrix<'a> {
    /// Row labels (shown in full at the left).
    pub rows: &'a [String],
    /// Column labels (numbered above the cells; named in the table and in each cell's title).
    pub cols: &'a [String],
    /// Values, `values[row][col]`; `None` is drawn blank.
    pub values: &'a [Vec<Option<f64>>],
    /// Digits shown after the decimal point.
    pub digits: usize,
}

/// White to the accent colour, by `v / max` (0…1).
fn shade(t: f64) -> String {
    let t = t.clamp(0.0, 1.0);
    let mix = |a: f64, b: f64| (a + (b - a) * t).round() as u8;
    format!(
        "#{:02x}{:02x}{:02x}",
        mix(255.0, 47.0),
        mix(255.0, 93.0),
        mix(255.0, 138.0)
    )
}

/// The heat map: columns numbered 1…n (their names are in each cell's title and in the table).
/// Colour scales from 0 to `max` (the largest value when `None`).
pub(crate) fn heatmap_svg(m: &Matrix<'_>, max: Option<f64>, aria: &str) -> String {
    let longest = m.rows.iter().map(|r| r.chars().count()).max().unwrap_or(0) as f64;
    let label_w = (longest * 6.6 + 24.0).clamp(60.0, 300.0);
    let n_cols = m.cols.len().max(1) as f64;
    let cell = ((680.0 - label_w - 10.0) / n_cols).clamp(22.0, 48.0);
    let (w, top) = (label_w + cell * n_cols + 10.0, 22.0);
    let h = top + cell * m.rows.len() as f64 + 6.0;
    let max = max.unwrap_or_else(|| {
        m.values
            .iter()
            .flatten()
            .flatten()
            .fold(0.0_f64, |a, &b| a.max(b))
    });
    let mut s = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w:.0} {h:.0}" width="100%" role="img" aria-label="{}">"#,
        esc(aria)
    );
    for j in 0..m.cols.len() {
        s.push_str(&format!(
            r##"<text x="{:.1}" y="15" font-size="11" text-anchor="middle" fill="#5b6573">{}</text>"##,
            label_w + cell * (j as f64 + 0.5),
            j + 1
        ));
    }
    for (i, row) in m.rows.iter().enumerate() {
        let y = top + cell * i as f64;
        s.push_str(&format!(
            r##"<text x="{:.1}" y="{:.1}" font-size="12" text-anchor="end" dominant-baseline="middle" fill="#1d2430">{}</text>"##,
            label_w - 6.0,
            y + cell / 2.0,
            esc(row)
        ));
        for (j, col) in m.cols.iter().enumerate() {
            let v = m.values.get(i).and_then(|r| r.get(j)).copied().flatten();
            let x = label_w + cell * j as f64;
            let t = match v {
                Some(v) if max > 0.0 => v / max,
                _ => 0.0,
            };
            let text = v.map_or(String::new(), |v| num(v, m.digits));
            s.push_str(&format!(
                r##"<g><title>{r} × {c}: {text}</title><rect x="{x:.1}" y="{y:.1}" width="{cw:.1}" height="{cw:.1}" fill="{fill}" stroke="#fff"/><text x="{tx:.1}" y="{ty:.1}" font-size="11" text-anchor="middle" dominant-baseline="middle" fill="{ink}">{text}</text></g>"##,
                r = esc(row),
                c = esc(col),
                cw = cell,
                fill = if v.is_some() { shade(t) } else { "#f3f4f6".into() },
                tx = x + cell / 2.0,
                ty = y + cell / 2.0,
                ink = if t > 0.55 { "#fff" } else { "#1d2430" },
            ));
        }
    }
    s.push_str("</svg>");
    s
}

/// The same matrix as a table with a caption; columns headed by number and name.
pub(crate) fn matrix_table(m: &Matrix<'_>, caption: &str, corner: &str) -> String {
    let mut out = format!(
        r#"<div class="scroll"><table><caption>{}</caption><thead><tr><th scope="col">{}</th>"#,
        esc(caption),
        esc(corner)
    );
    for (j, c) in m.cols.iter().enumerate() {
        out.push_str(&format!(r#"<th scope="col">{}. {}</th>"#, j + 1, esc(c)));
    }
    out.push_str("</tr></thead><tbody>");
    for (i, r) in m.rows.iter().enumerate() {
        out.push_str(&format!(r#"<tr><th scope="row">{}</th>"#, esc(r)));
        for j in 0..m.cols.len() {
            let v = m.values.get(i).and_then(|r| r.get(j)).copied().flatten();
            out.push_str(&format!(
                "<td>{}</td>",
                v.map_or("—".to_string(), |v| num(v, m.digits))
            ));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></div>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_shaded_by_value_and_names_escaped() {
        let rows = vec!["<a>".to_string(), "b".to_string()];
        let cols = rows.clone();
        let values = vec![vec![Some(4.0), Some(1.0)], vec![Some(1.0), None]];
        let m = Matrix {
            rows: &rows,
            cols: &cols,
            values: &values,
            digits: 0,
        };
        let svg = heatmap_svg(&m, None, "x");
        assert!(
            svg.contains("#2f5d8a"),
            "the largest value gets the full colour"
        );
        assert!(svg.contains("&lt;a&gt; × b: 1") && !svg.contains("<a>"));
        let table = matrix_table(&m, "cap", "");
        assert!(table.contains("<caption>cap</caption>") && table.contains("<td>—</td>"));
        assert_eq!(shade(0.0), "#ffffff");
    }
}
