//! One test suite, two backends: a desk on a fresh SQLite file or on a
//! fresh database of a real PostgreSQL server.
//!
//! The server is the one the `PG*` environment names; `./scripts/test.sh`
//! starts a throwaway one with `pg_virtualenv`. Without it the PostgreSQL
//! tests fail and say how to run them: they are never skipped.

#![allow(dead_code)]

use factdesk_core::store::Store;
use tempfile::TempDir;

/// Which backend a test runs against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A fresh, empty desk that any number of stores can open.
pub struct Desk {
    pub backend: Backend,
    pub dir: TempDir,
    location: String,
}

/// A connection to the test server's maintenance database.
pub fn admin() -> postgres::Client {
    let var = |name: &str| {
        std::env::var(name).unwrap_or_else(|_| {
            panic!(
                "{name} is not set: the PostgreSQL tests need a server; run them through ./scripts/test.sh \
                 (it starts a throwaway one with pg_virtualenv), or as `pg_virtualenv cargo test`"
            )
        })
    };
    let mut config = postgres::Config::new();
    config
        .host(&var("PGHOST"))
        .port(var("PGPORT").parse().expect("PGPORT is a port number"))
        .user(&var("PGUSER"))
        .password(var("PGPASSWORD"))
        .dbname(&std::env::var("PGDATABASE").unwrap_or_else(|_| "postgres".into()));
    config.connect(postgres::NoTls).expect("the test server answers")
}

impl Desk {
    pub fn new(backend: Backend) -> Desk {
        let dir = TempDir::new().unwrap();
        let location = match backend {
            Backend::Sqlite => dir.path().join("desk.sqlite3").display().to_string(),
            Backend::Postgres => {
                let name = format!("fd_{}", uuid::Uuid::new_v4().simple());
                admin()
                    .batch_execute(&format!("CREATE DATABASE {name}"))
                    .expect("a test database can be created");
                format!("postgres:///{name}")
            }
        };
        Desk {
            backend,
            dir,
            location,
        }
    }

    /// Where the desk is: a file path or a `postgres://` URL.
    pub fn location(&self) -> &str {
        &self.location
    }

    /// A connection straight to the desk's PostgreSQL database.
    pub fn client(&self) -> postgres::Client {
        let name = self
            .location
            .strip_prefix("postgres:///")
            .expect("a PostgreSQL desk");
        let mut config = postgres::Config::new();
        config
            .host(&std::env::var("PGHOST").unwrap())
            .port(std::env::var("PGPORT").unwrap().parse().unwrap())
            .user(&std::env::var("PGUSER").unwrap())
            .password(std::env::var("PGPASSWORD").unwrap())
            .dbname(name);
        config
            .connect(postgres::NoTls)
            .expect("the desk's database answers")
    }

    /// A store on the desk, for writing.
    pub fn open(&self) -> Store {
        Store::open_location(&self.location).expect("the desk opens")
    }

    /// A store on the desk, for writing, as `editor`.
    pub fn open_as(&self, editor: &str) -> Store {
        let mut store = self.open();
        store.set_editor(editor);
        store
    }

    /// A store on the desk, for reading only.
    pub fn open_read(&self) -> Store {
        Store::open_location_read(&self.location).expect("the desk opens for reading")
    }
}

impl Drop for Desk {
    fn drop(&mut self) {
        if let Some(name) = self.location.strip_prefix("postgres:///") {
            // Other tests' connections may linger a moment; FORCE ends them.
            let _ = admin().batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
        }
    }
}

/// Runs each named test function (taking a [`Backend`]) once per backend:
/// `both!(a, b)` makes `sqlite::a`, `postgres::a`, `sqlite::b`, ….
#[macro_export]
macro_rules! both {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[test]
            fn $name() {
                super::$name($crate::common::Backend::Sqlite)
            })*
        }
        mod postgres {
            $(#[test]
            fn $name() {
                super::$name($crate::common::Backend::Postgres)
            })*
        }
    };
}
