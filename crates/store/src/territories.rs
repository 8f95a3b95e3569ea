//! Territories in the store.

use creacity_model::{Coded, Territory};
use rusqlite::{OptionalExtension, Row, params};

use crate::{ImportSummary, Result, StoreError, Workspace, bool_of, journal, now, parse_coded};

const COLUMNS: &str = "id, kind, name_ru, name_en, parent_id, oktmo, population, lat, lon, second_tier, industrial, monotown, synthetic";

fn from_row(r: &Row<'_>) -> Result<Territory> {
    let id: String = r.get(0)?;
    let kind: String = r.get(1)?;
    Ok(Territory {
        kind: parse_coded("territory", &id, &kind)?,
        name_ru: r.get(2)?,
        name_en: r.get(3)?,
        parent_id: r.get(4)?,
        oktmo: r.get(5)?,
        population: r.get::<_, Option<i64>>(6)?.map(|p| p.max(0) as u64),
        lat: r.get(7)?,
        lon: r.get(8)?,
        second_tier: bool_of(r.get(9)?),
        industrial: bool_of(r.get(10)?),
        monotown: bool_of(r.get(11)?),
        synthetic: bool_of(r.get(12)?),
        id,
    })
}

impl Workspace {
    /// Writes territories in one transaction (insert or replace by id), journaled under `source`.
    ///
    /// # Errors
    /// A database error; nothing is written then.
    pub fn import_territories(
        &mut self,
        source: &str,
        items: &[Territory],
    ) -> Result<ImportSummary> {
        let tx = self.conn.transaction()?;
        let mut summary = ImportSummary::default();
        let stamp = now();
        for t in items {
            let exists: Option<i64> = tx
                .query_row("SELECT 1 FROM territories WHERE id = ?1", [&t.id], |r| {
                    r.get(0)
                })
                .optional()?;
            let values = params![
                t.id,
                t.kind.code(),
                t.name_ru,
                t.name_en,
                t.parent_id,
                t.oktmo,
                t.population.map(|p| p as i64),
                t.lat,
                t.lon,
                t.second_tier as i64,
                t.industrial as i64,
                t.monotown as i64,
                t.synthetic as i64,
                stamp,
            ];
            if exists.is_some() {
                tx.execute(
                    "UPDATE territories SET kind = ?2, name_ru = ?3, name_en = ?4, parent_id = ?5, oktmo = ?6,
                     population = ?7, lat = ?8, lon = ?9, second_tier = ?10, industrial = ?11, monotown = ?12,
                     synthetic = ?13, updated_at = ?14, row_version = row_version + 1 WHERE id = ?1",
                    values,
                )?;
                summary.updated += 1;
            } else {
                tx.execute(
                    &format!("INSERT INTO territories ({COLUMNS}, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)"),
                    values,
                )?;
                summary.inserted += 1;
            }
        }
        journal(&tx, "territories", source, items.len())?;
        tx.commit()?;
        Ok(summary)
    }

    /// All territories, by id.
    pub fn territories(&self) -> Result<Vec<Territory>> {
        let mut st = self
            .conn
            .prepare(&format!("SELECT {COLUMNS} FROM territories ORDER BY id"))?;
        let mut rows = st.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(from_row(r)?);
        }
        Ok(out)
    }

    /// One territory.
    ///
    /// # Errors
    /// [`StoreError::NoSuchRecord`] when the id is unknown.
    pub fn territory(&self, id: &str) -> Result<Territory> {
        let mut st = self
            .conn
            .prepare(&format!("SELECT {COLUMNS} FROM territories WHERE id = ?1"))?;
        let mut rows = st.query([id])?;
        match rows.next()? {
            Some(r) => from_row(r),
            None => Err(StoreError::NoSuchRecord {
                what: "territory",
                id: id.to_string(),
            }),
        }
    }
}
