//! A plain copy onto a server has the stories' tsvectors made beside it.
//!
//! Contract: [`make`] runs on a thread of its own with a second connection
//! to the target server (it writes nothing, so any login may): for each
//! part of search documents it receives, in order, it asks the server for
//! their tsvectors (`factdesk_search_doc`, the schema's one definition of
//! one) and hands the documents on with them as [`Step::Made`]; [`write`]
//! writes such a part in the copy's transaction by binary COPY, each
//! tsvector given as the server's own bytes. Only the tables' owner may give
//! one (schema 17's grants), and a plain copy onto a server runs as the
//! owner.
//!
//! Why: making the tsvectors is over half of a copy's server time (some
//! 5 s of one backend for 10,000 stories). Made on a second backend, they
//! cost the copy's own backend nothing but storing them, and the two
//! backends work at once.

use crate::error::{Error, Result};
use crate::model::StoryId;
use crate::search::Document;
use crate::store::engine::db::Db;
use crate::store::engine::pg::connect_client;
use crate::store::ops::copy_plain::Step;
use postgres_types::{to_sql_checked, FromSql, IsNull, ToSql, Type};
use std::sync::mpsc::Receiver;

/// A tsvector as the server sends and receives it in binary: made by the
/// server, handed back to it unread.
#[derive(Debug)]
pub struct Tsvector(Vec<u8>);

type BoxError = Box<dyn std::error::Error + Sync + Send>;

impl<'a> FromSql<'a> for Tsvector {
    fn from_sql(_: &Type, raw: &'a [u8]) -> std::result::Result<Self, BoxError> {
        Ok(Tsvector(raw.to_vec()))
    }

    fn accepts(ty: &Type) -> bool {
        *ty == Type::TS_VECTOR
    }
}

impl ToSql for Tsvector {
    fn to_sql(&self, _: &Type, out: &mut bytes::BytesMut) -> std::result::Result<IsNull, BoxError> {
        out.extend_from_slice(&self.0);
        Ok(IsNull::No)
    }

    fn accepts(ty: &Type) -> bool {
        *ty == Type::TS_VECTOR
    }

    to_sql_checked!();
}

/// Stories' search documents with their tsvectors, as [`write`] takes them.
pub type Made = Vec<(StoryId, Document, Tsvector)>;

/// The tsvectors of a part's documents, in the order given.
const MAKE: &str = "SELECT factdesk_search_doc(h, s, f, n, p, so, a)
      FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
           WITH ORDINALITY AS d(h, s, f, n, p, so, a, i)
     ORDER BY i";

/// Makes the tsvectors of every part `parts` yields on a connection of its
/// own to `url`, handing each part on to `send` as [`Step::Made`].
pub fn make(
    url: &str,
    parts: Receiver<Vec<(StoryId, Document)>>,
    send: &mut dyn FnMut(Step) -> Result<()>,
) -> Result<()> {
    let mut client = connect_client(url)?;
    let place = crate::store::engine::pg::mask(url);
    let named = |e: postgres::Error| Error::Pg(e).in_file(std::path::Path::new(&place));
    let statement = client.prepare(MAKE).map_err(named)?;
    for part in parts {
        let columns: Vec<Vec<&str>> = (0..crate::search::COLUMNS.len())
            .map(|c| part.iter().map(|(_, doc)| doc[c].as_str()).collect())
            .collect();
        let args: Vec<&(dyn ToSql + Sync)> = columns.iter().map(|c| c as &(dyn ToSql + Sync)).collect();
        let rows = client.query(&statement, &args).map_err(named)?;
        if rows.len() != part.len() {
            return Err(Error::Corrupt(format!(
                "{place}: {} search documents made of {}",
                rows.len(),
                part.len()
            )));
        }
        let vectors = rows
            .iter()
            .map(|r| r.try_get(0))
            .collect::<std::result::Result<Vec<Tsvector>, _>>();
        let made = part
            .into_iter()
            .zip(vectors.map_err(named)?)
            .map(|((id, doc), v)| (id, doc, v));
        send(Step::Made(made.collect()))?;
    }
    Ok(())
}

/// Writes `made` to the target's search index, tsvectors given.
pub fn write(dst: &Db, made: &Made) -> Result<()> {
    let mut types = vec![Type::INT8];
    types.extend(std::iter::repeat_n(Type::TEXT, crate::search::COLUMNS.len()));
    types.push(Type::TS_VECTOR);
    let rows: Vec<Vec<&(dyn ToSql + Sync)>> = made
        .iter()
        .map(|(id, doc, vector)| {
            let mut row: Vec<&(dyn ToSql + Sync)> = vec![id];
            row.extend(doc.iter().map(|text| text as &(dyn ToSql + Sync)));
            row.push(vector);
            row
        })
        .collect();
    dst.copy_binary(
        "story_search",
        "story_id, headline, summary, facts, narratives, predictions, sources, articles, doc",
        &types,
        &rows,
    )
}
