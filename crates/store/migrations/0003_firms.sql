-- creacity workspace schema, version 3: firms (a generic firm list, or the SME registry's records).
-- Portable SQL as in version 1 (it runs on SQLite and PostgreSQL alike).
--
-- One row per firm and period: `period` is the snapshot the row describes (`YYYY` or `YYYY-MM`), so
-- consecutive monthly registry dumps live side by side and aggregates have their time axis.
-- Activity codes are one ';'-separated text, main code first (`main_code` repeats it): a firm is
-- classified by the mapping engine with all its codes at once, never searched code by code in SQL,
-- and one row per firm keeps a national import (6 million firms × ~5 codes) at one row per firm.
-- Territory: the user's territory code, the address parts as read, and the OKTMO code and
-- coordinates that territory matching (`creacity firms match`) writes.

CREATE TABLE firms (
    id          TEXT NOT NULL,
    period      TEXT NOT NULL,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    category    TEXT,
    main_code   TEXT,
    codes       TEXT NOT NULL,
    territory   TEXT,
    region_code TEXT,
    region      TEXT,
    district    TEXT,
    city        TEXT,
    settlement  TEXT,
    address     TEXT,
    oktmo       TEXT,
    lat         DOUBLE PRECISION,
    lon         DOUBLE PRECISION,
    registered  TEXT,
    exited      TEXT,
    employees   DOUBLE PRECISION,
    revenue     DOUBLE PRECISION,
    expenditure DOUBLE PRECISION,
    source      TEXT NOT NULL,
    import_id   TEXT NOT NULL,
    PRIMARY KEY (id, period)
);
CREATE INDEX firms_territory ON firms (territory);
CREATE INDEX firms_oktmo ON firms (oktmo);
