//! Reason templates: text with `{placeholder}` slots filled with the facts that fired a rule.
//!
//! Placeholders (all resolved from the rule's own conditions, so a filled reason never states a
//! fact the rule did not check):
//! - `{territory.name}`; `{problems.total}` (categories ranked); `{documents.total}`;
//! - `{problem.<id>.rank|share|documents|mentions|label}` for a problem the rule has a condition on
//!   (`share` is a whole percentage, without the `%` sign);
//! - `{clusters.total}`; `{clusters.count|share|ids|types}` for the rule's first cluster condition and
//!   `{clusters.<n>.count|share|ids|types}` for its n-th (from 1).

/// A parsed placeholder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Slot {
    TerritoryName,
    ProblemsTotal,
    DocumentsTotal,
    ClustersTotal,
    Problem { id: String, field: ProblemField },
    Clusters { index: usize, field: ClusterField },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ProblemField {
    Rank,
    Share,
    Documents,
    Mentions,
    Label,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ClusterField {
    Count,
    Share,
    Ids,
    Types,
}

/// A piece of a template: literal text or a slot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Piece {
    Text(String),
    Slot(Slot, String),
}

/// Splits a template into pieces; an error is `(placeholder, why)`.
pub(crate) fn parse(template: &str) -> Result<Vec<Piece>, (String, String)> {
    let mut pieces = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        if open > 0 {
            pieces.push(Piece::Text(rest[..open].to_string()));
        }
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            return Err((after.to_string(), "is not closed with `}`".into()));
        };
        let name = &after[..close];
        let slot =
            parse_slot(name).ok_or_else(|| (name.to_string(), "is not known".to_string()))?;
        pieces.push(Piece::Slot(slot, name.to_string()));
        rest = &after[close + 1..];
    }
    if !rest.is_empty() {
        pieces.push(Piece::Text(rest.to_string()));
    }
    Ok(pieces)
}

fn parse_slot(name: &str) -> Option<Slot> {
    let parts: Vec<&str> = name.trim().split('.').collect();
    match parts.as_slice() {
        ["territory", "name"] => Some(Slot::TerritoryName),
        ["problems", "total"] => Some(Slot::ProblemsTotal),
        ["documents", "total"] => Some(Slot::DocumentsTotal),
        ["clusters", "total"] => Some(Slot::ClustersTotal),
        ["problem", id, field] if !id.is_empty() => {
            let field = match *field {
                "rank" => ProblemField::Rank,
                "share" => ProblemField::Share,
                "documents" => ProblemField::Documents,
                "mentions" => ProblemField::Mentions,
                "label" => ProblemField::Label,
                _ => return None,
            };
            Some(Slot::Problem {
                id: (*id).to_string(),
                field,
            })
        }
        ["clusters", field] => Some(Slot::Clusters {
            index: 1,
            field: cluster_field(field)?,
        }),
        ["clusters", n, field] => Some(Slot::Clusters {
            index: n.parse().ok().filter(|n| *n >= 1)?,
            field: cluster_field(field)?,
        }),
        _ => None,
    }
}

fn cluster_field(s: &str) -> Option<ClusterField> {
    Some(match s {
        "count" => ClusterField::Count,
        "share" => ClusterField::Share,
        "ids" => ClusterField::Ids,
        "types" => ClusterField::Types,
        _ => return None,
    })
}

/// Fills a parsed template; `value` returns the text of a slot.
pub(crate) fn fill(pieces: &[Piece], mut value: impl FnMut(&Slot) -> String) -> String {
    let mut out = String::new();
    for p in pieces {
        match p {
            Piece::Text(t) => out.push_str(t),
            Piece::Slot(s, _) => out.push_str(&value(s)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_fills() {
        let p = parse("rank {problem.coordination.rank} of {problems.total}, {clusters.2.count}")
            .unwrap();
        assert_eq!(p.len(), 6);
        let s = fill(&p, |s| match s {
            Slot::Problem { .. } => "1".into(),
            Slot::ProblemsTotal => "8".into(),
            Slot::Clusters { index: 2, .. } => "3".into(),
            _ => "?".into(),
        });
        assert_eq!(s, "rank 1 of 8, 3");
    }

    #[test]
    fn rejects_unknown_and_unclosed() {
        assert_eq!(
            parse("{problem.x.colour}").unwrap_err().0,
            "problem.x.colour"
        );
        assert_eq!(
            parse("{clusters.0.count}").unwrap_err().0,
            "clusters.0.count"
        );
        assert!(
            parse("a {territory.name")
                .unwrap_err()
                .1
                .contains("not closed")
        );
    }
}
