//! Search on a real database: the query language, diacritics, ranking, the
//! field a match is in, outlet filters, and an index always in step with
//! the stories (save, delete, restore, migration, a rebuild). The paged list
//! is `listing.rs`.

mod common;

use common::{Backend, Desk};
use factdesk_core::editions::Action;
use factdesk_core::model::{Narrative, NarrativeId, SaveKind, Stance, Story};
use factdesk_core::sample;
use factdesk_core::store::Store;
use factdesk_core::working::{FieldEdit, Working};

fn story(headline: &str, fact: &str, outlet: &str, article: &str) -> Story {
    let mut s = sample::story(2, 2);
    s.headline = headline.into();
    s.facts[1].text = fact.into();
    s.sources[1].outlet = outlet.into();
    s.sources[1].saved_text = article.into();
    s
}

fn desk(backend: Backend) -> (Desk, Store) {
    let desk = Desk::new(backend);
    let mut store = desk.open();
    store.set_second_editor_approval(false).unwrap();
    store
        .create_story(&story(
            "Shelling near the Zaporizhzhia plant",
            "Inspectors reported damage to a cooling pond.",
            "TASS",
            "The agency quoted officials in Energodar about the night's events.",
        ))
        .unwrap();
    store
        .create_story(&story(
            "Floods in São Paulo",
            "President Zelenskyy sent condolences.",
            "Folha",
            "Rain fell for three days.",
        ))
        .unwrap();
    store
        .create_story(&story(
            "Budget talks stall",
            "The Zaporizhzhia region was mentioned once in passing.",
            "Reuters",
            "Lawmakers met again on Friday.",
        ))
        .unwrap();
    (desk, store)
}

fn ids(store: &mut Store, q: &str) -> Vec<i64> {
    store.search(q, 20).unwrap().iter().map(|h| h.id).collect()
}

fn words_phrases_prefixes_exclusions_and_diacritics(backend: Backend) {
    let (_d, mut store) = desk(backend);
    assert_eq!(ids(&mut store, "sao paulo"), vec![2], "diacritics are folded");
    assert_eq!(ids(&mut store, "SÃO PAULO"), vec![2]);
    assert_eq!(ids(&mut store, "zelensky*"), vec![2], "a prefix finds Zelenskyy");
    assert_eq!(ids(&mut store, "\"cooling pond\""), vec![1]);
    assert!(
        ids(&mut store, "\"pond cooling\"").is_empty(),
        "a phrase keeps its order"
    );
    let both = ids(&mut store, "zaporizhzhia");
    assert_eq!(both.len(), 2);
    assert_eq!(ids(&mut store, "zaporizhzhia -budget"), vec![1]);
    // All words must match, anywhere in the story.
    assert_eq!(ids(&mut store, "tass energodar zaporizhzhia"), vec![1]);
    assert!(ids(&mut store, "tass floods").is_empty());
}

fn the_headline_ranks_first_and_the_field_is_named(backend: Backend) {
    let (_d, mut store) = desk(backend);
    let hits = store.search("zaporizhzhia", 20).unwrap();
    assert_eq!(hits[0].id, 1, "a headline match ranks above a fact match");
    assert_eq!(hits[0].field, "headline");
    assert_eq!(hits[1].field, "fact 2");
    let snippet: String = hits[1]
        .snippet
        .iter()
        .map(|p| {
            if p.hit {
                format!("[{}]", p.text)
            } else {
                p.text.clone()
            }
        })
        .collect();
    assert_eq!(
        snippet,
        "The [Zaporizhzhia] region was mentioned once in passing."
    );
    let article = store.search("energodar", 20).unwrap();
    assert_eq!(article[0].field, "source 2's article text");
    assert!(matches!(
        article[0].target,
        Some(factdesk_core::checks::Target::Source { .. })
    ));
}

fn filters_by_outlet_state_and_date(backend: Backend) {
    let (_d, mut store) = desk(backend);
    assert_eq!(ids(&mut store, "outlet:tass"), vec![1]);
    assert_eq!(ids(&mut store, "outlet:\"Folha\" zelenskyy"), vec![2]);
    store.transition(3, None, Action::Publish, "").unwrap();
    assert_eq!(ids(&mut store, "status:published"), vec![3]);
    assert_eq!(ids(&mut store, "zaporizhzhia status:draft"), vec![1]);
    let today = chrono::Utc::now().date_naive();
    let tomorrow = today.succ_opt().unwrap();
    assert_eq!(ids(&mut store, &format!("floods before:{tomorrow}")), vec![2]);
    assert!(ids(&mut store, &format!("floods after:{tomorrow}")).is_empty());
}

fn bad_queries_are_clear_and_injection_finds_nothing(backend: Backend) {
    let (_d, mut store) = desk(backend);
    let err = store.search("\"open", 10).unwrap_err();
    assert_eq!(err.code(), "bad-query");
    assert!(err.to_string().starts_with("search: a quote"), "{err}");
    for attack in [
        "\"; DROP TABLE stories; --",
        "x') OR 1=1 --",
        "headline:NEAR(a b)",
        "*\"*",
    ] {
        let result = store.search(attack, 10);
        assert!(
            result.as_ref().map_or(true, |h| h.is_empty()),
            "{attack}: {result:?}"
        );
    }
    assert_eq!(
        store.list_stories().unwrap().stories.len(),
        3,
        "nothing was dropped"
    );
    assert!(store.search("", 10).unwrap().is_empty());
}

fn the_index_follows_saves_deletes_and_restores(backend: Backend) {
    let (_d, mut store) = desk(backend);
    let before = store.load_story(2).unwrap();
    let mut edit = before.story.clone();
    edit.facts[1].text = "Volunteers from Porto Alegre helped.".into();
    store.save_story(2, before.version, &edit).unwrap();
    assert!(
        ids(&mut store, "zelenskyy").is_empty(),
        "the old text is gone from the index"
    );
    assert_eq!(ids(&mut store, "porto alegre"), vec![2]);
    store.restore_version(2, before.version, None).unwrap();
    assert_eq!(ids(&mut store, "zelenskyy"), vec![2]);
    assert!(ids(&mut store, "alegre").is_empty());

    // Typed saves leave the index to the editor's pause, which indexes the
    // last one's text.
    let now = store.load_story(2).unwrap();
    let mut working = Working::new(now.story.clone());
    let key = format!("fact:{}", now.story.facts[1].id.0);
    let mut version = now.version;
    for text in ["Ferries from Pelotas docked.", "Ferries from Rio Grande docked."] {
        working
            .edit(&[FieldEdit {
                key: key.clone(),
                value: text.into(),
            }])
            .unwrap();
        version = factdesk_core::desk::save_copy(&mut store, &mut working, 2, version, SaveKind::Edit)
            .unwrap()
            .version;
    }
    assert_eq!(
        ids(&mut store, "zelenskyy"),
        vec![2],
        "indexed at the pause, not per save"
    );
    assert_eq!(store.index_pending().unwrap(), 1);
    assert_eq!(ids(&mut store, "rio grande"), vec![2]);
    assert!(ids(&mut store, "pelotas").is_empty() && ids(&mut store, "zelenskyy").is_empty());
    assert_eq!(store.load_story(2).unwrap().version, version);
    store.delete_story(2).unwrap();
    assert!(ids(&mut store, "paulo").is_empty());
}

/// A window stopped before typing paused leaves its last text unindexed:
/// a store that only reads finds the text from before, the next store
/// opened for writing indexes it before anything else.
fn text_typed_and_never_indexed_is_indexed_by_the_next_writer(backend: Backend) {
    let (desk, mut store) = desk(backend);
    let now = store.load_for_editing(2).unwrap();
    let mut working = Working::new(now.story.clone());
    working
        .edit(&[FieldEdit {
            key: format!("fact:{}", now.story.facts[1].id.0),
            value: "Ferries from Pelotas docked.".into(),
        }])
        .unwrap();
    factdesk_core::desk::save_copy(&mut store, &mut working, 2, now.version, SaveKind::Edit).unwrap();
    drop(store);

    let mut reader = desk.open_read();
    assert!(ids(&mut reader, "pelotas").is_empty(), "a reader writes nothing");
    assert_eq!(ids(&mut reader, "zelenskyy"), vec![2]);
    drop(reader);

    let mut writer = desk.open();
    assert_eq!(ids(&mut writer, "pelotas"), vec![2]);
    assert!(ids(&mut writer, "zelenskyy").is_empty());
    assert_eq!(writer.index_pending().unwrap(), 0, "nothing is left waiting");
}

fn search_pages_go_past_the_first_fifty_and_count_them_all(backend: Backend) {
    let desk = Desk::new(backend);
    let mut store = desk.open();
    let list: Vec<Story> = (0..120)
        .map(|i| {
            let mut s = sample::story(2, 2);
            s.headline = match i % 7 {
                0 => format!("Quokka quokka census {i:03}"),
                _ => format!("Quokka census {i:03}"),
            };
            s
        })
        .collect();
    store.create_stories(&list).unwrap();
    let first = store.search_page("quokka", 0, 50).unwrap();
    assert_eq!((first.hits.len(), first.total), (50, 120));
    let third = store.search_page("quokka", 100, 50).unwrap();
    assert_eq!((third.hits.len(), third.total), (20, 120));
    // Past the last match the page is empty and still counts them all; a
    // phrase in some of them counts those.
    let past = store.search_page("quokka", 150, 50).unwrap();
    assert_eq!((past.hits.len(), past.total), (0, 120));
    let some = store.search_page("\"quokka quokka\"", 0, 5).unwrap();
    assert_eq!((some.hits.len(), some.total), (5, 18));
    // What the window shows under the hits: the core's words.
    assert_eq!(first.line, "50 of 120 stories");
    assert_eq!(third.line, "120 of 120 stories");
    assert_eq!(
        store.search_page("wombat", 0, 50).unwrap().line,
        "No story matches."
    );
    let mut alone: Vec<i64> = Vec::new();
    for offset in [0, 50, 100] {
        alone.extend(
            store
                .search_page("quokka", offset, 50)
                .unwrap()
                .hits
                .iter()
                .map(|h| h.id),
        );
    }
    let mut seen = alone.clone();
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(seen.len(), 120, "the pages together hold every match once");
    let filtered = store.search_page("status:draft", 110, 50).unwrap();
    assert_eq!((filtered.hits.len(), filtered.total), (10, 120));
    // Words with a filter are ranked and counted in one pass: the pages in
    // turn hold the plain search's order (the better ranked first, equal
    // ranks newest first), and every match is counted.
    let ranked: Vec<i64> = store
        .search("quokka status:draft", 500)
        .unwrap()
        .iter()
        .map(|h| h.id)
        .collect();
    let mut paged = Vec::new();
    for offset in [0, 50, 100] {
        let page = store.search_page("quokka status:draft", offset, 50).unwrap();
        assert_eq!(page.total, 120);
        paged.extend(page.hits.iter().map(|h| h.id));
    }
    assert_eq!(paged, ranked);
    // The words alone are ranked in the index without the stories: the
    // same order as the joined search's (every story here is a draft).
    assert_eq!(alone, ranked, "ranked in the index as joined to the stories");
    let first_fifty: Vec<i64> = store.search("quokka", 50).unwrap().iter().map(|h| h.id).collect();
    assert_eq!(first_fifty, ranked[..50]);
    let twice: Vec<i64> = paged[..18].to_vec();
    assert!(
        twice.windows(2).all(|w| w[0] > w[1]) && twice.iter().all(|id| (id - twice[17]) % 7 == 0),
        "the headlines with the word twice come first, newest first: {twice:?}"
    );
    assert_eq!(store.search_page("  ", 0, 50).unwrap().total, 0);
}

/// A search with an outlet filter checks its matches against the set of
/// stories citing the outlet when the words match many stories, and each
/// match's own rows when they match few: the hits are the same either way.
fn a_search_with_an_outlet_finds_the_same_for_common_and_rare_words(backend: Backend) {
    let desk = Desk::new(backend);
    let mut store = desk.open();
    let mut list: Vec<Story> = (0..1_100)
        .map(|i| {
            let mut s = sample::story(1, 1);
            s.headline = format!("Common story {i}{}", if i % 450 == 2 { " rare" } else { "" });
            s.sources[0].outlet = "Elsewhere".into();
            s
        })
        .collect();
    list[6] = sample::story(1, 1_001);
    list[6].headline = "Common story cited everywhere".into();
    for source in &mut list[6].sources {
        source.outlet = "Wide Outlet".into();
    }
    for i in [0, 2, 5, 902] {
        list[i].narratives.push(Narrative {
            id: NarrativeId::new(),
            stance: Stance::ProEstablishment,
            outlet: "wide outlet".into(),
            text: "x".into(),
        });
    }
    let made = store.create_stories(&list).unwrap();
    let found = |store: &mut Store, q: &str| {
        let page = store.search_page(q, 0, 50).unwrap();
        let mut ids: Vec<i64> = page.hits.iter().map(|h| h.id).collect();
        ids.sort_unstable();
        (ids, page.total)
    };
    let cited: Vec<i64> = [0, 2, 5, 6, 902].iter().map(|i| made[*i]).collect();
    assert_eq!(found(&mut store, "common outlet:\"Wide Outlet\""), (cited, 5));
    let rare: Vec<i64> = [2, 902].iter().map(|i| made[*i]).collect();
    assert_eq!(found(&mut store, "rare outlet:\"WIDE OUTLET\""), (rare, 2));
    assert_eq!(found(&mut store, "common outlet:nowhere"), (vec![], 0));
    // Ranked in the index with the outlet, in the joined search's order
    // (a state filter needs the stories; every story here is a draft).
    let order = |store: &mut Store, q: &str| -> Vec<i64> {
        store.search(q, 50).unwrap().iter().map(|h| h.id).collect()
    };
    let joined = order(&mut store, "common outlet:\"Wide Outlet\" status:draft");
    assert_eq!(joined.len(), 5);
    assert_eq!(order(&mut store, "common outlet:\"Wide Outlet\""), joined);
    let page: Vec<i64> = (store
        .search_page("common outlet:\"Wide Outlet\"", 0, 50)
        .unwrap()
        .hits)
        .iter()
        .map(|h| h.id)
        .collect();
    assert_eq!(page, joined);
}

/// The index is derived from the stories: written again from them, every
/// answer (hits, their order, fields, snippets and counts) stays the same,
/// and a story in the trash stays out.
fn a_search_answers_the_same_after_the_index_is_rebuilt(backend: Backend) {
    let desk = Desk::new(backend);
    let mut store = desk.open();
    let stories: Vec<Story> = (0..240).map(sample::desk_story).collect();
    let made = store.create_stories(&stories).unwrap();
    store.delete_story(made[3]).unwrap();
    let (words, places, outlets) = sample::desk_vocabulary();
    let mut queries = vec![
        "metaculus".to_string(),
        "kyiv".to_string(),
        "gan*".to_string(),
        format!("outlet:\"{}\"", outlets[0]),
        format!("{} -{}", words[0], words[1]),
        format!("\"{}\"", places[2].to_lowercase()),
        format!("{} status:draft", words[3]),
        stories[3].headline.clone(),
    ];
    queries.extend((0..8).map(|i| sample::tail_word(50 + i * 97)));
    let answers = |store: &mut Store| -> Vec<String> {
        queries
            .iter()
            .map(|q| format!("{q}: {:?}", store.search_page(q, 0, 30).unwrap()))
            .collect()
    };
    let before = answers(&mut store);
    assert!(before[0].contains("total: 239"), "{}", before[0]);
    assert_eq!(store.rebuild_search_index().unwrap(), 239);
    assert_eq!(answers(&mut store), before);
}

/// Words that match many stories with a common outlet are ranked with the
/// outlet's set in the index alone on a file: the pages hold the plain
/// search's order with the stories not citing the outlet left out, each
/// match once, and count them all, as the joined search does on a server.
fn an_outlet_keeps_the_words_order_across_pages(backend: Backend) {
    let desk = Desk::new(backend);
    let mut store = desk.open();
    let list: Vec<Story> = (0..1_200)
        .map(|i| {
            // 400 stories cite the outlet three times each: common enough
            // (1,000 rows) to be checked from the matches.
            let mut s = sample::story(1, 3);
            s.headline = match i % 5 {
                0 => format!("Common common story {i}"),
                _ => format!("Common story {i}"),
            };
            for source in &mut s.sources {
                source.outlet = if i % 3 == 0 { "Wide Outlet" } else { "Elsewhere" }.into();
            }
            s
        })
        .collect();
    store.create_stories(&list).unwrap();
    let plain: Vec<i64> = store
        .search("common", 500)
        .unwrap()
        .iter()
        .map(|h| h.id)
        .collect();
    let citing: std::collections::HashSet<i64> = store
        .search_page("outlet:\"Wide Outlet\"", 0, 500)
        .unwrap()
        .hits
        .iter()
        .map(|h| h.id)
        .collect();
    assert_eq!(citing.len(), 400);
    let mut paged = Vec::new();
    for offset in (0..450).step_by(50) {
        let page = store
            .search_page("common outlet:\"wide outlet\"", offset, 50)
            .unwrap();
        assert_eq!(page.total, 400);
        paged.extend(page.hits.iter().map(|h| h.id));
    }
    assert_eq!(paged.len(), 400);
    let expected: Vec<i64> = plain.iter().copied().filter(|id| citing.contains(id)).collect();
    assert_eq!(
        &paged[..expected.len()],
        &expected[..],
        "the first pages in the plain search's order"
    );
    let listed: Vec<i64> = store
        .search("common outlet:\"Wide Outlet\"", 120)
        .unwrap()
        .iter()
        .map(|h| h.id)
        .collect();
    assert_eq!(listed, paged[..120]);
    assert!(
        paged[..80].iter().all(|id| (id - paged[0]) % 15 == 0),
        "the headlines with the word twice first"
    );
}

both!(
    words_phrases_prefixes_exclusions_and_diacritics,
    the_headline_ranks_first_and_the_field_is_named,
    filters_by_outlet_state_and_date,
    bad_queries_are_clear_and_injection_finds_nothing,
    the_index_follows_saves_deletes_and_restores,
    text_typed_and_never_indexed_is_indexed_by_the_next_writer,
    search_pages_go_past_the_first_fifty_and_count_them_all,
    a_search_answers_the_same_after_the_index_is_rebuilt,
    a_search_with_an_outlet_finds_the_same_for_common_and_rare_words,
    an_outlet_keeps_the_words_order_across_pages,
);
