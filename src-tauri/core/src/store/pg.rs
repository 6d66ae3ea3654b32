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

use super::db::{CachedTx, Db, PgExec};
use crate::error::{Error, Result};
use std::cell::RefCell;

/// The schema this build creates on a new server database, as of SQLite's
/// schema version [`BASELINE`]; later migrations come in both dialects.
const BASELINE_SQL: &str = include_str!("pg/0006_baseline.sql");
/// The schema version the baseline is.
pub const BASELINE: i64 = 6;
/// Migrations after the baseline, as `(version, SQL)`, oldest first.
const MIGRATIONS: &[(i64, &str)] = &[
    (7, include_str!("pg/0007_search_pending.sql")),
    (8, include_str!("pg/0008_trash_packed_revisions.sql")),
];
/// The advisory lock every write holds (any number; "FD" + 1).
const WRITE_LOCK: i64 = 0x4644_0001;
/// The channel story changes are announced on (see the baseline schema).
pub const CHANNEL: &str = "factdesk";
/// How long a window counts as present after its last heartbeat.
pub const PRESENCE_EXPIRES_SECS: i64 = 30;

/// The newest schema version this build knows on a server.
pub fn latest() -> i64 {
    MIGRATIONS.last().map_or(BASELINE, |(v, _)| *v)
}

/// Runs `f`, which blocks on the server, where blocking is allowed: the
/// `postgres` client drives its own runtime, which cannot start on a thread
/// of another async runtime (the app's commands run on Tauri's). On a worker
/// of a multi-threaded runtime the worker is first handed back
/// (`block_in_place`); elsewhere `f` just runs.
pub(super) fn blocking<T>(f: impl FnOnce() -> T) -> T {
    match tokio::runtime::Handle::try_current() {
        Ok(handle) if handle.runtime_flavor() == tokio::runtime::RuntimeFlavor::MultiThread => {
            tokio::task::block_in_place(f)
        }
        _ => f(),
    }
}

pub use super::live::{Listener, StoryChange};

/// Whether `location` names a server rather than a file.
pub fn is_url(location: &str) -> bool {
    location.starts_with("postgres://") || location.starts_with("postgresql://")
}

/// `url` with its password replaced by `***`, for logs and messages.
pub fn mask(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) => {
            if u.password().is_some() {
                let _ = u.set_password(Some("***"));
            }
            let pairs: Vec<(String, String)> = u
                .query_pairs()
                .map(|(k, v)| {
                    let v = if k == "password" {
                        "***".to_string()
                    } else {
                        v.into_owned()
                    };
                    (k.into_owned(), v)
                })
                .collect();
            if !pairs.is_empty() {
                u.query_pairs_mut().clear().extend_pairs(pairs);
            }
            u.to_string()
        }
        Err(_) => "the database server (its address could not be read)".to_string(),
    }
}

/// How TLS is used, as libpq's `sslmode` says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SslMode {
    Disable,
    Prefer,
    Require,
    Verify,
}

fn bad_url(url: &str, why: impl Into<String>) -> Error {
    Error::BadInput {
        path: mask(url).into(),
        why: why.into(),
    }
}

/// Where libpq keeps passwords: `PGPASSFILE`, else `~/.pgpass`.
fn pgpass_file() -> Option<std::path::PathBuf> {
    std::env::var_os("PGPASSFILE")
        .map(std::path::PathBuf::from)
        .or_else(|| dirs::home_dir().map(|h| h.join(".pgpass")))
}

/// What a `~/.pgpass` line is matched on: host, port, database, user.
fn pgpass_key(config: &postgres::Config) -> [String; 4] {
    let host = match config.get_hosts().first() {
        Some(postgres::config::Host::Tcp(h)) => h.clone(),
        _ => "localhost".into(),
    };
    [
        host,
        config.get_ports().first().copied().unwrap_or(5432).to_string(),
        config.get_dbname().unwrap_or_default().to_string(),
        config.get_user().unwrap_or_default().to_string(),
    ]
}

/// The password `~/.pgpass` holds for a connection with this key.
fn pgpass(key: &[String; 4]) -> Option<String> {
    pgpass_lookup(&std::fs::read_to_string(pgpass_file()?).ok()?, key)
}

/// The password of the first line of a pgpass file that fits `key` (`*`
/// fits anything; `\` escapes `:` and `\`).
fn pgpass_lookup(text: &str, key: &[String; 4]) -> Option<String> {
    text.lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .find_map(|line| {
            let mut fields = Vec::new();
            let mut field = String::new();
            let mut chars = line.chars();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => field.extend(chars.next()),
                    ':' if fields.len() < 4 => fields.push(std::mem::take(&mut field)),
                    c => field.push(c),
                }
            }
            fields.push(field);
            let password = fields.pop().filter(|_| fields.len() == 4)?;
            let fits = fields
                .iter()
                .zip(key)
                .all(|(pattern, value)| pattern == "*" || pattern == value);
            fits.then_some(password)
        })
}

/// Remembers the password in `url` in `~/.pgpass` (or `PGPASSFILE`; made
/// readable by its owner only, as libpq requires) and returns the URL
/// without it, for settings files: a password is never stored in plain
/// settings. A URL without a password is returned as it is.
pub fn remember_password(url: &str) -> Result<String> {
    let mut parsed = url::Url::parse(url).map_err(|e| bad_url(url, format!("not a database URL ({e})")))?;
    let Some(password) = parsed.password().map(percent_decode) else {
        return Ok(url.to_string());
    };
    let (config, _, _) = config(url)?;
    let escape = |s: &str| s.replace('\\', "\\\\").replace(':', "\\:");
    let entry = pgpass_key(&config)
        .iter()
        .map(|f| escape(f))
        .collect::<Vec<_>>()
        .join(":");
    let file =
        pgpass_file().ok_or_else(|| bad_url(url, "no home folder to keep the password in (~/.pgpass)"))?;
    let old = std::fs::read_to_string(&file).unwrap_or_default();
    let mut lines: Vec<String> = old
        .lines()
        .filter(|l| !l.starts_with(&format!("{entry}:")))
        .map(str::to_string)
        .collect();
    lines.push(format!("{entry}:{}", escape(&password)));
    let io = |source| Error::Io {
        path: file.clone(),
        source,
    };
    crate::formats::write_atomically(&file, format!("{}\n", lines.join("\n")).as_bytes())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).map_err(io)?;
    }
    let _ = parsed.set_password(None);
    Ok(parsed.to_string())
}

fn percent_decode(s: &str) -> String {
    url::form_urlencoded::parse(format!("p={}", s.replace('+', "%2B")).as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_else(|| s.to_string())
}

/// The connection settings of `url`, with the environment's defaults.
fn config(url: &str) -> Result<(postgres::Config, SslMode, Option<String>)> {
    let mut parsed = url::Url::parse(url).map_err(|e| bad_url(url, format!("not a database URL ({e})")))?;
    let mut ssl = SslMode::Prefer;
    let mut root_cert = None;
    let mut rest: Vec<(String, String)> = Vec::new();
    for (k, v) in parsed.query_pairs() {
        match k.as_ref() {
            "sslmode" => {
                ssl = match v.as_ref() {
                    "disable" => SslMode::Disable,
                    "allow" | "prefer" => SslMode::Prefer,
                    "require" => SslMode::Require,
                    "verify-ca" | "verify-full" => SslMode::Verify,
                    other => {
                        return Err(bad_url(
                            url,
                            format!(
                        "sslmode {other:?} is not one of disable, prefer, require, verify-ca, verify-full"
                    ),
                        ))
                    }
                }
            }
            "sslrootcert" => root_cert = Some(v.into_owned()),
            _ => rest.push((k.into_owned(), v.into_owned())),
        }
    }
    parsed.set_query(None);
    if !rest.is_empty() {
        parsed.query_pairs_mut().extend_pairs(rest);
    }
    let mut config: postgres::Config = parsed
        .as_str()
        .parse()
        .map_err(|e| bad_url(url, format!("not a database URL ({e})")))?;
    let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    if config.get_hosts().is_empty() {
        config.host(&env("PGHOST").unwrap_or_else(|| "localhost".into()));
    }
    if config.get_ports().is_empty() {
        if let Some(port) = env("PGPORT").and_then(|p| p.parse().ok()) {
            config.port(port);
        }
    }
    if config.get_user().is_none() {
        config.user(&env("PGUSER").unwrap_or_else(whoami::username));
    }
    if config.get_dbname().is_none() {
        let user = config.get_user().unwrap_or_default().to_string();
        config.dbname(&env("PGDATABASE").unwrap_or(user));
    }
    if config.get_password().is_none() {
        if let Some(password) = env("PGPASSWORD").or_else(|| pgpass(&pgpass_key(&config))) {
            config.password(password);
        }
    }
    config.connect_timeout(std::time::Duration::from_secs(5));
    config.application_name("factdesk");
    Ok((config, ssl, root_cert))
}

pub(super) fn connect_client(url: &str) -> Result<postgres::Client> {
    let place = mask(url);
    let (mut config, ssl, root_cert) = config(url)?;
    let named = |e: postgres::Error| Error::Pg(e).in_file(std::path::Path::new(&place));
    if ssl == SslMode::Disable {
        config.ssl_mode(postgres::config::SslMode::Disable);
        return config.connect(postgres::NoTls).map_err(named);
    }
    config.ssl_mode(match ssl {
        SslMode::Prefer => postgres::config::SslMode::Prefer,
        _ => postgres::config::SslMode::Require,
    });
    let mut tls = native_tls::TlsConnector::builder();
    if ssl == SslMode::Verify {
        if let Some(file) = root_cert {
            let pem = std::fs::read(&file).map_err(|e| Error::Io {
                path: file.clone().into(),
                source: e,
            })?;
            let cert = native_tls::Certificate::from_pem(&pem)
                .map_err(|e| bad_url(url, format!("sslrootcert {file}: {e}")))?;
            tls.add_root_certificate(cert);
        }
    } else {
        // As libpq: below verify-ca, TLS encrypts but does not check who answers.
        tls.danger_accept_invalid_certs(true)
            .danger_accept_invalid_hostnames(true);
    }
    let tls = tls
        .build()
        .map_err(|e| bad_url(url, format!("TLS cannot be set up: {e}")))?;
    config
        .connect(postgres_native_tls::MakeTlsConnector::new(tls))
        .map_err(named)
}

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

/// What a database holds, as far as Factdesk is concerned.
enum Found {
    Empty,
    Factdesk(i64),
    Other,
}

fn identify(db: &Db) -> Result<Found> {
    let marker: Option<String> = db.value("SELECT to_regclass('factdesk_schema')::text", &[])?;
    if marker.is_some() {
        return Ok(Found::Factdesk(
            db.value("SELECT max(version) FROM factdesk_schema", &[])?,
        ));
    }
    let tables: i64 = db.value(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()
           AND table_name IN ('stories', 'sources', 'facts', 'outlets')",
        &[],
    )?;
    Ok(if tables == 0 { Found::Empty } else { Found::Other })
}

impl Server {
    /// Connects to the database at `url` and makes sure it holds this
    /// build's schema: created when empty, upgraded when older (writable
    /// only), refused when newer or someone else's.
    pub fn open(url: &str, writable: bool) -> Result<Server> {
        let server = Server {
            client: RefCell::new(Some(blocking(|| connect_client(url))?)),
            url: url.to_string(),
            statements: RefCell::default(),
            lost: std::cell::Cell::new(false),
            place: mask(url),
        };
        let place = || server.place.clone();
        let check = |found: Found| -> Result<Option<i64>> {
            match found {
                Found::Other => Err(Error::NotADatabase {
                    path: place().into(),
                    why: "it holds tables named like Factdesk's but no factdesk_schema version table".into(),
                }),
                Found::Factdesk(v) if v > latest() => Err(Error::NewerDatabase {
                    path: place().into(),
                    found: v,
                    supported: latest(),
                }),
                Found::Factdesk(v) => Ok(Some(v)),
                Found::Empty => Ok(None),
            }
        };
        if !writable {
            match server.read(|db| check(identify(db)?))? {
                Some(v) if v == latest() => {}
                Some(found) => {
                    return Err(Error::NeedsMigration {
                        path: place().into(),
                        found,
                        latest: latest(),
                    })
                }
                None => {
                    return Err(Error::NotADatabase {
                        path: place().into(),
                        why: "the database is empty; open it for writing once to create the desk".into(),
                    })
                }
            }
            return Ok(server);
        }
        server.write(|db| {
            let current = check(identify(db)?)?;
            if current.is_none() {
                tracing::info!(place = %place(), "creating the team desk's schema");
                db.batch(BASELINE_SQL).map_err(|e| Error::MigrationFailed {
                    path: place().into(),
                    why: format!("the schema could not be created: {e}"),
                })?;
            }
            let from = current.unwrap_or(BASELINE);
            for (version, sql) in MIGRATIONS.iter().filter(|(v, _)| *v > from) {
                tracing::info!(to = version, "applying schema migration on the server");
                db.batch(sql).map_err(|e| Error::MigrationFailed {
                    path: place().into(),
                    why: format!("migration {version} failed: {e}"),
                })?;
            }
            if current != Some(latest()) {
                db.execute("DELETE FROM factdesk_schema", &[])?;
                db.execute(
                    "INSERT INTO factdesk_schema (version) VALUES (?1)",
                    &[latest().into()],
                )?;
            }
            Ok(())
        })?;
        Ok(server)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_masked_in_the_url_and_its_query() {
        assert_eq!(
            mask("postgres://anna:s3cret@db.example:5432/desk?sslmode=require"),
            "postgres://anna:***@db.example:5432/desk?sslmode=require"
        );
        assert_eq!(
            mask("postgresql://db.example/desk?password=s3cret&user=anna"),
            "postgresql://db.example/desk?password=***&user=anna"
        );
        assert!(!mask("postgres://a:b c@x/y").contains("b c"));
    }

    #[test]
    fn pgpass_lines_match_with_wildcards_and_escapes() {
        let key = [
            "db.example".to_string(),
            "5432".into(),
            "desk".into(),
            "anna".into(),
        ];
        let text = "# a comment\nother:5432:*:*:no\n*:5432:desk:anna:p\\:w\\\\d\ndb.example:*:*:*:later\n";
        assert_eq!(pgpass_lookup(text, &key).as_deref(), Some("p:w\\d"));
        assert_eq!(pgpass_lookup("db.example:5432:desk:anna\n", &key), None);
    }

    #[test]
    fn a_bad_sslmode_is_named() {
        let err = config("postgres://anna:s3cret@db.example/desk?sslmode=sometimes").unwrap_err();
        let text = err.to_string();
        assert!(text.contains("sslmode \"sometimes\""), "{text}");
        assert!(!text.contains("s3cret"), "{text}");
    }
}
