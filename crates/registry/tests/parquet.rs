//! Parquet output (feature `parquet`): partitions by year and region, read back with the parquet
//! crate's own Arrow reader.
#![cfg(feature = "parquet")]

mod common;

use arrow_array::Array;
use arrow_array::cast::AsArray;
use arrow_array::types::{Date32Type, UInt32Type};
use creacity_registry::synth;
use creacity_registry::{Date, ParquetSink};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

#[test]
fn records_land_in_their_year_and_region_and_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let a = synth::firms(1, 300, Date::new(2022, 6, 10).unwrap());
    let b = synth::firms(2, 200, Date::new(2023, 6, 10).unwrap());
    let mut sink = ParquetSink::new(dir.path(), "data-10062023.zip");
    sink.write(&a[..150]).unwrap();
    sink.write(&a[150..]).unwrap();
    sink.write(&b).unwrap();
    let summary = sink.finish().unwrap();
    assert_eq!(summary.rows, 500);
    let mut seen = 0;
    let mut codes = 0usize;
    for f in &summary.files {
        let rel = f
            .strip_prefix(dir.path())
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let mut parts = rel.split('/');
        let year: u16 = parts
            .next()
            .unwrap()
            .trim_start_matches("year=")
            .parse()
            .unwrap();
        let region = parts
            .next()
            .unwrap()
            .trim_start_matches("region=")
            .to_string();
        assert_eq!(parts.next().unwrap(), "part-data-10062023_zip.parquet");
        let reader = ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(f).unwrap())
            .unwrap()
            .build()
            .unwrap();
        for batch in reader {
            let batch = batch.unwrap();
            let inn = batch.column_by_name("inn").unwrap().as_string::<i32>();
            let reg = batch
                .column_by_name("region_code")
                .unwrap()
                .as_string::<i32>();
            let snap = batch
                .column_by_name("snapshot_date")
                .unwrap()
                .as_primitive::<Date32Type>();
            let emp = batch
                .column_by_name("employees")
                .unwrap()
                .as_primitive::<UInt32Type>();
            let list = batch.column_by_name("codes").unwrap().as_list::<i32>();
            for i in 0..batch.num_rows() {
                let src = a.iter().chain(&b).find(|r| r.inn == inn.value(i)).unwrap();
                assert_eq!(src.snapshot_date.year, year);
                assert_eq!(
                    (reg.value(i), region.as_str()),
                    (src.region_code.as_str(), src.region_code.as_str())
                );
                let want_days = if year == 2022 { 19_153 } else { 19_518 };
                assert_eq!(snap.value(i), want_days);
                assert_eq!(emp.is_valid(i).then(|| emp.value(i)), src.employees);
                assert_eq!(list.value(i).len(), src.codes.len());
                codes += list.value(i).len();
                seen += 1;
            }
        }
    }
    assert_eq!(seen, 500);
    assert_eq!(
        codes,
        a.iter().chain(&b).map(|r| r.codes.len()).sum::<usize>()
    );
}
