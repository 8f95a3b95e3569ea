//! Reading firm rows: each cell checked and turned into a [`Firm`] straight from the row (no
//! table of owned cells in between), every problem named by row and column.

use creacity_ingest::columns::bind;
use creacity_ingest::{IngestError, Problem, Table, TableRow};
use creacity_store::{Firm, FirmKind};

use super::FIRM_COLUMNS;
use super::seen::SeenFirms;

// Positions in `FIRM_COLUMNS`.
const ID: usize = 0;
const NAME: usize = 1;
const PERIOD: usize = 2;
const KIND: usize = 3;
const CATEGORY: usize = 4;
const MAIN_CODE: usize = 5;
const OTHER_CODES: usize = 6;
const CODES: usize = 7;
const TERRITORY: usize = 8;
const REGION_CODE: usize = 9;
const REGION: usize = 10;
const DISTRICT: usize = 11;
const CITY: usize = 12;
const SETTLEMENT: usize = 13;
const ADDRESS: usize = 14;
const OKTMO: usize = 15;
const LAT: usize = 16;
const LON: usize = 17;
const REGISTERED: usize = 18;
const EXITED: usize = 19;
const EMPLOYEES: usize = 20;
const REVENUE: usize = 21;
const EXPENDITURE: usize = 22;
const N: usize = 23;

fn valid_period(p: &str) -> bool {
    let b = p.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    match b.len() {
        4 => digits(0..4),
        7 => {
            digits(0..4)
                && b[4] == b'-'
                && digits(5..7)
                && (1..=12).contains(&p[5..].parse::<u8>().unwrap_or(0))
        }
        _ => false,
    }
}

/// `YYYY-MM-DD` or `DD.MM.YYYY` → `YYYY-MM-DD`, checked against the calendar.
fn iso_date(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| {
        b[r].iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    // The usual ten-character forms without the general parser (a million dates add up).
    let ymd = match b.len() {
        10 if b[4] == b'-' && b[7] == b'-' => num(0..4).zip(num(5..7)).zip(num(8..10)),
        10 if b[2] == b'.' && b[5] == b'.' => num(6..10).zip(num(3..5)).zip(num(0..2)),
        _ => None,
    };
    if let Some(((y, m), d)) = ymd {
        chrono::NaiveDate::from_ymd_opt(y as i32, m, d)?;
        return Some(format!("{y:04}-{m:02}-{d:02}"));
    }
    let d = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .or_else(|_| chrono::NaiveDate::parse_from_str(s, "%d.%m.%Y"))
        .ok()?;
    Some(d.format("%Y-%m-%d").to_string())
}

fn kind_of(s: &str) -> Option<FirmKind> {
    Some(match creacity_model::fold(s).as_str() {
        "company" | "1" | "legalentity" | "юл" | "организация" => FirmKind::Company,
        "sole_trader" | "2" | "soletrader" | "ип" => FirmKind::SoleTrader,
        "farm" | "3" | "peasantfarmhead" | "кфх" => FirmKind::Farm,
        "unknown" => FirmKind::Unknown,
        _ => return None,
    })
}

fn category_of(s: &str) -> Option<&'static str> {
    Some(match creacity_model::fold(s).as_str() {
        "micro" | "1" | "микро" | "микропредприятие" => "micro",
        "small" | "2" | "малое" | "малое_предприятие" => "small",
        "medium" | "3" | "среднее" | "среднее_предприятие" => "medium",
        _ => return None,
    })
}

fn split_codes(s: &str) -> impl Iterator<Item = &str> {
    s.split([';', '|', ' ', ','])
        .map(str::trim)
        .filter(|c| !c.is_empty())
}

/// The cells of one row, by position in the file's header.
pub(super) trait RowCells {
    /// Row number in the file.
    fn line(&self) -> usize;
    /// Cell `i`, trimmed; empty when absent.
    fn cell(&self, i: usize) -> &str;
}

impl RowCells for TableRow {
    fn line(&self) -> usize {
        TableRow::line(self)
    }
    fn cell(&self, i: usize) -> &str {
        TableRow::cell(self, i)
    }
}

impl RowCells for (usize, Vec<String>) {
    fn line(&self) -> usize {
        self.0
    }
    fn cell(&self, i: usize) -> &str {
        self.1.get(i).map_or("", String::as_str)
    }
}

/// Problems of one file up to a limit; those past it are only counted.
pub(super) struct Problems {
    list: Vec<Problem>,
    more: usize,
    limit: usize,
}

impl Problems {
    pub(super) fn new(limit: usize) -> Self {
        Problems {
            list: Vec::new(),
            more: 0,
            limit,
        }
    }

    pub(super) fn push(&mut self, p: Problem) {
        if self.list.len() < self.limit {
            self.list.push(p);
        } else {
            self.more += 1;
        }
    }

    /// Every problem found, listed or not.
    pub(super) fn count(&self) -> usize {
        self.list.len() + self.more
    }

    pub(super) fn is_empty(&self) -> bool {
        self.count() == 0
    }

    /// The listed problems, then a line saying how many more were found.
    pub(super) fn into_list(mut self) -> Vec<Problem> {
        if self.more > 0 {
            let (n, all) = (self.more, self.count());
            self.list.push(Problem::more(n, all));
        }
        self.list
    }
}

/// Reads firms from the rows of one file, whose header it has checked.
pub(super) struct FirmReader {
    /// Where each of `FIRM_COLUMNS` sits in the file's header.
    at: [Option<usize>; N],
    headers: Vec<String>,
    default_period: String,
}

impl FirmReader {
    /// Binds the header to [`FIRM_COLUMNS`].
    ///
    /// # Errors
    /// [`IngestError::Invalid`] with every unknown, repeated or missing column.
    pub(super) fn new(
        file: &str,
        headers: &[String],
        default_period: &str,
    ) -> Result<Self, IngestError> {
        let table = Table {
            file: file.to_string(),
            headers: headers.to_vec(),
            rows: Vec::new(),
            encoding: "",
        };
        bind(&table, FIRM_COLUMNS).map_err(|problems| IngestError::Invalid {
            file: file.to_string(),
            problems,
        })?;
        let f = creacity_model::fold;
        let mut at = [None; N];
        for (i, h) in headers.iter().enumerate().filter(|(_, h)| !h.is_empty()) {
            let h = f(h);
            if let Some(k) = FIRM_COLUMNS
                .iter()
                .position(|c| f(c.key) == h || f(c.en) == h || f(c.ru) == h)
            {
                at[k] = Some(i);
            }
        }
        debug_assert_eq!(FIRM_COLUMNS.len(), N);
        Ok(FirmReader {
            at,
            headers: headers.to_vec(),
            default_period: default_period.to_string(),
        })
    }

    /// Whether the file has a `period` column.
    pub(super) fn has_period(&self) -> bool {
        self.at[PERIOD].is_some()
    }

    /// The header of column `k` as written in the file (the key when the file lacks it).
    pub(super) fn header(&self, k: usize) -> String {
        self.at[k].map_or_else(
            || FIRM_COLUMNS[k].key.to_string(),
            |i| self.headers[i].clone(),
        )
    }

    /// The header of the column a key names (for messages about store refusals).
    pub(super) fn header_of(&self, key: &str) -> String {
        FIRM_COLUMNS
            .iter()
            .position(|c| c.key == key)
            .map_or_else(|| key.to_string(), |k| self.header(k))
    }

    fn text<'r>(&self, row: &'r impl RowCells, k: usize) -> &'r str {
        self.at[k].map_or("", |i| row.cell(i))
    }

    fn opt(&self, row: &impl RowCells, k: usize) -> Option<String> {
        Some(self.text(row, k))
            .filter(|s| !s.is_empty())
            .map(String::from)
    }

    fn number(
        &self,
        row: &impl RowCells,
        k: usize,
        (min, max): (f64, f64),
        problems: &mut Problems,
    ) -> Option<f64> {
        let v = self.text(row, k);
        if v.is_empty() {
            return None;
        }
        // A decimal comma is accepted; only then is the cell copied.
        let parsed = if v.contains(',') {
            v.replace(',', ".").parse::<f64>()
        } else {
            v.parse::<f64>()
        };
        let message = match parsed {
            Ok(x) if (min..=max).contains(&x) => return Some(x),
            Ok(x) => format!("{x} is outside {min}..={max}"),
            Err(_) => format!("{v:?} is not a number"),
        };
        self.problem(problems, row, k, message);
        None
    }

    fn problem(&self, problems: &mut Problems, row: &impl RowCells, k: usize, message: String) {
        problems.push(Problem {
            row: row.line(),
            column: self.header(k),
            message,
        });
    }

    /// The firm of one row, or `None` when the row has problems (all of them added to
    /// `problems`), including an id and period that `seen` holds from an earlier row.
    pub(super) fn read(
        &self,
        row: &impl RowCells,
        seen: &mut SeenFirms,
        problems: &mut Problems,
    ) -> Option<Firm> {
        let before = problems.count();
        let id = self.text(row, ID);
        if id.is_empty() {
            self.problem(
                problems,
                row,
                ID,
                "a value is required / нужен идентификатор".into(),
            );
        }
        let period = Some(self.text(row, PERIOD))
            .filter(|p| !p.is_empty())
            .unwrap_or(&self.default_period);
        if !valid_period(period) {
            self.problem(
                problems,
                row,
                PERIOD,
                format!(
                    "{period:?} is not a period: expected YYYY or YYYY-MM / ожидалось ГГГГ или ГГГГ-ММ"
                ),
            );
        }
        let digits = |n| id.len() == n && id.bytes().all(|b| b.is_ascii_digit());
        let kind = match self.text(row, KIND) {
            "" if digits(10) => FirmKind::Company,
            "" if digits(12) => FirmKind::SoleTrader,
            "" => FirmKind::Unknown,
            k => kind_of(k).unwrap_or_else(|| {
                self.problem(problems, row, KIND, format!("{k:?} is not a kind: expected company, sole_trader or farm / ожидалось company, sole_trader или farm"));
                FirmKind::Unknown
            }),
        };
        let category = match self.text(row, CATEGORY) {
            "" => None,
            k => {
                let v = category_of(k);
                if v.is_none() {
                    self.problem(problems, row, CATEGORY, format!("{k:?} is not a category: expected micro, small or medium / ожидалось micro, small или medium"));
                }
                v
            }
        };
        let date = |k: usize, problems: &mut Problems| match self.text(row, k) {
            "" => None,
            s => {
                let d = iso_date(s);
                if d.is_none() {
                    self.problem(
                        problems,
                        row,
                        k,
                        format!("{s:?} is not a date: expected YYYY-MM-DD or DD.MM.YYYY / ожидалась дата"),
                    );
                }
                d
            }
        };
        let registered = date(REGISTERED, problems);
        let exited = date(EXITED, problems);
        let lat = self.number(row, LAT, (-90.0, 90.0), problems);
        let lon = self.number(row, LON, (-180.0, 180.0), problems);
        let employees = self.number(row, EMPLOYEES, (0.0, f64::MAX), problems);
        let revenue = self.number(row, REVENUE, (f64::MIN, f64::MAX), problems);
        let expenditure = self.number(row, EXPENDITURE, (f64::MIN, f64::MAX), problems);
        if lat.is_some() != lon.is_some()
            && self.text(row, LAT).is_empty() != self.text(row, LON).is_empty()
        {
            self.problem(
                problems,
                row,
                if lat.is_some() { LON } else { LAT },
                "both coordinates or neither / нужны обе координаты или ни одной".into(),
            );
        }
        if problems.count() > before {
            return None;
        }
        if let Some(first) = seen.insert(id, period, row.line()) {
            let second = row.line();
            self.problem(
                problems,
                row,
                ID,
                format!(
                    "duplicate firm {id:?} of period {period} (rows {first} and {second}) / повтор фирмы {id:?} за период {period} (строки {first} и {second})"
                ),
            );
            return None;
        }
        let mut f = Firm::new(id, period, self.text(row, NAME));
        f.kind = kind;
        f.category = category.map(String::from);
        f.main_code = self.opt(row, MAIN_CODE);
        f.other_codes = split_codes(self.text(row, OTHER_CODES))
            .map(String::from)
            .collect();
        let mut all = split_codes(self.text(row, CODES));
        if f.main_code.is_none() {
            f.main_code = all.next().map(String::from);
        }
        for code in all {
            if Some(code) != f.main_code.as_deref() && !f.other_codes.iter().any(|c| c == code) {
                f.other_codes.push(code.to_string());
            }
        }
        f.territory = self.opt(row, TERRITORY);
        f.region_code = self.opt(row, REGION_CODE);
        f.region = self.opt(row, REGION);
        f.district = self.opt(row, DISTRICT);
        f.city = self.opt(row, CITY);
        f.settlement = self.opt(row, SETTLEMENT);
        f.address = self.opt(row, ADDRESS);
        f.oktmo = self.opt(row, OKTMO);
        f.lat = lat;
        f.lon = lon;
        f.registered = registered;
        f.exited = exited;
        f.employees = employees;
        f.revenue = revenue;
        f.expenditure = expenditure;
        Some(f)
    }
}

/// Reads a generic firm list. Every bad cell is named by row and column; nothing is returned
/// unless every row is valid. Returns the firms with their row numbers in the file.
///
/// # Errors
/// [`IngestError::Format`] without data rows; [`IngestError::Invalid`] with every problem (the
/// first [`creacity_ingest::MAX_PROBLEMS`] listed, then a line counting the rest): unknown
/// columns, bad numbers, dates, periods, kinds, coordinates out of range or half given, and
/// duplicate id + period (both rows named).
pub fn read_firm_list(
    table: &Table,
    default_period: &str,
) -> Result<Vec<(usize, Firm)>, IngestError> {
    if table.rows.is_empty() {
        return Err(IngestError::Format {
            file: table.file.clone(),
            reason:
                "no data rows: expected one row per firm under the header / нет строк с фирмами"
                    .into(),
        });
    }
    let reader = FirmReader::new(&table.file, &table.headers, default_period)?;
    let mut problems = Problems::new(creacity_ingest::MAX_PROBLEMS);
    let mut seen = SeenFirms::default();
    let mut out = Vec::with_capacity(table.rows.len());
    for row in &table.rows {
        if let Some(f) = reader.read(row, &mut seen, &mut problems) {
            out.push((row.0, f));
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(IngestError::Invalid {
            file: table.file.clone(),
            problems: problems.into_list(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_both_forms_are_checked_against_the_calendar() {
        assert_eq!(iso_date("2019-05-10").as_deref(), Some("2019-05-10"));
        assert_eq!(iso_date("10.08.2019").as_deref(), Some("2019-08-10"));
        assert_eq!(iso_date("2024-02-29").as_deref(), Some("2024-02-29"));
        assert_eq!(iso_date("2023-02-29"), None);
        assert_eq!(iso_date("31.02.2020"), None);
        assert_eq!(iso_date("2020-13-01"), None);
        assert_eq!(iso_date("2020-1-5").as_deref(), Some("2020-01-05"));
        assert_eq!(iso_date("20x0-01-05"), None);
        assert_eq!(iso_date("5.1.2020").as_deref(), Some("2020-01-05"));
    }

    #[test]
    fn problems_past_the_limit_are_counted() {
        let mut p = Problems::new(2);
        for row in 1..=5 {
            p.push(Problem {
                row,
                column: "id".into(),
                message: "x".into(),
            });
        }
        assert_eq!(p.count(), 5);
        let list = p.into_list();
        assert_eq!(list.len(), 3);
        assert_eq!((list[2].row, list[2].column.as_str()), (0, ""));
        assert!(
            list[2].message.starts_with("and 3 more"),
            "{}",
            list[2].message
        );
    }
}
