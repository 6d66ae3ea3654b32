//! The paged story list on a real database, both backends: filters,
//! sorts, counts, keyset pages while stories come and go, and outlet
//! filters whichever way they are checked.

mod common;

use common::{Backend, Desk};
use factdesk_core::editions::Action;
use factdesk_core::model::{Narrative, NarrativeId, Stance, Status, Story};
use factdesk_core::sample;
use factdesk_core::store::search::{ListRequest, SortBy};
use factdesk_core::store::Store;

fn the_paged_list_filters_sorts_and_counts(backend: Backend) {
    let desk = Desk::new(backend);
    let mut store = desk.open();
    store.set_second_editor_approval(false).unwrap();
    let mut list: Vec<Story> = (0..25)
        .map(|i| {
            let mut s = sample::story(2, 2);
            s.headline = format!("Story {i:02}");
            s
        })
        .collect();
    list[7].narratives.push(Narrative {
        id: NarrativeId::new(),
        stance: Stance::ProEstablishment,
        outlet: "Rare Outlet".into(),
        text: "x".into(),
    });
    store.create_stories(&list).unwrap();
    store.transition(5, None, Action::Publish, "").unwrap();
    let page = |req: ListRequest| store.list_page(&req).unwrap();
    let total = |req: ListRequest| store.list_count(&req).unwrap();
    let first = page(ListRequest {
        limit: 10,
        ..Default::default()
    });
    assert_eq!((first.listing.stories.len(), first.more), (10, true));
    assert_eq!(total(ListRequest::default()), 25);
    assert_eq!(first.listing.stories[0].id, 5, "most recently updated first");
    let third = page(ListRequest {
        limit: 10,
        offset: 20,
        ..Default::default()
    });
    assert_eq!((third.listing.stories.len(), third.more), (5, false));
    let by_headline = page(ListRequest {
        limit: 3,
        sort: SortBy::Headline,
        ..Default::default()
    });
    let heads: Vec<&str> = by_headline
        .listing
        .stories
        .iter()
        .map(|s| s.headline.as_str())
        .collect();
    assert_eq!(heads, vec!["Story 00", "Story 01", "Story 02"]);
    let published = page(ListRequest {
        limit: 10,
        status: Some(Status::Published),
        ..Default::default()
    });
    assert_eq!(published.listing.stories[0].id, 5);
    let only_published = ListRequest {
        status: Some(Status::Published),
        ..Default::default()
    };
    assert_eq!(total(only_published), 1);
    let by_published = page(ListRequest {
        limit: 2,
        sort: SortBy::Published,
        ..Default::default()
    });
    assert_eq!(
        by_published.listing.stories[0].id, 5,
        "published first, drafts after"
    );
    let rare = page(ListRequest {
        limit: 10,
        outlet: Some("rare outlet".into()),
        ..Default::default()
    });
    assert_eq!(
        (
            rare.listing.stories.len(),
            rare.listing.stories[0].headline.as_str()
        ),
        (1, "Story 07")
    );
    let none = ListRequest {
        limit: 10,
        after: Some("2999-01-01".into()),
        ..Default::default()
    };
    assert_eq!(
        (page(none.clone()).listing.stories.len(), total(none.clone())),
        (0, 0)
    );
    // What the window shows under the list, or instead of it: the core's words.
    let line = |req: ListRequest| store.list_count_line(&req).unwrap().line;
    assert_eq!(line(ListRequest::default()), "25 stories");
    assert_eq!(line(none), "No story matches these filters.");
    let blank = ListRequest {
        outlet: Some("  ".into()),
        ..Default::default()
    };
    assert_eq!(line(blank), "25 stories", "a blank outlet filters nothing");
    let bad = store.list_page(&ListRequest {
        before: Some("soon".into()),
        limit: 5,
        ..Default::default()
    });
    assert!(bad.unwrap_err().to_string().contains("2026-11-01"));
    // Last published first, then the never published, newest id first, on
    // every page.
    store.transition(9, None, Action::Publish, "").unwrap();
    let ids = |offset| -> Vec<i64> {
        store
            .list_page(&ListRequest {
                limit: 3,
                offset,
                sort: SortBy::Published,
                ..Default::default()
            })
            .unwrap()
            .listing
            .stories
            .iter()
            .map(|s| s.id)
            .collect()
    };
    assert_eq!(ids(0), [9, 5, 25]);
    assert_eq!(ids(3), [24, 23, 22]);
}

fn published_with_a_draft_is_a_filter_of_its_own(backend: Backend) {
    let desk = Desk::new(backend);
    let mut store = desk.open();
    store.set_second_editor_approval(false).unwrap();
    for i in 0..3 {
        let mut s = sample::story(2, 2);
        s.headline = format!("Story {i:02}");
        store.create_story(&s).unwrap();
    }
    // Story 1 gains a draft beside its live edition; story 2 is published alone.
    store.transition(1, None, Action::Publish, "").unwrap();
    store.transition(2, None, Action::Publish, "").unwrap();
    let live = store.load_story(1).unwrap();
    let mut edit = live.story.clone();
    edit.headline = "Story 01, corrected".into();
    store.save_story(1, live.version, &edit).unwrap();
    let with_draft = ListRequest {
        status: Some(Status::Published),
        with_draft: true,
        limit: 10,
        ..Default::default()
    };
    let drafted = store.list_page(&with_draft).unwrap().listing.stories;
    assert_eq!(
        drafted
            .iter()
            .map(|s| (s.id, s.state_label.as_str()))
            .collect::<Vec<_>>(),
        vec![(1, "Published with a draft")]
    );
    assert_eq!(store.list_count(&with_draft).unwrap(), 1);
    let published = ListRequest {
        status: Some(Status::Published),
        ..Default::default()
    };
    assert_eq!(store.list_count(&published).unwrap(), 2, "published counts both");
    let labels: Vec<String> = factdesk_core::desk::Desk::story_states()
        .into_iter()
        .map(|o| o.label)
        .collect();
    assert_eq!(
        labels,
        [
            "Draft",
            "In review",
            "Approved",
            "Published",
            "Published with a draft",
            "Withdrawn"
        ],
        "the README's list"
    );
}

fn keyset_pages_list_each_story_once_while_stories_come_and_go(backend: Backend) {
    let desk = Desk::new(backend);
    let mut store = desk.open();
    store.set_second_editor_approval(false).unwrap();
    // Headlines in mixed case, some alike; a third published.
    let list: Vec<Story> = (0..40)
        .map(|i| {
            let mut s = sample::story(1, 1);
            s.headline = match i % 3 {
                0 => format!("story {:02}", i / 2),
                1 => format!("Story {:02}", i / 2),
                _ => format!("An update {i}"),
            };
            s
        })
        .collect();
    let ids = store.create_stories(&list).unwrap();
    for &id in ids.iter().step_by(3) {
        store.transition(id, None, Action::Publish, "").unwrap();
    }
    for sort in [SortBy::Updated, SortBy::Published, SortBy::Headline] {
        let all_before: Vec<i64> = listed(&store, sort);
        let (mut seen, mut added, mut deleted) = (Vec::new(), Vec::new(), Vec::new());
        let mut from = None;
        for round in 0.. {
            let page = store
                .list_page(&ListRequest {
                    limit: 6,
                    sort,
                    // An offset is not used with a cursor.
                    offset: if from.is_some() { 999 } else { 0 },
                    from: from.clone(),
                    ..Default::default()
                })
                .unwrap();
            seen.extend(page.listing.stories.iter().map(|s| s.id));
            if !page.more {
                assert_eq!(page.next, None);
                break;
            }
            from = page.next.clone();
            assert!(
                from.is_some(),
                "{sort:?}: a page with more after it says where it ends"
            );
            // Between pages: a story comes, one already seen goes, and one
            // not yet seen goes.
            let mut new = sample::story(1, 1);
            new.headline = format!("Zz new in round {round}");
            added.push(store.create_story(&new).unwrap().id);
            let gone = seen[round % seen.len()];
            if !deleted.contains(&gone) && store.delete_story(gone).is_ok() {
                deleted.push(gone);
            }
            if let Some(&ahead) = all_before
                .iter()
                .rev()
                .find(|id| !seen.contains(id) && !deleted.contains(id))
            {
                if store.delete_story(ahead).is_ok() {
                    deleted.push(ahead);
                }
            }
        }
        let mut unique = seen.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(
            unique.len(),
            seen.len(),
            "{sort:?}: a story listed twice: {seen:?}"
        );
        for id in &all_before {
            if !deleted.contains(id) {
                assert!(
                    seen.contains(id),
                    "{sort:?}: story {id} was never listed: {seen:?} of {all_before:?}, deleted {deleted:?}"
                );
            }
        }
        // Offset paging of the desk as it is now agrees with one keyset walk.
        let now = listed(&store, sort);
        let mut walked = Vec::new();
        let mut from = None;
        loop {
            let page = store
                .list_page(&ListRequest {
                    limit: 7,
                    sort,
                    from: from.clone(),
                    ..Default::default()
                })
                .unwrap();
            walked.extend(page.listing.stories.iter().map(|s| s.id));
            match page.next {
                Some(next) => from = Some(next),
                None => break,
            }
        }
        assert_eq!(walked, now, "{sort:?}");
        for id in added.into_iter().chain(deleted) {
            let _ = store.delete_story(id);
        }
    }
}

/// An outlet cited throughout the desk is checked story by story in the
/// sort's order, a rare one through the set of stories citing it: the list
/// is the same either way, under every sort and on keyset pages.
fn a_common_outlet_lists_as_a_rare_one_does(backend: Backend) {
    let desk = Desk::new(backend);
    let mut store = desk.open();
    store.set_second_editor_approval(false).unwrap();
    let mut list: Vec<Story> = (0..30)
        .map(|i| {
            let mut s = sample::story(1, 1);
            s.headline = format!("Story {:02}", (i * 7) % 30);
            s
        })
        .collect();
    // More rows than the list's probe reads: one story cites it everywhere.
    list[4] = sample::story(1, 1_001);
    list[4].headline = "Story cited everywhere".into();
    for source in &mut list[4].sources {
        source.outlet = "Wide Outlet".into();
    }
    let cite = |s: &mut Story, outlet: &str| {
        s.narratives.push(Narrative {
            id: NarrativeId::new(),
            stance: Stance::ProEstablishment,
            outlet: outlet.into(),
            text: "x".into(),
        })
    };
    for i in [0, 11, 12, 29] {
        cite(&mut list[i], "wide outlet");
    }
    for i in [3, 12] {
        cite(&mut list[i], "Narrow Outlet");
    }
    let made = store.create_stories(&list).unwrap();
    store.transition(made[11], None, Action::Publish, "").unwrap();
    for (outlet, cited) in [
        ("WIDE OUTLET", vec![0, 4, 11, 12, 29]),
        ("narrow outlet", vec![3, 12]),
    ] {
        let cited: Vec<i64> = cited.iter().map(|i| made[*i]).collect();
        for sort in [SortBy::Updated, SortBy::Published, SortBy::Headline] {
            let expected: Vec<i64> = listed(&store, sort)
                .into_iter()
                .filter(|id| cited.contains(id))
                .collect();
            let request = ListRequest {
                outlet: Some(outlet.into()),
                sort,
                limit: 2,
                ..Default::default()
            };
            let mut seen = Vec::new();
            let mut next = store.list_page(&request).unwrap();
            loop {
                seen.extend(next.listing.stories.iter().map(|s| s.id));
                let Some(from) = next.next.clone() else { break };
                next = store
                    .list_page(&ListRequest {
                        from: Some(from),
                        ..request.clone()
                    })
                    .unwrap();
            }
            assert_eq!(seen, expected, "{outlet} by {sort:?}");
            assert_eq!(store.list_count(&request).unwrap() as usize, expected.len());
        }
    }
}

/// A jump into the whole list (the window's scroll bar dragged) is read on
/// from the row before it in the sort's index: each page holds the rows an
/// offset into the whole list names, under every sort, with stories in the
/// trash and never published, and goes on from where it ends.
fn a_jump_into_the_list_holds_what_the_offset_names(backend: Backend) {
    let desk = Desk::new(backend);
    let mut store = desk.open();
    store.set_second_editor_approval(false).unwrap();
    let list: Vec<Story> = (0..30)
        .map(|i| {
            let mut s = sample::story(1, 1);
            s.headline = match i % 3 {
                0 => format!("b story {:02}", i / 2),
                1 => format!("B Story {:02}", i / 2),
                _ => format!("A note {i}"),
            };
            s
        })
        .collect();
    let ids = store.create_stories(&list).unwrap();
    for &id in ids.iter().step_by(4) {
        store.transition(id, None, Action::Publish, "").unwrap();
    }
    for &id in ids.iter().skip(1).step_by(6) {
        store.delete_story(id).unwrap();
    }
    for sort in [SortBy::Updated, SortBy::Published, SortBy::Headline] {
        let all = listed(&store, sort);
        assert_eq!(all.len(), 25, "{sort:?}: five stories in the trash");
        for offset in [1, 2, 6, 11, 19, 24, 25, 26, 40] {
            let page = store
                .list_page(&ListRequest {
                    limit: 6,
                    offset,
                    sort,
                    ..Default::default()
                })
                .unwrap();
            let got: Vec<i64> = page.listing.stories.iter().map(|s| s.id).collect();
            let at = (offset as usize).min(all.len());
            let end = (at + 6).min(all.len());
            assert_eq!(got, all[at..end], "{sort:?} from {offset}");
            assert_eq!(page.more, end < all.len(), "{sort:?} from {offset}");
            if let Some(next) = page.next {
                let rest = store
                    .list_page(&ListRequest {
                        limit: 100,
                        sort,
                        from: Some(next),
                        ..Default::default()
                    })
                    .unwrap();
                let rest: Vec<i64> = rest.listing.stories.iter().map(|s| s.id).collect();
                assert_eq!(rest, all[end..], "{sort:?}: on from {offset}");
            }
        }
    }
}

/// Every story in the list's `sort` order, by offset pages.
fn listed(store: &Store, sort: SortBy) -> Vec<i64> {
    let page = store
        .list_page(&ListRequest {
            limit: 1000,
            sort,
            ..Default::default()
        })
        .unwrap();
    page.listing.stories.iter().map(|s| s.id).collect()
}

both!(
    the_paged_list_filters_sorts_and_counts,
    published_with_a_draft_is_a_filter_of_its_own,
    keyset_pages_list_each_story_once_while_stories_come_and_go,
    a_common_outlet_lists_as_a_rare_one_does,
    a_jump_into_the_list_holds_what_the_offset_names,
);
