//! The two database connections behind one small interface: SQL text is written once with SQLite's
//! numbered placeholders (`?1`), rewritten to PostgreSQL's (`$1`) when needed; values travel as
//! [`Val`] and rows come back as owned [`Row`]s, so the record code never sees either driver.

use std::cell::RefCell;

use crate::{Result, StoreError};

/// A value bound to a statement or read from a row.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Val {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
}

macro_rules! from_int {
    ($($t:ty),*) => {$(
        impl From<$t> for Val {
            fn from(v: $t) -> Self {
                Val::Int(v as i64)
            }
        }
    )*};
}
from_int!(i64, i32, u32, u16, u8, usize, bool);

impl From<f64> for Val {
    fn from(v: f64) -> Self {
        Val::Real(v)
    }
}
impl From<&str> for Val {
    fn from(v: &str) -> Self {
        Val::Text(v.to_string())
    }
}
impl From<String> for Val {
    fn from(v: String) -> Self {
        Val::Text(v)
    }
}
impl From<&String> for Val {
    fn from(v: &String) -> Self {
        Val::Text(v.clone())
    }
}
impl<T: Clone + Into<Val>> From<&Option<T>> for Val {
    fn from(v: &Option<T>) -> Self {
        v.clone().map_or(Val::Null, Into::into)
    }
}
impl<T: Into<Val>> From<Option<T>> for Val {
    fn from(v: Option<T>) -> Self {
        v.map_or(Val::Null, Into::into)
    }
}

/// Builds a `&[Val]` from expressions of any type with a `From` conversion.
macro_rules! vals {
    ($($v:expr),* $(,)?) => { &[$($crate::db::Val::from($v)),*] };
}
pub(crate) use vals;

/// One result row, owned.
#[derive(Debug, Clone)]
pub(crate) struct Row(Vec<Val>);

fn wrong(i: usize, want: &str, got: &Val) -> StoreError {
    StoreError::Decode(format!("column {i}: expected {want}, found {got:?}"))
}

impl Row {
    pub fn text(&self, i: usize) -> Result<String> {
        match &self.0[i] {
            Val::Text(s) => Ok(s.clone()),
            v => Err(wrong(i, "text", v)),
        }
    }
    pub fn opt_text(&self, i: usize) -> Result<Option<String>> {
        match &self.0[i] {
            Val::Null => Ok(None),
            _ => self.text(i).map(Some),
        }
    }
    pub fn int(&self, i: usize) -> Result<i64> {
        match &self.0[i] {
            Val::Int(n) => Ok(*n),
            v => Err(wrong(i, "integer", v)),
        }
    }
    pub fn opt_int(&self, i: usize) -> Result<Option<i64>> {
        match &self.0[i] {
            Val::Null => Ok(None),
            _ => self.int(i).map(Some),
        }
    }
    pub fn real(&self, i: usize) -> Result<f64> {
        match &self.0[i] {
            Val::Real(x) => Ok(*x),
            Val::Int(n) => Ok(*n as f64),
            v => Err(wrong(i, "number", v)),
        }
    }
    pub fn opt_real(&self, i: usize) -> Result<Option<f64>> {
        match &self.0[i] {
            Val::Null => Ok(None),
            _ => self.real(i).map(Some),
        }
    }
}

/// Which database a workspace lives in.
pub(crate) enum Conn {
    Lite(rusqlite::Connection),
    Pg(Box<postgres::Client>),
}

/// A connection with statement helpers; `&self` methods so readers stay `&self`.
pub(crate) struct Db {
    conn: RefCell<Conn>,
    /// PostgreSQL statements prepared by `exec`, by SQL text: a bulk insert of 500 rows parses and
    /// plans once instead of once per call (SQLite has its own cache, `prepare_cached`).
    pg_statements: RefCell<std::collections::HashMap<String, postgres::Statement>>,
}

impl rusqlite::ToSql for Val {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, ValueRef};
        Ok(ToSqlOutput::Borrowed(match self {
            Val::Null => ValueRef::Null,
            Val::Int(n) => ValueRef::Integer(*n),
            Val::Real(x) => ValueRef::Real(*x),
            Val::Text(s) => ValueRef::Text(s.as_bytes()),
        }))
    }
}

impl postgres::types::ToSql for Val {
    fn to_sql(
        &self,
        ty: &postgres::types::Type,
        out: &mut bytes::BytesMut,
    ) -> std::result::Result<postgres::types::IsNull, Box<dyn std::error::Error + Sync + Send>>
    {
        use postgres::types::{IsNull, Type};
        // The server decides each parameter's type from the statement; convert to it.
        match self {
            Val::Null => Ok(IsNull::Yes),
            Val::Int(n) => match *ty {
                Type::INT2 => i16::try_from(*n)?.to_sql(ty, out),
                Type::INT4 => i32::try_from(*n)?.to_sql(ty, out),
                Type::FLOAT8 => (*n as f64).to_sql(ty, out),
                Type::FLOAT4 => (*n as f32).to_sql(ty, out),
                Type::BOOL => (*n != 0).to_sql(ty, out),
                Type::TEXT | Type::VARCHAR => n.to_string().to_sql(ty, out),
                _ => n.to_sql(ty, out),
            },
            Val::Real(x) => match *ty {
                Type::FLOAT4 => (*x as f32).to_sql(ty, out),
                _ => x.to_sql(ty, out),
            },
            Val::Text(s) => s.as_str().to_sql(ty, out),
        }
    }

    fn accepts(_: &postgres::types::Type) -> bool {
        true
    }

    postgres::types::to_sql_checked!();
}

fn pg_row(r: &postgres::Row) -> Result<Row> {
    use postgres::types::Type;
    let mut out = Vec::with_capacity(r.len());
    for (i, c) in r.columns().iter().enumerate() {
        let v = match *c.type_() {
            Type::INT2 => r.try_get::<_, Option<i16>>(i)?.map(|n| Val::Int(n.into())),
            Type::INT4 => r.try_get::<_, Option<i32>>(i)?.map(|n| Val::Int(n.into())),
            Type::INT8 => r.try_get::<_, Option<i64>>(i)?.map(Val::Int),
            Type::FLOAT4 => r.try_get::<_, Option<f32>>(i)?.map(|x| Val::Real(x.into())),
            Type::FLOAT8 => r.try_get::<_, Option<f64>>(i)?.map(Val::Real),
            Type::BOOL => r.try_get::<_, Option<bool>>(i)?.map(|b| Val::Int(b.into())),
            _ => r.try_get::<_, Option<String>>(i)?.map(Val::Text),
        };
        out.push(v.unwrap_or(Val::Null));
    }
    Ok(Row(out))
}

fn lite_row(r: &rusqlite::Row<'_>, n: usize) -> rusqlite::Result<Row> {
    use rusqlite::types::ValueRef;
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        out.push(match r.get_ref(i)? {
            ValueRef::Null => Val::Null,
            ValueRef::Integer(n) => Val::Int(n),
            ValueRef::Real(x) => Val::Real(x),
            ValueRef::Text(t) | ValueRef::Blob(t) => {
                Val::Text(String::from_utf8_lossy(t).into_owned())
            }
        });
    }
    Ok(Row(out))
}

/// `?N` placeholders → `$N`, outside quoted text.
pub(crate) fn pg_sql(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut quoted = false;
    for ch in sql.chars() {
        if ch == '\'' {
            quoted = !quoted;
        }
        if ch == '?' && !quoted {
            out.push('$');
        } else {
            out.push(ch);
        }
    }
    out
}

impl Db {
    pub fn new(conn: Conn) -> Self {
        Self {
            conn: RefCell::new(conn),
            pg_statements: RefCell::new(std::collections::HashMap::new()),
        }
    }

    pub fn is_pg(&self) -> bool {
        matches!(&*self.conn.borrow(), Conn::Pg(_))
    }

    /// Runs statements without parameters (migrations, transaction control).
    pub fn batch(&self, sql: &str) -> Result<()> {
        match &mut *self.conn.borrow_mut() {
            Conn::Lite(c) => c.execute_batch(sql)?,
            Conn::Pg(c) => c.batch_execute(sql)?,
        }
        Ok(())
    }

    /// Runs one statement; returns the number of rows changed.
    pub fn exec(&self, sql: &str, params: &[Val]) -> Result<usize> {
        match &mut *self.conn.borrow_mut() {
            Conn::Lite(c) => {
                let mut st = c.prepare_cached(sql)?;
                Ok(st.execute(rusqlite::params_from_iter(params.iter()))?)
            }
            Conn::Pg(c) => {
                let p: Vec<&(dyn postgres::types::ToSql + Sync)> =
                    params.iter().map(|v| v as _).collect();
                if params.len() < 64 {
                    return Ok(c.execute(pg_sql(sql).as_str(), &p)? as usize);
                }
                let mut cache = self.pg_statements.borrow_mut();
                let st = match cache.get(sql) {
                    Some(st) => st.clone(),
                    None => {
                        let st = c.prepare(&pg_sql(sql))?;
                        cache.insert(sql.to_string(), st.clone());
                        st
                    }
                };
                Ok(c.execute(&st, &p)? as usize)
            }
        }
    }

    /// Runs a query and returns all its rows.
    pub fn query(&self, sql: &str, params: &[Val]) -> Result<Vec<Row>> {
        match &mut *self.conn.borrow_mut() {
            Conn::Lite(c) => {
                let mut st = c.prepare_cached(sql)?;
                let n = st.column_count();
                let rows = st.query_map(rusqlite::params_from_iter(params.iter()), |r| {
                    lite_row(r, n)
                })?;
                Ok(rows.collect::<rusqlite::Result<_>>()?)
            }
            Conn::Pg(c) => {
                let p: Vec<&(dyn postgres::types::ToSql + Sync)> =
                    params.iter().map(|v| v as _).collect();
                c.query(pg_sql(sql).as_str(), &p)?
                    .iter()
                    .map(pg_row)
                    .collect()
            }
        }
    }

    /// The first row of a query, if any.
    pub fn query_opt(&self, sql: &str, params: &[Val]) -> Result<Option<Row>> {
        Ok(self.query(sql, params)?.into_iter().next())
    }

    /// Starts a transaction that rolls back unless committed. SQLite takes the write lock at once
    /// (`IMMEDIATE`) so two writers queue instead of deadlocking on a lock upgrade.
    pub fn begin(&self) -> Result<Tx<'_>> {
        if self.is_pg() {
            self.batch("BEGIN")?;
        } else {
            self.batch("BEGIN IMMEDIATE")?;
        }
        Ok(Tx {
            db: self,
            done: false,
        })
    }
}

/// An open transaction; statements run through the same [`Db`].
pub(crate) struct Tx<'a> {
    db: &'a Db,
    done: bool,
}

impl Tx<'_> {
    pub fn commit(mut self) -> Result<()> {
        self.done = true;
        self.db.batch("COMMIT")
    }
}

impl std::ops::Deref for Tx<'_> {
    type Target = Db;
    fn deref(&self) -> &Db {
        self.db
    }
}

impl Drop for Tx<'_> {
    fn drop(&mut self) {
        if !self.done {
            let _ = self.db.batch("ROLLBACK");
        }
    }
}
