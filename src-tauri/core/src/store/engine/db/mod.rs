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
use postgres_types::ToSql as PgToSql;
use std::cell::RefCell;

mod values;
pub(crate) use values::args;
pub use values::{Arg, Cell, FromCell, Row};

/// Which SQL a [`Db`] speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
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
    /// Sends `data` to a `COPY … FROM STDIN` statement; the rows it wrote.
    fn copy_in(&mut self, sql: &str, data: &[u8]) -> std::result::Result<u64, postgres::Error>;
    /// Sends `rows` to a `COPY … FROM STDIN (FORMAT binary)` statement,
    /// each value as the type `types` says; the rows it wrote.
    fn copy_in_binary(
        &mut self,
        sql: &str,
        types: &[postgres_types::Type],
        rows: &[Vec<&(dyn PgToSql + Sync)>],
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
        // A statement without values and not prepared before is sent whole
        // in one round trip (parse, bind, run) instead of two: a team
        // desk's command opens with three such (who is this login, which
        // schema), and each round trip is the network's.
        if args.is_empty() && !self.cache.contains_key(sql) {
            return self.tx.query_typed(&to_pg(sql), &[]);
        }
        let statement = self.statement(sql)?;
        self.tx.query(&statement, args)
    }

    fn batch(&mut self, sql: &str) -> std::result::Result<(), postgres::Error> {
        self.tx.batch_execute(sql)
    }

    fn copy_in(&mut self, sql: &str, data: &[u8]) -> std::result::Result<u64, postgres::Error> {
        use std::io::Write;
        let mut writer = self.tx.copy_in(sql)?;
        // The writer buffers and sends; an I/O error here is the server's
        // connection failing, which `finish` then reports as such.
        if writer.write_all(data).is_err() {
            tracing::warn!("COPY data could not be sent");
        }
        writer.finish()
    }

    fn copy_in_binary(
        &mut self,
        sql: &str,
        types: &[postgres_types::Type],
        rows: &[Vec<&(dyn PgToSql + Sync)>],
    ) -> std::result::Result<u64, postgres::Error> {
        let mut writer = postgres::binary_copy::BinaryCopyInWriter::new(self.tx.copy_in(sql)?, types);
        for row in rows {
            writer.write(row)?;
        }
        writer.finish()
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
    /// No rows, no statement.
    pub fn insert_rows(&self, table: &str, columns: &str, rows: Vec<Vec<Arg>>) -> Result<()> {
        if rows.is_empty() {
            return Ok(());
        }
        let width = columns.split(',').count();
        let row_sql = |first: usize| format!("({})", placeholders(first, width));
        match self.inner {
            Inner::Lite(_) => {
                let sql = format!("INSERT INTO {table} ({columns}) VALUES {}", row_sql(1));
                for row in rows {
                    self.execute(&sql, &row)?;
                }
            }
            Inner::Pg(tx) => {
                // COPY in text format: rows stream to the server without a
                // statement to parse per batch or a parameter per value.
                let mut data = String::new();
                for row in &rows {
                    for (i, value) in row.iter().enumerate() {
                        if i > 0 {
                            data.push('\t');
                        }
                        value.copy_text(&mut data);
                    }
                    data.push('\n');
                }
                let sql = format!("COPY {table} ({columns}) FROM STDIN");
                tx.borrow_mut().copy_in(&sql, data.as_bytes())?;
            }
        }
        Ok(())
    }

    /// Inserts `rows` into `table` on a server by binary COPY, each value
    /// sent as the column's type in `types` says: for values the text
    /// format cannot carry cheaply (a tsvector made on another connection
    /// arrives as the server's own bytes). A file has no such statement.
    pub fn copy_binary(
        &self,
        table: &str,
        columns: &str,
        types: &[postgres_types::Type],
        rows: &[Vec<&(dyn PgToSql + Sync)>],
    ) -> Result<()> {
        match self.inner {
            Inner::Lite(_) => Err(Error::Corrupt(format!(
                "{table}: binary COPY is a server's statement"
            ))),
            Inner::Pg(tx) => {
                let sql = format!("COPY {table} ({columns}) FROM STDIN (FORMAT binary)");
                tx.borrow_mut().copy_in_binary(&sql, types, rows)?;
                Ok(())
            }
        }
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

/// `n` numbered parameters from `?from`, comma-separated: "?1, ?2, ?3".
pub fn placeholders(from: usize, n: usize) -> String {
    (from..from + n)
        .map(|i| format!("?{i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `rows` rows of `width` numbered parameters each, for a multi-row
/// `VALUES`: "(?1, ?2), (?3, ?4)".
pub fn value_rows(rows: usize, width: usize) -> String {
    (0..rows)
        .map(|i| format!("({})", placeholders(i * width + 1, width)))
        .collect::<Vec<_>>()
        .join(", ")
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
        let mut args = vec![Arg::from(story)];
        args.extend(chunk.iter().map(|s| Arg::from(s.as_str())));
        db.execute(
            &format!(
                "DELETE FROM {table} WHERE story_id = ?1 AND {column} IN ({})",
                placeholders(2, chunk.len())
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
    fn placeholders_are_numbered_from_the_first_given() {
        assert_eq!(placeholders(1, 3), "?1, ?2, ?3");
        assert_eq!(value_rows(2, 2), "(?1, ?2), (?3, ?4)");
        assert_eq!(placeholders(2, 1), "?2");
        assert_eq!(placeholders(5, 0), "");
    }

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
