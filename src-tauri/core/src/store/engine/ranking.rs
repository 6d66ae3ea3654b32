//! FTS5's bm25, computed only for the matches that can reach the page.
//!
//! Contract: [`register`] adds the auxiliary function
//! `factdesk_rank(table, k, weight…)` to a connection, for one FTS5 table
//! (a row of another table may be ranked by the wrong length). Its value orders
//! rows as `bm25(table, weight…)` does, lower is better: the first `k` rows
//! in its order are the first `k` of bm25's, with bm25's values bit for bit
//! (ties are the caller's to break, as with bm25). Any other row may get a
//! bound instead of its score, a value worse than the `k`-th best. The
//! caller scores only rows it keeps: every row scored counts towards the
//! best `k`, so a row dropped after scoring could hide one that belongs on
//! the page. `k` of 0 computes every score. A statement's run starts
//! afresh (FTS5 frees the function's state whenever its cursor is filtered
//! again).
//!
//! Why: bm25 reads every match's document size, a seek in the index's size
//! table, so a word most stories contain cost a seek per story. A match's
//! score only grows as its document gets shorter, so its score for a
//! document of no tokens bounds it from above; once `k` scores are known, a
//! match whose bound is below the `k`-th best cannot be on the page and its
//! size is never read. When many sizes are needed all the same (a word in
//! every story, once in each, is ranked by length alone), the seeks stop
//! and the rest come from the whole size table read in order
//! ([`DocSizes`]); the connection keeps them for its next runs while its
//! database stays as it was ([`Version`]), and those runs seek none.
//!
//! [`register`] also adds `factdesk_ranked()`, the number of rows the
//! connection's last run of `factdesk_rank` ranked (a row ranked twice
//! counts once): after a statement that ranks every match of a query and
//! returned at least one row, how many match, without a second pass over
//! the index to count them. A run that matched nothing leaves it as it was.

use super::doc_sizes::{DocSizes, Seeking};
use super::kept::Version;
use rusqlite::functions::FunctionFlags;
use rusqlite::{ffi, Connection};
use std::cell::RefCell;
use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;
use std::ffi::{c_int, c_void};
use std::sync::atomic::{AtomicI64, Ordering::Relaxed};
use std::sync::Arc;

/// The function's name in SQL.
pub const NAME: &str = "factdesk_rank";

/// The name in SQL of the count of rows the last run ranked.
pub const RANKED: &str = "factdesk_ranked";

/// bm25's constants, as FTS5 has them.
const K1: f64 = 1.2;
const B: f64 = 0.75;

/// A score in the heap of the best ones (higher is better).
#[derive(PartialEq)]
struct Score(f64);

impl Eq for Score {}

impl PartialOrd for Score {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Score {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.total_cmp(&other.0)
    }
}

/// What the function was registered for: the connection (to read sizes
/// on) and the table it ranks; the sizes last read, and when.
struct Registration {
    db: *mut ffi::sqlite3,
    table: String,
    kept: RefCell<Option<(Version, Arc<DocSizes>)>>,
    /// The rows the last run ranked, as [`RANKED`] answers.
    ranked: Arc<AtomicI64>,
}

impl Registration {
    /// The sizes kept, if the database is as it was when they were read
    /// and they count the index's `rows`.
    ///
    /// SAFETY: called within the function, on the connection's thread.
    unsafe fn kept(&self, rows: i64) -> Option<Arc<DocSizes>> {
        let now = unsafe { Version::of(self.db) }?;
        let kept = self.kept.borrow();
        let (then, sizes) = kept.as_ref()?;
        (*then == now && i64::try_from(sizes.count()) == Ok(rows)).then(|| Arc::clone(sizes))
    }
}

/// Where a run finds its rows' lengths.
enum Sizes {
    /// FTS5's seek per row, while the seeks to come look fewer than a read
    /// of the whole size table is worth.
    Seek(Seeking),
    /// The whole size table, read once (in this run or an earlier one),
    /// and where the last row was found in it.
    Read(Arc<DocSizes>, usize),
    /// Seeks to the end: the size table could not be read whole.
    SeekOnly,
}

/// One statement run's state, kept by FTS5 as the function's aux data.
struct State {
    /// The rows this run ranked, shared with [`RANKED`].
    ranked: Arc<AtomicI64>,
    rows: i64,
    sizes: Sizes,
    /// How many of the best scores can be on the page.
    k: usize,
    avgdl: f64,
    idf: Vec<f64>,
    /// The current row's weighted hits per phrase.
    freq: Vec<f64>,
    weights: Vec<f64>,
    /// The best `k` scores so far, the worst of them on top.
    best: BinaryHeap<Reverse<Score>>,
    /// The last row scored and its value: a row scored twice counts once.
    last: Option<(i64, f64)>,
}

impl State {
    /// bm25's sum for a document of `tokens` tokens, in FTS5's order of
    /// operations (the same value to the bit).
    fn score(&self, tokens: f64) -> f64 {
        let mut score = 0.0;
        for (idf, f) in self.idf.iter().zip(&self.freq) {
            score += idf * ((f * (K1 + 1.0)) / (f + K1 * (1.0 - B + B * tokens / self.avgdl)));
        }
        score
    }

    /// The `k`-th best score, once there are `k`.
    fn kth(&self) -> Option<f64> {
        match self.k > 0 && self.best.len() >= self.k {
            true => self.best.peek().map(|s| s.0 .0),
            false => None,
        }
    }

    fn keep(&mut self, score: f64) {
        if self.best.len() < self.k {
            self.best.push(Reverse(Score(score)));
        } else if self.kth().is_some_and(|kth| score > kth) {
            self.best.pop();
            self.best.push(Reverse(Score(score)));
        }
    }
}

fn failure(rc: c_int, what: &str) -> rusqlite::Error {
    rusqlite::Error::SqliteFailure(ffi::Error::new(rc), Some(what.to_string()))
}

/// Adds [`NAME`] to `conn`'s FTS5, ranking the rows of the FTS5 table
/// `table`.
pub fn register(conn: &Connection, table: &str) -> rusqlite::Result<()> {
    let api = fts5_api(conn)?;
    let ranked = Arc::new(AtomicI64::new(0));
    let last = Arc::clone(&ranked);
    conn.create_scalar_function(
        RANKED,
        0,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DIRECTONLY,
        move |_| Ok(last.load(Relaxed)),
    )?;
    let registration = Box::into_raw(Box::new(Registration {
        // SAFETY: the handle is used only by the function, which SQLite
        // calls on this connection while it is open.
        db: unsafe { conn.handle() },
        table: table.to_string(),
        kept: RefCell::new(None),
        ranked,
    }));
    // SAFETY: `api` is the live connection's FTS5 API (non-null, checked);
    // the name is copied by FTS5; once the function is created FTS5 owns
    // the registration and frees it with `drop_registration`; if creation
    // fails it keeps nothing, and the registration is freed here.
    let rc = unsafe {
        match (*api).xCreateFunction {
            Some(create) => create(
                api,
                c"factdesk_rank".as_ptr(),
                registration.cast::<c_void>(),
                Some(rank),
                Some(drop_registration),
            ),
            None => ffi::SQLITE_MISUSE,
        }
    };
    if rc != ffi::SQLITE_OK {
        // SAFETY: not handed to FTS5 (see above), so freed once, here.
        drop(unsafe { Box::from_raw(registration) });
    }
    match rc {
        ffi::SQLITE_OK => Ok(()),
        rc => Err(failure(rc, "could not add the ranking function")),
    }
}

/// The connection's FTS5 API, asked for as SQLite documents it.
fn fts5_api(conn: &Connection) -> rusqlite::Result<*mut ffi::fts5_api> {
    let mut api: *mut ffi::fts5_api = std::ptr::null_mut();
    let mut stmt: *mut ffi::sqlite3_stmt = std::ptr::null_mut();
    // SAFETY: the handle is live for the borrow of `conn`; the statement is
    // finalized before returning, and FTS5 writes the API's address through
    // the pointer bound under the type name it checks.
    let rc = unsafe {
        let rc = ffi::sqlite3_prepare_v2(
            conn.handle(),
            c"SELECT fts5(?1)".as_ptr(),
            -1,
            &mut stmt,
            std::ptr::null_mut(),
        );
        if rc == ffi::SQLITE_OK {
            ffi::sqlite3_bind_pointer(
                stmt,
                1,
                (&mut api as *mut *mut ffi::fts5_api).cast::<c_void>(),
                c"fts5_api_ptr".as_ptr(),
                None,
            );
            ffi::sqlite3_step(stmt);
        }
        let done = ffi::sqlite3_finalize(stmt);
        if rc == ffi::SQLITE_OK {
            done
        } else {
            rc
        }
    };
    match (rc, api.is_null()) {
        (ffi::SQLITE_OK, false) => Ok(api),
        (ffi::SQLITE_OK, true) => Err(failure(ffi::SQLITE_ERROR, "this SQLite has no FTS5")),
        (rc, _) => Err(failure(rc, "could not reach FTS5")),
    }
}

/// The function FTS5 calls for each row.
unsafe extern "C" fn rank(
    api: *const ffi::Fts5ExtensionApi,
    fts: *mut ffi::Fts5Context,
    ctx: *mut ffi::sqlite3_context,
    n: c_int,
    args: *mut *mut ffi::sqlite3_value,
) {
    let args: &[*mut ffi::sqlite3_value] = match (n > 0, args.is_null()) {
        // SAFETY: SQLite passes `n` argument values.
        (true, false) => unsafe { std::slice::from_raw_parts(args, n as usize) },
        _ => &[],
    };
    // SAFETY: FTS5 passes its live API and context for this row.
    match unsafe { value(&*api, fts, args) } {
        Ok(v) => unsafe { ffi::sqlite3_result_double(ctx, v) },
        Err(rc) => unsafe { ffi::sqlite3_result_error_code(ctx, rc) },
    }
}

/// An FTS5 API entry, or misuse when this FTS5 lacks it.
macro_rules! call {
    ($api:expr, $f:ident, $($arg:expr),*) => {
        match $api.$f {
            Some(f) => f($($arg),*),
            None => return Err(ffi::SQLITE_MISUSE),
        }
    };
}

fn ok(rc: c_int) -> Result<(), c_int> {
    match rc {
        ffi::SQLITE_OK => Ok(()),
        rc => Err(rc),
    }
}

/// The current row's value (see the module's contract).
///
/// SAFETY: `api` and `fts` are FTS5's for the row being scored; `args` the
/// function's arguments after the table.
unsafe fn value(
    api: &ffi::Fts5ExtensionApi,
    fts: *mut ffi::Fts5Context,
    args: &[*mut ffi::sqlite3_value],
) -> Result<f64, c_int> {
    let state = unsafe { state(api, fts, args)? };
    let rowid = unsafe { call!(api, xRowid, fts) };
    if let Some((_, value)) = state.last.filter(|(last, _)| *last == rowid) {
        return Ok(value);
    }
    state.ranked.fetch_add(1, Relaxed);
    unsafe { hits(api, fts, state)? };
    let bound = state.score(0.0);
    let bounded = state.kth().is_some_and(|kth| bound < kth);
    if let Sizes::Seek(seeking) = &mut state.sizes {
        if seeking.visit(!bounded) {
            unsafe { read_sizes(api, fts, state)? };
        }
    }
    let value = match bounded {
        true => -bound,
        false => {
            let tokens = unsafe { tokens(api, fts, state, rowid)? };
            let score = state.score(tokens);
            state.keep(score);
            -score
        }
    };
    state.last = Some((rowid, value));
    Ok(value)
}

/// The current row's weighted hits per phrase, into `state.freq`: each
/// phrase's instances in FTS5's order (column, then offset), as bm25 adds
/// them up through `xInst`, but read from the phrase's own positions
/// without FTS5 first merging every phrase's into one list.
///
/// SAFETY: as [`value`].
unsafe fn hits(
    api: &ffi::Fts5ExtensionApi,
    fts: *mut ffi::Fts5Context,
    state: &mut State,
) -> Result<(), c_int> {
    for (phrase, f) in state.freq.iter_mut().enumerate() {
        *f = 0.0;
        let mut iter = ffi::Fts5PhraseIter {
            a: std::ptr::null(),
            b: std::ptr::null(),
        };
        let (mut column, mut offset): (c_int, c_int) = (0, 0);
        let phrase = c_int::try_from(phrase).map_err(|_| ffi::SQLITE_RANGE)?;
        ok(unsafe {
            call!(
                api,
                xPhraseFirst,
                fts,
                phrase,
                &mut iter,
                &mut column,
                &mut offset
            )
        })?;
        while let Ok(c) = usize::try_from(column) {
            *f += state.weights.get(c).copied().unwrap_or(1.0);
            unsafe { call!(api, xPhraseNext, fts, &mut iter, &mut column, &mut offset) };
        }
    }
    Ok(())
}

/// Reads every row's length at once, for the rest of the run; seeks to its
/// end if the size table cannot be read whole.
///
/// SAFETY: as [`value`].
unsafe fn read_sizes(
    api: &ffi::Fts5ExtensionApi,
    fts: *mut ffi::Fts5Context,
    state: &mut State,
) -> Result<(), c_int> {
    // SAFETY: the size table is read within this statement's read.
    let read = unsafe { registration(api, fts)? }.and_then(|r| unsafe {
        DocSizes::read(r.db, &r.table, state.rows).map(|sizes| {
            let sizes = Arc::new(sizes);
            *r.kept.borrow_mut() = Version::of(r.db).map(|v| (v, Arc::clone(&sizes)));
            sizes
        })
    });
    state.sizes = read.map_or(Sizes::SeekOnly, |sizes| Sizes::Read(sizes, 0));
    Ok(())
}

/// The current row's length in tokens, from the sizes read if they were,
/// else by FTS5's seek.
///
/// SAFETY: as [`value`].
unsafe fn tokens(
    api: &ffi::Fts5ExtensionApi,
    fts: *mut ffi::Fts5Context,
    state: &mut State,
    rowid: i64,
) -> Result<f64, c_int> {
    if let Sizes::Read(sizes, at) = &mut state.sizes {
        if let Some(tokens) = sizes.tokens(rowid, at) {
            return Ok(f64::from(tokens));
        }
    }
    let mut tokens: c_int = 0;
    ok(unsafe { call!(api, xColumnSize, fts, -1, &mut tokens) })?;
    Ok(f64::from(tokens))
}

/// The function's registration (its user data).
///
/// SAFETY: as [`value`]; the registration lives as long as the function.
unsafe fn registration<'a>(
    api: &ffi::Fts5ExtensionApi,
    fts: *mut ffi::Fts5Context,
) -> Result<Option<&'a Registration>, c_int> {
    let registration = unsafe { call!(api, xUserData, fts) }.cast::<Registration>();
    Ok(unsafe { registration.as_ref() })
}

unsafe extern "C" fn drop_registration(registration: *mut c_void) {
    // SAFETY: FTS5 hands back the box [`register`] gave it, once.
    drop(unsafe { Box::from_raw(registration.cast::<Registration>()) });
}

/// Counts a phrase's matching rows (FTS5's `xQueryPhrase` callback).
unsafe extern "C" fn count_row(
    _: *const ffi::Fts5ExtensionApi,
    _: *mut ffi::Fts5Context,
    rows: *mut c_void,
) -> c_int {
    // SAFETY: `rows` is the `i64` that [`state`] passes.
    unsafe { *rows.cast::<i64>() += 1 };
    ffi::SQLITE_OK
}

unsafe extern "C" fn drop_state(state: *mut c_void) {
    // SAFETY: FTS5 hands back the box [`state`] gave it, once.
    drop(unsafe { Box::from_raw(state.cast::<State>()) });
}

/// This statement run's state, made on its first row as bm25 makes its
/// own: the average document length and each phrase's idf.
///
/// SAFETY: as [`value`]; the state lives until FTS5 frees it, after the run.
unsafe fn state<'a>(
    api: &ffi::Fts5ExtensionApi,
    fts: *mut ffi::Fts5Context,
    args: &[*mut ffi::sqlite3_value],
) -> Result<&'a mut State, c_int> {
    let kept = unsafe { call!(api, xGetAuxdata, fts, 0) }.cast::<State>();
    if !kept.is_null() {
        return Ok(unsafe { &mut *kept });
    }
    let phrases = unsafe { call!(api, xPhraseCount, fts) };
    let (mut rows, mut tokens): (i64, i64) = (0, 0);
    ok(unsafe { call!(api, xRowCount, fts, &mut rows) })?;
    ok(unsafe { call!(api, xColumnTotalSize, fts, -1, &mut tokens) })?;
    let (mut idf, mut most) = (Vec::new(), 0);
    for i in 0..phrases {
        let mut hits: i64 = 0;
        ok(unsafe {
            call!(
                api,
                xQueryPhrase,
                fts,
                i,
                (&mut hits as *mut i64).cast::<c_void>(),
                Some(count_row)
            )
        })?;
        most = most.max(hits);
        // FTS5's idf: log((N - n + 0.5) / (n + 0.5)), at least 1e-6.
        let value = (((rows - hits) as f64 + 0.5) / (hits as f64 + 0.5)).ln();
        idf.push(if value <= 0.0 { 1e-6 } else { value });
    }
    let k = args
        .first()
        .map(|v| unsafe { ffi::sqlite3_value_int64(*v) })
        .and_then(|k| usize::try_from(k).ok())
        .unwrap_or(0);
    let weights = args
        .iter()
        .skip(1)
        .map(|v| unsafe { ffi::sqlite3_value_double(*v) })
        .collect();
    let registration = unsafe { registration(api, fts)? };
    let ranked = registration.map_or_else(|| Arc::new(AtomicI64::new(0)), |r| Arc::clone(&r.ranked));
    ranked.store(0, Relaxed);
    let kept = registration.and_then(|r| unsafe { r.kept(rows) });
    let state = Box::into_raw(Box::new(State {
        ranked,
        rows,
        sizes: kept.map_or(Sizes::Seek(Seeking::new(rows, most)), |sizes| {
            Sizes::Read(sizes, 0)
        }),
        k,
        avgdl: tokens as f64 / rows as f64,
        freq: vec![0.0; idf.len()],
        idf,
        weights,
        best: BinaryHeap::new(),
        last: None,
    }));
    // On failure FTS5 frees the state itself.
    ok(unsafe { call!(api, xSetAuxdata, fts, state.cast::<c_void>(), Some(drop_state)) })?;
    Ok(unsafe { &mut *state })
}

#[cfg(test)]
#[path = "ranking_tests.rs"]
mod tests;
