//! Analysis results with their provenance.

use creacity_model::{ProblemRanking, Provenance};
use rusqlite::{OptionalExtension, params};

use crate::{Result, Workspace, now};

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
        let id = format!("{kind}-{stamp}");
        self.conn.execute(
            "INSERT INTO analyses (id, kind, territory_id, result, provenance, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                id,
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
        let id = format!("problems-{stamp}");
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO analyses (id, kind, territory_id, result, provenance, created_at) VALUES (?1, 'problems', NULL, ?2, ?3, ?4)",
            params![id, serde_json::to_string(ranking)?, serde_json::to_string(provenance)?, stamp],
        )?;
        for p in &ranking.problems {
            tx.execute(
                "INSERT INTO problems_found (analysis_id, category, label_ru, label_en, rank, mentions, documents, document_share, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![id, p.category, p.label.ru, p.label.en, p.rank, p.mentions as i64, p.documents, p.document_share, stamp],
            )?;
        }
        tx.commit()?;
        Ok(id)
    }

    /// The newest analysis of `kind` (for the territory when given, else any).
    pub fn latest_analysis(
        &self,
        kind: &str,
        territory_id: Option<&str>,
    ) -> Result<Option<StoredAnalysis>> {
        let row = self
            .conn
            .query_row(
                "SELECT id, kind, territory_id, result, provenance, created_at FROM analyses
                 WHERE kind = ?1 AND (?2 IS NULL OR territory_id = ?2 OR territory_id IS NULL)
                 ORDER BY created_at DESC, id DESC LIMIT 1",
                params![kind, territory_id],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, Option<String>>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, String>(5)?,
                    ))
                },
            )
            .optional()?;
        row.map(|(id, kind, territory_id, result, provenance, created_at)| {
            Ok(StoredAnalysis {
                id,
                kind,
                territory_id,
                result: serde_json::from_str(&result)?,
                provenance: serde_json::from_str(&provenance)?,
                created_at,
            })
        })
        .transpose()
    }
}
