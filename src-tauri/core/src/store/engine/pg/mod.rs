//! The PostgreSQL backend (a team desk): connecting, the schema and its
//! version table, and transactions.
//!
//! Contract: [`Server::open`] reads a `postgres://` URL, filling what it
//! leaves out from the `PG*` environment and `~/.pgpass` as libpq does, and
//! speaks TLS as `sslmode` says (`prefer` by default: TLS when the server
//! offers it; `verify-ca`/`verify-full` also check the certificate). The
//! password never appears in [`Server::place`], logs or errors ([`mask`]).
//! [`Server::open`] refuses a database from a newer build or another
//! application, and creates or upgrades the schema (numbered as SQLite's,
//! in `factdesk_schema`) in one transaction; a read-only open writes
//! nothing. Every write runs in one transaction: a change to one story
//! holds that story's row lock, taken before anything is read, so a
//! read-modify-write — the version check of a save — cannot interleave
//! with another editor's; desk-wide writes (new stories, the registry,
//! settings) hold the desk's write lock (an advisory lock).

use crate::error::{Error, Result};
use crate::store::engine::db::{CachedTx, Db, PgExec};
use crate::store::engine::migrations::postgres as postgres_schema;
pub use postgres_schema::{latest, BASELINE};
use std::cell::RefCell;

/// The advisory lock every write holds (any number; "FD" + 1).
const WRITE_LOCK: i64 = 0x4644_0001;
/// The channel story changes are announced on (see the baseline schema).
pub const CHANNEL: &str = "factdesk";
/// How long a window counts as present after its last heartbeat.
pub const PRESENCE_EXPIRES_SECS: i64 = 30;

/// Runs `f`, which blocks on the server, where blocking is allowed: the
/// `postgres` client drives its own runtime, which cannot start on a thread
/// of another async runtime (the app's commands run on Tauri's). On a worker
/// of a multi-threaded runtime the worker is first handed back
/// (`block_in_place`); elsewhere `f` just runs.
pub(in crate::store) fn blocking<T>(f: impl FnOnce() -> T) -> T {
    match tokio::runtime::Handle::try_current() {
        Ok(handle) if handle.runtime_flavor() == tokio::runtime::RuntimeFlavor::MultiThread => {
            tokio::task::block_in_place(f)
        }
        _ => f(),
    }
}

pub use crate::store::engine::live::{Listener, StoryChange};

mod connect;
mod tls;
pub(in crate::store) use connect::connect_client;
pub use connect::{is_url, mask, remember_password};

/// What a write transaction locks before it reads.
enum Lock {
    /// The whole desk (new stories, the registry, settings).
    Desk,
    /// One story's row.
    Story(crate::model::StoryId),
    None,
}

/// A connection to a team database.
pub struct Server {
    /// `Some` until the server is dropped (closing it blocks, see [`blocking`]).
    client: RefCell<Option<postgres::Client>>,
    /// To connect again after the server was away (kept in memory only).
    url: String,
    /// The statements prepared on this connection, by their SQL.
    statements: RefCell<std::collections::HashMap<String, postgres::Statement>>,
    /// A call found the connection gone: the next one connects again. The
    /// client learns of a closed socket on its own thread, so right after
    /// such an error it may still report itself open.
    lost: std::cell::Cell<bool>,
    place: String,
    /// The login the server knows this connection as (`session_user`):
    /// the editor every write records.
    login: String,
}

impl Drop for Server {
    /// Closing the connection blocks on the server: done where that is allowed.
    fn drop(&mut self) {
        if let Some(client) = self.client.get_mut().take() {
            blocking(|| drop(client));
        }
    }
}

impl std::fmt::Debug for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Server").field("place", &self.place).finish()
    }
}

impl Server {
    /// Connects to the database at `url` and makes sure it holds this
    /// build's schema: created when empty, upgraded when older (writable
    /// only), refused when newer or someone else's.
    pub fn open(
        url: &str,
        writable: bool,
        steps: crate::store::engine::migrations::DataSteps,
    ) -> Result<Server> {
        let server = Server {
            client: RefCell::new(Some(blocking(|| connect_client(url))?)),
            url: url.to_string(),
            statements: RefCell::default(),
            lost: std::cell::Cell::new(false),
            place: mask(url),
            login: String::new(),
        };
        let mut server = server;
        // Every round trip here is paid by every command on a team desk:
        // a desk that is up to date needs one.
        if let Some((login, Some(version))) = server.glance()? {
            if version == latest() {
                server.login = login;
                return Ok(server);
            }
        }
        // Who this login is, asked in the transaction that checks the schema.
        let login = |db: &Db| db.value::<String>("SELECT session_user::text", &[]);
        let found = match writable {
            true => server.write(|db| {
                postgres_schema::create_or_upgrade(db, &server.place, steps)?;
                Ok((login(db)?, Some(latest())))
            })?,
            false => server.read(|db| Ok((login(db)?, postgres_schema::check(db, &server.place)?)))?,
        };
        server.login = found.0;
        if !writable {
            match found.1 {
                Some(v) if v == latest() => {}
                Some(found) => {
                    return Err(Error::NeedsMigration {
                        path: server.place.clone().into(),
                        found,
                        latest: latest(),
                    })
                }
                None => {
                    return Err(Error::NotADatabase {
                        path: server.place.clone().into(),
                        why: "the database is empty; open it for writing once to create the desk".into(),
                    })
                }
            }
        }
        Ok(server)
    }

    /// Who this login is and the desk's schema version, in one statement
    /// outside any transaction: all that opening an up-to-date desk needs,
    /// where the transaction that also tells an empty database from
    /// another application's, and creates or upgrades the schema, takes
    /// five round trips. `None` when the database has no version table.
    fn glance(&self) -> Result<Option<(String, Option<i64>)>> {
        self.noting_loss(blocking(|| {
            let mut client = self.connected()?;
            match client.query_typed(
                "SELECT session_user::text, max(version) FROM factdesk_schema",
                &[],
            ) {
                // Columns not as this schema makes them: the full check says why.
                Ok(rows) => Ok(rows
                    .first()
                    .and_then(|row| Some((row.try_get(0).ok()?, row.try_get(1).ok()?)))),
                Err(e) if e.code() == Some(&postgres::error::SqlState::UNDEFINED_TABLE) => Ok(None),
                Err(e) => Err(self.named(e)),
            }
        }))
    }

    /// The address this server was opened at (with its password, in
    /// memory only), for another connection of the same login.
    pub(in crate::store) fn url(&self) -> &str {
        &self.url
    }

    /// The login this connection is (`session_user`): who edits.
    pub fn login(&self) -> &str {
        &self.login
    }

    /// The server's address with the password masked.
    pub fn place(&self) -> &str {
        &self.place
    }

    /// The connection, made again first when the last one was lost (the
    /// server restarted, the network came back): a store on a server
    /// outlives the server being away.
    fn connected(&self) -> Result<std::cell::RefMut<'_, postgres::Client>> {
        let mut slot = self.client.borrow_mut();
        if self.lost.replace(false) || slot.as_ref().is_none_or(|c| c.is_closed()) {
            *slot = Some(connect_client(&self.url)?);
            self.statements.borrow_mut().clear();
            tracing::info!(place = %self.place, "connected to the team database again");
        }
        std::cell::RefMut::filter_map(slot, Option::as_mut).map_err(|_| Error::Offline {
            place: self.place.clone(),
            why: "no connection".into(),
        })
    }

    /// Runs `f` in a read-only transaction that sees one consistent state.
    pub fn read<T>(&self, f: impl FnOnce(&Db) -> Result<T>) -> Result<T> {
        self.noting_loss(blocking(|| self.read_here(f)))
    }

    /// Runs `f` as [`Server::read`] does, within `budget`: the server
    /// cancels the statement after it (`statement_timeout`), and notices a
    /// client that went away within it (`client_connection_check_interval`),
    /// so no backend keeps working for nobody.
    ///
    /// Its statements are planned for the values they are given each time
    /// (`plan_cache_mode`): a search's statement is the same text whatever
    /// its words and outlets, and after five runs PostgreSQL may keep one
    /// plan made for no value in particular. Planned for a rare word and a
    /// rarely cited outlet, that plan then served `kyiv outlet:"CNN"` in
    /// 70 ms where its own plan takes 25 (10,000 stories). Planning each
    /// time costs about 2 ms.
    pub fn read_within<T>(&self, budget: std::time::Duration, f: impl FnOnce(&Db) -> Result<T>) -> Result<T> {
        let ms = budget.as_millis().max(1) as i64;
        self.read(|db| {
            db.batch(&format!(
                "SET LOCAL statement_timeout = {ms}; SET LOCAL client_connection_check_interval = {ms}; \
                 SET LOCAL plan_cache_mode = force_custom_plan"
            ))?;
            f(db)
        })
    }

    /// `result`, remembering when it says the server cannot be reached.
    fn noting_loss<T>(&self, result: Result<T>) -> Result<T> {
        if matches!(result, Err(Error::Offline { .. })) {
            self.lost.set(true);
        }
        result
    }

    fn read_here<T>(&self, f: impl FnOnce(&Db) -> Result<T>) -> Result<T> {
        let mut client = self.connected()?;
        let tx = client
            .build_transaction()
            .read_only(true)
            .isolation_level(postgres::IsolationLevel::RepeatableRead)
            .start()
            .map_err(|e| self.named(e))?;
        self.run(tx, f)
    }

    /// `VACUUM (ANALYZE)` of the desk's tables this login owns, outside any
    /// transaction (VACUUM cannot run in one): after a bulk write, so the
    /// planner counts the rows written, and the visibility map lets an
    /// index-only scan skip the rows themselves (until a vacuum, every
    /// entry read from an outlet index also visits its row).
    pub fn vacuum_analyze(&self) -> Result<()> {
        self.noting_loss(blocking(|| {
            let mut client = self.connected()?;
            let row = client
                .query_one(
                    "SELECT string_agg(quote_ident(tablename), ', ') FROM pg_tables \
                     WHERE schemaname = current_schema() AND tableowner = current_user",
                    &[],
                )
                .map_err(|e| self.named(e))?;
            match row.get::<_, Option<String>>(0) {
                Some(tables) => client
                    .batch_execute(&format!("VACUUM (ANALYZE) {tables}"))
                    .map_err(|e| self.named(e)),
                None => Ok(()),
            }
        }))
    }

    /// Runs `f` in one transaction holding the desk's write lock,
    /// committing only when it succeeds.
    pub fn write<T>(&self, f: impl FnOnce(&Db) -> Result<T>) -> Result<T> {
        self.write_with(Lock::Desk, f)
    }

    /// Runs `f` in one transaction holding story `id`'s row lock (taken
    /// before anything is read, so the version a save checks is the
    /// latest committed one and no other writer can change it meanwhile).
    pub fn write_story<T>(&self, id: crate::model::StoryId, f: impl FnOnce(&Db) -> Result<T>) -> Result<T> {
        self.write_with(Lock::Story(id), f)
    }

    /// Runs `f` in one transaction without the desk's write lock, for
    /// writes that never read-modify-write a story (heartbeats).
    pub fn write_unlocked<T>(&self, f: impl FnOnce(&Db) -> Result<T>) -> Result<T> {
        self.write_with(Lock::None, f)
    }

    fn write_with<T>(&self, lock: Lock, f: impl FnOnce(&Db) -> Result<T>) -> Result<T> {
        self.noting_loss(blocking(|| {
            let mut client = self.connected()?;
            let mut tx = client.transaction().map_err(|e| self.named(e))?;
            let locked = match lock {
                Lock::Desk => tx.execute("SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK]),
                Lock::Story(id) => tx.execute("SELECT 1 FROM stories WHERE id = $1 FOR UPDATE", &[&id]),
                Lock::None => Ok(0),
            };
            locked.map_err(|e| self.named(e))?;
            self.run(tx, f)
        }))
    }

    /// Runs `f` in `tx`, committing only when it succeeds (dropping an
    /// uncommitted transaction rolls it back).
    fn run<T>(&self, tx: postgres::Transaction, f: impl FnOnce(&Db) -> Result<T>) -> Result<T> {
        let mut cache = self.statements.borrow_mut();
        let cell = RefCell::new(CachedTx {
            tx,
            cache: &mut cache,
        });
        let value = f(&Db::pg(&cell as &RefCell<dyn PgExec>)).map_err(|e| e.in_file(self.place.as_ref()))?;
        cell.into_inner().tx.commit().map_err(|e| self.named(e))?;
        Ok(value)
    }

    fn named(&self, e: postgres::Error) -> Error {
        Error::Pg(e).in_file(self.place.as_ref())
    }
}
