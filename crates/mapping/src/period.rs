//! Periods (a year or a month) and calendar dates, as firm facts carry them.

use serde::{Deserialize, Serialize};

use crate::MappingError;

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Date {
    /// Year.
    pub year: i32,
    /// Month, 1–12.
    pub month: u8,
    /// Day, 1–31.
    pub day: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD` or the Russian `DD.MM.YYYY`.
    ///
    /// # Errors
    /// [`MappingError::BadValue`] (row 0) for anything else or an impossible month or day.
    ///
    /// ```
    /// use creacity_mapping::Date;
    /// assert_eq!(Date::parse("01.03.2024").unwrap(), Date::parse("2024-03-01").unwrap());
    /// ```
    pub fn parse(s: &str) -> Result<Self, MappingError> {
        let t = s.trim();
        let bad = || MappingError::BadValue {
            row: 0,
            column: "date".into(),
            value: s.to_string(),
            expected: "YYYY-MM-DD or DD.MM.YYYY".into(),
        };
        let parts: Vec<&str> = if t.contains('-') {
            t.split('-').collect()
        } else {
            let mut p: Vec<&str> = t.split('.').collect();
            p.reverse();
            p
        };
        if parts.len() != 3 {
            return Err(bad());
        }
        let year: i32 = parts[0].parse().map_err(|_| bad())?;
        let month: u8 = parts[1].parse().map_err(|_| bad())?;
        let day: u8 = parts[2].parse().map_err(|_| bad())?;
        if !(1..=12).contains(&month) || !(1..=31).contains(&day) || !(1000..=9999).contains(&year)
        {
            return Err(bad());
        }
        Ok(Self { year, month, day })
    }
}

/// A reporting period: a whole year or one month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Period {
    /// Year.
    pub year: i32,
    /// Month 1–12, or `None` for the whole year.
    pub month: Option<u8>,
}

impl Period {
    /// Parses `YYYY` or `YYYY-MM`.
    ///
    /// # Errors
    /// [`MappingError::BadValue`] (row 0) otherwise.
    ///
    /// ```
    /// use creacity_mapping::{Date, Period};
    /// let p = Period::parse("2024-03").unwrap();
    /// assert!(p.contains(Date::parse("2024-03-15").unwrap()));
    /// assert_eq!(p.to_string(), "2024-03");
    /// ```
    pub fn parse(s: &str) -> Result<Self, MappingError> {
        let bad = || MappingError::BadValue {
            row: 0,
            column: "period".into(),
            value: s.to_string(),
            expected: "YYYY or YYYY-MM".into(),
        };
        let t = s.trim();
        let (y, m) = match t.split_once('-') {
            Some((y, m)) => (y, Some(m)),
            None => (t, None),
        };
        let year: i32 = y.parse().map_err(|_| bad())?;
        let month = match m {
            Some(m) => {
                let v: u8 = m.parse().map_err(|_| bad())?;
                if !(1..=12).contains(&v) {
                    return Err(bad());
                }
                Some(v)
            }
            None => None,
        };
        Ok(Self { year, month })
    }

    /// True when `d` falls within the period.
    pub fn contains(&self, d: Date) -> bool {
        d.year == self.year && self.month.is_none_or(|m| m == d.month)
    }
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.month {
            Some(m) => write!(f, "{}-{m:02}", self.year),
            None => write!(f, "{}", self.year),
        }
    }
}
