//! HTML escaping and the page shell (inline CSS, print rules), so a report needs no network.

/// Escapes text for HTML element content and attribute values.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

/// Formats a number with `digits` decimals.
pub fn num(x: f64, digits: usize) -> String {
    format!("{x:.digits$}")
}

/// Formats a whole number with thin spaces between thousands (310 000), readable in both languages.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    out
}

/// Formats a share as a whole percentage.
pub fn pct(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

pub(crate) const CSS: &str = r#"
:root { --ink:#1d2430; --muted:#5b6573; --line:#d9dee5; --accent:#2f5d8a; --warn:#9a3b00; --bg:#ffffff; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif; color: var(--ink); background: var(--bg); margin: 0; }
main { max-width: 1080px; margin: 0 auto; padding: 24px; }
h1 { font-size: 26px; margin: 0 0 4px; } h2 { font-size: 20px; margin: 32px 0 8px; border-bottom: 2px solid var(--accent); padding-bottom: 4px; }
h3 { font-size: 16px; margin: 18px 0 6px; }
.sub { color: var(--muted); margin: 0 0 16px; }
.banner { border: 2px solid var(--warn); color: var(--warn); background: #fff6ef; padding: 10px 14px; border-radius: 6px; font-weight: 600; margin: 12px 0; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; font-size: 14px; }
th, td { border-bottom: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
th { background: #f3f5f8; font-weight: 600; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.kv { display: grid; grid-template-columns: repeat(auto-fit, minmax(180px, 1fr)); gap: 8px; }
.kv div { background: #f6f8fa; border-radius: 6px; padding: 8px 10px; } .kv b { display: block; font-size: 18px; }
.tag { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; color: #fff; white-space: nowrap; }
.flag { color: var(--warn); font-weight: 600; }
.small { font-size: 12px; color: var(--muted); }
tr.ours td { font-weight: 600; background: #fff7e6; }
pre.explain { white-space: pre-wrap; font: 13px/1.45 ui-monospace, Menlo, Consolas, monospace; background: #f6f8fa; padding: 8px; border-radius: 6px; margin: 4px 0 12px; }
figure { margin: 8px 0 16px; } figure svg { max-width: 680px; display: block; } figcaption { font-size: 13px; color: var(--muted); }
svg text { font-family: system-ui, Arial, sans-serif; }
.kwic { font-size: 13px; } .kwic b { background: #fff2b3; }
nav.toc a { margin-right: 12px; }
@media (max-width: 640px) { main { padding: 12px; } table { font-size: 12px; } }
@media print { main { max-width: none; padding: 0; } nav.toc { display: none; } h2 { break-after: avoid; } table, figure, pre, .keep { break-inside: avoid; } h3 { break-after: avoid; } figure.map svg { max-width: 560px; } a { color: inherit; text-decoration: none; } }
"#;

/// Colours of the positions on the scale, from the private end (green) to the public end (blue-violet).
pub fn type_colour(position: usize, of: usize) -> &'static str {
    const PALETTE: [&str; 7] = [
        "#2e8b57", "#7cae3a", "#d9a400", "#e06c2e", "#5a4fcf", "#2f5d8a", "#8a2f6d",
    ];
    if of <= 1 {
        return PALETTE[0];
    }
    let i = ((position.saturating_sub(1)) * 4 + (of - 1) / 2) / (of - 1);
    PALETTE[i.min(4)]
}
