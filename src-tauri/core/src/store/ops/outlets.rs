//! The outlet registry's operations: list, find, save, delete, replace.
//!
//! Contract: names are matched as [`crate::registry`] matches them; an edit
//! that would give two outlets one name is refused with `outlet-exists`;
//! ratings are empty or 1-5; every change is one transaction that also
//! records it in the audit trail (before and after, as JSON), and
//! [`Store::save_outlet`] returns the outlet as it was, for undo.

use crate::error::{Error, Result};
use crate::store::handle::Store;
use crate::store::tables::audit::{record, Change};
use crate::store::tables::outlets::{delete, delete_all, list, names, upsert};
use std::path::PathBuf;

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
        let editor = self.editor.clone();
        self.write(|tx| {
            let key = crate::registry::outlet_key(name);
            let was = list(tx)?
                .into_iter()
                .find(|o| crate::registry::outlet_key(&o.name) == key);
            match delete(tx, name)? {
                true => record_outlet(tx, &editor, "outlet-removed", name, was.as_ref(), None),
                false => Err(Error::BadInput {
                    path: PathBuf::from("outlet registry"),
                    why: format!("no outlet named {name:?}"),
                }),
            }
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
        let editor = self.editor.clone();
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
            let action = if was.is_some() {
                "outlet-changed"
            } else {
                "outlet-added"
            };
            record_outlet(tx, &editor, action, &outlet.name, was.as_ref(), Some(outlet))?;
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
    pub fn replace_outlets(&mut self, outlets: &[crate::model::Outlet]) -> Result<()> {
        let editor = self.editor.clone();
        self.write(|tx| {
            let before = list(tx)?;
            delete_all(tx)?;
            for o in outlets {
                upsert(tx, o)?;
            }
            record(
                tx,
                &editor,
                Change {
                    action: "outlets-replaced",
                    subject: "outlet registry",
                    before: &json(&before),
                    after: &json(&outlets),
                },
            )
        })
    }

    /// Adds or replaces outlets by name, all in one transaction.
    pub fn upsert_outlets(&mut self, outlets: &[crate::model::Outlet]) -> Result<()> {
        let editor = self.editor.clone();
        self.write(|tx| {
            let before = list(tx)?;
            for o in outlets {
                let key = crate::registry::outlet_key(&o.name);
                let was = before
                    .iter()
                    .find(|b| crate::registry::outlet_key(&b.name) == key);
                upsert(tx, o)?;
                // What was written is `o` itself: compare with it rather than
                // reading the whole registry back once per outlet.
                if was != Some(o) {
                    let action = if was.is_some() {
                        "outlet-changed"
                    } else {
                        "outlet-added"
                    };
                    record_outlet(tx, &editor, action, &o.name, was, Some(o))?;
                }
            }
            Ok(())
        })
    }
}

/// An outlet as the audit trail keeps it.
fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// Records a change to one outlet in the audit trail.
pub(in crate::store) fn record_outlet(
    tx: &crate::store::engine::db::Db,
    editor: &str,
    action: &str,
    name: &str,
    before: Option<&crate::model::Outlet>,
    after: Option<&crate::model::Outlet>,
) -> Result<()> {
    let text = |o: Option<&crate::model::Outlet>| o.map(json).unwrap_or_default();
    record(
        tx,
        editor,
        Change {
            action,
            subject: name.trim(),
            before: &text(before),
            after: &text(after),
        },
    )
}
