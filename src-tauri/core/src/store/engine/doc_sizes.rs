//! Every document's length in an FTS5 table, read in one pass.
//!
//! Contract: [`DocSizes::read`] reads the table's size records (its
//! `<name>_docsize` table) in rowid order on the connection the ranking
//! runs on, inside that statement's read transaction, and answers a
//! rowid's length in tokens over all columns as FTS5's `xColumnSize(-1)`
//! does. It answers nothing (`None`) when the records cannot be read or do
//! not account for every row the index counts, and the caller then asks
//! FTS5 row by row. A connection keeps them under a
//! [`Version`](super::kept::Version).
//!
//! Why: FTS5 finds a row's length with a seek in the size table. Scoring
//! every match of a word most stories contain then costs a seek per story
//! (over 100,000 stories, some 20 ms); the whole table read in order costs
//! about 4 ms, and a connection that keeps it reads it once per change.

use super::kept::find_from;
use rusqlite::ffi;
use std::ffi::{c_int, CStr, CString};

/// Each row's length, by rowid (ascending).
pub struct DocSizes {
    rows: Vec<(i64, u32)>,
}

impl DocSizes {
    /// The lengths of the rows of the FTS5 table `table` on `db`, when
    /// there are exactly `expected` of them.
    ///
    /// # Safety
    /// `db` is a live connection, used by this thread only for
    /// the duration of the call (as within an FTS5 auxiliary function).
    pub unsafe fn read(db: *mut ffi::sqlite3, table: &str, expected: i64) -> Option<DocSizes> {
        let quoted = table.replace('"', "\"\"");
        let sql = CString::new(format!("SELECT id, sz FROM \"{quoted}_docsize\" ORDER BY id")).ok()?;
        let mut rows = Vec::with_capacity(usize::try_from(expected).unwrap_or(0));
        // SAFETY: as the function's contract; the statement is finalized
        // before returning.
        let done = unsafe { each_row(db, &sql, |id, sz| rows.push((id, total(sz)))) };
        (done == ffi::SQLITE_DONE && i64::try_from(rows.len()) == Ok(expected)).then_some(DocSizes { rows })
    }

    /// How many rows have a size.
    pub fn count(&self) -> usize {
        self.rows.len()
    }

    /// `rowid`'s length in tokens, if it has a record; `at` is where the
    /// last one was found ([`find_from`]).
    pub fn tokens(&self, rowid: i64, at: &mut usize) -> Option<u32> {
        let i = find_from(&self.rows, rowid, |(id, _)| *id, *at).ok()?;
        *at = i;
        Some(self.rows[i].1)
    }
}

/// When a ranking run should stop seeking each row's size and read them
/// all. Reading a size in order costs about a fifth of a seek (over
/// 100,000 stories: every size read in about 4 ms, a seek for each in
/// 20), so a read is worth it once the seeks still to come look like more
/// than a quarter of the rows. They are foreseen from the last [`WINDOW`]
/// rows' share of seeks times the matches still to come (at most as many
/// as the most common phrase's rows). The first window is not a guide: the
/// page's best scores are still coming in, so most of its rows need one.
pub struct Seeking {
    rows: i64,
    /// Matches not yet visited, at most.
    left: i64,
    windows: u32,
    visited: i64,
    seeks: i64,
}

/// Rows between two looks at the seeks to come.
pub const WINDOW: i64 = 1024;

impl Seeking {
    /// For a table of `rows` rows and a query whose most common phrase is
    /// in `most` of them.
    pub fn new(rows: i64, most: i64) -> Seeking {
        Seeking {
            rows,
            left: most.min(rows),
            windows: 0,
            visited: 0,
            seeks: 0,
        }
    }

    /// Notes a row about to be ranked, and whether its size is needed;
    /// true when the sizes should be read now, before this row's.
    pub fn visit(&mut self, seek: bool) -> bool {
        let mut read = false;
        if self.visited == WINDOW {
            read = self.windows > 0 && self.seeks * self.left >= self.rows / 4 * WINDOW;
            (self.windows, self.visited, self.seeks) = (self.windows + 1, 0, 0);
        }
        self.visited += 1;
        self.seeks += i64::from(seek);
        self.left -= 1;
        read
    }
}

/// Steps `sql` (rows of an integer and a blob) to its end, handing each
/// row to `row`; SQLite's last result code.
///
/// SAFETY: as [`DocSizes::read`].
unsafe fn each_row(db: *mut ffi::sqlite3, sql: &CStr, mut row: impl FnMut(i64, &[u8])) -> c_int {
    let mut stmt: *mut ffi::sqlite3_stmt = std::ptr::null_mut();
    // SAFETY: `db` is live; `stmt` is finalized below whatever happens.
    unsafe {
        let rc = ffi::sqlite3_prepare_v2(db, sql.as_ptr(), -1, &mut stmt, std::ptr::null_mut());
        if rc != ffi::SQLITE_OK {
            ffi::sqlite3_finalize(stmt);
            return rc;
        }
        let mut rc = ffi::sqlite3_step(stmt);
        while rc == ffi::SQLITE_ROW {
            let id = ffi::sqlite3_column_int64(stmt, 0);
            let blob = ffi::sqlite3_column_blob(stmt, 1).cast::<u8>();
            let len = usize::try_from(ffi::sqlite3_column_bytes(stmt, 1)).unwrap_or(0);
            let sz: &[u8] = match blob.is_null() {
                true => &[],
                false => std::slice::from_raw_parts(blob, len),
            };
            row(id, sz);
            rc = ffi::sqlite3_step(stmt);
        }
        ffi::sqlite3_finalize(stmt);
        rc
    }
}

/// The sum of a size record's per-column token counts (SQLite varints).
fn total(mut sz: &[u8]) -> u32 {
    let mut sum: u32 = 0;
    while let Some((value, used)) = varint(sz) {
        sum = sum.saturating_add(value);
        sz = &sz[used..];
    }
    sum
}

/// One SQLite varint (big-endian groups of seven bits, the high bit set
/// on all but the last; a ninth byte carries eight), truncated to 32 bits
/// as FTS5 reads sizes; with the bytes it used.
fn varint(bytes: &[u8]) -> Option<(u32, usize)> {
    let mut value: u64 = 0;
    for (i, b) in bytes.iter().enumerate() {
        if i == 8 {
            value = (value << 8) | u64::from(*b);
            return Some((value as u32, 9));
        }
        value = (value << 7) | u64::from(b & 0x7f);
        if b & 0x80 == 0 {
            return Some((value as u32, i + 1));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_is_found_from_wherever_the_last_one_was() {
        let rows: Vec<(i64, u32)> = (1..=1_000).map(|i| (i * 3, i as u32)).collect();
        let (sizes, mut at) = (DocSizes { rows }, 0);
        let asked = [3, 6, 9, 300, 301, 2_997, 3_000, 3, 1_500, 1_200, 3_001, 0, 1_503];
        let found: Vec<Option<u32>> = asked.iter().map(|id| sizes.tokens(*id, &mut at)).collect();
        let expected = [1, 2, 3, 100, 0, 999, 1_000, 1, 500, 400, 0, 0, 501];
        let expected: Vec<Option<u32>> = expected.iter().map(|n| (*n > 0).then_some(*n)).collect();
        assert_eq!(found, expected);
    }

    #[test]
    fn sizes_are_read_when_the_seeks_to_come_outweigh_a_read() {
        // Every row needs its size: read after the first two windows.
        let mut all = Seeking::new(100_000, 100_000);
        let first = (0..2 * WINDOW).all(|_| !all.visit(true));
        assert!(first && all.visit(true));
        // After a first window of seeks, one row in ten needs it: no read.
        let mut few = Seeking::new(100_000, 100_000);
        let read = (0..90_000).any(|i| few.visit(i < WINDOW || i % 10 == 0));
        assert!(!read);
        // One in three, with most of the rows to come: read.
        let mut more = Seeking::new(100_000, 100_000);
        let read = (0..4 * WINDOW).any(|i| more.visit(i % 3 == 0));
        assert!(read);
        // One in three near the end: no read.
        let mut late = Seeking::new(100_000, 100_000);
        let read = (0..99_000).any(|i| late.visit(i < 90_000 && i % 10 == 0 || i % 3 == 0 && i >= 90_000));
        assert!(!read);
        // A small table is never worth it: its rows are all to come at once.
        let mut small = Seeking::new(500, 500);
        assert!(!(0..500).any(|_| small.visit(true)));
    }

    #[test]
    fn varints_read_as_sqlite_writes_them() {
        assert_eq!(varint(&[0x05]), Some((5, 1)));
        assert_eq!(varint(&[0x81, 0x00]), Some((128, 2)));
        assert_eq!(varint(&[0x82, 0x80, 0x01]), Some((2 * 16384 + 1, 3)));
        assert_eq!(varint(&[0x81]), None);
        assert_eq!(total(&[0x03, 0x81, 0x00, 0x00, 0x07]), 3 + 128 + 7);
        assert_eq!(total(&[]), 0);
    }
}
