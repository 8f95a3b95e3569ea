//! A human explanation of one cluster's classification, in Russian or English.

use creacity_model::Lang;

use crate::ClusterResult;

/// How many facts the explanation names as deciding.
const TOP_FACTS: usize = 3;

/// Renders why a cluster got its type: type and score, memberships, dimension scores, the
/// deciding facts and the borderline check. Plain text, one statement per line.
///
/// ```
/// # use creacity_model::*;
/// use creacity_typology::{classify, explain, Spec};
/// # let card = CreativeCluster { id: "c1".into(), name_ru: "Лофт".into(), name_en: "Loft".into(),
/// #   territory_id: "t".into(), initiator: Initiator::PrivateEntrepreneur, site_owner: SiteOwner::Private,
/// #   public_share_creation: 0.0, public_share_operation: 0.0, manager: Manager::PrivateCompany,
/// #   support: Default::default(), public_seats: 0, board_seats: 3, residents: 20,
/// #   private_resident_share: 1.0, year_opened: None, notes: String::new(),
/// #   sources: String::new(), synthetic: false };
/// let r = &classify(&Spec::builtin(), &[card]).clusters[0];
/// let text = explain(r, Lang::En);
/// assert!(text.starts_with("Loft (c1): type 1 of 5, initiative-based; score 0.000"));
/// assert!(explain(r, Lang::Ru).contains("инициативный"));
/// ```
pub fn explain(r: &ClusterResult, lang: Lang) -> String {
    let ru = lang == Lang::Ru;
    let mut lines = Vec::new();
    let synthetic = match (r.synthetic, ru) {
        (false, _) => "",
        (true, false) => " [synthetic]",
        (true, true) => " [синтетические данные]",
    };
    lines.push(if ru {
        format!(
            "{} ({}){synthetic}: тип {} из {}, {}; балл {:.3} (0 — полностью частный, 1 — полностью государственный).",
            r.name.get(lang),
            r.cluster_id,
            r.position,
            r.of,
            r.label.get(lang),
            r.score
        )
    } else {
        format!(
            "{} ({}){synthetic}: type {} of {}, {}; score {:.3} (0 fully private, 1 fully public).",
            r.name.get(lang),
            r.cluster_id,
            r.position,
            r.of,
            r.label.get(lang),
            r.score
        )
    });
    if let Some(inside) = &r.interval_type {
        let label = r
            .memberships
            .iter()
            .find(|m| &m.type_id == inside)
            .map_or(inside.as_str(), |m| m.label.get(lang));
        lines.push(if ru {
            format!("Балл попадает в интервал типа «{label}», но его условия по отдельным измерениям не выполнены.")
        } else {
            format!("The score lies in the interval of \"{label}\", but that type's conditions on single dimensions are not met.")
        });
    }
    let members: Vec<String> = r
        .memberships
        .iter()
        .filter(|m| m.degree > 0.0)
        .map(|m| format!("{} {:.2}", m.label.get(lang), m.degree))
        .collect();
    lines.push(format!(
        "{}: {}.",
        if ru {
            "Принадлежность"
        } else {
            "Membership"
        },
        members.join("; ")
    ));
    let dims: Vec<String> = r
        .dimensions
        .iter()
        .map(|d| format!("{} {:.2}", d.label.get(lang), d.score))
        .collect();
    lines.push(format!(
        "{}: {}.",
        if ru {
            "Измерения"
        } else {
            "Dimensions"
        },
        dims.join("; ")
    ));
    let facts: Vec<String> = r
        .facts
        .iter()
        .filter(|f| f.pull.abs() > 1e-12)
        .take(TOP_FACTS)
        .map(|f| {
            let towards = match (f.pull > 0.0, ru) {
                (true, false) => "towards public",
                (false, false) => "towards private",
                (true, true) => "к государственному",
                (false, true) => "к частному",
            };
            format!(
                "{} = {} ({towards}, {:+.3})",
                f.field.label(lang),
                f.value.render(f.field, lang),
                f.pull
            )
        })
        .collect();
    if !facts.is_empty() {
        lines.push(format!(
            "{}: {}.",
            if ru {
                "Решающие факты"
            } else {
                "Deciding facts"
            },
            facts.join("; ")
        ));
    }
    if r.alternatives.is_empty() {
        lines.push(
            if ru {
                "Не пограничный: ни одно изменение одного факта на один шаг не меняет тип."
            } else {
                "Not borderline: no change of one fact by one step changes the type."
            }
            .to_string(),
        );
    } else {
        lines.push(
            if ru {
                "Пограничный: тип изменится, если"
            } else {
                "Borderline: the type changes if"
            }
            .to_string(),
        );
        for a in &r.alternatives {
            lines.push(format!(
                "  - {} ⇒ {} ({} {:.3})",
                a.change.render(a.field, lang),
                a.label.get(lang),
                if ru { "балл" } else { "score" },
                a.score
            ));
        }
    }
    lines.join("\n")
}
