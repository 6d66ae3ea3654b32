//! The `outlets` table: the editor's outlet registry with LR/CP ratings
//! (the operations over it are `store::ops::outlets`).
//!
//! Contract: one row per outlet, its aliases and domains stored as JSON
//! lists; [`upsert`] replaces an outlet of the same name; [`names`] lists
//! the names an editor may mean — the registry's and every source's —
//! once each as [`crate::registry::outlet_key`] matches them.

use crate::error::Result;
use crate::model::Outlet;
use crate::store::engine::db::{args, Db, Dialect, Row};
use crate::store::tables::bad_value;

fn list_json(v: &[String]) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "[]".into())
}

fn from_row(r: &Row) -> Result<Outlet> {
    let parse = |i: usize| -> Result<Vec<String>> {
        let s: String = r.get(i)?;
        serde_json::from_str(&s).map_err(|_| bad_value("list", &s))
    };
    Ok(Outlet {
        name: r.get(0)?,
        aliases: parse(1)?,
        domains: parse(2)?,
        lr: r.get(3)?,
        cp: r.get(4)?,
        notes: r.get(5)?,
    })
}

/// Adds `o`, or replaces the outlet of the same name (ignoring case).
pub fn upsert(db: &Db, o: &Outlet) -> Result<()> {
    // The name is unique ignoring case: SQLite by the column's collation,
    // PostgreSQL by a unique index on lower(name).
    let target = match db.dialect() {
        Dialect::Sqlite => "(name)",
        Dialect::Postgres => "((lower(name)))",
    };
    db.execute(
        &format!(
            "INSERT INTO outlets (name, aliases, domains, lr, cp, notes) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT {target} DO UPDATE SET name = excluded.name, aliases = excluded.aliases,
                 domains = excluded.domains, lr = excluded.lr, cp = excluded.cp, notes = excluded.notes"
        ),
        args![
            &o.name,
            list_json(&o.aliases),
            list_json(&o.domains),
            o.lr,
            o.cp,
            &o.notes
        ],
    )?;
    Ok(())
}

/// Whether an outlet of that name (ignoring case) was deleted.
pub fn delete(db: &Db, name: &str) -> Result<bool> {
    Ok(db.execute("DELETE FROM outlets WHERE lower(name) = lower(?1)", args![name])? > 0)
}

/// Empties the registry (before putting back an earlier state of it).
pub fn delete_all(db: &Db) -> Result<()> {
    db.execute("DELETE FROM outlets", args![])?;
    Ok(())
}

pub fn list(db: &Db) -> Result<Vec<Outlet>> {
    db.rows(
        &format!(
            "SELECT name, aliases, domains, lr, cp, notes FROM outlets ORDER BY {}, name",
            db.nocase("name")
        ),
        args![],
        from_row,
    )
}

/// Registry names and the outlets of all sources, one per outlet (as
/// [`crate::registry::outlet_key`] compares them; the registry's spelling
/// when it has one), sorted.
pub fn names(db: &Db) -> Result<Vec<String>> {
    // One spelling per outlet (ignoring case) straight from the index on
    // sources' outlets: each step seeks the next name after the last one, so
    // the cost grows with the number of outlets, not of sources.
    let next = |after: &str| {
        format!(
            "SELECT outlet FROM sources WHERE {} > {} ORDER BY {} LIMIT 1",
            db.nocase("outlet"),
            db.nocase(after),
            db.nocase("outlet")
        )
    };
    // The registry's spelling first: it wins over the sources' below.
    let mut names: Vec<String> = db.rows("SELECT name FROM outlets", args![], |r| r.get::<String>(0))?;
    names.extend(db.rows(
        &format!(
            "WITH RECURSIVE o(name) AS (
                 SELECT ({first})
                 UNION ALL
                 SELECT ({step}) FROM o WHERE o.name IS NOT NULL
             )
             SELECT name FROM o WHERE name IS NOT NULL",
            first = next("''"),
            step = next("o.name"),
        ),
        args![],
        |r| r.get::<String>(0),
    )?);
    // Keyed once; a stable sort keeps the registry's spelling first among
    // spellings of one outlet, and the first of each run is the one kept.
    let mut keyed: Vec<(String, String)> = names
        .into_iter()
        .map(|n| (crate::registry::outlet_key(&n), n))
        .filter(|(key, _)| !key.is_empty())
        .collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    keyed.dedup_by(|later, first| later.0 == first.0);
    Ok(keyed.into_iter().map(|(_, name)| name).collect())
}
