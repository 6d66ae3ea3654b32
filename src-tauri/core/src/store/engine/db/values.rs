//! The values that cross between Rust and either backend: an [`Arg`] sent
//! with a statement, a [`Row`] read back and the [`FromCell`] types its
//! columns become.
//!
//! Contract: an [`Arg`] is sent as the type the column expects (on
//! PostgreSQL an `i64` fills an `INTEGER`, `BIGINT` or `BOOLEAN` column);
//! [`Row::get`] reads a column as a Rust type, and a value of the wrong type
//! is [`Error::Corrupt`] naming the column, never a panic.

use crate::error::{Error, Result};
use postgres_types::{to_sql_checked, IsNull, ToSql as PgToSql, Type};
use std::borrow::Cow;

/// A value sent with a statement.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg<'a> {
    Null,
    Int(i64),
    Real(f64),
    Text(Cow<'a, str>),
    Blob(Cow<'a, [u8]>),
}

macro_rules! int_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg<'_> {
            fn from(v: $t) -> Self {
                Arg::Int(v as i64)
            }
        }
    )*};
}
int_arg!(i64, i32, u32, u16, u8, usize);

impl From<bool> for Arg<'_> {
    fn from(v: bool) -> Self {
        Arg::Int(v as i64)
    }
}

impl From<f64> for Arg<'_> {
    fn from(v: f64) -> Self {
        Arg::Real(v)
    }
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(v: &'a str) -> Self {
        Arg::Text(Cow::Borrowed(v))
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(v: &'a String) -> Self {
        Arg::Text(Cow::Borrowed(v.as_str()))
    }
}

impl<'a> From<&'a [u8]> for Arg<'a> {
    fn from(v: &'a [u8]) -> Self {
        Arg::Blob(Cow::Borrowed(v))
    }
}

impl From<Vec<u8>> for Arg<'_> {
    fn from(v: Vec<u8>) -> Self {
        Arg::Blob(Cow::Owned(v))
    }
}

impl From<String> for Arg<'_> {
    fn from(v: String) -> Self {
        Arg::Text(Cow::Owned(v))
    }
}

impl<'a, T: Into<Arg<'a>>> From<Option<T>> for Arg<'a> {
    fn from(v: Option<T>) -> Self {
        v.map_or(Arg::Null, Into::into)
    }
}

/// `args![a, b, c]`: the parameters of one statement, in order.
macro_rules! args {
    ($($x:expr),* $(,)?) => {
        &[$($crate::store::engine::db::Arg::from($x)),*][..]
    };
}
pub(crate) use args;

impl rusqlite::ToSql for Arg<'_> {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, Value, ValueRef};
        Ok(match self {
            Arg::Null => ToSqlOutput::Owned(Value::Null),
            Arg::Int(i) => ToSqlOutput::Owned(Value::Integer(*i)),
            Arg::Real(f) => ToSqlOutput::Owned(Value::Real(*f)),
            Arg::Text(s) => ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes())),
            Arg::Blob(b) => ToSqlOutput::Borrowed(ValueRef::Blob(b)),
        })
    }
}

type BoxError = Box<dyn std::error::Error + Sync + Send>;

impl Arg<'_> {
    /// The value as a field of PostgreSQL's COPY text format: `\N` for NULL,
    /// backslash, tab, newline and carriage return escaped, bytes as bytea
    /// hex (`\\x…`, its backslash escaped too).
    pub(super) fn copy_text(&self, out: &mut String) {
        use std::fmt::Write;
        match self {
            Arg::Null => out.push_str("\\N"),
            Arg::Int(i) => {
                let _ = write!(out, "{i}");
            }
            Arg::Real(r) => {
                let _ = write!(out, "{r:?}");
            }
            Arg::Text(t) => {
                for c in t.chars() {
                    match c {
                        '\\' => out.push_str("\\\\"),
                        '\t' => out.push_str("\\t"),
                        '\n' => out.push_str("\\n"),
                        '\r' => out.push_str("\\r"),
                        c => out.push(c),
                    }
                }
            }
            Arg::Blob(b) => {
                out.push_str("\\\\x");
                for byte in b.iter() {
                    let _ = write!(out, "{byte:02x}");
                }
            }
        }
    }
}

impl PgToSql for Arg<'_> {
    fn to_sql(&self, ty: &Type, out: &mut bytes::BytesMut) -> std::result::Result<IsNull, BoxError> {
        match self {
            Arg::Null => Ok(IsNull::Yes),
            Arg::Int(i) => match *ty {
                Type::INT8 => i.to_sql(ty, out),
                Type::INT4 => i32::try_from(*i)?.to_sql(ty, out),
                Type::INT2 => i16::try_from(*i)?.to_sql(ty, out),
                Type::BOOL => (*i != 0).to_sql(ty, out),
                Type::FLOAT8 => (*i as f64).to_sql(ty, out),
                Type::TEXT | Type::VARCHAR => i.to_string().as_str().to_sql(ty, out),
                _ => Err(format!("a number cannot be sent as {ty}").into()),
            },
            Arg::Real(f) => match *ty {
                Type::FLOAT8 => f.to_sql(ty, out),
                Type::FLOAT4 => (*f as f32).to_sql(ty, out),
                _ => Err(format!("a real number cannot be sent as {ty}").into()),
            },
            Arg::Text(s) => s.as_ref().to_sql(ty, out),
            Arg::Blob(b) => match *ty {
                Type::BYTEA => b.as_ref().to_sql(ty, out),
                _ => Err(format!("bytes cannot be sent as {ty}").into()),
            },
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    to_sql_checked!();
}

/// One row of a result, from either backend.
pub enum Row<'r> {
    Lite(&'r rusqlite::Row<'r>),
    Pg(&'r postgres::Row),
}

/// A value as read from a row, before it becomes a Rust type.
#[derive(Debug)]
pub enum Cell<'r> {
    Null,
    Int(i64),
    Real(f64),
    Text(&'r str),
    Blob(&'r [u8]),
}

impl Cell<'_> {
    fn kind(&self) -> &'static str {
        match self {
            Cell::Null => "NULL",
            Cell::Int(_) => "a number",
            Cell::Real(_) => "a real number",
            Cell::Text(_) => "text",
            Cell::Blob(_) => "bytes",
        }
    }
}

impl Row<'_> {
    /// Column `i` as a `T`; a value that cannot be one is [`Error::Corrupt`].
    pub fn get<T: FromCell>(&self, i: usize) -> Result<T> {
        let cell = self.cell(i)?;
        let kind = cell.kind();
        T::from_cell(cell).ok_or_else(|| Error::Corrupt(format!("column {i} holds {kind}, not {}", T::WHAT)))
    }

    fn cell(&self, i: usize) -> Result<Cell<'_>> {
        use rusqlite::types::ValueRef;
        match self {
            Row::Lite(r) => Ok(match r.get_ref(i)? {
                ValueRef::Null => Cell::Null,
                ValueRef::Integer(v) => Cell::Int(v),
                ValueRef::Real(v) => Cell::Real(v),
                ValueRef::Text(t) => Cell::Text(
                    std::str::from_utf8(t)
                        .map_err(|_| Error::Corrupt(format!("column {i} holds text that is not UTF-8")))?,
                ),
                ValueRef::Blob(b) => Cell::Blob(b),
            }),
            Row::Pg(r) => {
                let ty = r
                    .columns()
                    .get(i)
                    .map(|c| c.type_().clone())
                    .ok_or_else(|| Error::Corrupt(format!("no column {i}")))?;
                let cell = match ty {
                    Type::INT8 => r.try_get::<_, Option<i64>>(i)?.map(Cell::Int),
                    Type::INT4 => r.try_get::<_, Option<i32>>(i)?.map(|v| Cell::Int(v.into())),
                    Type::INT2 => r.try_get::<_, Option<i16>>(i)?.map(|v| Cell::Int(v.into())),
                    Type::BOOL => r.try_get::<_, Option<bool>>(i)?.map(|v| Cell::Int(v.into())),
                    Type::FLOAT8 => r.try_get::<_, Option<f64>>(i)?.map(Cell::Real),
                    Type::FLOAT4 => r.try_get::<_, Option<f32>>(i)?.map(|v| Cell::Real(v.into())),
                    Type::BYTEA => r.try_get::<_, Option<&[u8]>>(i)?.map(Cell::Blob),
                    _ => r.try_get::<_, Option<&str>>(i)?.map(Cell::Text),
                };
                Ok(cell.unwrap_or(Cell::Null))
            }
        }
    }
}

/// A Rust type a column can be read as.
pub trait FromCell: Sized {
    /// What the type is, for errors.
    const WHAT: &'static str;
    fn from_cell(c: Cell) -> Option<Self>;
}

macro_rules! int_cell {
    ($($t:ty),*) => {$(
        impl FromCell for $t {
            const WHAT: &'static str = "a whole number in range";
            fn from_cell(c: Cell) -> Option<Self> {
                match c {
                    Cell::Int(v) => <$t>::try_from(v).ok(),
                    _ => None,
                }
            }
        }
    )*};
}
int_cell!(i64, i32, u32, u16, u8, usize);

impl FromCell for bool {
    const WHAT: &'static str = "a yes/no value";
    fn from_cell(c: Cell) -> Option<Self> {
        match c {
            Cell::Int(v) => Some(v != 0),
            _ => None,
        }
    }
}

impl FromCell for f64 {
    const WHAT: &'static str = "a number";
    fn from_cell(c: Cell) -> Option<Self> {
        match c {
            Cell::Real(v) => Some(v),
            Cell::Int(v) => Some(v as f64),
            _ => None,
        }
    }
}

impl FromCell for String {
    const WHAT: &'static str = "text";
    fn from_cell(c: Cell) -> Option<Self> {
        match c {
            Cell::Text(t) => Some(t.to_string()),
            _ => None,
        }
    }
}

impl FromCell for Vec<u8> {
    const WHAT: &'static str = "bytes";
    fn from_cell(c: Cell) -> Option<Self> {
        match c {
            Cell::Blob(b) => Some(b.to_vec()),
            _ => None,
        }
    }
}

impl<T: FromCell> FromCell for Option<T> {
    const WHAT: &'static str = T::WHAT;
    fn from_cell(c: Cell) -> Option<Self> {
        match c {
            Cell::Null => Some(None),
            other => T::from_cell(other).map(Some),
        }
    }
}

impl FromCell for Arg<'static> {
    const WHAT: &'static str = "a value";
    fn from_cell(c: Cell) -> Option<Self> {
        Some(match c {
            Cell::Null => Arg::Null,
            Cell::Int(v) => Arg::Int(v),
            Cell::Real(v) => Arg::Real(v),
            Cell::Text(t) => Arg::Text(Cow::Owned(t.to_string())),
            Cell::Blob(b) => Arg::Blob(Cow::Owned(b.to_vec())),
        })
    }
}
