//! One connection interface over both backends: an SQLite connection or a
//! PostgreSQL transaction.
//!
//! Contract: the table modules write their SQL once, with numbered
//! parameters (`?1`, `?2`, …), and run it through [`Db`]; on PostgreSQL the
//! parameters become `$1`, `$2`, … and every value is sent as the type the
//! server expects for it (so an `i64` fills an `INTEGER` column and a
//! `NULL` any column). Rows read back through [`Row::get`] whatever the
//! backend; a value of the wrong type is [`Error::Corrupt`], naming the
//! column, never a panic. Where the two dialects differ (case-insensitive
//! order, full-text search), callers ask [`Db::dialect`] and say so.

use crate::error::{Error, Result};
use postgres_types::{to_sql_checked, IsNull, ToSql as PgToSql, Type};
use std::borrow::Cow;
use std::cell::RefCell;

/// Which SQL a [`Db`] speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

/// A value sent with a statement.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg<'a> {
    Null,
    Int(i64),
    Real(f64),
    Text(Cow<'a, str>),
    Blob(Cow<'a, [u8]>),
}

macro_rules! int_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg<'_> {
            fn from(v: $t) -> Self {
                Arg::Int(v as i64)
            }
        }
    )*};
}
int_arg!(i64, i32, u32, u16, u8, usize);

impl From<bool> for Arg<'_> {
    fn from(v: bool) -> Self {
        Arg::Int(v as i64)
    }
}

impl From<f64> for Arg<'_> {
    fn from(v: f64) -> Self {
        Arg::Real(v)
    }
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(v: &'a str) -> Self {
        Arg::Text(Cow::Borrowed(v))
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(v: &'a String) -> Self {
        Arg::Text(Cow::Borrowed(v.as_str()))
    }
}

impl<'a> From<&'a [u8]> for Arg<'a> {
    fn from(v: &'a [u8]) -> Self {
        Arg::Blob(Cow::Borrowed(v))
    }
}

impl From<Vec<u8>> for Arg<'_> {
    fn from(v: Vec<u8>) -> Self {
        Arg::Blob(Cow::Owned(v))
    }
}

impl From<String> for Arg<'_> {
    fn from(v: String) -> Self {
        Arg::Text(Cow::Owned(v))
    }
}

impl<'a, T: Into<Arg<'a>>> From<Option<T>> for Arg<'a> {
    fn from(v: Option<T>) -> Self {
        v.map_or(Arg::Null, Into::into)
    }
}

/// `args![a, b, c]`: the parameters of one statement, in order.
macro_rules! args {
    ($($x:expr),* $(,)?) => {
        &[$($crate::store::db::Arg::from($x)),*][..]
    };
}
pub(crate) use args;

impl rusqlite::ToSql for Arg<'_> {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, Value, ValueRef};
        Ok(match self {
            Arg::Null => ToSqlOutput::Owned(Value::Null),
            Arg::Int(i) => ToSqlOutput::Owned(Value::Integer(*i)),
            Arg::Real(f) => ToSqlOutput::Owned(Value::Real(*f)),
            Arg::Text(s) => ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes())),
            Arg::Blob(b) => ToSqlOutput::Borrowed(ValueRef::Blob(b)),
        })
    }
}

type BoxError = Box<dyn std::error::Error + Sync + Send>;

impl PgToSql for Arg<'_> {
    fn to_sql(&self, ty: &Type, out: &mut bytes::BytesMut) -> std::result::Result<IsNull, BoxError> {
        match self {
            Arg::Null => Ok(IsNull::Yes),
            Arg::Int(i) => match *ty {
                Type::INT8 => i.to_sql(ty, out),
                Type::INT4 => i32::try_from(*i)?.to_sql(ty, out),
                Type::INT2 => i16::try_from(*i)?.to_sql(ty, out),
                Type::BOOL => (*i != 0).to_sql(ty, out),
                Type::FLOAT8 => (*i as f64).to_sql(ty, out),
                Type::TEXT | Type::VARCHAR => i.to_string().as_str().to_sql(ty, out),
                _ => Err(format!("a number cannot be sent as {ty}").into()),
            },
            Arg::Real(f) => match *ty {
                Type::FLOAT8 => f.to_sql(ty, out),
                Type::FLOAT4 => (*f as f32).to_sql(ty, out),
                _ => Err(format!("a real number cannot be sent as {ty}").into()),
            },
            Arg::Text(s) => s.as_ref().to_sql(ty, out),
            Arg::Blob(b) => match *ty {
                Type::BYTEA => b.as_ref().to_sql(ty, out),
                _ => Err(format!("bytes cannot be sent as {ty}").into()),
            },
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    to_sql_checked!();
}

/// What a PostgreSQL statement runs on: a transaction, seen through a
/// trait so [`Db`] needs no transaction lifetime.
/// SQL arrives with `?N` placeholders; the implementation translates it.
pub(crate) trait PgExec {
    fn exec(
        &mut self,
        sql: &str,
        args: &[&(dyn PgToSql + Sync)],
    ) -> std::result::Result<u64, postgres::Error>;
    fn rows(
        &mut self,
        sql: &str,
        args: &[&(dyn PgToSql + Sync)],
    ) -> std::result::Result<Vec<postgres::Row>, postgres::Error>;
    fn batch(&mut self, sql: &str) -> std::result::Result<(), postgres::Error>;
    /// Runs a statement that is not worth keeping prepared (its SQL varies).
    fn exec_once(
        &mut self,
        sql: &str,
        args: &[&(dyn PgToSql + Sync)],
    ) -> std::result::Result<u64, postgres::Error>;
}

/// A PostgreSQL transaction with the connection's prepared statements, so
/// each statement is parsed and planned once per connection, not per call.
pub(crate) struct CachedTx<'t, 'c> {
    pub tx: postgres::Transaction<'t>,
    pub cache: &'c mut std::collections::HashMap<String, postgres::Statement>,
}

impl CachedTx<'_, '_> {
    fn statement(&mut self, sql: &str) -> std::result::Result<postgres::Statement, postgres::Error> {
        if let Some(s) = self.cache.get(sql) {
            return Ok(s.clone());
        }
        let prepared = self.tx.prepare(&to_pg(sql))?;
        self.cache.insert(sql.to_string(), prepared.clone());
        Ok(prepared)
    }
}

impl PgExec for CachedTx<'_, '_> {
    fn exec(
        &mut self,
        sql: &str,
        args: &[&(dyn PgToSql + Sync)],
    ) -> std::result::Result<u64, postgres::Error> {
        let statement = self.statement(sql)?;
        self.tx.execute(&statement, args)
    }

    fn rows(
        &mut self,
        sql: &str,
        args: &[&(dyn PgToSql + Sync)],
    ) -> std::result::Result<Vec<postgres::Row>, postgres::Error> {
        let statement = self.statement(sql)?;
        self.tx.query(&statement, args)
    }

    fn batch(&mut self, sql: &str) -> std::result::Result<(), postgres::Error> {
        self.tx.batch_execute(sql)
    }

    fn exec_once(
        &mut self,
        sql: &str,
        args: &[&(dyn PgToSql + Sync)],
    ) -> std::result::Result<u64, postgres::Error> {
        self.tx.execute(&to_pg(sql) as &str, args)
    }
}

/// A connection to run statements on; cheap to copy.
#[derive(Clone, Copy)]
pub struct Db<'a> {
    inner: Inner<'a>,
}

#[derive(Clone, Copy)]
enum Inner<'a> {
    Lite(&'a rusqlite::Connection),
    Pg(&'a RefCell<dyn PgExec + 'a>),
}

/// `?N` placeholders as PostgreSQL's `$N` (outside quoted text).
pub fn to_pg(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut quote: Option<char> = None;
    for c in sql.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '\'' || c == '"' => quote = Some(c),
            None if c == '?' => {
                out.push('$');
                continue;
            }
            None => {}
        }
        out.push(c);
    }
    out
}

fn pg_args<'x>(args: &'x [Arg<'_>]) -> Vec<&'x (dyn PgToSql + Sync)> {
    args.iter().map(|a| a as &(dyn PgToSql + Sync)).collect()
}

impl<'a> Db<'a> {
    pub fn lite(conn: &'a rusqlite::Connection) -> Db<'a> {
        Db {
            inner: Inner::Lite(conn),
        }
    }

    pub(crate) fn pg(tx: &'a RefCell<dyn PgExec + 'a>) -> Db<'a> {
        Db { inner: Inner::Pg(tx) }
    }

    pub fn dialect(&self) -> Dialect {
        match self.inner {
            Inner::Lite(_) => Dialect::Sqlite,
            Inner::Pg(_) => Dialect::Postgres,
        }
    }

    /// The SQLite connection, for the SQLite-only parts of the store
    /// (its full-text index, pragmas, backups).
    pub fn sqlite(&self) -> Option<&'a rusqlite::Connection> {
        match self.inner {
            Inner::Lite(c) => Some(c),
            Inner::Pg(_) => None,
        }
    }

    /// `expr` ordered or grouped ignoring (ASCII) case, as both backends
    /// spell it.
    pub fn nocase(&self, expr: &str) -> String {
        match self.dialect() {
            Dialect::Sqlite => format!("{expr} COLLATE NOCASE"),
            Dialect::Postgres => format!("lower({expr})"),
        }
    }

    /// Runs one statement; the number of rows it changed.
    pub fn execute(&self, sql: &str, args: &[Arg]) -> Result<usize> {
        match self.inner {
            Inner::Lite(c) => Ok(c.prepare_cached(sql)?.execute(rusqlite::params_from_iter(args))?),
            Inner::Pg(tx) => Ok(tx.borrow_mut().exec(sql, &pg_args(args))? as usize),
        }
    }

    /// Inserts `rows` (each one value per column) into `table`. SQLite runs
    /// one prepared statement per row (in-process, that is fastest); a
    /// server gets many rows per statement, saving a round trip per row.
    pub fn insert_rows(&self, table: &str, columns: &str, rows: Vec<Vec<Arg>>) -> Result<()> {
        let width = columns.split(',').count();
        let row_sql = |first: usize| {
            let marks: Vec<String> = (first..first + width).map(|i| format!("?{i}")).collect();
            format!("({})", marks.join(", "))
        };
        match self.inner {
            Inner::Lite(_) => {
                let sql = format!("INSERT INTO {table} ({columns}) VALUES {}", row_sql(1));
                for row in rows {
                    self.execute(&sql, &row)?;
                }
            }
            Inner::Pg(tx) => {
                // Well inside PostgreSQL's 65,535 parameters per statement.
                for chunk in rows.chunks(1000) {
                    let values: Vec<String> = (0..chunk.len()).map(|r| row_sql(1 + r * width)).collect();
                    let sql = format!("INSERT INTO {table} ({columns}) VALUES {}", values.join(", "));
                    let args: Vec<&Arg> = chunk.iter().flatten().collect();
                    let refs: Vec<&(dyn PgToSql + Sync)> =
                        args.iter().map(|a| *a as &(dyn PgToSql + Sync)).collect();
                    tx.borrow_mut().exec_once(&sql, &refs)?;
                }
            }
        }
        Ok(())
    }

    /// Runs several statements without parameters.
    pub fn batch(&self, sql: &str) -> Result<()> {
        match self.inner {
            Inner::Lite(c) => Ok(c.execute_batch(sql)?),
            Inner::Pg(tx) => Ok(tx.borrow_mut().batch(sql)?),
        }
    }

    /// Calls `f` with every row of a query, in order.
    pub fn each(&self, sql: &str, args: &[Arg], mut f: impl FnMut(&Row) -> Result<()>) -> Result<()> {
        match self.inner {
            Inner::Lite(c) => {
                let mut stmt = c.prepare_cached(sql)?;
                let mut rows = stmt.query(rusqlite::params_from_iter(args))?;
                while let Some(r) = rows.next()? {
                    f(&Row::Lite(r))?;
                }
                Ok(())
            }
            Inner::Pg(tx) => {
                let rows = tx.borrow_mut().rows(sql, &pg_args(args))?;
                rows.iter().try_for_each(|r| f(&Row::Pg(r)))
            }
        }
    }

    /// Every row of a query, each made by `f`.
    pub fn rows<T>(&self, sql: &str, args: &[Arg], mut f: impl FnMut(&Row) -> Result<T>) -> Result<Vec<T>> {
        let mut out = Vec::new();
        self.each(sql, args, |r| {
            out.push(f(r)?);
            Ok(())
        })?;
        Ok(out)
    }

    /// The first row of a query, if there is one.
    pub fn row<T>(&self, sql: &str, args: &[Arg], f: impl FnOnce(&Row) -> Result<T>) -> Result<Option<T>> {
        match self.inner {
            Inner::Lite(c) => {
                let mut stmt = c.prepare_cached(sql)?;
                let mut rows = stmt.query(rusqlite::params_from_iter(args))?;
                match rows.next()? {
                    Some(r) => f(&Row::Lite(r)).map(Some),
                    None => Ok(None),
                }
            }
            Inner::Pg(tx) => {
                let rows = tx.borrow_mut().rows(sql, &pg_args(args))?;
                rows.first().map(|r| f(&Row::Pg(r))).transpose()
            }
        }
    }

    /// The first column of the first row, which the query must return.
    pub fn value<T: FromCell>(&self, sql: &str, args: &[Arg]) -> Result<T> {
        self.row(sql, args, |r| r.get(0))?.ok_or_else(|| {
            Error::Corrupt(format!(
                "no row from {}",
                sql.split_whitespace().take(4).collect::<Vec<_>>().join(" ")
            ))
        })
    }
}

/// One row of a result, from either backend.
pub enum Row<'r> {
    Lite(&'r rusqlite::Row<'r>),
    Pg(&'r postgres::Row),
}

/// A value as read from a row, before it becomes a Rust type.
#[derive(Debug)]
pub enum Cell<'r> {
    Null,
    Int(i64),
    Real(f64),
    Text(&'r str),
    Blob(&'r [u8]),
}

impl Cell<'_> {
    fn kind(&self) -> &'static str {
        match self {
            Cell::Null => "NULL",
            Cell::Int(_) => "a number",
            Cell::Real(_) => "a real number",
            Cell::Text(_) => "text",
            Cell::Blob(_) => "bytes",
        }
    }
}

impl Row<'_> {
    /// Column `i` as a `T`; a value that cannot be one is [`Error::Corrupt`].
    pub fn get<T: FromCell>(&self, i: usize) -> Result<T> {
        let cell = self.cell(i)?;
        let kind = cell.kind();
        T::from_cell(cell).ok_or_else(|| Error::Corrupt(format!("column {i} holds {kind}, not {}", T::WHAT)))
    }

    fn cell(&self, i: usize) -> Result<Cell<'_>> {
        use rusqlite::types::ValueRef;
        match self {
            Row::Lite(r) => Ok(match r.get_ref(i)? {
                ValueRef::Null => Cell::Null,
                ValueRef::Integer(v) => Cell::Int(v),
                ValueRef::Real(v) => Cell::Real(v),
                ValueRef::Text(t) => Cell::Text(
                    std::str::from_utf8(t)
                        .map_err(|_| Error::Corrupt(format!("column {i} holds text that is not UTF-8")))?,
                ),
                ValueRef::Blob(b) => Cell::Blob(b),
            }),
            Row::Pg(r) => {
                let ty = r
                    .columns()
                    .get(i)
                    .map(|c| c.type_().clone())
                    .ok_or_else(|| Error::Corrupt(format!("no column {i}")))?;
                let cell = match ty {
                    Type::INT8 => r.try_get::<_, Option<i64>>(i)?.map(Cell::Int),
                    Type::INT4 => r.try_get::<_, Option<i32>>(i)?.map(|v| Cell::Int(v.into())),
                    Type::INT2 => r.try_get::<_, Option<i16>>(i)?.map(|v| Cell::Int(v.into())),
                    Type::BOOL => r.try_get::<_, Option<bool>>(i)?.map(|v| Cell::Int(v.into())),
                    Type::FLOAT8 => r.try_get::<_, Option<f64>>(i)?.map(Cell::Real),
                    Type::FLOAT4 => r.try_get::<_, Option<f32>>(i)?.map(|v| Cell::Real(v.into())),
                    Type::BYTEA => r.try_get::<_, Option<&[u8]>>(i)?.map(Cell::Blob),
                    _ => r.try_get::<_, Option<&str>>(i)?.map(Cell::Text),
                };
                Ok(cell.unwrap_or(Cell::Null))
            }
        }
    }
}

/// A Rust type a column can be read as.
pub trait FromCell: Sized {
    /// What the type is, for errors.
    const WHAT: &'static str;
    fn from_cell(c: Cell) -> Option<Self>;
}

macro_rules! int_cell {
    ($($t:ty),*) => {$(
        impl FromCell for $t {
            const WHAT: &'static str = "a whole number in range";
            fn from_cell(c: Cell) -> Option<Self> {
                match c {
                    Cell::Int(v) => <$t>::try_from(v).ok(),
                    _ => None,
                }
            }
        }
    )*};
}
int_cell!(i64, i32, u32, u16, u8, usize);

impl FromCell for bool {
    const WHAT: &'static str = "a yes/no value";
    fn from_cell(c: Cell) -> Option<Self> {
        match c {
            Cell::Int(v) => Some(v != 0),
            _ => None,
        }
    }
}

impl FromCell for f64 {
    const WHAT: &'static str = "a number";
    fn from_cell(c: Cell) -> Option<Self> {
        match c {
            Cell::Real(v) => Some(v),
            Cell::Int(v) => Some(v as f64),
            _ => None,
        }
    }
}

impl FromCell for String {
    const WHAT: &'static str = "text";
    fn from_cell(c: Cell) -> Option<Self> {
        match c {
            Cell::Text(t) => Some(t.to_string()),
            _ => None,
        }
    }
}

impl FromCell for Vec<u8> {
    const WHAT: &'static str = "bytes";
    fn from_cell(c: Cell) -> Option<Self> {
        match c {
            Cell::Blob(b) => Some(b.to_vec()),
            _ => None,
        }
    }
}

impl<T: FromCell> FromCell for Option<T> {
    const WHAT: &'static str = T::WHAT;
    fn from_cell(c: Cell) -> Option<Self> {
        match c {
            Cell::Null => Some(None),
            other => T::from_cell(other).map(Some),
        }
    }
}

impl FromCell for Arg<'static> {
    const WHAT: &'static str = "a value";
    fn from_cell(c: Cell) -> Option<Self> {
        Some(match c {
            Cell::Null => Arg::Null,
            Cell::Int(v) => Arg::Int(v),
            Cell::Real(v) => Arg::Real(v),
            Cell::Text(t) => Arg::Text(Cow::Owned(t.to_string())),
            Cell::Blob(b) => Arg::Blob(Cow::Owned(b.to_vec())),
        })
    }
}

/// Deletes the rows of story `story` in `table` whose `column` holds one of
/// `ids` (many per statement): the rows a save replaces, and the citations
/// of the facts it rewrites.
pub fn delete_ids(
    db: &Db,
    table: &str,
    column: &str,
    story: crate::model::StoryId,
    ids: &[String],
) -> Result<()> {
    for chunk in ids.chunks(500) {
        let marks: Vec<String> = (2..chunk.len() + 2).map(|i| format!("?{i}")).collect();
        let mut args = vec![Arg::from(story)];
        args.extend(chunk.iter().map(|s| Arg::from(s.as_str())));
        db.execute(
            &format!(
                "DELETE FROM {table} WHERE story_id = ?1 AND {column} IN ({})",
                marks.join(", ")
            ),
            &args,
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_become_dollars_outside_quotes() {
        assert_eq!(
            to_pg("SELECT '?1', \"a?\" FROM t WHERE a = ?1 AND b = ?12"),
            "SELECT '?1', \"a?\" FROM t WHERE a = $1 AND b = $12"
        );
    }

    #[test]
    fn rows_read_back_and_wrong_types_name_the_column() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        let db = Db::lite(&conn);
        db.batch("CREATE TABLE t (a INTEGER, b TEXT)").unwrap();
        db.execute("INSERT INTO t VALUES (?1, ?2)", args![7u32, None::<String>])
            .unwrap();
        let (a, b): (u32, Option<String>) = db
            .row("SELECT a, b FROM t", args![], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .unwrap();
        assert_eq!((a, b), (7, None));
        let err = db
            .row("SELECT a FROM t", args![], |r| r.get::<String>(0))
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "stored data is damaged: column 0 holds a number, not text"
        );
        assert!(db
            .row("SELECT a FROM t WHERE a = 8", args![], |r| r.get::<i64>(0))
            .unwrap()
            .is_none());
    }
}
