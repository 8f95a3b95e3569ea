//! Cluster case cards as table rows: the column schema, reading and writing.

use creacity_model::{Coded, CreativeCluster, Initiator, Manager, SiteOwner, Support};

use crate::columns::{Column, free, read_records, values_of};
use crate::{IngestError, Table};

/// The case-card columns, in export order.
pub const CLUSTER_COLUMNS: &[Column] = &[
    Column {
        key: "id",
        en: "cluster id",
        ru: "идентификатор",
        required: true,
        help_en: "Unique identifier of the cluster, e.g. c01",
        help_ru: "Уникальный идентификатор кластера, например c01",
        values: free,
    },
    Column {
        key: "name_ru",
        en: "name (Russian)",
        ru: "название",
        required: false,
        help_en: "Name in Russian (this or name_en is required)",
        help_ru: "Название на русском (нужно это или name_en)",
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
        key: "territory_id",
        en: "territory",
        ru: "территория",
        required: true,
        help_en: "Id of the territory (city) the cluster is in; the territory must be in the workspace",
        help_ru: "Идентификатор территории (города); территория должна быть в рабочем пространстве",
        values: free,
    },
    Column {
        key: "initiator",
        en: "initiator",
        ru: "инициатор",
        required: true,
        help_en: "Who took the initiative to create it",
        help_ru: "Кто выступил инициатором создания",
        values: values_of::<Initiator>,
    },
    Column {
        key: "site_owner",
        en: "site owner",
        ru: "собственник площадки",
        required: true,
        help_en: "Who owns the land and buildings",
        help_ru: "Кто владеет землёй и зданиями",
        values: values_of::<SiteOwner>,
    },
    Column {
        key: "public_share_creation",
        en: "public share in creation",
        ru: "доля бюджетных средств в создании",
        required: true,
        help_en: "Share of public money in creating it: 0..1 or a percentage",
        help_ru: "Доля бюджетных средств в создании: 0..1 или проценты",
        values: free,
    },
    Column {
        key: "public_share_operation",
        en: "public share in operation",
        ru: "доля бюджетных средств в работе",
        required: true,
        help_en: "Share of public money in running it: 0..1 or a percentage",
        help_ru: "Доля бюджетных средств в текущей работе: 0..1 или проценты",
        values: free,
    },
    Column {
        key: "manager",
        en: "managed by",
        ru: "управляющая организация",
        required: true,
        help_en: "Who manages it day to day",
        help_ru: "Кто управляет кластером",
        values: values_of::<Manager>,
    },
    Column {
        key: "support",
        en: "public support",
        ru: "господдержка",
        required: false,
        help_en: "Forms of public support, separated by ';'",
        help_ru: "Формы господдержки через ';'",
        values: values_of::<Support>,
    },
    Column {
        key: "public_seats",
        en: "public seats",
        ru: "места представителей власти",
        required: false,
        help_en: "Seats of public bodies in the governing board",
        help_ru: "Места представителей органов власти в органе управления",
        values: free,
    },
    Column {
        key: "board_seats",
        en: "board seats",
        ru: "всего мест в органе управления",
        required: false,
        help_en: "All seats in the governing board (0 if none)",
        help_ru: "Всего мест в органе управления (0, если его нет)",
        values: free,
    },
    Column {
        key: "residents",
        en: "residents",
        ru: "резиденты",
        required: false,
        help_en: "Number of residents",
        help_ru: "Число резидентов",
        values: free,
    },
    Column {
        key: "private_resident_share",
        en: "private residents share",
        ru: "доля частных резидентов",
        required: false,
        help_en: "Share of residents that are private firms or self-employed: 0..1 or a percentage",
        help_ru: "Доля резидентов — частных фирм и самозанятых: 0..1 или проценты",
        values: free,
    },
    Column {
        key: "year_opened",
        en: "year opened",
        ru: "год открытия",
        required: false,
        help_en: "Year it opened",
        help_ru: "Год открытия",
        values: free,
    },
    Column {
        key: "notes",
        en: "notes",
        ru: "заметки",
        required: false,
        help_en: "Free notes",
        help_ru: "Заметки",
        values: free,
    },
    Column {
        key: "sources",
        en: "sources",
        ru: "источники",
        required: false,
        help_en: "Sources of the facts: documents, links, interviews",
        help_ru: "Источники сведений: документы, ссылки, интервью",
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

/// Reads case cards from a table, validating every cell and every card.
///
/// # Errors
/// [`IngestError::Invalid`] listing every problem (file, row, column, what was expected), including
/// duplicate ids; nothing is returned unless all rows are valid.
pub fn read_clusters(table: &Table) -> Result<Vec<CreativeCluster>, IngestError> {
    read_records(table, CLUSTER_COLUMNS, "cluster", |cells, p| {
        CreativeCluster {
            id: cells.text("id", p),
            name_ru: cells.text("name_ru", p),
            name_en: cells.text("name_en", p),
            territory_id: cells.text("territory_id", p),
            initiator: cells
                .coded("initiator", p)
                .unwrap_or(Initiator::PrivateEntrepreneur),
            site_owner: cells.coded("site_owner", p).unwrap_or(SiteOwner::Private),
            public_share_creation: cells.share("public_share_creation", p),
            public_share_operation: cells.share("public_share_operation", p),
            manager: cells.coded("manager", p).unwrap_or(Manager::PrivateCompany),
            support: cells.coded_set::<Support>("support", p),
            public_seats: cells.count("public_seats", p),
            board_seats: cells.count("board_seats", p),
            residents: cells.count("residents", p),
            private_resident_share: cells.share("private_resident_share", p),
            year_opened: cells
                .opt_int("year_opened", p, 1800, 2100)
                .map(|y| y as i32),
            notes: cells.text("notes", p),
            sources: cells.text("sources", p),
            synthetic: cells.flag("synthetic", p),
        }
    })
}

/// A case card as cells in [`CLUSTER_COLUMNS`] order.
pub fn cluster_cells(c: &CreativeCluster) -> Vec<String> {
    vec![
        c.id.clone(),
        c.name_ru.clone(),
        c.name_en.clone(),
        c.territory_id.clone(),
        c.initiator.code().into(),
        c.site_owner.code().into(),
        c.public_share_creation.to_string(),
        c.public_share_operation.to_string(),
        c.manager.code().into(),
        c.support_codes(),
        c.public_seats.to_string(),
        c.board_seats.to_string(),
        c.residents.to_string(),
        c.private_resident_share.to_string(),
        c.year_opened.map(|y| y.to_string()).unwrap_or_default(),
        c.notes.clone(),
        c.sources.clone(),
        if c.synthetic {
            "yes".into()
        } else {
            "no".into()
        },
    ]
}
