//! The firms of one workspace territory, and the mapping sections of reports built on them.

use creacity_store::{Firm, FirmFilter, Workspace};

use crate::Result;

/// The mapping section of a territory report: the offline SVG map (territory centres and
/// outlines, firms, the newest cluster hulls and hot spots), the firms' placement, and the newest
/// stored mapping result of each kind. `None` when the workspace holds nothing to map.
///
/// # Errors
/// A store error.
pub fn mapping_section(
    ws: &Workspace,
    lang: creacity_model::Lang,
) -> Result<Option<creacity_report::Section>> {
    crate::report_map::mapping_section(ws, lang)
}

/// An OKTMO code without its trailing all-zero levels (11 → 8 → 5 → 2 digits), so it can be used
/// as a prefix: `65701000` (a municipality) → `65701`, `65000000` (a region) → `65`. Codes that
/// are not all digits come back trimmed only.
///
/// ```
/// use creacity_app::firms::oktmo_stem;
/// assert_eq!(oktmo_stem("65701000"), "65701");
/// assert_eq!(oktmo_stem("65000000"), "65");
/// assert_eq!(oktmo_stem("65701000001"), "65701000001");
/// assert_eq!(oktmo_stem(" 65700000 "), "65700");
/// ```
pub fn oktmo_stem(code: &str) -> &str {
    let mut s = code.trim();
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return s;
    }
    while matches!(s.len(), 5 | 8 | 11) && s.ends_with("000") {
        s = &s[..s.len() - 3];
    }
    s
}

/// The stored firms tied to a workspace territory (every period, ordered by id and period).
///
/// The rule, the same fields `map aggregate --by territory|oktmo` groups on: a firm belongs to
/// territory `t` when its territory code is `t.id`, or, when `t` has an OKTMO code, when its
/// territory code is that OKTMO code or its own OKTMO code (given, or found by `firms match`)
/// starts with [`oktmo_stem`] of it (so a region's or a municipality's firms include those of its
/// settlements). Region codes and addresses alone tie nothing: they are not the territory's id.
///
/// # Errors
/// A store error.
pub fn territory_firms(ws: &Workspace, t: &creacity_model::Territory) -> Result<Vec<Firm>> {
    let stem = t.oktmo.as_deref().map(oktmo_stem).filter(|s| !s.is_empty());
    let mut out: std::collections::BTreeMap<(String, String), Firm> = ws
        .firms(&FirmFilter {
            territory: Some(t.id.clone()),
            oktmo_prefix: stem.map(String::from),
            ..Default::default()
        })?
        .into_iter()
        .map(|f| ((f.id.clone(), f.period.clone()), f))
        .collect();
    if let Some(o) = t.oktmo.as_deref().map(str::trim).filter(|o| *o != t.id) {
        for f in ws.firms(&FirmFilter {
            territory: Some(o.to_string()),
            ..Default::default()
        })? {
            out.insert((f.id.clone(), f.period.clone()), f);
        }
    }
    Ok(out.into_values().collect())
}

/// The mapping section of one territory's report: as [`mapping_section`], but the map shows only
/// the firms [`territory_firms`] ties to it, framed on its outline (else its firms, else its
/// point), with only the cluster hulls and hot spots inside its outline (point in polygon), or
/// inside that frame when it has no outline; the section says
/// how many firms were tied and by which rule, and says so plainly when none could be.
/// `None` when the workspace holds neither firms nor mapping results.
///
/// # Errors
/// A store error.
pub fn territory_mapping_section(
    ws: &Workspace,
    t: &creacity_model::Territory,
    lang: creacity_model::Lang,
) -> Result<Option<creacity_report::Section>> {
    crate::report_map::territory_mapping_section(ws, t, lang)
}
