//! Reading stored firms back, their counts and places, and writing territory matches into them.

use super::{
    COLUMNS, Firm, FirmFilter, FirmKind, FirmLocation, FirmPlace, FirmStatus, PlaceLocation, check,
    count,
};
use crate::db::{Row, Val, vals};
use crate::{Result, StoreError, Workspace};

fn from_row(r: &Row) -> Result<Firm> {
    let id = r.text(0)?;
    let kind = r.text(3)?;
    let kind = FirmKind::parse(&kind).ok_or_else(|| StoreError::Corrupt {
        what: "firm",
        id: id.clone(),
        reason: format!("kind holds unknown value {kind:?}"),
    })?;
    let codes = r.text(6)?;
    let main_code = r.opt_text(5)?;
    let mut all = codes.split(';');
    if main_code.is_some() || codes.starts_with(';') {
        all.next();
    }
    Ok(Firm {
        period: r.text(1)?,
        name: r.text(2)?,
        kind,
        category: r.opt_text(4)?,
        main_code,
        other_codes: all.filter(|c| !c.is_empty()).map(String::from).collect(),
        territory: r.opt_text(7)?,
        region_code: r.opt_text(8)?,
        region: r.opt_text(9)?,
        district: r.opt_text(10)?,
        city: r.opt_text(11)?,
        settlement: r.opt_text(12)?,
        address: r.opt_text(13)?,
        oktmo: r.opt_text(14)?,
        lat: r.opt_real(15)?,
        lon: r.opt_real(16)?,
        registered: r.opt_text(17)?,
        exited: r.opt_text(18)?,
        employees: r.opt_real(19)?,
        revenue: r.opt_real(20)?,
        expenditure: r.opt_real(21)?,
        source: r.text(22)?,
        import_id: r.text(23)?,
        id,
    })
}

impl Workspace {
    /// Firms matching the filter, by id and period.
    pub fn firms(&self, filter: &FirmFilter) -> Result<Vec<Firm>> {
        let mut sql = format!("SELECT {} FROM firms", COLUMNS.join(", "));
        let mut conds = Vec::new();
        let mut params: Vec<Val> = Vec::new();
        let mut place = Vec::new();
        if let Some(t) = &filter.territory {
            params.push(t.into());
            place.push(format!("territory = ?{}", params.len()));
        }
        if let Some(p) = &filter.oktmo_prefix {
            params.push(format!("{p}%").into());
            place.push(format!("oktmo LIKE ?{}", params.len()));
        }
        if !place.is_empty() {
            conds.push(format!("({})", place.join(" OR ")));
        }
        if let Some(p) = &filter.period {
            params.push(p.into());
            conds.push(format!("period = ?{}", params.len()));
        }
        if !conds.is_empty() {
            sql.push_str(" WHERE ");
            sql.push_str(&conds.join(" AND "));
        }
        sql.push_str(" ORDER BY id, period");
        self.db.query(&sql, &params)?.iter().map(from_row).collect()
    }

    /// Counts of the stored firms.
    pub fn firm_status(&self) -> Result<FirmStatus> {
        let pairs = |sql: &str| -> Result<Vec<(String, i64)>> {
            self.db
                .query(sql, &[])?
                .iter()
                .map(|r| Ok((r.text(0)?, r.int(1)?)))
                .collect()
        };
        Ok(FirmStatus {
            rows: count(&self.db, "SELECT COUNT(*) FROM firms")?,
            firms: count(&self.db, "SELECT COUNT(DISTINCT id) FROM firms")?,
            periods: pairs("SELECT period, COUNT(*) FROM firms GROUP BY period ORDER BY period")?,
            kinds: pairs("SELECT kind, COUNT(*) FROM firms GROUP BY kind ORDER BY kind")?,
            with_oktmo: count(
                &self.db,
                "SELECT COUNT(*) FROM firms WHERE oktmo IS NOT NULL",
            )?,
            with_coordinates: count(&self.db, "SELECT COUNT(*) FROM firms WHERE lat IS NOT NULL")?,
            sources: pairs("SELECT source, COUNT(*) FROM firms GROUP BY source ORDER BY source")?,
        })
    }

    /// The distinct places of the stored firms, with the number of rows at each, most first.
    pub fn firm_places(&self) -> Result<Vec<(FirmPlace, usize)>> {
        self.db
            .query(
                "SELECT region, district, city, settlement, territory, COUNT(*) FROM firms
                 GROUP BY region, district, city, settlement, territory ORDER BY COUNT(*) DESC",
                &[],
            )?
            .iter()
            .map(|r| {
                Ok((
                    FirmPlace {
                        region: r.opt_text(0)?,
                        district: r.opt_text(1)?,
                        city: r.opt_text(2)?,
                        settlement: r.opt_text(3)?,
                        territory: r.opt_text(4)?,
                    },
                    r.int(5)?.max(0) as usize,
                ))
            })
            .collect()
    }

    /// Writes place matches into every firm at each place, in one transaction: the OKTMO code
    /// always, the coordinates where a firm has none (or everywhere with `overwrite_coordinates`).
    /// Returns the rows changed.
    ///
    /// # Errors
    /// [`StoreError::InvalidFirm`] for coordinates out of range, or a database error; nothing is
    /// written then.
    pub fn set_place_locations(
        &mut self,
        locations: &[PlaceLocation],
        overwrite_coordinates: bool,
    ) -> Result<usize> {
        for (k, l) in locations.iter().enumerate() {
            let mut f = Firm::new(&l.oktmo, "-", "");
            f.lat = l.lat;
            f.lon = l.lon;
            check(&f, k + 1)?;
        }
        // Places compare with absent parts as empty text, through an index on the same
        // expressions (made here, not at import, so imports stay fast; both SQLite and
        // PostgreSQL use it, which they would not for a null-safe `IS NOT DISTINCT FROM`).
        let place = "COALESCE(region, '') = ?1 AND COALESCE(district, '') = ?2
             AND COALESCE(city, '') = ?3 AND COALESCE(settlement, '') = ?4
             AND COALESCE(territory, '') = ?5";
        let coords = if overwrite_coordinates {
            "lat = COALESCE(?7, lat), lon = COALESCE(?8, lon)"
        } else {
            "lat = CASE WHEN lat IS NULL THEN ?7 ELSE lat END,
             lon = CASE WHEN lon IS NULL THEN ?8 ELSE lon END"
        };
        let sql = format!("UPDATE firms SET oktmo = ?6, {coords} WHERE {place}");
        let tx = self.db.begin()?;
        tx.batch(
            "CREATE INDEX IF NOT EXISTS firms_place ON firms ((COALESCE(region, '')),
             (COALESCE(district, '')), (COALESCE(city, '')), (COALESCE(settlement, '')),
             (COALESCE(territory, '')))",
        )?;
        let mut changed = 0;
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        for l in locations {
            let p = &l.place;
            changed += tx.exec(
                &sql,
                vals![
                    text(&p.region),
                    text(&p.district),
                    text(&p.city),
                    text(&p.settlement),
                    text(&p.territory),
                    &l.oktmo,
                    l.lat,
                    l.lon
                ],
            )?;
        }
        tx.commit()?;
        Ok(changed)
    }

    /// Up to about `max` firm locations (lat, lon) for a map: all when there are fewer, else the
    /// firms whose id ends in enough zeros to thin them by a power of ten (ids are INNs or the
    /// list's own, whose last digits are spread evenly). Returns the points and the number of
    /// rows with coordinates.
    pub fn firm_points(&self, max: usize) -> Result<(Vec<(f64, f64)>, usize)> {
        let total =
            count(&self.db, "SELECT COUNT(*) FROM firms WHERE lat IS NOT NULL")?.max(0) as usize;
        let mut zeros = String::new();
        let mut kept = total;
        while kept > max.max(1) {
            zeros.push('0');
            kept /= 10;
        }
        let rows = self.db.query(
            "SELECT lat, lon FROM firms WHERE lat IS NOT NULL AND lon IS NOT NULL AND id LIKE ?1",
            vals![format!("%{zeros}")],
        )?;
        let points = rows
            .iter()
            .map(|r| Ok((r.real(0)?, r.real(1)?)))
            .collect::<Result<Vec<_>>>()?;
        Ok((points, total))
    }

    /// Writes territory matches (OKTMO and coordinates) into stored firms, in one transaction;
    /// `None` values leave the stored ones as they are. Returns the rows changed.
    ///
    /// # Errors
    /// [`StoreError::InvalidFirm`] for coordinates out of range, or a database error; nothing is
    /// written then.
    pub fn set_firm_locations(&mut self, locations: &[FirmLocation]) -> Result<usize> {
        for (k, l) in locations.iter().enumerate() {
            let mut f = Firm::new(&l.id, &l.period, "");
            f.lat = l.lat;
            f.lon = l.lon;
            check(&f, k + 1)?;
        }
        let tx = self.db.begin()?;
        let mut changed = 0;
        for l in locations {
            changed += tx.exec(
                "UPDATE firms SET oktmo = COALESCE(?3, oktmo), lat = COALESCE(?4, lat),
                 lon = COALESCE(?5, lon) WHERE id = ?1 AND period = ?2",
                vals![&l.id, &l.period, &l.oktmo, l.lat, l.lon],
            )?;
        }
        tx.commit()?;
        Ok(changed)
    }
}
