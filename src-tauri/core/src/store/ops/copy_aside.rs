//! A plain copy onto a server, with the keys checked once at its end.
//!
//! Contract: [`set_aside`] drops the foreign keys of the desk's schema, and
//! [`restore`] makes each again from the server's own definition of it
//! (`pg_get_constraintdef`, read before the drop). Both run inside the copy's
//! transaction, so a copy that fails — a row a key refuses included — rolls
//! the drops back with the rows: no committed state ever lacks a key, and
//! every copied row is checked against every key. Only a login that owns
//! every table of the schema may drop them; for any other login nothing is
//! set aside and the copy checks row by row. Other sessions wait
//! on the tables for the copy's length (the target is an empty desk).
//!
//! Why: a key checked while copying costs a query and a lock on the story
//! for every fact, citation and source row (some 3.6 s of a 10,000-story
//! copy); made again afterwards it is one join per key. (The full-text
//! index stays: built at the end it took longer than grown row by row.)

use crate::error::Result;
use crate::store::engine::db::Db;

/// Statements that make again what [`set_aside`] dropped, in order.
#[derive(Debug, Default)]
pub struct SetAside {
    remake: Vec<String>,
}

/// Drops the schema's foreign keys when the login owns every table of it;
/// what must be made again at the end of the copy.
pub fn set_aside(dst: &Db) -> Result<SetAside> {
    let not_owned: i64 = dst.value(
        "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() \
         AND NOT pg_has_role(tableowner, 'USAGE')",
        &[],
    )?;
    if not_owned > 0 {
        return Ok(SetAside::default());
    }
    let pairs: Vec<(String, String)> = dst.rows(
        "SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', k.conrelid::regclass, k.conname), \
                format('ALTER TABLE %s ADD CONSTRAINT %I %s', k.conrelid::regclass, k.conname, \
                       pg_get_constraintdef(k.oid)) \
         FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid \
         WHERE k.contype = 'f' AND t.relnamespace = current_schema()::regnamespace \
         ORDER BY t.relname, k.conname",
        &[],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let mut aside = SetAside::default();
    for (drop, remake) in pairs {
        dst.batch(&drop)?;
        aside.remake.push(remake);
    }
    Ok(aside)
}

/// Makes again what [`set_aside`] dropped: each key checks every row copied.
pub fn restore(dst: &Db, aside: SetAside) -> Result<()> {
    for sql in aside.remake {
        dst.batch(&sql)?;
    }
    Ok(())
}
