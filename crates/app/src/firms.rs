//! Firm lists in the workspace: reading a generic firm list (CSV or XLSX: the user's own, or the
//! `firms.csv` that `creacity registry ingest --out` writes), storing it in one transaction,
//! status and export. Territory matching and aggregation call the mapping engine from the CLI.
//!
//! Columns (key, English or Russian header; any order; only `id` is required):
//!
//! | key | header | value |
//! |---|---|---|
//! | `id` | INN / ИНН | identifier, unique within a period |
//! | `name` | Name / Наименование | |
//! | `period` | Period / Период | `YYYY` or `YYYY-MM`; else `--period` |
//! | `kind` | Kind / Вид | `company`, `sole_trader`, `farm` (or `1`/`2`/`3`, `ЮЛ`/`ИП`/`КФХ`); else from the INN length |
//! | `category` | Category / Категория | `micro`, `small`, `medium` (or `1`/`2`/`3`) |
//! | `main_code`, `other_codes`, `codes` | Main code / Основной ОКВЭД, … | codes separated by `;`, `|` or spaces; `codes` = all, main first |
//! | `territory`, `region_code`, `region`, `district`, `city`, `settlement`, `address`, `oktmo` | | territory code and address parts |
//! | `lat`, `lon` | Latitude / Широта, Longitude / Долгота | WGS 84 degrees, both or neither |
//! | `registered`, `exited` | | `YYYY-MM-DD` or `DD.MM.YYYY` |
//! | `employees`, `revenue`, `expenditure` | | non-negative numbers |

mod export;
mod import;
mod read;
mod seen;
mod territory;

use creacity_ingest::columns::{Column, free};

pub use export::{EXPORT_HEADER, export_firms};
pub use import::{FIRM_CHUNK_ROWS, FirmListImport, import_firm_list, import_firm_list_chunked};
pub use read::read_firm_list;
pub use territory::{mapping_section, oktmo_stem, territory_firms, territory_mapping_section};

const fn col(key: &'static str, en: &'static str, ru: &'static str, required: bool) -> Column {
    Column {
        key,
        en,
        ru,
        required,
        help_en: "",
        help_ru: "",
        values: free,
    }
}

/// The columns of a generic firm list.
pub const FIRM_COLUMNS: &[Column] = &[
    col("id", "INN", "ИНН", true),
    col("name", "Name", "Наименование", false),
    col("period", "Period", "Период", false),
    col("kind", "Kind", "Вид", false),
    col("category", "Category", "Категория", false),
    col("main_code", "Main code", "Основной ОКВЭД", false),
    col("other_codes", "Other codes", "Дополнительные ОКВЭД", false),
    col("codes", "Codes", "Коды ОКВЭД", false),
    col("territory", "Territory", "Территория", false),
    col("region_code", "Region code", "Код региона", false),
    col("region", "Region", "Регион", false),
    col("district", "District", "Район", false),
    col("city", "City", "Город", false),
    col("settlement", "Settlement", "Населённый пункт", false),
    col("address", "Address", "Адрес", false),
    col("oktmo", "OKTMO", "ОКТМО", false),
    col("lat", "Latitude", "Широта", false),
    col("lon", "Longitude", "Долгота", false),
    col("registered", "Registered", "Дата регистрации", false),
    col("exited", "Exited", "Дата прекращения", false),
    col("employees", "Employees", "Численность", false),
    col("revenue", "Revenue", "Выручка", false),
    col("expenditure", "Expenditure", "Расходы", false),
];

/// The period of firm lists without a `period` column: the current year.
pub fn default_period() -> String {
    chrono::Utc::now().format("%Y").to_string()
}

#[cfg(test)]
mod tests {
    use creacity_ingest::{IngestError, Table};
    use creacity_store::FirmKind;

    use super::*;

    fn table(text: &str) -> Table {
        creacity_ingest::parse_delimited("firms.csv", text.as_bytes()).unwrap()
    }

    #[test]
    fn reads_the_registry_csv_and_the_generic_columns() {
        // The header `creacity registry ingest --out` writes.
        let t = table(
            "id,territory,period,main_code,other_codes,employees,revenue,registered,name,category,kind\n\
             6600000001,66,2024-06,59.11,90.01;62.01,3,150000,2019-05-10,ООО «Синтетика»,Micro,LegalEntity\n\
             660000000012,Синтетград,2024-06,90.01,,,,10.08.2019,ИП Тестов,Small,SoleTrader\n",
        );
        let f = read_firm_list(&t, "2000").unwrap();
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].0, 2);
        let a = &f[0].1;
        assert_eq!(a.kind, FirmKind::Company);
        assert_eq!(a.other_codes, vec!["90.01", "62.01"]);
        assert_eq!(a.category.as_deref(), Some("micro"));
        assert_eq!(a.employees, Some(3.0));
        let b = &f[1].1;
        assert_eq!(b.kind, FirmKind::SoleTrader);
        assert_eq!(b.registered.as_deref(), Some("2019-08-10"));
        // Russian headers, all codes in one column, kind from the INN length, default period.
        let t = table(
            "ИНН;Наименование;Коды ОКВЭД;Широта;Долгота\n6600000001;А;59.11 90.01;56.8;60.6\n",
        );
        let f = read_firm_list(&t, "2025").unwrap();
        assert_eq!(f[0].1.main_code.as_deref(), Some("59.11"));
        assert_eq!(f[0].1.other_codes, vec!["90.01"]);
        assert_eq!(f[0].1.period, "2025");
        assert_eq!(f[0].1.kind, FirmKind::Company);
    }

    #[test]
    fn names_every_bad_cell_and_both_rows_of_a_duplicate() {
        let t = table(
            "id,period,lat,lon,registered,kind,employees\n\
             1,2024,95,60,2020-01-01,company,1\n\
             2,2024-13,56,60,31.02.2020,robot,x\n\
             3,2024,56,,,,\n\
             4,2024,56,60,,,\n\
             4,2024,56,60,,,\n",
        );
        let e = read_firm_list(&t, "2024").unwrap_err();
        let IngestError::Invalid { file, problems } = e else {
            panic!("expected Invalid");
        };
        assert_eq!(file, "firms.csv");
        let got: Vec<(usize, &str)> = problems
            .iter()
            .map(|p| (p.row, p.column.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                (2, "lat"),
                (3, "period"),
                (3, "kind"),
                (3, "registered"),
                (3, "employees"),
                (4, "lon"),
                (6, "id")
            ]
        );
        assert!(
            problems[6].message.contains("rows 5 and 6"),
            "{}",
            problems[6].message
        );
    }
}
