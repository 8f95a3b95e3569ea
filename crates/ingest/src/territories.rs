//! Territories as table rows.

use creacity_model::{Coded, Territory, TerritoryKind};

use crate::columns::{Column, free, read_records, values_of};
use crate::{IngestError, Table};

/// The territory columns, in export order.
pub const TERRITORY_COLUMNS: &[Column] = &[
    Column {
        key: "id",
        en: "territory id",
        ru: "идентификатор",
        required: true,
        help_en: "Unique identifier, e.g. t01",
        help_ru: "Уникальный идентификатор, например t01",
        values: free,
    },
    Column {
        key: "kind",
        en: "kind",
        ru: "тип",
        required: true,
        help_en: "city, municipality or region",
        help_ru: "город, муниципальное образование или регион",
        values: values_of::<TerritoryKind>,
    },
    Column {
        key: "name_ru",
        en: "name (Russian)",
        ru: "название",
        required: false,
        help_en: "Name in Russian",
        help_ru: "Название на русском",
        values: free,
    },
    Column {
        key: "name_en",
        en: "name (English)",
        ru: "название (англ.)",
        required: false,
        help_en: "Name in English",
        help_ru: "Название на английском",
        values: free,
    },
    Column {
        key: "parent_id",
        en: "parent",
        ru: "входит в",
        required: false,
        help_en: "Id of the enclosing territory (a city's region)",
        help_ru: "Идентификатор вышестоящей территории",
        values: free,
    },
    Column {
        key: "oktmo",
        en: "OKTMO",
        ru: "ОКТМО",
        required: false,
        help_en: "OKTMO code",
        help_ru: "Код ОКТМО",
        values: free,
    },
    Column {
        key: "population",
        en: "population",
        ru: "население",
        required: false,
        help_en: "Population",
        help_ru: "Численность населения",
        values: free,
    },
    Column {
        key: "lat",
        en: "latitude",
        ru: "широта",
        required: false,
        help_en: "Latitude, degrees",
        help_ru: "Широта, градусы",
        values: free,
    },
    Column {
        key: "lon",
        en: "longitude",
        ru: "долгота",
        required: false,
        help_en: "Longitude, degrees",
        help_ru: "Долгота, градусы",
        values: free,
    },
    Column {
        key: "second_tier",
        en: "second-tier",
        ru: "второго эшелона",
        required: false,
        help_en: "yes for a second-tier city",
        help_ru: "да — город второго эшелона",
        values: free,
    },
    Column {
        key: "industrial",
        en: "industrial",
        ru: "промышленный",
        required: false,
        help_en: "yes for an old industrial city",
        help_ru: "да — старопромышленный город",
        values: free,
    },
    Column {
        key: "monotown",
        en: "monotown",
        ru: "моногород",
        required: false,
        help_en: "yes for a single-industry town",
        help_ru: "да — моногород",
        values: free,
    },
    Column {
        key: "synthetic",
        en: "synthetic",
        ru: "синтетические",
        required: false,
        help_en: "yes for made-up demonstration records",
        help_ru: "да — для выдуманных демонстрационных записей",
        values: free,
    },
];

/// Reads territories from a table.
///
/// # Errors
/// [`IngestError::Invalid`] listing every problem, including duplicate ids.
pub fn read_territories(table: &Table) -> Result<Vec<Territory>, IngestError> {
    read_records(table, TERRITORY_COLUMNS, "territory", |cells, p| {
        Territory {
            id: cells.text("id", p),
            kind: cells.coded("kind", p).unwrap_or(TerritoryKind::City),
            name_ru: cells.text("name_ru", p),
            name_en: cells.text("name_en", p),
            parent_id: cells.opt_text("parent_id"),
            oktmo: cells.opt_text("oktmo"),
            population: cells
                .opt_int("population", p, 0, i64::MAX)
                .map(|v| v as u64),
            lat: cells.opt_float("lat", p, -90.0, 90.0),
            lon: cells.opt_float("lon", p, -180.0, 180.0),
            second_tier: cells.flag("second_tier", p),
            industrial: cells.flag("industrial", p),
            monotown: cells.flag("monotown", p),
            synthetic: cells.flag("synthetic", p),
        }
    })
}

/// A territory as cells in [`TERRITORY_COLUMNS`] order.
pub fn territory_cells(t: &Territory) -> Vec<String> {
    let opt = |v: Option<String>| v.unwrap_or_default();
    let yes = |b: bool| {
        if b {
            "yes".to_string()
        } else {
            "no".to_string()
        }
    };
    vec![
        t.id.clone(),
        t.kind.code().into(),
        t.name_ru.clone(),
        t.name_en.clone(),
        opt(t.parent_id.clone()),
        opt(t.oktmo.clone()),
        opt(t.population.map(|p| p.to_string())),
        opt(t.lat.map(|v| v.to_string())),
        opt(t.lon.map(|v| v.to_string())),
        yes(t.second_tier),
        yes(t.industrial),
        yes(t.monotown),
        yes(t.synthetic),
    ]
}
