//! Creative-cluster case cards in the store.

use std::collections::BTreeSet;

use creacity_model::{Coded, CreativeCluster, Support};

use crate::db::{Row, Val, vals};
use crate::{
    ImportSummary, Result, StoreError, Workspace, bool_of, journal, now, parse_coded, split_list,
};

const COLUMNS: &str = "id, name_ru, name_en, territory_id, initiator, site_owner, public_share_creation, \
    public_share_operation, manager, support, public_seats, board_seats, residents, private_resident_share, \
    year_opened, notes, sources, synthetic";

const UPDATE: &str =
    "UPDATE clusters SET name_ru = ?2, name_en = ?3, territory_id = ?4, initiator = ?5,
     site_owner = ?6, public_share_creation = ?7, public_share_operation = ?8, manager = ?9,
     support = ?10, public_seats = ?11, board_seats = ?12, residents = ?13,
     private_resident_share = ?14, year_opened = ?15, notes = ?16, sources = ?17,
     synthetic = ?18, updated_at = ?19, row_version = row_version + 1 WHERE id = ?1";

fn from_row(r: &Row) -> Result<CreativeCluster> {
    let id = r.text(0)?;
    let support = split_list(&r.text(9)?)
        .iter()
        .map(|s| parse_coded::<Support>("cluster", &id, s))
        .collect::<Result<BTreeSet<_>>>()?;
    let count = |i: usize| -> Result<u32> { Ok(r.int(i)?.clamp(0, u32::MAX as i64) as u32) };
    Ok(CreativeCluster {
        name_ru: r.text(1)?,
        name_en: r.text(2)?,
        territory_id: r.text(3)?,
        initiator: parse_coded("cluster", &id, &r.text(4)?)?,
        site_owner: parse_coded("cluster", &id, &r.text(5)?)?,
        public_share_creation: r.real(6)?,
        public_share_operation: r.real(7)?,
        manager: parse_coded("cluster", &id, &r.text(8)?)?,
        support,
        public_seats: count(10)?,
        board_seats: count(11)?,
        residents: count(12)?,
        private_resident_share: r.real(13)?,
        year_opened: r.opt_int(14)?.map(|y| y as i32),
        notes: r.text(15)?,
        sources: r.text(16)?,
        synthetic: bool_of(r.int(17)?),
        id,
    })
}

fn values(c: &CreativeCluster, stamp: &str) -> Vec<Val> {
    vals![
        &c.id,
        &c.name_ru,
        &c.name_en,
        &c.territory_id,
        c.initiator.code(),
        c.site_owner.code(),
        c.public_share_creation,
        c.public_share_operation,
        c.manager.code(),
        c.support_codes(),
        c.public_seats,
        c.board_seats,
        c.residents,
        c.private_resident_share,
        c.year_opened,
        &c.notes,
        &c.sources,
        c.synthetic,
        stamp,
    ]
    .to_vec()
}

impl Workspace {
    fn check_territory(&self, what: &'static str, id: &str, territory: &str) -> Result<()> {
        if self
            .db
            .query_opt("SELECT 1 FROM territories WHERE id = ?1", vals![territory])?
            .is_none()
        {
            return Err(StoreError::MissingReference {
                what,
                id: id.to_string(),
                target_kind: "territory",
                target: territory.to_string(),
            });
        }
        Ok(())
    }

    /// Writes case cards in one transaction (insert or replace by id), journaled under `source`.
    ///
    /// # Errors
    /// [`StoreError::MissingReference`] when a card names a territory not in the workspace; nothing
    /// is written then.
    pub fn import_clusters(
        &mut self,
        source: &str,
        items: &[CreativeCluster],
    ) -> Result<ImportSummary> {
        let tx = self.db.begin()?;
        let mut summary = ImportSummary::default();
        let stamp = now();
        for c in items {
            self.check_territory("cluster", &c.id, &c.territory_id)?;
            let exists = tx
                .query_opt("SELECT 1 FROM clusters WHERE id = ?1", vals![&c.id])?
                .is_some();
            let values = values(c, &stamp);
            if exists {
                tx.exec(UPDATE, &values)?;
                summary.updated += 1;
            } else {
                tx.exec(
                    &format!(
                        "INSERT INTO clusters ({COLUMNS}, created_at, updated_at) VALUES
                         (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?19)"
                    ),
                    &values,
                )?;
                summary.inserted += 1;
            }
        }
        journal(&tx, "clusters", source, items.len())?;
        tx.commit()?;
        Ok(summary)
    }

    /// Case cards, by id; only those of `territory` when given.
    pub fn clusters(&self, territory: Option<&str>) -> Result<Vec<CreativeCluster>> {
        let rows = match territory {
            Some(t) => self.db.query(
                &format!("SELECT {COLUMNS} FROM clusters WHERE territory_id = ?1 ORDER BY id"),
                vals![t],
            )?,
            None => self
                .db
                .query(&format!("SELECT {COLUMNS} FROM clusters ORDER BY id"), &[])?,
        };
        rows.iter().map(from_row).collect()
    }

    /// One case card with its row version (for optimistic locking).
    ///
    /// # Errors
    /// [`StoreError::NoSuchRecord`] when the id is unknown.
    pub fn cluster(&self, id: &str) -> Result<(CreativeCluster, i64)> {
        let row = self
            .db
            .query_opt(
                &format!("SELECT {COLUMNS}, row_version FROM clusters WHERE id = ?1"),
                vals![id],
            )?
            .ok_or_else(|| StoreError::NoSuchRecord {
                what: "cluster",
                id: id.to_string(),
            })?;
        Ok((from_row(&row)?, row.int(18)?))
    }

    /// Replaces a case card if its row version is still `expected_version`; returns the new version.
    /// One conditional statement, so two concurrent editors can never both win.
    ///
    /// # Errors
    /// [`StoreError::NoSuchRecord`], [`StoreError::MissingReference`] for an unknown territory,
    /// [`StoreError::Conflict`] when someone else changed the card first.
    pub fn update_cluster(&mut self, c: &CreativeCluster, expected_version: i64) -> Result<i64> {
        self.check_territory("cluster", &c.id, &c.territory_id)?;
        let mut values = values(c, &now());
        values.push(Val::Int(expected_version));
        let sql = format!("{UPDATE} AND row_version = ?20");
        if self.db.exec(&sql, &values)? == 1 {
            return Ok(expected_version + 1);
        }
        let (_, found) = self.cluster(&c.id)?;
        Err(StoreError::Conflict {
            what: "cluster",
            id: c.id.clone(),
            expected: expected_version,
            found,
        })
    }

    /// Deletes a case card if its row version is still `expected_version`.
    ///
    /// # Errors
    /// [`StoreError::NoSuchRecord`] or [`StoreError::Conflict`].
    pub fn delete_cluster(&mut self, id: &str, expected_version: i64) -> Result<()> {
        if self.db.exec(
            "DELETE FROM clusters WHERE id = ?1 AND row_version = ?2",
            vals![id, expected_version],
        )? == 1
        {
            return Ok(());
        }
        let (_, found) = self.cluster(id)?;
        Err(StoreError::Conflict {
            what: "cluster",
            id: id.to_string(),
            expected: expected_version,
            found,
        })
    }
}
