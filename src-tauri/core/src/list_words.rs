//! What the story list and its search say about what they found: the count
//! under the list, the count under the hits, the lines shown instead of
//! rows when there are none, and the line naming stories that cannot be read.
//!
//! Contract: plain sentences, written once here; the window shows them as
//! they come (the list's count with [`crate::store::search::ListCount`], the
//! search's with [`crate::store::search::SearchPage::line`], a page's
//! unreadable stories with [`crate::store::search::ListPage::problem`]) and
//! words none of its own. Counts are written with thousands separators
//! ("12,345"); other counted or listing sentences (the trash's, the
//! registry's, the gate's, presence, the evidence check's) use [`counted`],
//! [`stories`] and [`and_listed`] from here.

/// `n` with a comma between each group of three digits.
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// `n` and what it counts, `one` or `many` of it: "1 warning", "12,345 warnings".
pub fn counted(n: u64, one: &str, many: &str) -> String {
    match n {
        1 => format!("1 {one}"),
        n => format!("{} {many}", grouped(n)),
    }
}

/// "1 story", "12,345 stories".
pub fn stories(n: u64) -> String {
    counted(n, "story", "stories")
}

/// "a", "a and b", "a, b and c".
pub fn and_listed<S: AsRef<str>>(items: &[S]) -> String {
    match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => {
            let rest: Vec<&str> = rest.iter().map(AsRef::as_ref).collect();
            format!("{} and {}", rest.join(", "), last.as_ref())
        }
        Some((last, _)) => last.as_ref().to_string(),
        None => String::new(),
    }
}

/// Under the list: how many stories it holds, or, when none, why it is
/// empty — nothing lets the `filtered` list's filters through, or the desk
/// has no story yet.
pub fn list_count(total: u64, filtered: bool) -> String {
    match (total, filtered) {
        (0, true) => "No story matches these filters.".into(),
        (0, false) => "No stories yet. Create one, or import a story file.".into(),
        (n, _) => stories(n),
    }
}

/// Under the hits of a search: how many of the matching stories are shown
/// (the first `shown`), or that none matches.
pub fn search_count(shown: usize, total: u64) -> String {
    match total {
        0 => "No story matches.".into(),
        _ => format!("{} of {}", grouped(shown as u64), stories(total)),
    }
}

/// When some stories of a page cannot be read: which, and what to do.
pub fn unreadable(stories: &[crate::store::Unreadable]) -> String {
    let named: Vec<String> = stories
        .iter()
        .map(|u| match u.id {
            Some(id) => format!("story {id}: {}", u.problem),
            None => u.problem.clone(),
        })
        .collect();
    format!(
        "{} cannot be read ({}). The others are listed; `factdesk doctor` tells more, and Backups… can restore an earlier state.",
        self::stories(stories.len() as u64),
        named.join("; ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unreadable_stories_are_named_with_what_to_do() {
        let one = crate::store::Unreadable {
            id: Some(7),
            problem: "unexpected timestamp \"yesterday\"".into(),
        };
        let rest = crate::store::Unreadable {
            id: None,
            problem: "the rest of the list: disk I/O error".into(),
        };
        assert_eq!(
            unreadable(std::slice::from_ref(&one)),
            "1 story cannot be read (story 7: unexpected timestamp \"yesterday\"). The others are listed; `factdesk doctor` tells more, and Backups… can restore an earlier state."
        );
        assert!(unreadable(&[one, rest]).starts_with(
            "2 stories cannot be read (story 7: unexpected timestamp \"yesterday\"; the rest of the list: disk I/O error)."
        ));
    }

    #[test]
    fn lists_join_with_commas_and_a_last_and() {
        assert_eq!(and_listed::<&str>(&[]), "");
        assert_eq!(and_listed(&["a"]), "a");
        assert_eq!(and_listed(&["a", "b"]), "a and b");
        assert_eq!(
            and_listed(&["a".to_string(), "b".into(), "c".into()]),
            "a, b and c"
        );
        assert_eq!(counted(1, "warning", "warnings"), "1 warning");
        assert_eq!(counted(0, "warning", "warnings"), "0 warnings");
        assert_eq!(counted(12_345, "warning", "warnings"), "12,345 warnings");
    }

    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1_000), "1,000");
        assert_eq!(grouped(12_345), "12,345");
        assert_eq!(grouped(100_000), "100,000");
        assert_eq!(grouped(1_234_567), "1,234,567");
    }

    #[test]
    fn the_list_says_how_many_or_why_it_is_empty() {
        assert_eq!(list_count(1, false), "1 story");
        assert_eq!(list_count(1, true), "1 story");
        assert_eq!(list_count(100_000, true), "100,000 stories");
        assert_eq!(list_count(0, true), "No story matches these filters.");
        assert_eq!(
            list_count(0, false),
            "No stories yet. Create one, or import a story file."
        );
    }

    #[test]
    fn a_search_says_how_many_of_how_many() {
        assert_eq!(search_count(0, 0), "No story matches.");
        assert_eq!(search_count(1, 1), "1 of 1 story");
        assert_eq!(search_count(50, 84_472), "50 of 84,472 stories");
        assert_eq!(search_count(1_050, 2_000), "1,050 of 2,000 stories");
    }
}
