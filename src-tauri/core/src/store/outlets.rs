//! The `outlets` table: the editor's outlet registry with LR/CP ratings,
//! and the store's registry operations over it (names are matched as
//! [`crate::registry`] matches them; an edit that would give two outlets
//! one name is refused with `outlet-exists`).

use super::bad_value;
use super::db::{args, Db, Dialect, Row};
use super::Store;
use crate::error::{Error, Result};
use crate::model::Outlet;
use std::path::PathBuf;

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

impl Store {
    /// Outlet names an editor may mean: the registry's and every source's, sorted.
    pub fn outlet_names(&self) -> Result<Vec<String>> {
        self.read(names)
    }

    /// The outlet registry, by name.
    pub fn outlets(&self) -> Result<Vec<crate::model::Outlet>> {
        self.read(list)
    }

    /// The registry in a form checks and reviews can use.
    pub fn registry(&self) -> Result<crate::registry::Registry> {
        Ok(crate::registry::Registry::new(self.outlets()?))
    }

    /// Deletes the outlet of that name (ignoring case).
    pub fn delete_outlet(&mut self, name: &str) -> Result<()> {
        self.write(|tx| match delete(tx, name)? {
            true => Ok(()),
            false => Err(Error::BadInput {
                path: PathBuf::from("outlet registry"),
                why: format!("no outlet named {name:?}"),
            }),
        })
    }

    /// Saves one outlet edited in the registry view, renaming it from
    /// `previous` when given (`None` adds a new outlet, refused with
    /// `outlet-exists` when one of that name — in any case — is already
    /// there); ratings must be empty or 1-5; names, aliases and domains are
    /// stored tidied ([`crate::registry::tidy`]). Returns the outlet as it
    /// was before (for undo), if it was there.
    pub fn save_outlet(
        &mut self,
        previous: Option<&str>,
        outlet: &crate::model::Outlet,
    ) -> Result<Option<crate::model::Outlet>> {
        let bad = |why: String| Error::BadInput {
            path: PathBuf::from("outlet registry"),
            why,
        };
        let outlet = &crate::registry::tidy(outlet);
        if outlet.name.is_empty() {
            return Err(bad("an outlet needs a name".into()));
        }
        for (axis, r) in [("LR", outlet.lr), ("CP", outlet.cp)] {
            if r.is_some_and(|r| !(1..=5).contains(&r)) {
                return Err(bad(format!("{axis} must be empty or 1-5")));
            }
        }
        let key = crate::registry::outlet_key(&outlet.name);
        self.write(|tx| {
            let all = list(tx)?;
            let find = |name: &str| {
                let k = crate::registry::outlet_key(name);
                all.iter()
                    .find(|o| crate::registry::outlet_key(&o.name) == k)
                    .cloned()
            };
            let clash = find(&outlet.name);
            let was = match previous {
                None => {
                    if let Some(existing) = clash {
                        return Err(Error::Refused {
                            code: crate::error::ErrorCode::OutletExists,
                            message: format!(
                                "the registry already has {:?}; edit that outlet instead of adding it again",
                                existing.name
                            ),
                        });
                    }
                    None
                }
                Some(old) => {
                    let was = find(old);
                    if clash.as_ref().is_some_and(|c| {
                        crate::registry::outlet_key(&c.name) != crate::registry::outlet_key(old)
                    }) {
                        return Err(Error::Refused {
                            code: crate::error::ErrorCode::OutletExists,
                            message: format!(
                                "the registry already has {:?}; an outlet cannot take its name",
                                outlet.name.trim()
                            ),
                        });
                    }
                    if crate::registry::outlet_key(old) != key {
                        delete(tx, old)?;
                    }
                    was
                }
            };
            upsert(tx, outlet)?;
            Ok(was)
        })
    }

    /// The registry's outlet called `name`, matched as the registry matches
    /// names (so "the guardian" finds "The Guardian").
    pub fn find_outlet(&self, name: &str) -> Result<Option<crate::model::Outlet>> {
        let key = crate::registry::outlet_key(name);
        Ok(self
            .outlets()?
            .into_iter()
            .find(|o| crate::registry::outlet_key(&o.name) == key))
    }

    /// Makes the registry exactly `list` (undoing a registry change), in one
    /// transaction.
    pub fn replace_outlets(&mut self, list: &[crate::model::Outlet]) -> Result<()> {
        self.write(|tx| {
            delete_all(tx)?;
            for o in list {
                upsert(tx, o)?;
            }
            Ok(())
        })
    }

    /// Adds or replaces outlets by name, all in one transaction.
    pub fn upsert_outlets(&mut self, list: &[crate::model::Outlet]) -> Result<()> {
        self.write(|tx| {
            for o in list {
                upsert(tx, o)?;
            }
            Ok(())
        })
    }
}
