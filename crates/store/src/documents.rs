//! Documents of the corpus in the store.

use creacity_model::{Coded, Document, Lang};

use crate::db::vals;
use crate::{ImportSummary, Result, StoreError, Workspace, bool_of, journal, now, parse_coded};

impl Workspace {
    /// Writes documents in one transaction (insert or replace by id), journaled under `source`.
    ///
    /// # Errors
    /// A database error; nothing is written then.
    pub fn import_documents(&mut self, source: &str, items: &[Document]) -> Result<ImportSummary> {
        let tx = self.db.begin()?;
        let mut summary = ImportSummary::default();
        let stamp = now();
        for d in items {
            let exists = tx
                .query_opt("SELECT 1 FROM documents WHERE id = ?1", vals![&d.id])?
                .is_some();
            let values = vals![
                &d.id,
                &d.title,
                d.lang.code(),
                d.kind.code(),
                d.year,
                &d.authors,
                &d.source,
                &d.text,
                d.synthetic,
                &stamp
            ];
            if exists {
                tx.exec(
                    "UPDATE documents SET title = ?2, lang = ?3, kind = ?4, year = ?5, authors = ?6, source = ?7,
                     body = ?8, synthetic = ?9, updated_at = ?10, row_version = row_version + 1 WHERE id = ?1",
                    values,
                )?;
                summary.updated += 1;
            } else {
                tx.exec(
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
        let rows = self.db.query(
            "SELECT id, title, lang, kind, year, authors, source, body, synthetic FROM documents ORDER BY id",
            &[],
        )?;
        rows.iter()
            .map(|r| {
                let id = r.text(0)?;
                let lang = r
                    .text(2)?
                    .parse::<Lang>()
                    .map_err(|e| StoreError::Corrupt {
                        what: "document",
                        id: id.clone(),
                        reason: e.to_string(),
                    })?;
                Ok(Document {
                    title: r.text(1)?,
                    lang,
                    kind: parse_coded("document", &id, &r.text(3)?)?,
                    year: r.opt_int(4)?.map(|y| y as _),
                    authors: r.text(5)?,
                    source: r.text(6)?,
                    text: r.text(7)?,
                    synthetic: bool_of(r.int(8)?),
                    id,
                })
            })
            .collect()
    }
}
