//! Exclusion dates. A monthly dump lists the firms in the registry on its date and nothing else:
//! there is no exclusion attribute. A firm's exclusion is seen by comparing consecutive dumps —
//! present on one date, absent on the next.

use std::collections::HashSet;

use serde::Serialize;

use crate::record::{Date, inn_key};

/// A firm present in one dump and absent from the next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Exit {
    /// Its INN.
    pub inn: String,
    /// Date of the last dump that lists it.
    pub last_seen: Date,
    /// Date of the first dump that no longer lists it: the exclusion happened between the two.
    pub excluded_by: Date,
}

/// Follows dumps in date order and reports exits and entries between consecutive ones.
///
/// ```
/// use creacity_registry::{Date, ExitTracker};
/// let (d1, d2) = (Date::new(2023, 5, 10).unwrap(), Date::new(2023, 6, 10).unwrap());
/// let mut t = ExitTracker::default();
/// let first = t.observe(d1, ["7707329152", "500100732259"]).unwrap();
/// assert_eq!((first.entered, first.exits.len()), (2, 0));
/// let second = t.observe(d2, ["7707329152"]).unwrap();
/// assert_eq!(second.exits[0].inn, "500100732259");
/// assert_eq!((second.exits[0].last_seen, second.exits[0].excluded_by), (d1, d2));
/// ```
#[derive(Debug, Default)]
pub struct ExitTracker {
    last: Option<(Date, HashSet<u64>)>,
}

/// What changed between the previous dump and this one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SnapshotChange {
    /// Firms in this dump that were not in the previous one (all of them for the first dump).
    pub entered: u64,
    /// Firms of the previous dump missing from this one.
    pub exits: Vec<Exit>,
}

impl ExitTracker {
    /// Records the firms of the dump of `date`.
    ///
    /// # Errors
    /// The date of the previous dump when `date` is not later than it (dumps must come in order).
    pub fn observe<'a>(
        &mut self,
        date: Date,
        inns: impl IntoIterator<Item = &'a str>,
    ) -> Result<SnapshotChange, Date> {
        if let Some((prev, _)) = &self.last
            && *prev >= date
        {
            return Err(*prev);
        }
        let now: HashSet<u64> = inns.into_iter().filter_map(inn_key).collect();
        let (entered, exits) = match &self.last {
            None => (now.len() as u64, Vec::new()),
            Some((prev_date, prev)) => {
                let entered = now.iter().filter(|k| !prev.contains(k)).count() as u64;
                let mut exits: Vec<Exit> = prev
                    .iter()
                    .filter(|k| !now.contains(k))
                    .map(|&k| Exit {
                        inn: inn_from_key(k),
                        last_seen: *prev_date,
                        excluded_by: date,
                    })
                    .collect();
                exits.sort_by(|a, b| a.inn.cmp(&b.inn));
                (entered, exits)
            }
        };
        self.last = Some((date, now));
        Ok(SnapshotChange { entered, exits })
    }
}

fn inn_from_key(k: u64) -> String {
    let len = (k >> 56) as usize;
    let v = k & ((1u64 << 56) - 1);
    format!("{v:0len$}")
}
