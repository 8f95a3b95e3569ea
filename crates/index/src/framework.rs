//! The indicator framework: a tree of indicators and aggregates, validated up front.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::error::{IndexError, Result};

/// Whether a higher value of an indicator is better (`Positive`) or worse (`Negative`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Higher is better (COINr `Direction = 1`).
    #[default]
    Positive,
    /// Lower is better (COINr `Direction = -1`).
    Negative,
}

impl Direction {
    /// +1 or −1.
    pub fn sign(self) -> f64 {
        match self {
            Direction::Positive => 1.0,
            Direction::Negative => -1.0,
        }
    }
}

/// One node of the framework: an indicator (level 1) or an aggregate (level ≥ 2).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Node {
    /// Unique code (COINr `iCode`).
    pub code: String,
    /// Display name (COINr `iName`).
    #[serde(default)]
    pub name: String,
    /// 1 for indicators, 2 for their parents, and so on up to the index.
    pub level: u8,
    /// The aggregate this node feeds; `None` only for the root.
    #[serde(default)]
    pub parent: Option<String>,
    /// Weight within its group of siblings.
    #[serde(default = "one")]
    pub weight: f64,
    /// Direction (indicators only; ignored above level 1, as in COINr).
    #[serde(default)]
    pub direction: Direction,
    /// Unit of measurement.
    #[serde(default)]
    pub unit: Option<String>,
    /// Target value (used by distance-to-target normalisation and KPI progress).
    #[serde(default)]
    pub target: Option<f64>,
    /// Denominator column the raw value is divided by.
    #[serde(default)]
    pub denominator: Option<String>,
    /// Row in the source table (1-based) for messages; 0 when not from a table.
    #[serde(default)]
    pub row: usize,
}

fn one() -> f64 {
    1.0
}

/// A validated framework. Build it with [`Framework::new`]; deserialising validates too.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "FrameworkSpec")]
pub struct Framework {
    nodes: Vec<Node>,
    /// Names of the unit-group variables (COINr `Type = Group`).
    pub groups: Vec<String>,
    /// Names of the denominator variables (COINr `Type = Denominator`).
    pub denominators: Vec<String>,
    #[serde(skip)]
    index: BTreeMap<String, usize>,
    /// Positions of each node's children, by node position.
    #[serde(skip)]
    kids: Vec<Vec<usize>>,
}

/// The serialised shape of a framework, validated on the way in.
#[derive(Deserialize)]
struct FrameworkSpec {
    nodes: Vec<Node>,
    #[serde(default)]
    groups: Vec<String>,
    #[serde(default)]
    denominators: Vec<String>,
}

impl TryFrom<FrameworkSpec> for Framework {
    type Error = IndexError;
    fn try_from(s: FrameworkSpec) -> Result<Framework> {
        Framework::new(s.nodes, s.groups, s.denominators)
    }
}

impl Framework {
    /// Validates the nodes and returns the framework.
    ///
    /// Checks, in order: duplicate codes, unknown parents, cycles, a single root, parents one level up,
    /// indicators at level 1 and aggregates above with at least one child, finite non-negative weights
    /// with a positive sum in every group of siblings, denominators that are declared.
    ///
    /// # Errors
    /// The first problem found, naming the code and row.
    ///
    /// # Examples
    /// ```
    /// use creacity_index::{Framework, Node, Direction};
    /// let n = |code: &str, level, parent: Option<&str>| Node {
    ///     code: code.into(), name: code.into(), level, parent: parent.map(Into::into),
    ///     weight: 1.0, direction: Direction::Positive, unit: None, target: None, denominator: None, row: 0,
    /// };
    /// let fw = Framework::new(vec![n("a", 1, Some("I")), n("b", 1, Some("I")), n("I", 2, None)], vec![], vec![]).unwrap();
    /// assert_eq!(fw.root(), "I");
    /// assert_eq!(fw.children("I").len(), 2);
    /// ```
    pub fn new(nodes: Vec<Node>, groups: Vec<String>, denominators: Vec<String>) -> Result<Self> {
        let mut index = BTreeMap::new();
        for (i, n) in nodes.iter().enumerate() {
            if n.code.trim().is_empty() {
                return Err(IndexError::BadCell {
                    table: "framework".into(),
                    row: n.row,
                    column: "iCode".into(),
                    value: n.code.clone(),
                    expected: "a non-empty code".into(),
                });
            }
            if index.insert(n.code.clone(), i).is_some() {
                return Err(IndexError::DuplicateCode {
                    code: n.code.clone(),
                    row: n.row,
                });
            }
        }
        for n in &nodes {
            if let Some(p) = &n.parent
                && !index.contains_key(p)
            {
                return Err(IndexError::UnknownParent {
                    code: n.code.clone(),
                    parent: p.clone(),
                    row: n.row,
                });
            }
        }
        // Cycles: walk up from every node.
        for n in &nodes {
            let mut path = vec![n.code.clone()];
            let mut seen = BTreeSet::from([n.code.as_str()]);
            let mut cur = n;
            while let Some(p) = &cur.parent {
                path.push(p.clone());
                if !seen.insert(p.as_str()) {
                    return Err(IndexError::Cycle { path });
                }
                cur = &nodes[index[p]];
            }
        }
        let roots: Vec<String> = nodes
            .iter()
            .filter(|n| n.parent.is_none())
            .map(|n| n.code.clone())
            .collect();
        if roots.len() != 1 {
            // A root at level 1 next to a real root is an orphan indicator: say so.
            if let Some(o) = nodes
                .iter()
                .find(|n| n.parent.is_none() && n.level == 1 && nodes.len() > 1)
            {
                return Err(IndexError::Orphan {
                    code: o.code.clone(),
                    row: o.row,
                    why: "indicator without a parent".into(),
                });
            }
            return Err(IndexError::Roots { roots });
        }
        for n in &nodes {
            if n.level == 0 {
                return Err(IndexError::BadCell {
                    table: "framework".into(),
                    row: n.row,
                    column: "Level".into(),
                    value: "0".into(),
                    expected: "a level ≥ 1".into(),
                });
            }
            if let Some(p) = &n.parent {
                let pl = nodes[index[p]].level;
                if pl != n.level + 1 {
                    return Err(IndexError::LevelMismatch {
                        code: n.code.clone(),
                        level: n.level,
                        parent: p.clone(),
                        parent_level: pl,
                    });
                }
            }
            if n.level > 1 && !nodes.iter().any(|c| c.parent.as_deref() == Some(&n.code)) {
                return Err(IndexError::Orphan {
                    code: n.code.clone(),
                    row: n.row,
                    why: "aggregate without children".into(),
                });
            }
            if !n.weight.is_finite() || n.weight < 0.0 {
                return Err(IndexError::BadWeights {
                    parent: n.parent.clone().unwrap_or_default(),
                    why: format!(
                        "`{}` has weight {} (must be finite and ≥ 0)",
                        n.code, n.weight
                    ),
                });
            }
            if let Some(d) = &n.denominator
                && !denominators.contains(d)
            {
                return Err(IndexError::UnknownCode {
                    context: format!("denominator of `{}`", n.code),
                    code: d.clone(),
                });
            }
        }
        let mut kids = vec![Vec::new(); nodes.len()];
        for (i, n) in nodes.iter().enumerate() {
            if let Some(p) = &n.parent {
                kids[index[p]].push(i);
            }
        }
        let fw = Framework {
            nodes,
            groups,
            denominators,
            index,
            kids,
        };
        for n in fw.nodes.iter().filter(|n| n.level > 1) {
            let s: f64 = fw.children(&n.code).iter().map(|c| c.weight).sum();
            if s <= 0.0 {
                return Err(IndexError::BadWeights {
                    parent: n.code.clone(),
                    why: "sum to zero".into(),
                });
            }
        }
        Ok(fw)
    }

    /// All nodes in input order.
    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    /// A node by code.
    pub fn node(&self, code: &str) -> Option<&Node> {
        self.index.get(code).map(|&i| &self.nodes[i])
    }

    /// The indicators (level 1) in input order.
    pub fn indicators(&self) -> impl Iterator<Item = &Node> {
        self.nodes.iter().filter(|n| n.level == 1)
    }

    /// Codes of the indicators in input order.
    pub fn indicator_codes(&self) -> Vec<String> {
        self.indicators().map(|n| n.code.clone()).collect()
    }

    /// The children of a node, in input order.
    pub fn children(&self, code: &str) -> Vec<&Node> {
        match self.index.get(code) {
            Some(&i) => self.kids[i].iter().map(|&k| &self.nodes[k]).collect(),
            None => Vec::new(),
        }
    }

    /// Nodes at one level, in input order.
    pub fn at_level(&self, level: u8) -> Vec<&Node> {
        self.nodes.iter().filter(|n| n.level == level).collect()
    }

    /// The highest level (the root's).
    pub fn top_level(&self) -> u8 {
        self.nodes.iter().map(|n| n.level).max().unwrap_or(1)
    }

    /// The root's code (the index).
    pub fn root(&self) -> &str {
        &self
            .nodes
            .iter()
            .find(|n| n.parent.is_none())
            .expect("validated: one root")
            .code
    }

    /// The ancestor of `code` at `level` (itself when already at that level).
    pub fn ancestor_at(&self, code: &str, level: u8) -> Option<&Node> {
        let mut cur = self.node(code)?;
        while cur.level < level {
            cur = self.node(cur.parent.as_deref()?)?;
        }
        (cur.level == level).then_some(cur)
    }

    /// Level-1 descendants of a node.
    pub fn indicators_under(&self, code: &str) -> Vec<&Node> {
        self.indicators()
            .filter(|n| {
                self.node(code).is_some_and(|a| {
                    self.ancestor_at(&n.code, a.level)
                        .is_some_and(|x| x.code == a.code)
                })
            })
            .collect()
    }

    /// A copy without some indicators (and without aggregates left empty), validated again.
    ///
    /// # Errors
    /// When nothing is left, or the framework becomes invalid.
    pub fn without(&self, codes: &[String]) -> Result<Framework> {
        let mut nodes: Vec<Node> = self
            .nodes
            .iter()
            .filter(|n| !codes.contains(&n.code))
            .cloned()
            .collect();
        loop {
            let before = nodes.len();
            let keep: Vec<bool> = nodes
                .iter()
                .map(|n| n.level == 1 || nodes.iter().any(|c| c.parent.as_deref() == Some(&n.code)))
                .collect();
            let mut k = keep.into_iter();
            nodes.retain(|_| k.next().unwrap_or(true));
            if nodes.len() == before {
                break;
            }
        }
        Framework::new(nodes, self.groups.clone(), self.denominators.clone())
    }
}
