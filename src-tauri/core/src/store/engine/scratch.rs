//! A throwaway database on the PostgreSQL server the `PG*` environment
//! names — the one `pg_virtualenv` starts for the test command — for the
//! tests of every crate and the load test.
//!
//! Contract: [`ScratchDatabase::create`] makes a new, empty database with
//! a unique name (or says, naming the variable, that there is no server to
//! make it on); dropping it drops the database, ending connections still
//! open on it. Creating and dropping run where blocking is allowed, so
//! async tests may use it.

use crate::error::{Error, Result};
use crate::store::engine::pg::blocking;

/// The password of the logins tests make ([`ScratchDatabase::login_url`]).
pub const TEST_PASSWORD: &str = "factdesk-test";

fn quote_literal(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// A fresh database, dropped with this value.
pub struct ScratchDatabase {
    name: String,
}

fn var(name: &str) -> Result<String> {
    std::env::var(name).map_err(|_| Error::BadInput {
        path: name.into(),
        why: "is not set: the PostgreSQL tests need a server; run them through ./scripts/test.sh \
              (it starts a throwaway one with pg_virtualenv), or as `pg_virtualenv cargo test`"
            .into(),
    })
}

/// A connection to database `name` on the environment's server.
fn connect(name: &str) -> Result<postgres::Client> {
    let port = var("PGPORT")?;
    let mut config = postgres::Config::new();
    config
        .host(&var("PGHOST")?)
        .port(port.parse().map_err(|_| Error::BadInput {
            path: "PGPORT".into(),
            why: format!("{port:?} is not a port number"),
        })?)
        .user(&var("PGUSER")?)
        .password(var("PGPASSWORD")?)
        .dbname(name);
    config.connect(postgres::NoTls).map_err(Error::Pg)
}

/// A connection to the server's maintenance database (`PGDATABASE`, else
/// `postgres`), for creating and dropping databases (from synchronous code:
/// closing it blocks).
pub fn admin() -> Result<postgres::Client> {
    connect(&std::env::var("PGDATABASE").unwrap_or_else(|_| "postgres".into()))
}

impl ScratchDatabase {
    /// A new database named `{prefix}_{unique}`.
    pub fn create(prefix: &str) -> Result<ScratchDatabase> {
        let name = format!("{prefix}_{}", uuid::Uuid::new_v4().simple());
        // The connection is made, used and closed where blocking is allowed.
        blocking(|| Ok::<_, Error>(admin()?.batch_execute(&format!("CREATE DATABASE {name}"))?))?;
        Ok(ScratchDatabase { name })
    }

    /// Its address for `--db` and `Store::open_location`
    /// (the rest comes from the environment).
    pub fn url(&self) -> String {
        format!("postgres:///{}", self.name)
    }

    /// The address of this database for `login` holding the Factdesk
    /// `role` (writer, editor, admin; empty: none), creating the login with
    /// [`TEST_PASSWORD`] when the server has none of that name. The desk
    /// must have been opened for writing once (its roles exist).
    pub fn login_url(&self, login: &str, role: &str) -> Result<String> {
        let make = format!(
            "DO $$ BEGIN
                IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = {name}) THEN
                    EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', {name}, '{TEST_PASSWORD}');
                END IF;
             EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
             END $$;",
            name = quote_literal(login)
        );
        // Tests running at once may grant the same role to the same login:
        // the second grant finds the first one's row, and that is fine.
        let grant = (!role.is_empty()).then(|| {
            format!(
                "DO $$ BEGIN
                    IF NOT pg_has_role({name}, 'factdesk_{role}', 'MEMBER') THEN
                        EXECUTE format('GRANT %I TO %I', 'factdesk_{role}', {name});
                    END IF;
                 EXCEPTION WHEN OTHERS THEN
                    IF NOT pg_has_role({name}, 'factdesk_{role}', 'MEMBER') THEN RAISE; END IF;
                 END $$;",
                name = quote_literal(login)
            )
        });
        blocking(|| {
            let mut client = self.client()?;
            client.batch_execute(&make)?;
            if let Some(grant) = &grant {
                client.batch_execute(grant)?;
            }
            Ok::<_, Error>(())
        })?;
        let mut url = url::Url::parse(&format!(
            "postgres://{}:{}/{}",
            var("PGHOST")?,
            var("PGPORT")?,
            self.name
        ))
        .map_err(|e| Error::BadInput {
            path: "PGHOST".into(),
            why: e.to_string(),
        })?;
        let _ = url.set_username(login);
        let _ = url.set_password(Some(TEST_PASSWORD));
        Ok(url.to_string())
    }

    /// A connection straight to it, for a test to look at or change rows
    /// (from synchronous code: closing it blocks).
    pub fn client(&self) -> Result<postgres::Client> {
        connect(&self.name)
    }
}

impl Drop for ScratchDatabase {
    fn drop(&mut self) {
        let sql = format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name);
        if let Err(e) = blocking(|| Ok::<_, Error>(admin()?.batch_execute(&sql)?)) {
            tracing::warn!("the scratch database {} was not dropped: {e}", self.name);
        }
    }
}
