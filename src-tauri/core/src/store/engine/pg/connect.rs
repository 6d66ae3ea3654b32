//! Connecting to a PostgreSQL server: the `postgres://` URL, the `PG*`
//! environment and `~/.pgpass` as libpq reads them, and TLS as `sslmode`
//! says.
//!
//! Contract: [`connect_client`] fills what the URL leaves out from the
//! environment and `~/.pgpass`; `prefer` (the default) uses TLS when the
//! server offers it, `verify-ca`/`verify-full` also check the certificate.
//! [`mask`] hides the password in every address a person or a log sees, and
//! [`remember_password`] moves a password out of a URL into `~/.pgpass`.

use crate::error::{Error, Result};

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
    crate::db_files::write_atomically(&file, format!("{}\n", lines.join("\n")).as_bytes())?;
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

pub(in crate::store) fn connect_client(url: &str) -> Result<postgres::Client> {
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
    let tls = match ssl {
        SslMode::Verify => {
            let pem = root_cert
                .map(|file| {
                    std::fs::read(&file).map_err(|e| Error::Io {
                        path: file.clone().into(),
                        source: e,
                    })
                })
                .transpose()?;
            super::tls::Connector::verifying(pem.as_deref())
        }
        // As libpq: below verify-ca, TLS encrypts but does not check who answers.
        _ => super::tls::Connector::encrypting(),
    }
    .map_err(|e| bad_url(url, format!("TLS cannot be set up: {e}")))?;
    config.connect(tls).map_err(named)
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
