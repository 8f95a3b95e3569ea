//! Text in the reference notation: `A*~B + C`, `X[2]`; truth tables and solutions as tables.

use crate::{Fit, Minimization, Solution, TruthTable};
use std::fmt::Write;

/// A conjunction: literals joined by `*`; `~A` for absence in crisp and fuzzy sets, `A[v]` when
/// the analysis is multi-value.
pub fn implicant_expression(values: &[Option<u8>], names: &[String], multi_value: bool) -> String {
    let lits: Vec<String> = values
        .iter()
        .zip(names)
        .filter_map(|(v, n)| {
            v.map(|v| {
                if multi_value {
                    format!("{n}[{v}]")
                } else if v == 1 {
                    n.clone()
                } else {
                    format!("~{n}")
                }
            })
        })
        .collect();
    lits.join("*")
}

/// A disjunction of terms joined by ` + `.
pub fn model_expression<'a>(terms: impl Iterator<Item = &'a str>) -> String {
    terms.collect::<Vec<_>>().join(" + ")
}

/// The truth table as text, observed rows only, in row-number order or by decreasing inclusion.
///
/// ```
/// use creacity_qca::*;
/// let d = Dataset::parse("case,A,Y\na,1,1\nb,0,0\n").unwrap();
/// let s = SetData::new(&d, &OutcomeSpec::parse("Y").unwrap(), None).unwrap();
/// let tt = truth_table(&s, &TruthTableParams::default()).unwrap();
/// assert!(render_truth_table(&tt, false).contains("1.000"));
/// ```
pub fn render_truth_table(tt: &TruthTable, by_inclusion: bool) -> String {
    let rows: Vec<_> = if by_inclusion {
        tt.rows_by_inclusion()
    } else {
        tt.rows.iter().collect()
    };
    let mut s = String::new();
    let w = rows
        .iter()
        .map(|r| r.number.to_string().len())
        .max()
        .unwrap_or(1);
    let _ = write!(s, "{:>w$} ", "");
    for c in &tt.conditions {
        let _ = write!(s, " {c}");
    }
    let _ = writeln!(s, "  OUT    n  incl   PRI    cases");
    for r in rows {
        let _ = write!(s, "{:>w$} ", r.number);
        for (c, v) in tt.conditions.iter().zip(&r.values) {
            let _ = write!(s, " {:>width$}", v, width = c.chars().count());
        }
        let _ = writeln!(
            s,
            "  {:>3} {:>4}  {:.3}  {:.3}  {}",
            r.out.code(),
            r.n,
            r.incl,
            r.pri,
            r.cases.join(",")
        );
    }
    s
}

fn fit_cells(f: &Fit) -> String {
    format!("{:.3}  {:.3}  {:.3}", f.incl, f.pri, f.cov)
}

/// A solution as text: every model, `M1: … -> Y`, with the fit of every term and of the model.
pub fn render_solution(sol: &Solution, outcome: &str) -> String {
    let mut s = String::new();
    for m in &sol.models {
        let _ = writeln!(s, "{}: {} -> {}", m.name, m.expression, outcome);
        let w = m
            .term_fits
            .iter()
            .map(|t| t.expression.chars().count())
            .max()
            .unwrap_or(2)
            .max(2);
        let _ = writeln!(s, "   {:>w$}  inclS   PRI   covS   covU   cases", "");
        for (i, t) in m.term_fits.iter().enumerate() {
            let cases: Vec<String> = t.cases.iter().map(|c| c.join(",")).collect();
            let _ = writeln!(
                s,
                "{:<2} {:>w$}  {}  {:.3}  {}",
                i + 1,
                t.expression,
                fit_cells(&t.fit),
                t.cov_unique,
                cases.join("; ")
            );
        }
        let _ = writeln!(s, "   {:>w$}  {}", m.name, fit_cells(&m.fit));
        if let Some(sa) = &m.simplifying_assumptions
            && !sa.is_empty()
        {
            let rows: Vec<String> = sa.iter().map(u64::to_string).collect();
            let _ = writeln!(s, "   simplifying assumptions (rows): {}", rows.join(", "));
        }
        s.push('\n');
    }
    if sol.truncated {
        s.push_str("(model listing truncated)\n");
    }
    s
}

/// Every solution of a minimisation as text, with bilingual headings.
pub fn render_minimization(m: &Minimization) -> String {
    let mut s = String::new();
    if let Some(c) = &m.conservative {
        s.push_str("Conservative solution / Консервативное решение\n");
        s.push_str(&render_solution(c, &m.outcome));
    }
    if let Some(p) = &m.parsimonious {
        s.push_str("Parsimonious solution / Экономное решение\n");
        s.push_str(&render_solution(p, &m.outcome));
    }
    for i in &m.intermediate {
        let _ = writeln!(
            s,
            "Intermediate solution / Промежуточное решение C{}P{}",
            i.conservative_model + 1,
            i.parsimonious_model + 1
        );
        let ec: Vec<String> = i.easy_counterfactuals.iter().map(u64::to_string).collect();
        let _ = writeln!(s, "   easy counterfactuals (rows): {}", ec.join(", "));
        s.push_str(&render_solution(&i.solution, &m.outcome));
    }
    s
}
