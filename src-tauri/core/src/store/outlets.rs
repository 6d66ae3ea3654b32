//! The `outlets` table: the editor's outlet registry with LR/CP ratings.

use crate::model::Outlet;
use rusqlite::{params, Connection};

pub fn upsert(conn: &Connection, o: &Outlet) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO outlets (name, lr, cp) VALUES (?1, ?2, ?3)
         ON CONFLICT (name) DO UPDATE SET lr = excluded.lr, cp = excluded.cp",
        params![o.name, o.lr, o.cp],
    )?;
    Ok(())
}

pub fn list(conn: &Connection) -> rusqlite::Result<Vec<Outlet>> {
    let mut stmt = conn.prepare_cached("SELECT name, lr, cp FROM outlets ORDER BY name")?;
    let rows = stmt.query_map([], |r| {
        Ok(Outlet {
            name: r.get(0)?,
            lr: r.get(1)?,
            cp: r.get(2)?,
        })
    })?;
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
        if !out.last().is_some_and(|l| l.eq_ignore_ascii_case(&name)) {
            out.push(name);
        }
    }
    Ok(out)
}
