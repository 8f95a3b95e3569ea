//! Readers for COINr's iData / iMeta CSV pair and for a TOML framework spec, from text.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::dataset::Dataset;
use crate::error::{IndexError, Result};
use crate::framework::{Direction, Framework, Node};
use crate::units::{Unit, UnitData};

fn parse_err(what: &str, e: impl std::fmt::Display) -> IndexError {
    IndexError::Parse {
        what: what.into(),
        message: e.to_string(),
    }
}

fn cell_err(table: &str, row: usize, column: &str, value: &str, expected: &str) -> IndexError {
    IndexError::BadCell {
        table: table.into(),
        row,
        column: column.into(),
        value: value.into(),
        expected: expected.into(),
    }
}

/// Parses an optional number: empty, `NA`, `NaN` and `null` are missing.
fn opt_num(s: &str) -> std::result::Result<Option<f64>, ()> {
    let t = s.trim();
    if t.is_empty() || t.eq_ignore_ascii_case("na") || t.eq_ignore_ascii_case("nan") || t == "null"
    {
        return Ok(None);
    }
    match t.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(Some(v)),
        _ => Err(()),
    }
}

fn opt_text(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty() && !t.eq_ignore_ascii_case("na")).then(|| t.to_string())
}

/// Reads COINr's `iMeta` table (columns `Level, iCode, iName, Direction, Weight, Unit, Target,
/// Denominator, Parent, Type`) and validates the framework.
///
/// Rows of `Type` `Group` and `Denominator` declare unit groups and denominators; `Other` rows are
/// ignored; `Indicator` and `Aggregate` rows are the tree.
///
/// # Errors
/// Missing columns, a cell that is not what its column expects (with row and column), then every check of
/// [`Framework::new`].
///
/// # Examples
/// ```
/// let meta = "Level,iCode,iName,Direction,Weight,Unit,Target,Denominator,Parent,Type\n\
///             1,a,A,1,1,,,,I,Indicator\n1,b,B,-1,2,,,,I,Indicator\n2,I,Index,1,1,,,,,Aggregate\n";
/// let fw = creacity_index::read_imeta(meta).unwrap();
/// assert_eq!(fw.indicator_codes(), vec!["a", "b"]);
/// ```
pub fn read_imeta(text: &str) -> Result<Framework> {
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(false)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = rdr.headers().map_err(|e| parse_err("iMeta", e))?.clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim_start_matches('\u{feff}') == name)
    };
    let need = |name: &str| {
        col(name).ok_or_else(|| IndexError::MissingColumn {
            table: "iMeta".into(),
            column: name.into(),
        })
    };
    let (c_code, c_type) = (need("iCode")?, need("Type")?);
    let (c_level, c_parent, c_weight, c_dir) = (
        need("Level")?,
        need("Parent")?,
        need("Weight")?,
        need("Direction")?,
    );
    let (c_name, c_unit, c_target, c_den) =
        (col("iName"), col("Unit"), col("Target"), col("Denominator"));
    let mut nodes = Vec::new();
    let (mut groups, mut dens) = (Vec::new(), Vec::new());
    for (i, rec) in rdr.records().enumerate() {
        let row = i + 1;
        let rec = rec.map_err(|e| parse_err("iMeta", format!("row {row}: {e}")))?;
        let get = |c: usize| rec.get(c).unwrap_or("");
        let code = get(c_code).to_string();
        match get(c_type) {
            "Group" => groups.push(code),
            "Denominator" => dens.push(code),
            "Other" => {}
            t @ ("Indicator" | "Aggregate") => {
                let lv = get(c_level);
                let level = match opt_num(lv) {
                    Ok(Some(v)) if v >= 1.0 && v.fract() == 0.0 && v <= 255.0 => v as u8,
                    _ => return Err(cell_err("iMeta", row, "Level", lv, "a whole number ≥ 1")),
                };
                if (t == "Indicator") != (level == 1) {
                    return Err(cell_err(
                        "iMeta",
                        row,
                        "Level",
                        lv,
                        "1 for Type Indicator, ≥ 2 for Type Aggregate",
                    ));
                }
                let w = get(c_weight);
                let weight = match opt_num(w) {
                    Ok(Some(v)) => v,
                    _ => return Err(cell_err("iMeta", row, "Weight", w, "a number")),
                };
                let d = get(c_dir);
                let direction = match opt_num(d) {
                    Ok(Some(1.0)) => Direction::Positive,
                    Ok(Some(-1.0)) => Direction::Negative,
                    Ok(None) if level > 1 => Direction::Positive,
                    _ => return Err(cell_err("iMeta", row, "Direction", d, "1 or -1")),
                };
                let target = match c_target.map(|c| opt_num(get(c))) {
                    None | Some(Ok(None)) => None,
                    Some(Ok(Some(v))) => Some(v),
                    Some(Err(())) => {
                        return Err(cell_err(
                            "iMeta",
                            row,
                            "Target",
                            get(c_target.unwrap_or(0)),
                            "a number",
                        ));
                    }
                };
                nodes.push(Node {
                    code,
                    name: c_name.map(|c| get(c).to_string()).unwrap_or_default(),
                    level,
                    parent: opt_text(get(c_parent)),
                    weight,
                    direction,
                    unit: c_unit.and_then(|c| opt_text(get(c))),
                    target,
                    denominator: c_den.and_then(|c| opt_text(get(c))),
                    row,
                });
            }
            other => {
                return Err(cell_err(
                    "iMeta",
                    row,
                    "Type",
                    other,
                    "Indicator, Aggregate, Group, Denominator or Other",
                ));
            }
        }
    }
    Framework::new(nodes, groups, dens)
}

/// Reads COINr's `iData` table against a framework: `uCode` (required), `uName`, `Time`, one column per
/// indicator, group and denominator of the framework. Empty cells and `NA` are missing values.
///
/// # Errors
/// A missing or unknown column, a duplicated unit (per time), a cell that is not a number (with row and
/// column), then [`UnitData::validate`].
pub fn read_idata(text: &str, fw: &Framework) -> Result<UnitData> {
    let mut rdr = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = rdr
        .headers()
        .map_err(|e| parse_err("iData", e))?
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_string())
        .collect();
    let c_code =
        headers
            .iter()
            .position(|h| h == "uCode")
            .ok_or_else(|| IndexError::MissingColumn {
                table: "iData".into(),
                column: "uCode".into(),
            })?;
    let c_name = headers.iter().position(|h| h == "uName");
    let c_time = headers.iter().position(|h| h == "Time");
    for h in &headers {
        let known = matches!(h.as_str(), "uCode" | "uName" | "Time")
            || fw.node(h).is_some()
            || fw.groups.contains(h)
            || fw.denominators.contains(h);
        if !known {
            return Err(IndexError::UnknownCode {
                context: "iData column".into(),
                code: h.clone(),
            });
        }
        if fw.node(h).is_some_and(|n| n.level > 1) {
            return Err(IndexError::UnknownCode {
                context: "iData column is an aggregate, not an indicator".into(),
                code: h.clone(),
            });
        }
    }
    let ind = fw.indicator_codes();
    let mut units = Vec::new();
    let mut cols: Vec<Vec<f64>> = vec![Vec::new(); ind.len()];
    let mut groups: BTreeMap<String, Vec<Option<String>>> =
        fw.groups.iter().map(|g| (g.clone(), Vec::new())).collect();
    let mut dens: BTreeMap<String, Vec<f64>> = fw
        .denominators
        .iter()
        .map(|d| (d.clone(), Vec::new()))
        .collect();
    let mut time = c_time.map(|_| Vec::new());
    let pos = |name: &str| headers.iter().position(|h| h == name);
    let ind_pos: Vec<Option<usize>> = ind.iter().map(|c| pos(c)).collect();
    for (k, c) in ind.iter().enumerate() {
        if ind_pos[k].is_none() {
            return Err(IndexError::MissingColumn {
                table: "iData".into(),
                column: c.clone(),
            });
        }
    }
    let mut seen = BTreeMap::new();
    for (i, rec) in rdr.records().enumerate() {
        let row = i + 1;
        let rec = rec.map_err(|e| parse_err("iData", format!("row {row}: {e}")))?;
        let get = |c: usize| rec.get(c).unwrap_or("");
        let code = get(c_code).to_string();
        if code.is_empty() {
            return Err(cell_err("iData", row, "uCode", "", "a unit code"));
        }
        let num = |c: usize, name: &str| {
            opt_num(get(c)).map_err(|_| cell_err("iData", row, name, get(c), "a number or empty"))
        };
        let t = match c_time {
            Some(c) => match num(c, "Time")? {
                Some(v) if v.fract() == 0.0 && v.abs() < 1e6 => Some(v as i32),
                None => None,
                Some(_) => return Err(cell_err("iData", row, "Time", get(c), "a year")),
            },
            None => None,
        };
        if seen.insert((code.clone(), t), row).is_some() {
            return Err(IndexError::DuplicateCode { code, row });
        }
        for (k, c) in ind.iter().enumerate() {
            let p = ind_pos[k].expect("checked above");
            cols[k].push(num(p, c)?.unwrap_or(f64::NAN));
        }
        for (g, v) in groups.iter_mut() {
            v.push(pos(g).and_then(|p| opt_text(get(p))));
        }
        for (d, v) in dens.iter_mut() {
            let val = match pos(d) {
                Some(p) => num(p, d)?.unwrap_or(f64::NAN),
                None => {
                    return Err(IndexError::MissingColumn {
                        table: "iData".into(),
                        column: d.clone(),
                    });
                }
            };
            v.push(val);
        }
        if let Some(tv) = &mut time {
            tv.push(t.unwrap_or(0));
        }
        let name = c_name
            .map(|c| get(c).to_string())
            .unwrap_or_else(|| code.clone());
        units.push(Unit { code, name });
    }
    let indicators = Dataset {
        units: units.iter().map(|u| u.code.clone()).collect(),
        codes: ind,
        columns: cols,
    };
    let data = UnitData {
        units,
        indicators,
        groups,
        denominators: dens,
        time,
    };
    if data
        .time
        .as_ref()
        .is_none_or(|t| t.iter().all(|&y| y == t[0]))
    {
        data.validate(fw)?;
    } else {
        for d in data.split_by_time().values() {
            d.validate(fw)?;
        }
    }
    Ok(data)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SpecFile {
    #[serde(default)]
    groups: Vec<String>,
    #[serde(default)]
    denominators: Vec<String>,
    #[serde(rename = "node")]
    nodes: Vec<Node>,
}

/// Reads a framework from a TOML spec:
///
/// ```toml
/// groups = ["region"]
/// denominators = ["population"]
/// [[node]]
/// code = "museums"
/// level = 1
/// parent = "culture"
/// direction = "positive"   # or "negative"
/// weight = 1.0
/// denominator = "population"
/// ```
///
/// # Errors
/// TOML syntax or field errors (with the parser's line), then [`Framework::new`].
///
/// # Examples
/// ```
/// let spec = "[[node]]\ncode='a'\nlevel=1\nparent='I'\n[[node]]\ncode='I'\nlevel=2\n";
/// let fw = creacity_index::read_spec_toml(spec).unwrap();
/// assert_eq!(fw.root(), "I");
/// ```
pub fn read_spec_toml(text: &str) -> Result<Framework> {
    let spec: SpecFile = toml::from_str(text).map_err(|e| parse_err("spec", e))?;
    let mut nodes = spec.nodes;
    for (i, n) in nodes.iter_mut().enumerate() {
        if n.row == 0 {
            n.row = i + 1;
        }
    }
    Framework::new(nodes, spec.groups, spec.denominators)
}

/// Reads a framework from YAML with the same fields as [`read_spec_toml`] (`groups`, `denominators`,
/// `node` as a list).
///
/// # Errors
/// YAML syntax or field errors (with the parser's line), then [`Framework::new`].
///
/// # Examples
/// ```
/// let spec = "node:\n  - {code: a, level: 1, parent: I}\n  - {code: I, level: 2}\n";
/// assert_eq!(creacity_index::read_spec_yaml(spec).unwrap().root(), "I");
/// ```
pub fn read_spec_yaml(text: &str) -> Result<Framework> {
    let spec: SpecFile = serde_yaml_ng::from_str(text).map_err(|e| parse_err("spec", e))?;
    let mut nodes = spec.nodes;
    for (i, n) in nodes.iter_mut().enumerate() {
        if n.row == 0 {
            n.row = i + 1;
        }
    }
    Framework::new(nodes, spec.groups, spec.denominators)
}
