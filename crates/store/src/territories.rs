//! Territories in the store.

use creacity_model::{Coded, Territory};

use crate::db::{Row, vals};
use crate::{ImportSummary, Result, StoreError, Workspace, bool_of, journal, now, parse_coded};

const COLUMNS: &str = "id, kind, name_ru, name_en, parent_id, oktmo, population, lat, lon, second_tier, industrial, monotown, synthetic";

fn from_row(r: &Row) -> Result<Territory> {
    let id = r.text(0)?;
    Ok(Territory {
        kind: parse_coded("territory", &id, &r.text(1)?)?,
        name_ru: r.text(2)?,
        name_en: r.text(3)?,
        parent_id: r.opt_text(4)?,
        oktmo: r.opt_text(5)?,
        population: r.opt_int(6)?.map(|p| p.max(0) as u64),
        lat: r.opt_real(7)?,
        lon: r.opt_real(8)?,
        second_tier: bool_of(r.int(9)?),
        industrial: bool_of(r.int(10)?),
        monotown: bool_of(r.int(11)?),
        synthetic: bool_of(r.int(12)?),
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
        let tx = self.db.begin()?;
        let mut summary = ImportSummary::default();
        let stamp = now();
        for t in items {
            let exists = tx
                .query_opt("SELECT 1 FROM territories WHERE id = ?1", vals![&t.id])?
                .is_some();
            let values = vals![
                &t.id,
                t.kind.code(),
                &t.name_ru,
                &t.name_en,
                &t.parent_id,
                &t.oktmo,
                t.population.map(|p| p as i64),
                t.lat,
                t.lon,
                t.second_tier,
                t.industrial,
                t.monotown,
                t.synthetic,
                &stamp,
            ];
            if exists {
                tx.exec(
                    "UPDATE territories SET kind = ?2, name_ru = ?3, name_en = ?4, parent_id = ?5, oktmo = ?6,
                     population = ?7, lat = ?8, lon = ?9, second_tier = ?10, industrial = ?11, monotown = ?12,
                     synthetic = ?13, updated_at = ?14, row_version = row_version + 1 WHERE id = ?1",
                    values,
                )?;
                summary.updated += 1;
            } else {
                tx.exec(
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
        self.db
            .query(
                &format!("SELECT {COLUMNS} FROM territories ORDER BY id"),
                &[],
            )?
            .iter()
            .map(from_row)
            .collect()
    }

    /// One territory.
    ///
    /// # Errors
    /// [`StoreError::NoSuchRecord`] when the id is unknown.
    pub fn territory(&self, id: &str) -> Result<Territory> {
        match self.db.query_opt(
            &format!("SELECT {COLUMNS} FROM territories WHERE id = ?1"),
            vals![id],
        )? {
            Some(r) => from_row(&r),
            None => Err(StoreError::NoSuchRecord {
                what: "territory",
                id: id.to_string(),
            }),
        }
    }
}
