//! Companion files of a `ВерсФорм` the reader does not list: read with the known structure and a
//! warning when every document parses, refused when not. All data are synthetic.

mod common;

use common::{entries, run, snap, write};
use creacity_registry::synth::{self, ZipEntry};
use creacity_registry::{
    AddressTable, COMPANION_FORM_VERSIONS, Date, FileKind, OnError, Options, ParseContext,
    RegistryError, SchemaVersion, Warning, parse_file,
};

fn as_of() -> Date {
    Date::new(2023, 8, 1).unwrap()
}

/// A revenue/expenditure or headcount companion file of `rows` legal entities, its `ВерсФорм`
/// set to `version`, then `edit` applied to its text.
fn companion(
    kind: FileKind,
    firms: &[creacity_registry::FirmRecord],
    version: &str,
    edit: impl Fn(String) -> String,
) -> ZipEntry {
    let rows = synth::companions(4, firms, as_of());
    let xml = match kind {
        FileKind::Headcount => synth::headcount_xml(&rows, "synthetic"),
        _ => synth::revexp_xml(&rows, "synthetic"),
    };
    let text = String::from_utf8(xml)
        .unwrap()
        .replace("ВерсФорм=\"4.01\"", &format!("ВерсФорм=\"{version}\""));
    ZipEntry {
        name: synth::companion_entry_name(kind, as_of(), 0),
        bytes: edit(text).into_bytes(),
    }
}

fn skip() -> Options {
    Options::builder().on_error(OnError::Skip).build().unwrap()
}

#[test]
fn a_companion_of_version_4_99_is_read_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let firms = synth::firms(9, 60, snap());
    let legal = firms
        .iter()
        .filter(|f| f.kind == creacity_registry::FirmKind::LegalEntity)
        .count();
    assert!(legal > 10);
    let reg = write(
        dir.path(),
        "data-10062023-structure-10062023.zip",
        entries(SchemaVersion::V4_06, &firms, 30),
    );
    let rev = companion(FileKind::RevenueExpenditure, &firms, "4.99", |t| t);
    let rev_name = rev.name.clone();
    let revexp = write(dir.path(), "revexp.zip", vec![rev]);
    let head = write(
        dir.path(),
        "sshr.zip",
        vec![companion(FileKind::Headcount, &firms, "4.02", |t| t)],
    );
    let (r, got, _) = run(&[&reg, &revexp, &head], &Options::default());
    let r = r.unwrap();
    assert_eq!(r.records, 60);
    assert_eq!(r.companion_rows, 2 * legal as u64);
    assert_eq!(r.companion_matched, legal as u64);
    // Values read as from a known version: every legal entity has its revenue.
    let rows = synth::companions(4, &firms, as_of());
    for rec in got
        .iter()
        .filter(|f| f.kind == creacity_registry::FirmKind::LegalEntity)
    {
        let row = rows.iter().find(|x| x.inn == rec.inn).unwrap();
        assert_eq!(rec.finance.unwrap().revenue, row.revenue.unwrap());
    }
    // One warning, naming the zip, the file inside it, the version found and those known.
    assert_eq!(r.warnings, 1);
    assert_eq!(
        r.warning_examples,
        [Warning::CompanionVersion {
            zip: "revexp.zip".into(),
            entry: rev_name.clone(),
            found: "4.99".into(),
            known: "4.01, 4.02".into(),
            rows: legal as u64,
        }]
    );
    let msg = r.warning_examples[0].to_string();
    assert!(
        msg.starts_with(&format!("revexp.zip/{rev_name}: ")),
        "{msg}"
    );
    for part in [
        "\"4.99\"",
        "4.01, 4.02",
        "read with the known structure",
        "прочитан по известной структуре",
    ] {
        assert!(msg.contains(part), "{part}: {msg}");
    }
    // The report counts rows per version, companions included.
    let by_zip = |z: &str| r.zips.iter().find(|x| x.zip == z).unwrap();
    assert_eq!(
        by_zip("revexp.zip").schema_versions.get("4.99"),
        Some(&(legal as u64))
    );
    assert_eq!(
        by_zip("sshr.zip").schema_versions.get("4.02"),
        Some(&(legal as u64))
    );
    // Serialised for the stored report, tagged by kind.
    let v = serde_json::to_value(&r).unwrap();
    assert_eq!(v["warning_examples"][0]["kind"], "companion_version");
    assert_eq!(v["warning_examples"][0]["found"], "4.99");
}

#[test]
fn a_headcount_companion_of_an_unknown_version_is_read_with_a_warning_by_parse_file() {
    let firms = synth::firms(2, 20, snap());
    let e = companion(FileKind::Headcount, &firms, "5.00", |t| t);
    let table = AddressTable::default();
    let cx = ParseContext {
        zip: "sshr.zip",
        entry: &e.name,
        table: &table,
        known_codes: None,
        on_error: OnError::Stop,
    };
    let f = parse_file(&e.bytes, &cx).unwrap();
    assert_eq!(f.kind, Some(FileKind::Headcount));
    assert_eq!(f.form_version, "5.00");
    assert_eq!(
        f.companions,
        synth::companions(4, &firms, as_of())
            .into_iter()
            .map(|mut r| {
                (r.revenue, r.expenditure) = (None, None);
                r
            })
            .collect::<Vec<_>>()
    );
    assert!(
        matches!(&f.warnings[..], [Warning::CompanionVersion { found, .. }] if found == "5.00")
    );
    // A known version gives no warning.
    let e = companion(
        FileKind::Headcount,
        &firms,
        COMPANION_FORM_VERSIONS[0],
        |t| t,
    );
    assert!(parse_file(&e.bytes, &cx).unwrap().warnings.is_empty());
}

/// Refused, even when skipping errors, with the version found, the known ones and why.
fn assert_refused(entry: ZipEntry, why: &str) {
    let dir = tempfile::tempdir().unwrap();
    let name = entry.name.clone();
    let path = write(dir.path(), "revexp.zip", vec![entry]);
    for opts in [Options::default(), skip()] {
        let (r, _, _) = run(&[&path], &opts);
        let e = r.unwrap_err();
        let msg = e.to_string();
        assert!(
            matches!(&e, RegistryError::UnknownSchema { found, known, .. }
                if found == "4.99" && known == "4.01, 4.02"),
            "{msg}"
        );
        assert!(
            msg.starts_with(&format!("revexp.zip/{name}: unknown schema version")),
            "{msg}"
        );
        assert!(
            msg.contains("does not parse with the known structure"),
            "{msg}"
        );
        assert!(msg.contains(why), "{why}: {msg}");
    }
}

#[test]
fn a_companion_of_version_4_99_that_does_not_parse_is_refused() {
    let firms = synth::firms(9, 40, snap());
    let rev =
        |edit: fn(String) -> String| companion(FileKind::RevenueExpenditure, &firms, "4.99", edit);
    // Its data element renamed: no sums where the known structure has them.
    assert_refused(
        rev(|t| t.replace("<СведДохРасх ", "<СведДохРасхНов ")),
        "field СведДохРасх @СумДоход|@СумРасход",
    );
    // Its sums renamed.
    assert_refused(
        rev(|t| {
            t.replace("СумДоход=", "СумДох=")
                .replace("СумРасход=", "СумРасх=")
        }),
        "field СведДохРасх @СумДоход|@СумРасход",
    );
    // The INN moved to another attribute.
    assert_refused(rev(|t| t.replace("ИННЮЛ=", "ИНН=")), "field ИННЮЛ");
    // A sum that is not a number.
    assert_refused(
        rev(|t| t.replacen("СумДоход=\"", "СумДоход=\"x", 1)),
        "field СумДоход",
    );
    // Documents under another name: none read, though КолДок declares them.
    assert_refused(
        rev(|t| {
            t.replace("<Документ", "<Док")
                .replace("</Документ>", "</Док>")
        }),
        "КолДок declares",
    );
}

#[test]
fn malformed_xml_in_a_companion_of_an_unknown_version_stays_a_malformed_xml_error() {
    let firms = synth::firms(9, 10, snap());
    let e = companion(FileKind::RevenueExpenditure, &firms, "4.99", |t| {
        t.replacen("</Документ>", "</Документы>", 1)
    });
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "revexp.zip", vec![e]);
    let (r, _, _) = run(&[&path], &Options::default());
    assert!(matches!(r.unwrap_err(), RegistryError::MalformedXml { .. }));
}

#[test]
fn a_known_companion_version_stays_lenient() {
    // Under 4.01 a document without sums is a row without values, as before.
    let firms = synth::firms(9, 10, snap());
    let e = companion(FileKind::RevenueExpenditure, &firms, "4.01", |t| {
        t.replace("<СведДохРасх ", "<СведДохРасхНов ")
    });
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "revexp.zip", vec![e]);
    let (r, _, _) = run(&[&path], &Options::default());
    let r = r.unwrap();
    assert!(r.companion_rows > 0);
    assert_eq!(r.warnings, 0);
}

#[test]
fn the_registry_of_an_unknown_version_is_still_refused_without_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let firms = synth::firms(1, 3, snap());
    let x = String::from_utf8(synth::registry_xml(SchemaVersion::V4_06, &firms, "s"))
        .unwrap()
        .replace("ВерсФорм=\"4.06\"", "ВерсФорм=\"4.99\"");
    let path = write(
        dir.path(),
        "d.zip",
        vec![ZipEntry {
            name: synth::registry_entry_name(snap(), 0),
            bytes: x.into_bytes(),
        }],
    );
    let (r, got, _) = run(&[&path], &skip());
    let e = r.unwrap_err();
    assert!(
        matches!(&e, RegistryError::UnknownSchema { found, reason, .. } if found == "4.99" && reason.is_empty()),
        "{e}"
    );
    assert!(got.is_empty());
}
