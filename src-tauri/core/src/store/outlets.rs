//! The `outlets` table: the editor's outlet registry with LR/CP ratings.

use super::bad_value;
use crate::model::Outlet;
use rusqlite::{params, Connection, Row};

fn list_json(v: &[String]) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "[]".into())
}

fn from_row(r: &Row) -> rusqlite::Result<Outlet> {
    let parse = |i: usize| -> rusqlite::Result<Vec<String>> {
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
pub fn upsert(conn: &Connection, o: &Outlet) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO outlets (name, aliases, domains, lr, cp, notes) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (name) DO UPDATE SET name = excluded.name, aliases = excluded.aliases,
             domains = excluded.domains, lr = excluded.lr, cp = excluded.cp, notes = excluded.notes",
        params![
            o.name,
            list_json(&o.aliases),
            list_json(&o.domains),
            o.lr,
            o.cp,
            o.notes
        ],
    )?;
    Ok(())
}

/// Whether an outlet of that name (ignoring case) was deleted.
pub fn delete(conn: &Connection, name: &str) -> rusqlite::Result<bool> {
    Ok(conn.execute("DELETE FROM outlets WHERE name = ?1", [name])? > 0)
}

/// Empties the registry (before putting back an earlier state of it).
pub fn delete_all(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM outlets", [])?;
    Ok(())
}

pub fn list(conn: &Connection) -> rusqlite::Result<Vec<Outlet>> {
    let mut stmt = conn.prepare_cached(
        "SELECT name, aliases, domains, lr, cp, notes FROM outlets ORDER BY name COLLATE NOCASE",
    )?;
    let rows = stmt.query_map([], from_row)?;
    rows.collect()
}

/// Registry names and the outlets of all sources, distinct ignoring case.
pub fn names(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT name FROM outlets
         UNION SELECT outlet FROM sources WHERE trim(outlet) <> ''
         ORDER BY 1 COLLATE NOCASE",
    )?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    let mut out: Vec<String> = Vec::new();
    for name in rows {
        let name = name?;
        let repeats = |l: &String| crate::registry::outlet_key(l) == crate::registry::outlet_key(&name);
        if !out.last().is_some_and(repeats) {
            out.push(name);
        }
    }
    Ok(out)
}
