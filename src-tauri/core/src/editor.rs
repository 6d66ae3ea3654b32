//! Who is editing: the name every save and transition records.
//!
//! Contract: on a file desk [`resolve`] takes the name given explicitly
//! (the CLI's `--as`, the app's setting), else `FACTDESK_EDITOR`, else the
//! operating-system login; a name is one trimmed line, never empty. (On a
//! team database the editor is the database login; see `Store::set_editor`.)
//! [`same_person`] is the one comparison of two typed names: equal after
//! Unicode NFKC, case folding and the UTS #39 confusable skeleton, so
//! "anna", "ANNA" and "annа" (Cyrillic а) are one editor.

use unicode_normalization::UnicodeNormalization;

/// The environment variable naming the editor.
pub const EDITOR_ENV: &str = "FACTDESK_EDITOR";

/// The operating-system login, else "editor".
pub fn system_user() -> String {
    clean(&whoami::username()).unwrap_or_else(|| "editor".into())
}

/// What two names are compared by: NFKC, case-folded, whitespace
/// collapsed, then the confusable skeleton (UTS #39).
pub fn key(name: &str) -> String {
    let folded: String = name.nfkc().collect::<String>().to_lowercase();
    let one_line = folded.split_whitespace().collect::<Vec<_>>().join(" ");
    unicode_security::confusable_detection::skeleton(&one_line)
        .collect::<String>()
        .nfkc()
        .collect::<String>()
        .to_lowercase()
}

/// Whether two typed names name the same editor (never true of an empty name).
pub fn same_person(a: &str, b: &str) -> bool {
    let a = key(a);
    !a.is_empty() && a == key(b)
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

    #[test]
    fn look_alike_names_are_the_same_editor() {
        assert!(same_person("anna", "ANNA"));
        assert!(same_person("anna", "ann\u{0430}"), "Cyrillic a");
        assert!(
            same_person("Anna  Berg", "Ａｎｎａ Berg"),
            "fullwidth letters (NFKC)"
        );
        assert!(same_person("paypal", "p\u{0430}yp\u{0430}l"));
        assert!(!same_person("anna", "anne"));
        assert!(!same_person("", ""));
        assert!(!same_person("ben", "benn"));
    }
}
