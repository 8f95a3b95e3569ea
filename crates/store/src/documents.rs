//! Documents of the corpus in the store.

use creacity_model::{Coded, Document, Lang};
use rusqlite::{OptionalExtension, params};

use crate::{ImportSummary, Result, StoreError, Workspace, bool_of, journal, now, parse_coded};

impl Workspace {
    /// Writes documents in one transaction (insert or replace by id), journaled under `source`.
    ///
    /// # Errors
    /// A database error; nothing is written then.
    pub fn import_documents(&mut self, source: &str, items: &[Document]) -> Result<ImportSummary> {
        let tx = self.conn.transaction()?;
        let mut summary = ImportSummary::default();
        let stamp = now();
        for d in items {
            let exists: Option<i64> = tx
                .query_row("SELECT 1 FROM documents WHERE id = ?1", [&d.id], |r| {
                    r.get(0)
                })
                .optional()?;
            let values = params![
                d.id,
                d.title,
                d.lang.code(),
                d.kind.code(),
                d.year,
                d.authors,
                d.source,
                d.text,
                d.synthetic as i64,
                stamp
            ];
            if exists.is_some() {
                tx.execute(
                    "UPDATE documents SET title = ?2, lang = ?3, kind = ?4, year = ?5, authors = ?6, source = ?7,
                     body = ?8, synthetic = ?9, updated_at = ?10, row_version = row_version + 1 WHERE id = ?1",
                    values,
                )?;
                summary.updated += 1;
            } else {
                tx.execute(
                    "INSERT INTO documents (id, title, lang, kind, year, authors, source, body, synthetic, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
                    values,
                )?;
                summary.inserted += 1;
            }
        }
        journal(&tx, "documents", source, items.len())?;
        tx.commit()?;
        Ok(summary)
    }

    /// All documents, by id.
    pub fn documents(&self) -> Result<Vec<Document>> {
        let mut st = self.conn.prepare(
            "SELECT id, title, lang, kind, year, authors, source, body, synthetic FROM documents ORDER BY id",
        )?;
        let mut rows = st.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let id: String = r.get(0)?;
            let lang: String = r.get(2)?;
            let lang = lang.parse::<Lang>().map_err(|e| StoreError::Corrupt {
                what: "document",
                id: id.clone(),
                reason: e.to_string(),
            })?;
            out.push(Document {
                title: r.get(1)?,
                lang,
                kind: parse_coded("document", &id, &r.get::<_, String>(3)?)?,
                year: r.get(4)?,
                authors: r.get(5)?,
                source: r.get(6)?,
                text: r.get(7)?,
                synthetic: bool_of(r.get(8)?),
                id,
            });
        }
        Ok(out)
    }
}
