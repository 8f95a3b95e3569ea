//! Strategies with their goals, measures and KPIs.

use creacity_model::{ActorKind, Bilingual, Coded, Goal, Kpi, Measure, MeasureStatus, Strategy};

use crate::db::vals;
use crate::{Result, StoreError, Workspace, now, parse_coded, split_list};

fn join<T: Coded>(items: &[T]) -> String {
    items.iter().map(|i| i.code()).collect::<Vec<_>>().join(";")
}

/// (record id, row version) pairs.
pub type Versions = Vec<(String, i64)>;

/// Values a KPI editor may change.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct KpiValues {
    /// Baseline value.
    pub baseline: Option<f64>,
    /// Target value.
    pub target: Option<f64>,
    /// Year the target is due.
    pub target_year: Option<i32>,
    /// Latest observed value.
    pub current: Option<f64>,
}

impl Workspace {
    /// Stores a strategy, replacing one with the same id (its goals, measures and KPIs) in one transaction.
    ///
    /// # Errors
    /// [`StoreError::MissingReference`] when its territory is not in the workspace.
    pub fn save_strategy(&mut self, s: &Strategy) -> Result<()> {
        let tx = self.db.begin()?;
        if tx
            .query_opt(
                "SELECT 1 FROM territories WHERE id = ?1",
                vals![&s.territory_id],
            )?
            .is_none()
        {
            return Err(StoreError::MissingReference {
                what: "strategy",
                id: s.id.clone(),
                target_kind: "territory",
                target: s.territory_id.clone(),
            });
        }
        let stamp = now();
        for table in ["kpis", "measures", "goals"] {
            tx.exec(
                &format!("DELETE FROM {table} WHERE strategy_id = ?1"),
                vals![&s.id],
            )?;
        }
        tx.exec("DELETE FROM strategies WHERE id = ?1", vals![&s.id])?;
        tx.exec(
            "INSERT INTO strategies (id, territory_id, title_ru, title_en, provenance, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            vals![&s.id, &s.territory_id, &s.title.ru, &s.title.en, serde_json::to_string(&s.provenance)?, &stamp],
        )?;
        for g in &s.goals {
            tx.exec(
                "INSERT INTO goals (strategy_id, id, text_ru, text_en) VALUES (?1, ?2, ?3, ?4)",
                vals![&s.id, &g.id, &g.text.ru, &g.text.en],
            )?;
        }
        for m in &s.measures {
            tx.exec(
                "INSERT INTO measures (strategy_id, id, instrument, goal_id, title_ru, title_en, reason_ru, reason_en,
                 lead_actor, partners, la_role_ru, la_role_en, problems, clusters, priority, status, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?17)",
                vals![
                    &s.id, &m.id, &m.instrument, &m.goal_id, &m.title.ru, &m.title.en, &m.reason.ru, &m.reason.en,
                    m.lead.code(), join(&m.partners), &m.local_authority_role.ru, &m.local_authority_role.en,
                    m.problems.join(";"), m.clusters.join(";"), m.priority, m.status.code(), &stamp
                ],
            )?;
        }
        for k in &s.kpis {
            tx.exec(
                "INSERT INTO kpis (strategy_id, id, measure_id, name_ru, name_en, unit, baseline, target, target_year, current, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
                vals![&s.id, &k.id, &k.measure_id, &k.name.ru, &k.name.en, &k.unit, k.baseline, k.target, k.target_year, k.current, &stamp],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The newest strategy of a territory, if any.
    pub fn latest_strategy(&self, territory_id: &str) -> Result<Option<Strategy>> {
        let id = self.db.query_opt(
            "SELECT id FROM strategies WHERE territory_id = ?1 ORDER BY updated_at DESC, id DESC LIMIT 1",
            vals![territory_id],
        )?;
        id.map(|r| self.strategy(&r.text(0)?)).transpose()
    }

    /// Ids of all strategies with their territory, newest first.
    pub fn strategy_ids(&self) -> Result<Vec<(String, String)>> {
        self.db
            .query(
                "SELECT id, territory_id FROM strategies ORDER BY updated_at DESC, id DESC",
                &[],
            )?
            .iter()
            .map(|r| Ok((r.text(0)?, r.text(1)?)))
            .collect()
    }

    /// A strategy by id.
    ///
    /// # Errors
    /// [`StoreError::NoSuchRecord`] when the id is unknown.
    pub fn strategy(&self, id: &str) -> Result<Strategy> {
        let head = self
            .db
            .query_opt(
                "SELECT territory_id, title_ru, title_en, provenance FROM strategies WHERE id = ?1",
                vals![id],
            )?
            .ok_or_else(|| StoreError::NoSuchRecord {
                what: "strategy",
                id: id.to_string(),
            })?;
        let goals = self
            .db
            .query(
                "SELECT id, text_ru, text_en FROM goals WHERE strategy_id = ?1 ORDER BY id",
                vals![id],
            )?
            .iter()
            .map(|r| {
                Ok(Goal {
                    id: r.text(0)?,
                    text: Bilingual::new(r.text(1)?, r.text(2)?),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let rows = self.db.query(
            "SELECT id, instrument, goal_id, title_ru, title_en, reason_ru, reason_en, lead_actor, partners,
             la_role_ru, la_role_en, problems, clusters, priority, status FROM measures WHERE strategy_id = ?1
             ORDER BY priority, id",
            vals![id],
        )?;
        let mut measures = Vec::new();
        for r in &rows {
            let mid = r.text(0)?;
            let partners = split_list(&r.text(8)?)
                .iter()
                .map(|p| parse_coded::<ActorKind>("measure", &mid, p))
                .collect::<Result<Vec<_>>>()?;
            measures.push(Measure {
                instrument: r.text(1)?,
                goal_id: r.text(2)?,
                title: Bilingual::new(r.text(3)?, r.text(4)?),
                reason: Bilingual::new(r.text(5)?, r.text(6)?),
                lead: parse_coded("measure", &mid, &r.text(7)?)?,
                partners,
                local_authority_role: Bilingual::new(r.text(9)?, r.text(10)?),
                problems: split_list(&r.text(11)?),
                clusters: split_list(&r.text(12)?),
                priority: r.int(13)?.clamp(0, u32::MAX as i64) as u32,
                status: parse_coded::<MeasureStatus>("measure", &mid, &r.text(14)?)?,
                id: mid,
            });
        }
        let kpis = self
            .db
            .query(
                "SELECT id, measure_id, name_ru, name_en, unit, baseline, target, target_year, current FROM kpis
                 WHERE strategy_id = ?1 ORDER BY measure_id, id",
                vals![id],
            )?
            .iter()
            .map(|r| {
                Ok(Kpi {
                    id: r.text(0)?,
                    measure_id: r.text(1)?,
                    name: Bilingual::new(r.text(2)?, r.text(3)?),
                    unit: r.text(4)?,
                    baseline: r.opt_real(5)?,
                    target: r.opt_real(6)?,
                    target_year: r.opt_int(7)?.map(|y| y as i32),
                    current: r.opt_real(8)?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Strategy {
            id: id.to_string(),
            territory_id: head.text(0)?,
            title: Bilingual::new(head.text(1)?, head.text(2)?),
            goals,
            measures,
            kpis,
            provenance: serde_json::from_str(&head.text(3)?)?,
        })
    }

    /// Sets a measure's status if its row version is still `expected_version` (optimistic locking,
    /// one conditional statement). Returns the new version.
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
        let n = self.db.exec(
            "UPDATE measures SET status = ?3, updated_at = ?4, row_version = row_version + 1
             WHERE strategy_id = ?1 AND id = ?2 AND row_version = ?5",
            vals![
                strategy_id,
                measure_id,
                status.code(),
                now(),
                expected_version
            ],
        )?;
        if n == 1 {
            return Ok(expected_version + 1);
        }
        let found = self.measure_version(strategy_id, measure_id)?;
        Err(StoreError::Conflict {
            what: "measure",
            id: measure_id.to_string(),
            expected: expected_version,
            found,
        })
    }

    /// A measure's current row version, for optimistic locking.
    pub fn measure_version(&self, strategy_id: &str, measure_id: &str) -> Result<i64> {
        self.version_of(
            "measures",
            "measure",
            vals![strategy_id, measure_id],
            measure_id,
        )
    }

    /// The row versions of all measures and all KPIs of a strategy (two queries), by id.
    pub fn strategy_versions(&self, strategy_id: &str) -> Result<(Versions, Versions)> {
        let read = |table: &str| -> Result<Versions> {
            self.db
                .query(
                    &format!(
                        "SELECT id, row_version FROM {table} WHERE strategy_id = ?1 ORDER BY id"
                    ),
                    vals![strategy_id],
                )?
                .iter()
                .map(|r| Ok((r.text(0)?, r.int(1)?)))
                .collect()
        };
        Ok((read("measures")?, read("kpis")?))
    }

    /// A KPI's current row version, for optimistic locking.
    pub fn kpi_version(&self, strategy_id: &str, kpi_id: &str) -> Result<i64> {
        self.version_of("kpis", "KPI", vals![strategy_id, kpi_id], kpi_id)
    }

    fn version_of(
        &self,
        table: &str,
        what: &'static str,
        key: &[crate::db::Val],
        id: &str,
    ) -> Result<i64> {
        self.db
            .query_opt(
                &format!("SELECT row_version FROM {table} WHERE strategy_id = ?1 AND id = ?2"),
                key,
            )?
            .ok_or_else(|| StoreError::NoSuchRecord {
                what,
                id: id.to_string(),
            })?
            .int(0)
    }

    /// Sets a KPI's values if its row version is still `expected_version`; returns the new version.
    ///
    /// # Errors
    /// [`StoreError::NoSuchRecord`] or [`StoreError::Conflict`].
    pub fn update_kpi(
        &mut self,
        strategy_id: &str,
        kpi_id: &str,
        v: &KpiValues,
        expected_version: i64,
    ) -> Result<i64> {
        let n = self.db.exec(
            "UPDATE kpis SET baseline = ?3, target = ?4, target_year = ?5, current = ?6, updated_at = ?7,
             row_version = row_version + 1 WHERE strategy_id = ?1 AND id = ?2 AND row_version = ?8",
            vals![strategy_id, kpi_id, v.baseline, v.target, v.target_year, v.current, now(), expected_version],
        )?;
        if n == 1 {
            return Ok(expected_version + 1);
        }
        let found = self.kpi_version(strategy_id, kpi_id)?;
        Err(StoreError::Conflict {
            what: "KPI",
            id: kpi_id.to_string(),
            expected: expected_version,
            found,
        })
    }
}
