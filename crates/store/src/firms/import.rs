//! Writing firms: one transaction per import, multi-row `INSERT`s of [`ROWS_PER_STATEMENT`] rows.
//!
//! Values are moved into the statement's parameters, not copied, when the caller hands the firms
//! over ([`FirmImport::add_owned`]), and the file name and journal id are bound once per statement
//! (every row refers to the same two parameters): at a million rows, copying a dozen small strings
//! per row cost more time in the allocator than SQLite took to store them.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::{COLUMNS, Firm, FirmImportSummary, check, count_with};
use crate::db::{Val, vals};
use crate::{Result, StoreError, Workspace, now, unique_id};

/// Rows per `INSERT`: 2 + 500 × 22 = 11 002 parameters, under SQLite's 32 766 and PostgreSQL's 65 535.
pub const ROWS_PER_STATEMENT: usize = 500;

/// Parameters of one row: every column but `source` and `import_id` (bound once, as `?1` and `?2`).
const ROW_PARAMS: usize = COLUMNS.len() - 2;

fn codes_text(main_code: Option<&str>, other_codes: &[String]) -> String {
    let mut s = String::with_capacity(
        main_code.map_or(0, str::len) + other_codes.iter().map(|c| c.len() + 1).sum::<usize>(),
    );
    s.push_str(main_code.unwrap_or_default());
    for c in other_codes {
        s.push(';');
        s.push_str(c);
    }
    s
}

/// The row's values in the order of `COLUMNS` (without `source` and `import_id`), moved.
fn push_values(out: &mut Vec<Val>, f: Firm) {
    let codes = codes_text(f.main_code.as_deref(), &f.other_codes);
    out.extend([
        Val::from(f.id),
        Val::from(f.period),
        Val::from(f.name),
        Val::from(f.kind.code()),
        Val::from(f.category),
        Val::from(f.main_code),
        Val::from(codes),
        Val::from(f.territory),
        Val::from(f.region_code),
        Val::from(f.region),
        Val::from(f.district),
        Val::from(f.city),
        Val::from(f.settlement),
        Val::from(f.address),
        Val::from(f.oktmo),
        Val::from(f.lat),
        Val::from(f.lon),
        Val::from(f.registered),
        Val::from(f.exited),
        Val::from(f.employees),
        Val::from(f.revenue),
        Val::from(f.expenditure),
    ]);
}

/// The `INSERT` of `rows` rows. For SQLite the placeholders after the first are anonymous (`?`
/// takes the number after the largest so far), which keeps the text of 500 rows at about 26 kB
/// instead of 70 kB: the driver copies the text of a cached statement on every use, and freeing a
/// block over 64 kB makes the C allocator tidy its whole free list each time. PostgreSQL needs the
/// numbers.
fn insert_sql(rows: usize, numbered: bool) -> String {
    debug_assert_eq!(&COLUMNS[ROW_PARAMS..], ["source", "import_id"]);
    let mut sql = format!("INSERT INTO firms ({}) VALUES ", COLUMNS.join(", "));
    for r in 0..rows {
        if r > 0 {
            sql.push(',');
        }
        sql.push('(');
        for c in 0..ROW_PARAMS {
            let n = 3 + r * ROW_PARAMS + c;
            if numbered || n == 3 {
                let _ = write!(sql, "?{n},");
            } else {
                sql.push_str("?,");
            }
        }
        sql.push_str("?1,?2)");
    }
    sql.push_str(" ON CONFLICT (id, period) DO UPDATE SET ");
    let set: Vec<String> = COLUMNS[2..]
        .iter()
        .map(|c| format!("{c} = excluded.{c}"))
        .collect();
    sql.push_str(&set.join(", "));
    sql
}

/// An import in progress: one transaction, firms added in batches, committed at the end.
pub struct FirmImport<'a> {
    tx: crate::db::Tx<'a>,
    source: String,
    import_id: String,
    stamp: String,
    seen: HashMap<(String, String), usize>,
    added: usize,
    /// Whether the table held no firm when the import began (then nothing can be replaced, and
    /// no row needs looking up).
    empty: bool,
    /// Rows of this import that replaced a stored row (same id and period).
    existing: usize,
    removed: usize,
    check_duplicates: bool,
    journal: bool,
    sql: HashMap<usize, String>,
    /// The parameters of the statement being filled, kept between calls for their capacity.
    params: Vec<Val>,
}

impl FirmImport<'_> {
    /// Adds firms. Positions in errors count every firm added so far, from 1. Every firm is
    /// checked before any is written.
    ///
    /// # Errors
    /// [`StoreError::DuplicateFirm`] when an id and period come twice in this import (both
    /// positions named), [`StoreError::InvalidFirm`] for coordinates out of range; nothing of the
    /// import is kept then (the transaction rolls back when this value is dropped).
    pub fn add(&mut self, firms: &[Firm]) -> Result<()> {
        for (k, f) in firms.iter().enumerate() {
            check(f, self.added + k + 1)?;
        }
        self.add_owned(firms.iter().cloned())
    }

    /// Adds firms handed over by value: their text moves into the statements instead of being
    /// copied, so a streamed reader pays for each value once. Positions in errors count every
    /// firm added so far, from 1. Firms are written 500 at a time as they come: after an error,
    /// drop the import (its transaction rolls back) rather than commit it.
    ///
    /// # Errors
    /// As [`FirmImport::add`].
    pub fn add_owned(&mut self, firms: impl IntoIterator<Item = Firm>) -> Result<()> {
        let mut params = std::mem::take(&mut self.params);
        params.clear();
        let mut rows = 0;
        for f in firms {
            let position = self.added + 1;
            check(&f, position)?;
            if self.check_duplicates
                && let Some(first) = self.seen.insert((f.id.clone(), f.period.clone()), position)
            {
                return Err(StoreError::DuplicateFirm {
                    id: f.id,
                    period: f.period,
                    first,
                    second: position,
                });
            }
            if rows == 0 {
                params.push(Val::from(&self.source));
                params.push(Val::from(&self.import_id));
            }
            push_values(&mut params, f);
            self.added += 1;
            rows += 1;
            if rows == ROWS_PER_STATEMENT {
                self.insert(&params, rows)?;
                params.clear();
                rows = 0;
            }
        }
        if rows > 0 {
            self.insert(&params, rows)?;
        }
        params.clear();
        self.params = params;
        Ok(())
    }

    /// Runs the `INSERT` of `rows` rows whose values fill `params`.
    fn insert(&mut self, params: &[Val], rows: usize) -> Result<()> {
        if !self.empty {
            self.existing += self.count_existing(params, rows)?;
        }
        // The statement text of each size is built once per import.
        let numbered = self.tx.is_pg();
        let sql = self
            .sql
            .entry(rows)
            .or_insert_with(|| insert_sql(rows, numbered));
        self.tx.exec(sql, params)?;
        Ok(())
    }

    /// How many of the rows in `params` are stored already (by id and period), through the
    /// primary key.
    fn count_existing(&self, params: &[Val], rows: usize) -> Result<usize> {
        let mut sql = String::from("SELECT COUNT(*) FROM firms WHERE (id, period) IN (VALUES ");
        let mut keys = Vec::with_capacity(rows * 2);
        for k in 0..rows {
            if k > 0 {
                sql.push_str(", ");
            }
            let _ = write!(sql, "(?{}, ?{})", 2 * k + 1, 2 * k + 2);
            let at = 2 + k * ROW_PARAMS;
            keys.extend_from_slice(&params[at..at + 2]);
        }
        sql.push(')');
        Ok(count_with(&self.tx, &sql, &keys)?.max(0) as usize)
    }

    /// Leaves this transaction out of the import journal (a reader that commits batch by batch
    /// journals the whole run once, with [`Workspace::journal_import`]).
    pub fn without_journal(mut self) -> Self {
        self.journal = false;
        self
    }

    /// Commits, with a journal line; `meta` pairs (e.g. a reader's checkpoint) are written in the
    /// same transaction.
    ///
    /// # Errors
    /// A database error; nothing is written then.
    pub fn commit(self, meta: &[(&str, &str)]) -> Result<FirmImportSummary> {
        // Counting the table before and after would scan it twice per batch: a national
        // import commits hundreds of batches into millions of rows.
        let inserted = self.added - self.existing.min(self.added);
        if self.journal {
            self.tx.exec(
                "INSERT INTO imports (id, kind, source, records, created_at) VALUES (?1, 'firms', ?2, ?3, ?4)",
                vals![&self.import_id, &self.source, self.added, &self.stamp],
            )?;
        }
        for (k, v) in meta {
            self.tx.exec(
                "INSERT INTO meta (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                vals![*k, *v],
            )?;
        }
        self.tx.commit()?;
        Ok(FirmImportSummary {
            import_id: self.import_id,
            inserted,
            updated: self.added - inserted.min(self.added),
            removed: self.removed,
        })
    }
}

impl Workspace {
    /// Starts an import of firms from `source` (a file name). With `replace`, every stored firm is
    /// removed first, in the same transaction. With `check_duplicates`, an id and period seen twice
    /// in the import is an error (keep it on unless the reader already guarantees uniqueness and
    /// the import is too large to index in memory); otherwise the later row wins.
    ///
    /// # Errors
    /// A database error.
    pub fn begin_firm_import(
        &mut self,
        source: &str,
        replace: bool,
        check_duplicates: bool,
    ) -> Result<FirmImport<'_>> {
        let tx = self.db.begin()?;
        let removed = if replace {
            tx.exec("DELETE FROM firms", &[])?
        } else {
            0
        };
        let empty = tx.query_opt("SELECT 1 FROM firms LIMIT 1", &[])?.is_none();
        let stamp = now();
        Ok(FirmImport {
            tx,
            source: source.to_string(),
            import_id: unique_id("firms", &stamp),
            stamp,
            seen: HashMap::new(),
            added: 0,
            empty,
            existing: 0,
            removed,
            check_duplicates,
            journal: true,
            sql: HashMap::new(),
            params: Vec::new(),
        })
    }

    /// Imports firms in one transaction: all or nothing. Existing rows with the same id and
    /// period are replaced; with `replace`, every stored firm is removed first.
    ///
    /// # Errors
    /// [`StoreError::DuplicateFirm`] naming both positions (1-based) of an id and period given
    /// twice, [`StoreError::InvalidFirm`] for an empty id or period or coordinates out of range,
    /// or a database error. Nothing is written then.
    ///
    /// ```
    /// use creacity_store::{Firm, FirmFilter, Workspace};
    /// let dir = tempfile::tempdir().unwrap();
    /// let mut ws = Workspace::create(&dir.path().join("w.db")).unwrap();
    /// let mut f = Firm::new("6600000001", "2024", "ООО «Синтетика»");
    /// f.territory = Some("65701000".into());
    /// f.main_code = Some("59.11".into());
    /// let s = ws.import_firms("synthetic.csv", &[f], false).unwrap();
    /// assert_eq!((s.inserted, s.updated), (1, 0));
    /// let back = ws.firms(&FirmFilter { territory: Some("65701000".into()), ..Default::default() }).unwrap();
    /// assert_eq!(back[0].main_code.as_deref(), Some("59.11"));
    /// ```
    pub fn import_firms(
        &mut self,
        source: &str,
        firms: &[Firm],
        replace: bool,
    ) -> Result<FirmImportSummary> {
        let mut import = self.begin_firm_import(source, replace, true)?;
        import.add(firms)?;
        import.commit(&[])
    }

    /// Writes one line of the import journal (for imports committed in several transactions).
    ///
    /// # Errors
    /// A database error.
    pub fn journal_import(&mut self, kind: &str, source: &str, records: usize) -> Result<()> {
        let tx = self.db.begin()?;
        crate::journal(&tx, kind, source, records)?;
        tx.commit()
    }
}

#[cfg(test)]
mod tests {
    use crate::{Firm, FirmFilter, StoreError, Workspace};

    fn firm(k: usize, period: &str) -> Firm {
        let mut f = Firm::new(format!("66{k:08}"), period, format!("Синтетика {k}"));
        f.main_code = Some("59.11".into());
        f.other_codes = vec!["90.01".into(), "62.01".into()];
        f.city = Some("Синтетград".into());
        f.lat = Some(56.0 + k as f64 / 1e4);
        f.lon = Some(60.0);
        f.employees = Some(k as f64);
        f
    }

    #[test]
    fn the_insert_text_numbers_every_placeholder_only_for_postgresql() {
        let lite = super::insert_sql(2, false);
        let pg = super::insert_sql(2, true);
        let anon = "?,".repeat(21);
        assert!(
            lite.contains(&format!("VALUES (?3,{anon}?1,?2),(?,{anon}?1,?2) ON")),
            "{lite}"
        );
        assert!(pg.contains("(?3,?4,"), "{pg}");
        assert!(pg.contains(",?46,?1,?2) ON"), "{pg}");
        assert!(!pg.contains("?,"), "{pg}");
        assert!(super::insert_sql(500, false).len() < 30_000);
    }

    #[test]
    fn owned_firms_fill_statements_of_500_and_count_replacements() {
        let dir = tempfile::tempdir().unwrap();
        let mut ws = Workspace::create(&dir.path().join("w.db")).unwrap();
        let mut imp = ws.begin_firm_import("a.csv", false, true).unwrap();
        // 1,201 firms in two calls: statements of 500, 500, 200 and 1.
        imp.add_owned((1..=1200).map(|k| firm(k, "2024"))).unwrap();
        imp.add_owned([firm(1201, "2024")]).unwrap();
        let s = imp.commit(&[]).unwrap();
        assert_eq!((s.inserted, s.updated), (1201, 0));
        let all = ws.firms(&FirmFilter::default()).unwrap();
        assert_eq!(all.len(), 1201);
        let last = &all[1200];
        assert_eq!(last.id, "6600001201");
        assert_eq!(last.other_codes, vec!["90.01", "62.01"]);
        assert_eq!(last.employees, Some(1201.0));
        assert_eq!(
            (last.source.as_str(), last.import_id.as_str()),
            ("a.csv", s.import_id.as_str())
        );
        // Again, with 601 of the same firms (601..=1201) and 2 new ones.
        let mut imp = ws.begin_firm_import("b.csv", false, true).unwrap();
        imp.add_owned((601..=1202).map(|k| firm(k, "2024")))
            .unwrap();
        imp.add_owned([firm(1, "2025")]).unwrap();
        let s = imp.commit(&[]).unwrap();
        assert_eq!((s.inserted, s.updated), (2, 601));
        let sources = ws.firm_status().unwrap().sources;
        assert_eq!(sources, vec![("a.csv".into(), 600), ("b.csv".into(), 603)]);
    }

    #[test]
    fn a_duplicate_or_a_bad_firm_names_its_position_across_calls() {
        let dir = tempfile::tempdir().unwrap();
        let mut ws = Workspace::create(&dir.path().join("w.db")).unwrap();
        let mut imp = ws.begin_firm_import("a.csv", false, true).unwrap();
        imp.add_owned((1..=3).map(|k| firm(k, "2024"))).unwrap();
        let e = imp
            .add_owned([firm(4, "2024"), firm(2, "2024")])
            .unwrap_err();
        assert!(
            matches!(
                &e,
                StoreError::DuplicateFirm {
                    first: 2,
                    second: 5,
                    ..
                }
            ),
            "{e:?}"
        );
        drop(imp);
        let mut imp = ws.begin_firm_import("a.csv", false, false).unwrap();
        let mut bad = firm(9, "2024");
        bad.lat = Some(91.0);
        let e = imp.add(&[firm(8, "2024"), bad]).unwrap_err();
        assert!(
            matches!(
                &e,
                StoreError::InvalidFirm {
                    position: 2,
                    field: "lat",
                    ..
                }
            ),
            "{e:?}"
        );
        drop(imp);
        assert_eq!(ws.firm_status().unwrap().rows, 0);
    }
}
