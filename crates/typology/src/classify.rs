//! Classification of case cards by a validated spec, with the reasons for every type.

use creacity_model::{Bilingual, CreativeCluster};
use serde::{Deserialize, Serialize};

use crate::Field;
use crate::field::{Change, FactValue, one_step_changes, snap};
use crate::file::Axis;
use crate::membership::{assign, interval_type};
use crate::spec::{Spec, TypeInfo};

/// The spec a result was computed with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpecRef {
    /// The typology's name.
    pub name: String,
    /// Its version.
    pub version: String,
    /// Digest of its content (see [`Spec::digest`]).
    pub digest: String,
    /// Its title.
    pub title: Bilingual,
    /// Its note on sources (for the default spec: which type names come from the paper).
    pub note: Bilingual,
    /// The crate that computed the result, with its version.
    pub engine: String,
}

impl SpecRef {
    /// `name@version`, the way provenance lists reference data.
    pub fn tag(&self) -> String {
        format!("{}@{}", self.name, self.version)
    }
}

/// The classification of a set of case cards.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Classification {
    /// Which spec was used.
    pub spec: SpecRef,
    /// The types of the spec with their intervals on the composite score.
    pub types: Vec<TypeInfo>,
    /// One result per case card, in input order.
    pub clusters: Vec<ClusterResult>,
    /// Counts per type and the dominant types.
    pub summary: Summary,
}

/// The classification of one case card. Every number is rounded to 12 decimals, so that JSON
/// holds `0.1`, not `0.09999999999999998`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClusterResult {
    /// The case card's id.
    pub cluster_id: String,
    /// Its name.
    pub name: Bilingual,
    /// True for synthetic records.
    pub synthetic: bool,
    /// The type assigned.
    pub type_id: String,
    /// Its position on the scale (1 = most private).
    pub position: usize,
    /// Number of types on the scale.
    pub of: usize,
    /// Its label.
    pub label: Bilingual,
    /// Composite score, 0 (fully private) … 1 (fully public), rounded to 12 decimals.
    pub score: f64,
    /// The type whose interval holds the score, when requirements moved the cluster elsewhere.
    pub interval_type: Option<String>,
    /// Distance from the score to the nearest threshold.
    pub margin: f64,
    /// Scores per dimension, in spec order.
    pub dimensions: Vec<DimensionScore>,
    /// Degree of membership in every type, in scale order; they sum to 1.
    pub memberships: Vec<Membership>,
    /// Every scored fact, the most decisive first.
    pub facts: Vec<FactContribution>,
    /// True when one fact changed by one step would change the type.
    pub borderline: bool,
    /// The one-step changes that would change the type, with the type each gives.
    pub alternatives: Vec<Alternative>,
}

/// A dimension's score for one cluster.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DimensionScore {
    /// Dimension id.
    pub id: String,
    /// Its label.
    pub label: Bilingual,
    /// Axis of the public–private plane.
    pub axis: Axis,
    /// Weight as written in the spec.
    pub weight: f64,
    /// Score, 0 … 1.
    pub score: f64,
}

/// Degree of membership in one type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Membership {
    /// Type id.
    pub type_id: String,
    /// Position on the scale.
    pub position: usize,
    /// Label.
    pub label: Bilingual,
    /// Degree, 0 … 1.
    pub degree: f64,
    /// False when the type's single-dimension requirements fail (its degree is then 0).
    pub qualifies: bool,
}

/// What one fact adds to the composite score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FactContribution {
    /// The dimension it scores in.
    pub dimension: String,
    /// The fact.
    pub field: Field,
    /// Its value in the case card.
    pub value: FactValue,
    /// Its score, 0 … 1.
    pub score: f64,
    /// Its weight in the composite (dimension share × share inside the dimension).
    pub weight: f64,
    /// `weight × score`; the contributions sum to the composite score.
    pub contribution: f64,
    /// `weight × (score − 0.5)`: positive pulls towards the public end, negative towards the
    /// private end. Facts are ranked by its absolute value.
    pub pull: f64,
}

/// A one-step change of one fact that changes the type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Alternative {
    /// The fact changed.
    pub field: Field,
    /// The change.
    pub change: Change,
    /// The type it gives.
    pub type_id: String,
    /// That type's position.
    pub position: usize,
    /// That type's label.
    pub label: Bilingual,
    /// The composite score after the change.
    pub score: f64,
}

/// The classification summed up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Number of clusters.
    pub clusters: usize,
    /// Every type of the scale, with its count (zeros included).
    pub per_type: Vec<TypeCount>,
    /// Ids of the type(s) with the most clusters (all of them on a tie; empty without clusters).
    pub dominant: Vec<String>,
    /// Mean composite score (`None` without clusters).
    pub mean_score: Option<f64>,
    /// Number of borderline clusters.
    pub borderline: usize,
}

/// Clusters of one type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TypeCount {
    /// Type id.
    pub type_id: String,
    /// Position on the scale.
    pub position: usize,
    /// Label.
    pub label: Bilingual,
    /// Clusters assigned to it.
    pub count: usize,
    /// Sum of the clusters' memberships in it (fuzzy count).
    pub fuzzy_count: f64,
}

/// Score, dimension scores and assigned type of one case card.
struct Evaluation {
    score: f64,
    dims: Vec<f64>,
    chosen: usize,
    memberships: Vec<f64>,
    qualifies: Vec<bool>,
}

fn evaluate(spec: &Spec, c: &CreativeCluster) -> Evaluation {
    let dims: Vec<f64> = spec
        .dimensions
        .iter()
        .map(|d| {
            d.facts
                .iter()
                .map(|f| f.share * f.scoring.score(f.field, c))
                .sum()
        })
        .collect();
    let score = snap(
        spec.dimensions
            .iter()
            .zip(&dims)
            .map(|(d, s)| d.share * s)
            .sum::<f64>()
            .clamp(0.0, 1.0),
    );
    let (chosen, memberships, qualifies) = assign(spec, score, &dims);
    Evaluation {
        score,
        dims,
        chosen,
        memberships,
        qualifies,
    }
}

/// Classifies every case card by `spec`.
///
/// Case cards are expected to be valid ([`CreativeCluster::validate`]); shares outside `0..=1`
/// are clamped.
///
/// # Examples
/// With the default spec, a cluster started by an entrepreneur on private land with no public
/// money, board seats or support, all of whose residents are private, scores 0:
/// ```
/// use creacity_typology::{classify, Spec};
/// # use creacity_model::*;
/// # let card = CreativeCluster { id: "c1".into(), name_ru: "Лофт".into(), name_en: "Loft".into(),
/// #   territory_id: "t".into(), initiator: Initiator::PrivateEntrepreneur, site_owner: SiteOwner::Private,
/// #   public_share_creation: 0.0, public_share_operation: 0.0, manager: Manager::PrivateCompany,
/// #   support: Default::default(), public_seats: 0, board_seats: 3, residents: 20,
/// #   private_resident_share: 1.0, year_opened: Some(2016), notes: String::new(),
/// #   sources: String::new(), synthetic: true };
/// let mut card = card;
/// let spec = Spec::builtin();
/// let result = classify(&spec, &[card.clone()]);
/// assert_eq!(result.clusters[0].score, 0.0);
/// assert_eq!(result.clusters[0].type_id, "initiative_based");
/// // Public money pays half of its running costs: that dimension weighs 0.15 of the whole,
/// // so the score becomes 0.15 × 0.5 = 0.075, still initiative-based.
/// card.public_share_operation = 0.5;
/// let result = classify(&spec, &[card]);
/// assert_eq!(result.clusters[0].score, 0.075);
/// assert_eq!(result.clusters[0].position, 1);
/// ```
pub fn classify(spec: &Spec, clusters: &[CreativeCluster]) -> Classification {
    let results: Vec<ClusterResult> = clusters.iter().map(|c| classify_one(spec, c)).collect();
    let summary = summarise(spec, &results);
    Classification {
        spec: SpecRef {
            name: spec.name().to_string(),
            version: spec.version().to_string(),
            digest: spec.digest().to_string(),
            title: spec.file().title.to_bilingual(),
            note: spec.file().note.to_bilingual(),
            engine: format!("{} {}", env!("CARGO_PKG_NAME"), env!("CARGO_PKG_VERSION")),
        },
        types: spec.types(),
        clusters: results,
        summary,
    }
}

/// Classifies one case card.
pub fn classify_one(spec: &Spec, c: &CreativeCluster) -> ClusterResult {
    let e = evaluate(spec, c);
    let t = &spec.types[e.chosen];
    let inside = interval_type(spec, e.score);
    let margin = spec.types[1..]
        .iter()
        .map(|t| (e.score - t.from).abs())
        .fold(f64::INFINITY, f64::min);
    let dimensions = spec
        .dimensions
        .iter()
        .zip(&e.dims)
        .map(|(d, &score)| DimensionScore {
            id: d.id.clone(),
            label: d.label.clone(),
            axis: d.axis,
            weight: d.weight,
            score: snap(score),
        })
        .collect();
    let memberships = spec
        .types
        .iter()
        .enumerate()
        .map(|(i, t)| Membership {
            type_id: t.id.clone(),
            position: i + 1,
            label: t.label.clone(),
            degree: snap(e.memberships[i]),
            qualifies: e.qualifies[i],
        })
        .collect();
    let mut facts: Vec<FactContribution> = spec
        .dimensions
        .iter()
        .flat_map(|d| {
            d.facts.iter().map(move |f| {
                let score = f.scoring.score(f.field, c);
                let weight = d.share * f.share;
                FactContribution {
                    dimension: d.id.clone(),
                    field: f.field,
                    value: f.field.value_of(c),
                    score: snap(score),
                    weight: snap(weight),
                    contribution: snap(weight * score),
                    pull: snap(weight * (score - 0.5)),
                }
            })
        })
        .collect();
    // Stable sort: equal pulls keep the spec's order, so results are reproducible.
    facts.sort_by(|a, b| b.pull.abs().total_cmp(&a.pull.abs()));
    let alternatives = alternatives(spec, c, e.chosen);
    ClusterResult {
        cluster_id: c.id.clone(),
        name: Bilingual::new(c.name_ru.clone(), c.name_en.clone()),
        synthetic: c.synthetic,
        type_id: t.id.clone(),
        position: e.chosen + 1,
        of: spec.types.len(),
        label: t.label.clone(),
        score: e.score,
        interval_type: (inside != e.chosen).then(|| spec.types[inside].id.clone()),
        margin: if margin.is_finite() {
            snap(margin)
        } else {
            1.0
        },
        dimensions,
        memberships,
        facts,
        borderline: !alternatives.is_empty(),
        alternatives,
    }
}

fn alternatives(spec: &Spec, c: &CreativeCluster, chosen: usize) -> Vec<Alternative> {
    // The texts of the card do not take part in scoring; dropping them once spares an
    // allocation per text for each of the few dozen changed copies.
    let bare = CreativeCluster {
        id: String::new(),
        name_ru: String::new(),
        name_en: String::new(),
        territory_id: String::new(),
        notes: String::new(),
        sources: String::new(),
        support: c.support.clone(),
        ..*c
    };
    let mut out = Vec::new();
    for field in spec.used_fields() {
        let allowed = |from: &str, to: &str| spec.one_code_step(field, from, to);
        for (change, changed) in one_step_changes(field, &bare, spec.share_step(), &allowed) {
            let e = evaluate(spec, &changed);
            if e.chosen != chosen {
                let t = &spec.types[e.chosen];
                out.push(Alternative {
                    field,
                    change,
                    type_id: t.id.clone(),
                    position: e.chosen + 1,
                    label: t.label.clone(),
                    score: e.score,
                });
            }
        }
    }
    out
}

fn summarise(spec: &Spec, results: &[ClusterResult]) -> Summary {
    let per_type: Vec<TypeCount> = spec
        .types
        .iter()
        .enumerate()
        .map(|(i, t)| TypeCount {
            type_id: t.id.clone(),
            position: i + 1,
            label: t.label.clone(),
            count: results.iter().filter(|r| r.position == i + 1).count(),
            fuzzy_count: snap(results.iter().map(|r| r.memberships[i].degree).sum()),
        })
        .collect();
    let top = per_type.iter().map(|t| t.count).max().unwrap_or(0);
    let dominant = per_type
        .iter()
        .filter(|t| top > 0 && t.count == top)
        .map(|t| t.type_id.clone())
        .collect();
    let mean_score = (!results.is_empty())
        .then(|| snap(results.iter().map(|r| r.score).sum::<f64>() / results.len() as f64));
    Summary {
        clusters: results.len(),
        per_type,
        dominant,
        mean_score,
        borderline: results.iter().filter(|r| r.borderline).count(),
    }
}
