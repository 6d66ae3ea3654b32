//! Who is editing: the name every save and transition records.
//!
//! Contract: [`resolve`] takes the name given explicitly (the CLI's `--as`,
//! the app's setting), else `FACTDESK_EDITOR`, else the system user's full
//! name (or login name); a name is one trimmed line, never empty.

/// The environment variable naming the editor.
pub const EDITOR_ENV: &str = "FACTDESK_EDITOR";

/// The system user: their full name when the system knows it, else the
/// login name, else "editor".
pub fn system_user() -> String {
    let real = whoami::realname();
    let name = if real.trim().is_empty() || real.trim() == "Unknown" {
        whoami::username()
    } else {
        real
    };
    clean(&name).unwrap_or_else(|| "editor".into())
}

fn clean(name: &str) -> Option<String> {
    let one_line = name.split_whitespace().collect::<Vec<_>>().join(" ");
    (!one_line.is_empty()).then_some(one_line)
}

/// The editor's name: `explicit`, else `FACTDESK_EDITOR`, else the system user.
pub fn resolve(explicit: Option<&str>) -> String {
    explicit
        .and_then(clean)
        .or_else(|| std::env::var(EDITOR_ENV).ok().as_deref().and_then(clean))
        .unwrap_or_else(system_user)
}

/// What a store records before anyone says otherwise.
pub fn default_name() -> String {
    resolve(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_one_trimmed_line_and_never_empty() {
        assert_eq!(resolve(Some("  Anna \n Berg ")), "Anna Berg");
        assert!(!resolve(Some("   ")).is_empty());
        assert!(!system_user().is_empty());
    }
}
