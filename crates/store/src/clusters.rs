//! Creative-cluster case cards in the store.

use std::collections::BTreeSet;

use creacity_model::{Coded, CreativeCluster, Support};
use rusqlite::{OptionalExtension, Row, params};

use crate::{
    ImportSummary, Result, StoreError, Workspace, bool_of, journal, now, parse_coded, split_list,
};

const COLUMNS: &str = "id, name_ru, name_en, territory_id, initiator, site_owner, public_share_creation, \
    public_share_operation, manager, support, public_seats, board_seats, residents, private_resident_share, \
    year_opened, notes, sources, synthetic";

fn from_row(r: &Row<'_>) -> Result<CreativeCluster> {
    let id: String = r.get(0)?;
    let support: String = r.get(9)?;
    let support = split_list(&support)
        .iter()
        .map(|s| parse_coded::<Support>("cluster", &id, s))
        .collect::<Result<BTreeSet<_>>>()?;
    let count =
        |i: usize| -> Result<u32> { Ok(r.get::<_, i64>(i)?.clamp(0, u32::MAX as i64) as u32) };
    Ok(CreativeCluster {
        name_ru: r.get(1)?,
        name_en: r.get(2)?,
        territory_id: r.get(3)?,
        initiator: parse_coded("cluster", &id, &r.get::<_, String>(4)?)?,
        site_owner: parse_coded("cluster", &id, &r.get::<_, String>(5)?)?,
        public_share_creation: r.get(6)?,
        public_share_operation: r.get(7)?,
        manager: parse_coded("cluster", &id, &r.get::<_, String>(8)?)?,
        support,
        public_seats: count(10)?,
        board_seats: count(11)?,
        residents: count(12)?,
        private_resident_share: r.get(13)?,
        year_opened: r.get(14)?,
        notes: r.get(15)?,
        sources: r.get(16)?,
        synthetic: bool_of(r.get(17)?),
        id,
    })
}

impl Workspace {
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
        let tx = self.conn.transaction()?;
        let mut summary = ImportSummary::default();
        let stamp = now();
        for c in items {
            let territory: Option<i64> = tx
                .query_row(
                    "SELECT 1 FROM territories WHERE id = ?1",
                    [&c.territory_id],
                    |r| r.get(0),
                )
                .optional()?;
            if territory.is_none() {
                return Err(StoreError::MissingReference {
                    what: "cluster",
                    id: c.id.clone(),
                    target_kind: "territory",
                    target: c.territory_id.clone(),
                });
            }
            let exists: Option<i64> = tx
                .query_row("SELECT 1 FROM clusters WHERE id = ?1", [&c.id], |r| {
                    r.get(0)
                })
                .optional()?;
            let values = params![
                c.id,
                c.name_ru,
                c.name_en,
                c.territory_id,
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
                c.notes,
                c.sources,
                c.synthetic as i64,
                stamp,
            ];
            if exists.is_some() {
                tx.execute(
                    "UPDATE clusters SET name_ru = ?2, name_en = ?3, territory_id = ?4, initiator = ?5,
                     site_owner = ?6, public_share_creation = ?7, public_share_operation = ?8, manager = ?9,
                     support = ?10, public_seats = ?11, board_seats = ?12, residents = ?13,
                     private_resident_share = ?14, year_opened = ?15, notes = ?16, sources = ?17,
                     synthetic = ?18, updated_at = ?19, row_version = row_version + 1 WHERE id = ?1",
                    values,
                )?;
                summary.updated += 1;
            } else {
                tx.execute(
                    &format!(
                        "INSERT INTO clusters ({COLUMNS}, created_at, updated_at) VALUES
                         (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?19)"
                    ),
                    values,
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
        let mut st = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM clusters WHERE (?1 IS NULL OR territory_id = ?1) ORDER BY id"
        ))?;
        let mut rows = st.query([territory])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(from_row(r)?);
        }
        Ok(out)
    }
}
