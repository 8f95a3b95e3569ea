-- creacity workspace schema, version 1.
-- Portable SQL: TEXT, INTEGER, BIGINT, DOUBLE PRECISION only; timestamps are RFC 3339 text in UTC; booleans are 0/1;
-- lists are ';'-separated codes; nested results are JSON text. The same file runs on PostgreSQL.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE territories (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL,
    name_ru     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    parent_id   TEXT,
    oktmo       TEXT,
    population  BIGINT,
    lat         DOUBLE PRECISION,
    lon         DOUBLE PRECISION,
    second_tier INTEGER NOT NULL DEFAULT 0,
    industrial  INTEGER NOT NULL DEFAULT 0,
    monotown    INTEGER NOT NULL DEFAULT 0,
    synthetic   INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    row_version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE clusters (
    id                     TEXT PRIMARY KEY,
    name_ru                TEXT NOT NULL,
    name_en                TEXT NOT NULL,
    territory_id           TEXT NOT NULL REFERENCES territories (id),
    initiator              TEXT NOT NULL,
    site_owner             TEXT NOT NULL,
    public_share_creation  DOUBLE PRECISION NOT NULL,
    public_share_operation DOUBLE PRECISION NOT NULL,
    manager                TEXT NOT NULL,
    support                TEXT NOT NULL,
    public_seats           INTEGER NOT NULL,
    board_seats            INTEGER NOT NULL,
    residents              INTEGER NOT NULL,
    private_resident_share DOUBLE PRECISION NOT NULL,
    year_opened            INTEGER,
    notes                  TEXT NOT NULL,
    sources                TEXT NOT NULL,
    synthetic              INTEGER NOT NULL DEFAULT 0,
    created_at             TEXT NOT NULL,
    updated_at             TEXT NOT NULL,
    row_version            INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX clusters_territory ON clusters (territory_id);

CREATE TABLE actors (
    id           TEXT PRIMARY KEY,
    kind         TEXT NOT NULL,
    name_ru      TEXT NOT NULL,
    name_en      TEXT NOT NULL,
    territory_id TEXT REFERENCES territories (id),
    synthetic    INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    row_version  INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE documents (
    id          TEXT PRIMARY KEY,
    title       TEXT NOT NULL,
    lang        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    year        INTEGER,
    authors     TEXT NOT NULL,
    source      TEXT NOT NULL,
    body        TEXT NOT NULL,
    synthetic   INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    row_version INTEGER NOT NULL DEFAULT 1
);

-- Every analysis run (classification, problem ranking, QCA, index, mapping) with its provenance.
CREATE TABLE analyses (
    id           TEXT PRIMARY KEY,
    kind         TEXT NOT NULL,
    territory_id TEXT,
    result       TEXT NOT NULL,
    provenance   TEXT NOT NULL,
    created_at   TEXT NOT NULL
);
CREATE INDEX analyses_kind ON analyses (kind, created_at);

-- The problems found by the latest ranking runs, queryable without parsing JSON.
CREATE TABLE problems_found (
    analysis_id    TEXT NOT NULL REFERENCES analyses (id),
    category       TEXT NOT NULL,
    label_ru       TEXT NOT NULL,
    label_en       TEXT NOT NULL,
    rank           INTEGER NOT NULL,
    mentions       BIGINT NOT NULL,
    documents      INTEGER NOT NULL,
    document_share DOUBLE PRECISION NOT NULL,
    created_at     TEXT NOT NULL,
    PRIMARY KEY (analysis_id, category)
);

CREATE TABLE strategies (
    id           TEXT PRIMARY KEY,
    territory_id TEXT NOT NULL REFERENCES territories (id),
    title_ru     TEXT NOT NULL,
    title_en     TEXT NOT NULL,
    provenance   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    row_version  INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE goals (
    strategy_id TEXT NOT NULL REFERENCES strategies (id),
    id          TEXT NOT NULL,
    text_ru     TEXT NOT NULL,
    text_en     TEXT NOT NULL,
    PRIMARY KEY (strategy_id, id)
);

CREATE TABLE measures (
    strategy_id  TEXT NOT NULL REFERENCES strategies (id),
    id           TEXT NOT NULL,
    instrument   TEXT NOT NULL,
    goal_id      TEXT NOT NULL,
    title_ru     TEXT NOT NULL,
    title_en     TEXT NOT NULL,
    reason_ru    TEXT NOT NULL,
    reason_en    TEXT NOT NULL,
    lead_actor   TEXT NOT NULL,
    partners     TEXT NOT NULL,
    la_role_ru   TEXT NOT NULL,
    la_role_en   TEXT NOT NULL,
    problems     TEXT NOT NULL,
    clusters     TEXT NOT NULL,
    priority     INTEGER NOT NULL,
    status       TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    row_version  INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (strategy_id, id)
);

CREATE TABLE kpis (
    strategy_id TEXT NOT NULL REFERENCES strategies (id),
    id          TEXT NOT NULL,
    measure_id  TEXT NOT NULL,
    name_ru     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    unit        TEXT NOT NULL,
    baseline    DOUBLE PRECISION,
    target      DOUBLE PRECISION,
    target_year INTEGER,
    current     DOUBLE PRECISION,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    row_version INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (strategy_id, id)
);

-- The import journal: what came in, from where (file name only), how many records.
CREATE TABLE imports (
    id         TEXT PRIMARY KEY,
    kind       TEXT NOT NULL,
    source     TEXT NOT NULL,
    records    INTEGER NOT NULL,
    created_at TEXT NOT NULL
);
