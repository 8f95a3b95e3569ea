//! Strategies with their goals, measures and KPIs.

use creacity_model::{ActorKind, Bilingual, Coded, Goal, Kpi, Measure, MeasureStatus, Strategy};
use rusqlite::{OptionalExtension, params};

use crate::{Result, StoreError, Workspace, now, parse_coded, split_list};

fn join<T: Coded>(items: &[T]) -> String {
    items.iter().map(|i| i.code()).collect::<Vec<_>>().join(";")
}

impl Workspace {
    /// Stores a strategy, replacing one with the same id (its goals, measures and KPIs) in one transaction.
    ///
    /// # Errors
    /// [`StoreError::MissingReference`] when its territory is not in the workspace.
    pub fn save_strategy(&mut self, s: &Strategy) -> Result<()> {
        let tx = self.conn.transaction()?;
        let territory: Option<i64> = tx
            .query_row(
                "SELECT 1 FROM territories WHERE id = ?1",
                [&s.territory_id],
                |r| r.get(0),
            )
            .optional()?;
        if territory.is_none() {
            return Err(StoreError::MissingReference {
                what: "strategy",
                id: s.id.clone(),
                target_kind: "territory",
                target: s.territory_id.clone(),
            });
        }
        let stamp = now();
        for table in ["kpis", "measures", "goals"] {
            tx.execute(
                &format!("DELETE FROM {table} WHERE strategy_id = ?1"),
                [&s.id],
            )?;
        }
        tx.execute("DELETE FROM strategies WHERE id = ?1", [&s.id])?;
        tx.execute(
            "INSERT INTO strategies (id, territory_id, title_ru, title_en, provenance, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            params![s.id, s.territory_id, s.title.ru, s.title.en, serde_json::to_string(&s.provenance)?, stamp],
        )?;
        for g in &s.goals {
            tx.execute(
                "INSERT INTO goals (strategy_id, id, text_ru, text_en) VALUES (?1, ?2, ?3, ?4)",
                params![s.id, g.id, g.text.ru, g.text.en],
            )?;
        }
        for m in &s.measures {
            tx.execute(
                "INSERT INTO measures (strategy_id, id, instrument, goal_id, title_ru, title_en, reason_ru, reason_en,
                 lead_actor, partners, la_role_ru, la_role_en, problems, clusters, priority, status, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?17)",
                params![
                    s.id, m.id, m.instrument, m.goal_id, m.title.ru, m.title.en, m.reason.ru, m.reason.en,
                    m.lead.code(), join(&m.partners), m.local_authority_role.ru, m.local_authority_role.en,
                    m.problems.join(";"), m.clusters.join(";"), m.priority, m.status.code(), stamp
                ],
            )?;
        }
        for k in &s.kpis {
            tx.execute(
                "INSERT INTO kpis (strategy_id, id, measure_id, name_ru, name_en, unit, baseline, target, target_year, current, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
                params![s.id, k.id, k.measure_id, k.name.ru, k.name.en, k.unit, k.baseline, k.target, k.target_year, k.current, stamp],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The newest strategy of a territory, if any.
    pub fn latest_strategy(&self, territory_id: &str) -> Result<Option<Strategy>> {
        let id: Option<String> = self
            .conn
            .query_row(
                "SELECT id FROM strategies WHERE territory_id = ?1 ORDER BY updated_at DESC, id DESC LIMIT 1",
                [territory_id],
                |r| r.get(0),
            )
            .optional()?;
        id.map(|id| self.strategy(&id)).transpose()
    }

    /// A strategy by id.
    ///
    /// # Errors
    /// [`StoreError::NoSuchRecord`] when the id is unknown.
    pub fn strategy(&self, id: &str) -> Result<Strategy> {
        let head = self
            .conn
            .query_row(
                "SELECT territory_id, title_ru, title_en, provenance FROM strategies WHERE id = ?1",
                [id],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                    ))
                },
            )
            .optional()?
            .ok_or_else(|| StoreError::NoSuchRecord {
                what: "strategy",
                id: id.to_string(),
            })?;
        let mut st = self
            .conn
            .prepare("SELECT id, text_ru, text_en FROM goals WHERE strategy_id = ?1 ORDER BY id")?;
        let goals = st
            .query_map([id], |r| {
                Ok(Goal {
                    id: r.get(0)?,
                    text: Bilingual::new(r.get::<_, String>(1)?, r.get::<_, String>(2)?),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut st = self.conn.prepare(
            "SELECT id, instrument, goal_id, title_ru, title_en, reason_ru, reason_en, lead_actor, partners,
             la_role_ru, la_role_en, problems, clusters, priority, status FROM measures WHERE strategy_id = ?1
             ORDER BY priority, id",
        )?;
        let mut rows = st.query([id])?;
        let mut measures = Vec::new();
        while let Some(r) = rows.next()? {
            let mid: String = r.get(0)?;
            let partners = split_list(&r.get::<_, String>(8)?)
                .iter()
                .map(|p| parse_coded::<ActorKind>("measure", &mid, p))
                .collect::<Result<Vec<_>>>()?;
            measures.push(Measure {
                instrument: r.get(1)?,
                goal_id: r.get(2)?,
                title: Bilingual::new(r.get::<_, String>(3)?, r.get::<_, String>(4)?),
                reason: Bilingual::new(r.get::<_, String>(5)?, r.get::<_, String>(6)?),
                lead: parse_coded("measure", &mid, &r.get::<_, String>(7)?)?,
                partners,
                local_authority_role: Bilingual::new(
                    r.get::<_, String>(9)?,
                    r.get::<_, String>(10)?,
                ),
                problems: split_list(&r.get::<_, String>(11)?),
                clusters: split_list(&r.get::<_, String>(12)?),
                priority: r.get(13)?,
                status: parse_coded::<MeasureStatus>("measure", &mid, &r.get::<_, String>(14)?)?,
                id: mid,
            });
        }
        let mut st = self.conn.prepare(
            "SELECT id, measure_id, name_ru, name_en, unit, baseline, target, target_year, current FROM kpis
             WHERE strategy_id = ?1 ORDER BY measure_id, id",
        )?;
        let kpis = st
            .query_map([id], |r| {
                Ok(Kpi {
                    id: r.get(0)?,
                    measure_id: r.get(1)?,
                    name: Bilingual::new(r.get::<_, String>(2)?, r.get::<_, String>(3)?),
                    unit: r.get(4)?,
                    baseline: r.get(5)?,
                    target: r.get(6)?,
                    target_year: r.get(7)?,
                    current: r.get(8)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(Strategy {
            id: id.to_string(),
            territory_id: head.0,
            title: Bilingual::new(head.1, head.2),
            goals,
            measures,
            kpis,
            provenance: serde_json::from_str(&head.3)?,
        })
    }

    /// Sets a measure's status if its row version is still `expected_version` (optimistic locking).
    /// Returns the new version.
    ///
    /// # Errors
    /// [`StoreError::NoSuchRecord`] or [`StoreError::Conflict`] when someone else changed it first.
    pub fn set_measure_status(
        &mut self,
        strategy_id: &str,
        measure_id: &str,
        status: MeasureStatus,
        expected_version: i64,
    ) -> Result<i64> {
        let tx = self.conn.transaction()?;
        let found: i64 = tx
            .query_row(
                "SELECT row_version FROM measures WHERE strategy_id = ?1 AND id = ?2",
                [strategy_id, measure_id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| StoreError::NoSuchRecord {
                what: "measure",
                id: measure_id.to_string(),
            })?;
        if found != expected_version {
            return Err(StoreError::Conflict {
                what: "measure",
                id: measure_id.to_string(),
                expected: expected_version,
                found,
            });
        }
        tx.execute(
            "UPDATE measures SET status = ?3, updated_at = ?4, row_version = row_version + 1
             WHERE strategy_id = ?1 AND id = ?2",
            params![strategy_id, measure_id, status.code(), now()],
        )?;
        tx.commit()?;
        Ok(found + 1)
    }

    /// A measure's current row version, for optimistic locking.
    pub fn measure_version(&self, strategy_id: &str, measure_id: &str) -> Result<i64> {
        self.conn
            .query_row(
                "SELECT row_version FROM measures WHERE strategy_id = ?1 AND id = ?2",
                [strategy_id, measure_id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| StoreError::NoSuchRecord {
                what: "measure",
                id: measure_id.to_string(),
            })
    }
}
