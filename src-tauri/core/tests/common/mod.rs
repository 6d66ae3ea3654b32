//! One test suite, two backends: a desk on a fresh SQLite file or on a
//! fresh database of a real PostgreSQL server.
//!
//! The server is the one the `PG*` environment names; `./scripts/test.sh`
//! starts a throwaway one with `pg_virtualenv`. Without it the PostgreSQL
//! tests fail and say how to run them: they are never skipped.

#![allow(dead_code)]

use factdesk_core::store::scratch::{self, ScratchDatabase};
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
    /// The desk's database on the server (dropped with the desk).
    server: Option<ScratchDatabase>,
}

/// The ids of the stories a search for `query` finds, best first.
pub fn found(store: &mut Store, query: &str) -> Vec<i64> {
    store.search(query, 5).unwrap().iter().map(|h| h.id).collect()
}

/// The Coverage view's figures from the last 400 days to tomorrow, after
/// asserting they equal a scan of the stories (the day sums kept right).
pub fn coverage_as_scanned(store: &Store) -> factdesk_core::store::coverage::Coverage {
    let today = chrono::Utc::now().date_naive();
    let (since, until) = (
        today - chrono::Duration::days(400),
        today + chrono::Duration::days(1),
    );
    let counted = store.coverage(since, until, None).unwrap();
    assert_eq!(counted, store.coverage_scanned(since, until).unwrap());
    counted
}

/// A connection to the test server's maintenance database.
pub fn admin() -> postgres::Client {
    scratch::admin().expect("the test server answers")
}

impl Desk {
    pub fn new(backend: Backend) -> Desk {
        let dir = TempDir::new().unwrap();
        let server = (backend == Backend::Postgres)
            .then(|| ScratchDatabase::create("fd").unwrap_or_else(|e| panic!("{e}")));
        let location = match &server {
            Some(db) => db.url(),
            None => dir.path().join("desk.sqlite3").display().to_string(),
        };
        Desk {
            backend,
            dir,
            location,
            server,
        }
    }

    /// Where the desk is: a file path or a `postgres://` URL.
    pub fn location(&self) -> &str {
        &self.location
    }

    /// A connection straight to the desk's PostgreSQL database.
    pub fn client(&self) -> postgres::Client {
        let server = self.server.as_ref().expect("a PostgreSQL desk");
        server.client().expect("the desk's database answers")
    }

    /// A store on the desk, for writing.
    pub fn open(&self) -> Store {
        Store::open_location(&self.location).expect("the desk opens")
    }

    /// A store on the desk, for writing, as `editor`: on a file the name
    /// typed; on a server the login of that name (an admin, made when
    /// missing), since there the login is who edits.
    pub fn open_as(&self, editor: &str) -> Store {
        self.open_with_role(editor, "admin")
    }

    /// A store on the desk as `editor` holding `role` (on a server; a file
    /// desk has no roles).
    pub fn open_with_role(&self, editor: &str, role: &str) -> Store {
        match &self.server {
            None => {
                let mut store = self.open();
                store.set_editor(editor).expect("a file desk takes any name");
                store
            }
            Some(server) => {
                drop(self.open());
                let url = server.login_url(editor, role).expect("the login is made");
                Store::open_location(&url).expect("the desk opens as the login")
            }
        }
    }

    /// The desk's address as `login` holding `role` (a server only).
    pub fn url_as(&self, login: &str, role: &str) -> String {
        drop(self.open());
        let server = self.server.as_ref().expect("a PostgreSQL desk");
        server.login_url(login, role).expect("the login is made")
    }

    /// A store on the desk, for reading only.
    pub fn open_read(&self) -> Store {
        Store::open_location_read(&self.location).expect("the desk opens for reading")
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
