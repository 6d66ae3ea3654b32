//! What a connection may keep between statements, and for how long.
//!
//! Contract: [`Version`] is a connection's database as it was when
//! something was read from it: kept data holds while a later [`Version::of`]
//! is equal — nothing was written on the connection and no other
//! connection committed since — and there is none while the connection
//! has a write transaction open (what it reads then may be rolled back,
//! which changes neither half). [`find_from`] finds a key in sorted kept
//! rows from where the last one was. Used by the ranking's document sizes
//! (`doc_sizes`) and the outlets' citing stories (`citing`).

use rusqlite::ffi;

/// What a connection's database was when something was read from it: the
/// file's data version (changed by any commit, this connection's or
/// another's) and the rows this connection has changed. There is none
/// while the connection has a write transaction open: what it reads then
/// may be rolled back, which changes neither.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Version {
    data: u32,
    changes: i64,
}

impl Version {
    /// `db`'s version now, if SQLite can tell it and no write is open.
    ///
    /// # Safety
    /// `db` is a live connection, used by this thread only for the
    /// duration of the call.
    pub unsafe fn of(db: *mut ffi::sqlite3) -> Option<Version> {
        // SAFETY: `db` is live; the schema name is a C string.
        if unsafe { ffi::sqlite3_txn_state(db, c"main".as_ptr()) } == ffi::SQLITE_TXN_WRITE {
            return None;
        }
        let mut data: u32 = 0;
        // SAFETY: `db` is live; the file control writes one `u32`.
        let rc = unsafe {
            ffi::sqlite3_file_control(
                db,
                c"main".as_ptr(),
                ffi::SQLITE_FCNTL_DATA_VERSION,
                (&mut data as *mut u32).cast(),
            )
        };
        // SAFETY: as above.
        let changes = unsafe { ffi::sqlite3_total_changes64(db) };
        (rc == ffi::SQLITE_OK).then_some(Version { data, changes })
    }
}

/// Where `key` is in `items` (in order of `key_of`), as `binary_search`
/// answers (`Err`: where it would go), looked for from `at`, where the
/// last one was: a statement's rows come in rowid order, so the next is
/// usually a few on. Steps double from there until they pass it, then
/// halve: a key far on, or before `at`, costs a binary search.
pub fn find_from<T>(items: &[T], key: i64, key_of: impl Fn(&T) -> i64, at: usize) -> Result<usize, usize> {
    let from = match items.get(at) {
        Some(item) if key_of(item) <= key => at,
        _ => 0,
    };
    let mut step = 1;
    while items.get(from + step).is_some_and(|item| key_of(item) <= key) {
        step *= 2;
    }
    let end = (from + step + 1).min(items.len());
    items[from..end]
        .binary_search_by_key(&key, key_of)
        .map(|i| from + i)
        .map_err(|i| from + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_found_from_wherever_the_last_one_was() {
        let keys: Vec<i64> = (1..=100).map(|i| i * 2).collect();
        let find = |key, at| find_from(&keys, key, |k| *k, at);
        assert_eq!(find(2, 0), Ok(0));
        assert_eq!(find(8, 0), Ok(3), "a few on");
        assert_eq!(find(200, 3), Ok(99), "far on");
        assert_eq!(find(4, 99), Ok(1), "before where the last one was");
        assert_eq!(find(5, 1), Err(2), "where it would go");
        assert_eq!(find(201, 50), Err(100));
        assert_eq!(find(0, 500), Err(0), "from past the end");
    }
}
