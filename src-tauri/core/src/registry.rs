//! The outlet registry in use: lookups and its CSV form.
//!
//! Contract: [`Registry::for_source`] finds the outlet a source belongs to —
//! by name or alias (ignoring case), else by its URL's host (`www.` and
//! subdomains of a listed domain match). [`parse_csv`] reads
//! `name,aliases,domains,lr,cp,notes` all or nothing, reporting every bad line
//! by number; [`to_csv`] writes the same form, so export then import is exact.
//! [`imported`] says what an import did, for the window and the CLI alike.

use crate::model::{Outlet, Source};
use std::collections::HashSet;

/// How outlet names are compared everywhere (registry lookups, the
/// single-outlet check, (a)/(b) labels, suggestions): spaces trimmed and
/// folded, letters lowercased (all scripts, not only ASCII).
pub fn outlet_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The header every registry CSV starts with.
pub const CSV_HEADER: [&str; 6] = ["name", "aliases", "domains", "lr", "cp", "notes"];

/// The outlets known to the editor, indexed by name, alias and domain: the
/// checks look up every source of a story, so a lookup must not scan.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Registry {
    outlets: Vec<Outlet>,
    /// Name and alias keys ([`outlet_key`]) → the first outlet listing them.
    by_key: std::collections::HashMap<String, usize>,
    /// Domains (lower case, without `www.`) → the first outlet listing them.
    by_domain: std::collections::HashMap<String, usize>,
}

pub(crate) fn host_of(url: &str) -> Option<String> {
    let url = crate::urls::check(url).ok()?;
    let host = url.host_str()?.to_ascii_lowercase();
    Some(host.strip_prefix("www.").unwrap_or(&host).to_string())
}

/// A domain as the registry keeps and looks it up: trimmed, lower case,
/// without a leading `www.`.
fn domain_key(domain: &str) -> String {
    let d = domain.trim().to_ascii_lowercase();
    d.strip_prefix("www.").map(str::to_string).unwrap_or(d)
}

/// `outlet` as the registry stores it: names and notes trimmed, empty
/// aliases and domains dropped, domains in lower case without `www.`.
pub fn tidy(outlet: &Outlet) -> Outlet {
    let list = |v: &[String], f: fn(&str) -> String| -> Vec<String> {
        v.iter().map(|x| f(x.trim())).filter(|x| !x.is_empty()).collect()
    };
    Outlet {
        name: outlet.name.split_whitespace().collect::<Vec<_>>().join(" "),
        aliases: list(&outlet.aliases, str::to_string),
        domains: list(&outlet.domains, domain_key),
        lr: outlet.lr,
        cp: outlet.cp,
        notes: outlet.notes.trim().to_string(),
    }
}

impl Registry {
    pub fn new(outlets: Vec<Outlet>) -> Registry {
        let mut by_key = std::collections::HashMap::new();
        let mut by_domain = std::collections::HashMap::new();
        // Names first, then aliases, so a name wins over another outlet's alias,
        // as when the registry was searched outlet by outlet.
        for (i, o) in outlets.iter().enumerate() {
            by_key.entry(outlet_key(&o.name)).or_insert(i);
        }
        for (i, o) in outlets.iter().enumerate() {
            for a in &o.aliases {
                by_key.entry(outlet_key(a)).or_insert(i);
            }
            for d in o.domains.iter().map(|d| domain_key(d)).filter(|d| !d.is_empty()) {
                by_domain.entry(d).or_insert(i);
            }
        }
        by_key.remove("");
        Registry {
            outlets,
            by_key,
            by_domain,
        }
    }

    pub fn outlets(&self) -> &[Outlet] {
        &self.outlets
    }

    /// The outlet with this name or alias, ignoring case and surrounding space.
    pub fn by_name(&self, name: &str) -> Option<&Outlet> {
        self.by_key.get(&outlet_key(name)).map(|&i| &self.outlets[i])
    }

    /// The outlet whose domains include this URL's host.
    pub fn by_url(&self, url: &str) -> Option<&Outlet> {
        // The host and each parent domain: news.bbc.co.uk, bbc.co.uk, co.uk, uk.
        let host = host_of(url)?;
        let mut candidates =
            std::iter::successors(Some(host.as_str()), |h| h.split_once('.').map(|(_, rest)| rest));
        candidates
            .find_map(|h| self.by_domain.get(h))
            .map(|&i| &self.outlets[i])
    }

    /// The outlet a source belongs to: by its outlet name, else its URL.
    pub fn for_source(&self, source: &Source) -> Option<&Outlet> {
        self.by_name(&source.outlet).or_else(|| self.by_url(&source.url))
    }
}

/// One bad line of a registry CSV.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvError {
    pub line: u64,
    pub message: String,
}

impl std::fmt::Display for CsvError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

fn split_list(s: &str) -> Vec<String> {
    s.split(';')
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect()
}

fn rating(field: &str, value: &str) -> Result<Option<u8>, String> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(None);
    }
    match v.parse::<u8>() {
        Ok(n @ 1..=5) => Ok(Some(n)),
        _ => Err(format!(
            "{field} must be empty or a whole number from 1 to 5, not {v:?}"
        )),
    }
}

/// Reads a registry CSV; any bad line fails the whole file.
pub fn parse_csv(text: &str) -> Result<Vec<Outlet>, Vec<CsvError>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(text.as_bytes());
    let header_ok = reader
        .headers()
        .map(|h| {
            h.iter()
                .map(|c| c.trim().trim_start_matches('\u{FEFF}').to_ascii_lowercase())
                .eq(CSV_HEADER)
        })
        .unwrap_or(false);
    if !header_ok {
        return Err(vec![CsvError {
            line: 1,
            message: format!("the header must be {}", CSV_HEADER.join(",")),
        }]);
    }
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let mut seen = HashSet::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                errors.push(CsvError {
                    line,
                    message: e.to_string(),
                });
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        let mut bad = |message: String| errors.push(CsvError { line, message });
        if record.len() != CSV_HEADER.len() {
            bad(format!(
                "expected {} fields, found {}",
                CSV_HEADER.len(),
                record.len()
            ));
            continue;
        }
        let name = record[0].trim().to_string();
        if name.is_empty() {
            bad("the outlet has no name".into());
            continue;
        }
        if !seen.insert(name.to_lowercase()) {
            bad(format!("{name:?} appears twice in the file"));
            continue;
        }
        let (lr, cp) = match (rating("lr", &record[3]), rating("cp", &record[4])) {
            (Ok(lr), Ok(cp)) => (lr, cp),
            (Err(e), _) | (_, Err(e)) => {
                bad(e);
                continue;
            }
        };
        out.push(Outlet {
            name,
            aliases: split_list(&record[1]),
            domains: split_list(&record[2])
                .into_iter()
                .map(|d| d.to_ascii_lowercase())
                .collect(),
            lr,
            cp,
            notes: record[5].trim().to_string(),
        });
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// The registry as CSV with [`CSV_HEADER`].
pub fn to_csv(outlets: &[Outlet]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let rating = |r: Option<u8>| r.map(|n| n.to_string()).unwrap_or_default();
    // Writing to a Vec cannot fail.
    let _ = w.write_record(CSV_HEADER);
    for o in outlets {
        let _ = w.write_record([
            o.name.as_str(),
            &o.aliases.join(";"),
            &o.domains.join(";"),
            &rating(o.lr),
            &rating(o.cp),
            o.notes.as_str(),
        ]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// What an editor reads after a registry CSV of `n` outlets went in.
pub fn imported(n: usize) -> String {
    format!(
        "Imported {}.",
        crate::list_words::counted(n as u64, "outlet", "outlets")
    )
}

/// What an editor reads after saving outlet `name`: added when it is new
/// (`previous` is none), else saved.
pub fn saved(previous: Option<&str>, name: &str) -> String {
    let name = crate::wording::one_line(name);
    match previous {
        None => format!("Added {name}."),
        Some(_) => format!("Saved {name}."),
    }
}

/// What an editor reads after deleting outlet `name`.
pub fn deleted(name: &str) -> String {
    format!("Deleted {}.", crate::wording::one_line(name))
}

/// What an editor reads after an undo put the registry back.
pub const RESTORED: &str = "Undone: the registry is as it was.";

/// What an editor reads after the registry was written to `path`.
pub fn exported(path: &std::path::Path) -> String {
    format!("Exported the registry to {}.", path.display())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_each_change_of_the_registry() {
        assert_eq!(saved(None, " Reuters "), "Added Reuters.");
        assert_eq!(saved(Some("Reuters"), "Reuters Wire"), "Saved Reuters Wire.");
        assert_eq!(deleted("TASS"), "Deleted TASS.");
        assert_eq!(
            exported(std::path::Path::new("/tmp/outlets.csv")),
            "Exported the registry to /tmp/outlets.csv."
        );
    }

    #[test]
    fn an_import_says_how_many_outlets() {
        assert_eq!(imported(1), "Imported 1 outlet.");
        assert_eq!(imported(1_250), "Imported 1,250 outlets.");
    }

    const CSV: &str = "name,aliases,domains,lr,cp,notes\n\
        BBC News,BBC;BBC World,bbc.co.uk;bbc.com,3,4,\"Public broadcaster, UK\"\n\
        RT International,RT,rt.com,,1,\n";

    #[test]
    fn parses_and_round_trips() {
        let outlets = parse_csv(CSV).unwrap();
        assert_eq!(outlets.len(), 2);
        assert_eq!(outlets[0].aliases, ["BBC", "BBC World"]);
        assert_eq!(outlets[0].domains, ["bbc.co.uk", "bbc.com"]);
        assert_eq!((outlets[0].lr, outlets[0].cp), (Some(3), Some(4)));
        assert_eq!(outlets[0].notes, "Public broadcaster, UK");
        assert_eq!(outlets[1].lr, None);
        assert_eq!(parse_csv(&to_csv(&outlets)).unwrap(), outlets);
    }

    #[test]
    fn reports_every_bad_line_and_keeps_nothing() {
        let text = "name,aliases,domains,lr,cp,notes\nGood,,,,,\n,,,1,1,\nBad,,,7,1,\nWorse,,,1,x,\nGood,,,,,\nShort,,\n";
        let errors = parse_csv(text).unwrap_err();
        let lines: Vec<u64> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![3, 4, 5, 6, 7]);
        assert!(
            errors[1]
                .message
                .contains("lr must be empty or a whole number from 1 to 5"),
            "{}",
            errors[1]
        );
        assert!(errors[3].message.contains("twice"));
        assert!(parse_csv("outlet,lr\nX,1\n").unwrap_err()[0]
            .message
            .contains("header"));
    }

    #[test]
    fn sources_match_by_name_alias_or_domain() {
        let reg = Registry::new(parse_csv(CSV).unwrap());
        let src = |outlet: &str, url: &str| Source {
            outlet: outlet.into(),
            url: url.into(),
            ..Source::default()
        };
        assert_eq!(
            reg.for_source(&src("bbc", "")).map(|o| o.name.as_str()),
            Some("BBC News")
        );
        assert_eq!(
            reg.for_source(&src("", "https://www.bbc.co.uk/news/1"))
                .map(|o| o.name.as_str()),
            Some("BBC News")
        );
        assert_eq!(
            reg.for_source(&src("?", "https://news.bbc.com/x"))
                .map(|o| o.name.as_str()),
            Some("BBC News")
        );
        assert_eq!(reg.for_source(&src("?", "https://notbbc.com/x")), None);
        assert_eq!(reg.for_source(&src("?", "https://rt.com.evil.org/x")), None);
        assert_eq!(reg.for_source(&src("RT", "")).and_then(|o| o.cp), Some(1));
    }
}
