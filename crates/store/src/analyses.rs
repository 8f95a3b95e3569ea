//! Analysis results with their provenance.

use crate::db::vals;
use crate::{Result, Workspace, now, unique_id};
use creacity_model::{ProblemRanking, Provenance};

/// An analysis result as stored: its kind, territory, JSON body and provenance.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredAnalysis {
    /// Unique id.
    pub id: String,
    /// Kind: `classification`, `problems`, `qca`, `index`, `mapping`, …
    pub kind: String,
    /// The territory it concerns, if one.
    pub territory_id: Option<String>,
    /// The result as JSON.
    pub result: serde_json::Value,
    /// How it was computed.
    pub provenance: Provenance,
    /// When it was stored.
    pub created_at: String,
}

impl Workspace {
    /// Stores an analysis result and returns its id.
    ///
    /// # Errors
    /// A database or JSON error; nothing is written then.
    pub fn save_analysis(
        &mut self,
        kind: &str,
        territory_id: Option<&str>,
        result: &impl serde::Serialize,
        provenance: &Provenance,
    ) -> Result<String> {
        let stamp = now();
        let id = unique_id(kind, &stamp);
        self.db.exec(
            "INSERT INTO analyses (id, kind, territory_id, result, provenance, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            vals![
                &id,
                kind,
                territory_id,
                serde_json::to_string(result)?,
                serde_json::to_string(provenance)?,
                stamp
            ],
        )?;
        Ok(id)
    }

    /// Stores a problem ranking: the JSON result and one queryable row per category, in one transaction.
    ///
    /// # Errors
    /// A database or JSON error; nothing is written then.
    pub fn save_problem_ranking(
        &mut self,
        ranking: &ProblemRanking,
        provenance: &Provenance,
    ) -> Result<String> {
        let stamp = now();
        let id = unique_id("problems", &stamp);
        let tx = self.db.begin()?;
        tx.exec(
            "INSERT INTO analyses (id, kind, territory_id, result, provenance, created_at) VALUES (?1, 'problems', NULL, ?2, ?3, ?4)",
            vals![&id, serde_json::to_string(ranking)?, serde_json::to_string(provenance)?, &stamp],
        )?;
        for p in &ranking.problems {
            tx.exec(
                "INSERT INTO problems_found (analysis_id, category, label_ru, label_en, rank, mentions, documents, document_share, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                vals![&id, &p.category, &p.label.ru, &p.label.en, p.rank, p.mentions as i64, p.documents, p.document_share, &stamp],
            )?;
        }
        tx.commit()?;
        Ok(id)
    }

    /// The newest `limit` analyses of `kind`, newest first (any territory).
    pub fn analyses(&self, kind: &str, limit: usize) -> Result<Vec<StoredAnalysis>> {
        self.db
            .query(
                "SELECT id, kind, territory_id, result, provenance, created_at FROM analyses
                 WHERE kind = ?1 ORDER BY created_at DESC, id DESC LIMIT ?2",
                vals![kind, limit],
            )?
            .iter()
            .map(|r| {
                Ok(StoredAnalysis {
                    id: r.text(0)?,
                    kind: r.text(1)?,
                    territory_id: r.opt_text(2)?,
                    result: serde_json::from_str(&r.text(3)?)?,
                    provenance: serde_json::from_str(&r.text(4)?)?,
                    created_at: r.text(5)?,
                })
            })
            .collect()
    }

    /// The newest analysis of `kind` (for the territory when given, else any).
    pub fn latest_analysis(
        &self,
        kind: &str,
        territory_id: Option<&str>,
    ) -> Result<Option<StoredAnalysis>> {
        let sql = "SELECT id, kind, territory_id, result, provenance, created_at FROM analyses
                 WHERE kind = ?1 {} ORDER BY created_at DESC, id DESC LIMIT 1";
        let row = match territory_id {
            Some(t) => self.db.query_opt(
                &sql.replace("{}", "AND (territory_id = ?2 OR territory_id IS NULL)"),
                vals![kind, t],
            )?,
            None => self.db.query_opt(&sql.replace("{}", ""), vals![kind])?,
        };
        row.map(|r| {
            Ok(StoredAnalysis {
                id: r.text(0)?,
                kind: r.text(1)?,
                territory_id: r.opt_text(2)?,
                result: serde_json::from_str(&r.text(3)?)?,
                provenance: serde_json::from_str(&r.text(4)?)?,
                created_at: r.text(5)?,
            })
        })
        .transpose()
    }
}
