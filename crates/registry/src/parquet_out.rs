//! Parquet output partitioned by year and region (feature `parquet`), for national-scale runs:
//! `DIR/year=YYYY/region=RR/part-<run>.parquet`, one file per partition and run, hive-style so
//! that DuckDB, Spark, pandas or polars read the directory as one table.

use std::collections::BTreeMap;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow_array::builder::{
    BooleanBuilder, Date32Builder, Float64Builder, ListBuilder, StringBuilder, UInt32Builder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

use crate::error::RegistryError;
use crate::record::{Date, EmployeesSource, FirmKind, FirmRecord};

/// Rows per row group.
const ROW_GROUP: usize = 65_536;
/// Memory held by unfinished row groups (buffers and dictionaries), over all partitions, above
/// which the largest ones are flushed early.
const MEMORY_BUDGET: usize = 128 << 20;

/// Writes batches of records into a partitioned Parquet directory.
pub struct ParquetSink {
    dir: PathBuf,
    run: String,
    schema: SchemaRef,
    writers: BTreeMap<(u16, String), (PathBuf, ArrowWriter<File>)>,
    rows: u64,
}

/// What [`ParquetSink::finish`] wrote.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ParquetSummary {
    /// Files written, one per partition.
    pub files: Vec<PathBuf>,
    /// Rows written.
    pub rows: u64,
}

fn io(path: &Path, source: std::io::Error) -> RegistryError {
    RegistryError::Io {
        path: path.display().to_string(),
        source,
    }
}

fn pq(path: &Path, e: impl std::fmt::Display) -> RegistryError {
    io(path, std::io::Error::other(e.to_string()))
}

/// Days since 1970-01-01 (proleptic Gregorian).
fn days(d: Date) -> i32 {
    let (y, m, day) = (i32::from(d.year), i32::from(d.month), i32::from(d.day));
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn schema() -> SchemaRef {
    let s = |n: &str, null: bool| Field::new(n, DataType::Utf8, null);
    Arc::new(Schema::new(vec![
        s("inn", false),
        s("ogrn", true),
        s("kind", false),
        s("name", false),
        s("short_name", true),
        s("category", false),
        Field::new("newly_created", DataType::Boolean, true),
        Field::new("social_enterprise", DataType::Boolean, true),
        Field::new("snapshot_date", DataType::Date32, false),
        Field::new("included_on", DataType::Date32, false),
        s("region_code", false),
        s("region_type", true),
        s("region", true),
        s("district_type", true),
        s("district", true),
        s("city_type", true),
        s("city", true),
        s("settlement_type", true),
        s("settlement", true),
        s("main_code", true),
        Field::new(
            "codes",
            DataType::List(Arc::new(Field::new("item", DataType::Utf8, true))),
            false,
        ),
        Field::new("employees", DataType::UInt32, true),
        s("employees_source", true),
        Field::new("revenue", DataType::Float64, true),
        Field::new("expenditure", DataType::Float64, true),
        Field::new("finance_as_of", DataType::Date32, true),
        s("document_id", false),
        s("schema_version", false),
    ]))
}

fn batch(
    schema: &SchemaRef,
    rows: &[&FirmRecord],
) -> Result<RecordBatch, arrow_schema::ArrowError> {
    let n = rows.len();
    let text = |f: &dyn Fn(&FirmRecord) -> Option<&str>| -> ArrayRef {
        let mut b = StringBuilder::with_capacity(n, n * 16);
        for r in rows {
            b.append_option(f(r));
        }
        Arc::new(b.finish())
    };
    let kind = |r: &FirmRecord| match r.kind {
        FirmKind::LegalEntity => "legal_entity",
        FirmKind::SoleTrader => "sole_trader",
        FirmKind::PeasantFarmHead => "peasant_farm_head",
    };
    let category = |r: &FirmRecord| match r.category {
        crate::record::Category::Micro => "micro",
        crate::record::Category::Small => "small",
        crate::record::Category::Medium => "medium",
    };
    let (mut new_flag, mut social) = (
        BooleanBuilder::with_capacity(n),
        BooleanBuilder::with_capacity(n),
    );
    let (mut snap, mut incl) = (
        Date32Builder::with_capacity(n),
        Date32Builder::with_capacity(n),
    );
    let mut fin_date = Date32Builder::with_capacity(n);
    let mut employees = UInt32Builder::with_capacity(n);
    let (mut revenue, mut expenditure) = (
        Float64Builder::with_capacity(n),
        Float64Builder::with_capacity(n),
    );
    let mut codes = ListBuilder::new(StringBuilder::new());
    for r in rows {
        new_flag.append_option(r.newly_created);
        social.append_option(r.social_enterprise);
        snap.append_value(days(r.snapshot_date));
        incl.append_value(days(r.included_on));
        employees.append_option(r.employees);
        revenue.append_option(r.finance.map(|f| f.revenue));
        expenditure.append_option(r.finance.map(|f| f.expenditure));
        fin_date.append_option(r.finance.and_then(|f| f.as_of).map(days));
        for c in &r.codes {
            codes.values().append_value(&c.code);
        }
        codes.append(true);
    }
    let columns: Vec<ArrayRef> = vec![
        text(&|r| Some(&r.inn)),
        text(&|r| r.ogrn.as_deref()),
        text(&|r| Some(kind(r))),
        text(&|r| Some(&r.name)),
        text(&|r| r.short_name.as_deref()),
        text(&|r| Some(category(r))),
        Arc::new(new_flag.finish()),
        Arc::new(social.finish()),
        Arc::new(snap.finish()),
        Arc::new(incl.finish()),
        text(&|r| Some(&r.region_code)),
        text(&|r| r.region.as_ref().map(|p| p.kind.as_str())),
        text(&|r| r.region.as_ref().map(|p| p.name.as_str())),
        text(&|r| r.district.as_ref().map(|p| p.kind.as_str())),
        text(&|r| r.district.as_ref().map(|p| p.name.as_str())),
        text(&|r| r.city.as_ref().map(|p| p.kind.as_str())),
        text(&|r| r.city.as_ref().map(|p| p.name.as_str())),
        text(&|r| r.settlement.as_ref().map(|p| p.kind.as_str())),
        text(&|r| r.settlement.as_ref().map(|p| p.name.as_str())),
        text(&|r| r.main_code()),
        Arc::new(codes.finish()),
        Arc::new(employees.finish()),
        text(&|r| {
            r.employees_source.map(|s| match s {
                EmployeesSource::Registry => "registry",
                EmployeesSource::Companion => "companion",
            })
        }),
        Arc::new(revenue.finish()),
        Arc::new(expenditure.finish()),
        Arc::new(fin_date.finish()),
        text(&|r| Some(&r.document_id)),
        text(&|r| Some(r.schema.form_version())),
    ];
    RecordBatch::try_new(schema.clone(), columns)
}

impl ParquetSink {
    /// A sink writing under `dir`; `run` names the part files (say, the dump's file name) so that
    /// several runs into one directory do not overwrite each other.
    pub fn new(dir: impl Into<PathBuf>, run: &str) -> ParquetSink {
        let run: String = run
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        ParquetSink {
            dir: dir.into(),
            run,
            schema: schema(),
            writers: BTreeMap::new(),
            rows: 0,
        }
    }

    /// Appends records, each to the partition of its snapshot year and region code.
    ///
    /// # Errors
    /// [`RegistryError::Io`] naming the file that could not be created or written.
    pub fn write(&mut self, records: &[FirmRecord]) -> Result<(), RegistryError> {
        let mut parts: BTreeMap<(u16, &str), Vec<&FirmRecord>> = BTreeMap::new();
        for r in records {
            let region = if r.region_code.is_empty() {
                "__unknown"
            } else {
                r.region_code.as_str()
            };
            parts
                .entry((r.snapshot_date.year, region))
                .or_default()
                .push(r);
        }
        for ((year, region), rows) in parts {
            let key = (year, region.to_string());
            if !self.writers.contains_key(&key) {
                let dir = self
                    .dir
                    .join(format!("year={year}"))
                    .join(format!("region={region}"));
                std::fs::create_dir_all(&dir).map_err(|e| io(&dir, e))?;
                let path = dir.join(format!("part-{}.parquet", self.run));
                let file = File::create(&path).map_err(|e| io(&path, e))?;
                let props = WriterProperties::builder()
                    .set_compression(Compression::SNAPPY)
                    .set_max_row_group_row_count(Some(ROW_GROUP))
                    .build();
                let w = ArrowWriter::try_new(file, self.schema.clone(), Some(props))
                    .map_err(|e| pq(&path, e))?;
                self.writers.insert(key.clone(), (path, w));
            }
            let (path, w) = self.writers.get_mut(&key).expect("inserted above");
            let b = batch(&self.schema, &rows).map_err(|e| pq(path, e))?;
            w.write(&b).map_err(|e| pq(path, e))?;
            self.rows += rows.len() as u64;
        }
        // Bound memory: flush the biggest unfinished row groups while over budget.
        let mut total: usize = self
            .writers
            .values()
            .map(|(_, w)| w.in_progress_size())
            .sum();
        while total > MEMORY_BUDGET {
            let Some((path, w)) = self
                .writers
                .values_mut()
                .max_by_key(|(_, w)| w.in_progress_size())
            else {
                break;
            };
            let size = w.in_progress_size();
            w.flush().map_err(|e| pq(path, e))?;
            total -= size;
        }
        Ok(())
    }

    /// Closes every file.
    ///
    /// # Errors
    /// [`RegistryError::Io`] naming the file that could not be finished.
    pub fn finish(self) -> Result<ParquetSummary, RegistryError> {
        let mut files = Vec::new();
        for (_, (path, w)) in self.writers {
            w.close().map_err(|e| pq(&path, e))?;
            files.push(path);
        }
        Ok(ParquetSummary {
            files,
            rows: self.rows,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::days;
    use crate::record::Date;

    #[test]
    fn days_since_epoch() {
        assert_eq!(days(Date::new(1970, 1, 1).unwrap()), 0);
        assert_eq!(days(Date::new(2000, 3, 1).unwrap()), 11_017);
        assert_eq!(days(Date::new(2023, 6, 10).unwrap()), 19_518);
    }
}
