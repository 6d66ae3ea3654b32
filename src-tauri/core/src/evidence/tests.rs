use super::*;

const ARTICLE: &str = include_str!("../../tests/fixtures/source-article.txt");

fn looked_up(fact: &str, texts: &[&str]) -> Vec<Item> {
    let cited: Vec<Cited> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| Cited {
            number: i + 1,
            text: t,
            index: SourceIndex::cached(t),
        })
        .collect();
    check_fact(fact, &cited)
}

fn missing(fact: &str, texts: &[&str]) -> Vec<String> {
    looked_up(fact, texts)
        .into_iter()
        .filter(|i| !i.found)
        .map(|i| i.text)
        .collect()
}

#[test]
fn facts_true_to_the_article_are_supported() {
    for fact in [
        "North Korea delivered more than 1,000 containers of munitions to Russia.",
        "Russia's shell production this year is forecast at 2.5M.",
        "Moscow's forces fire 60 thousand rounds a day, Ukrainian statistics suggest.",
        "The containers moved from Najin to Dunay between September and October.",
        "Kim Jong Un met Vladimir Putin in Russia's far east.",
        "John Kirby called it furthering Russia's illegitimate war.",
    ] {
        assert_eq!(missing(fact, &[ARTICLE]), Vec::<String>::new(), "{fact}");
    }
}

#[test]
fn altered_facts_name_what_the_article_does_not_say() {
    assert_eq!(
        missing(
            "Russia's shell production is forecast at 3.5 million.",
            &[ARTICLE]
        ),
        vec!["3.5 million"]
    );
    assert_eq!(
        missing("The containers moved from Rason to Dunay.", &[ARTICLE]),
        vec!["Rason"]
    );
    assert_eq!(
        missing("The containers moved between March and April.", &[ARTICLE]),
        vec!["March", "April"]
    );
    assert_eq!(
        missing("Moscow's forces fire 6,000 rounds daily.", &[ARTICLE]),
        vec!["6,000"]
    );
}

#[test]
fn a_wrong_number_points_at_the_number_the_source_gives() {
    let items = looked_up(
        "Russia's shell production is forecast at 3.5 million.",
        &[ARTICLE],
    );
    let wrong = items.iter().find(|i| !i.found).expect("the altered number");
    assert_eq!(wrong.source, Some(1));
    assert_eq!(wrong.instead, vec!["2.5 million"]);
    assert!(wrong
        .passage
        .as_deref()
        .is_some_and(|p| p.contains("forecasted at a staggering 2.5 million")));
}

#[test]
fn any_cited_source_is_enough_and_its_number_is_named() {
    let other = "Officials in Seoul counted 17 ships at Najin on Monday.";
    let items = looked_up(
        "Seventeen ships were counted at Najin on Monday.",
        &[ARTICLE, other],
    );
    assert!(items.iter().all(|i| i.found), "{items:?}");
    let ships = items.iter().find(|i| i.kind == ClaimKind::Number).unwrap();
    assert_eq!(ships.source, Some(2));
    assert_eq!(ships.passage.as_deref(), Some(other));
}

#[test]
fn names_match_without_case_diacritics_possessives_or_first_names() {
    let source = "President ERDOĞAN'S office said Shoigu would visit.";
    assert_eq!(
        missing("Erdogan's office said Sergei Shoigu would visit.", &[source]),
        Vec::<String>::new()
    );
    assert_eq!(
        missing("Marchers gathered in March.", &["They met in Marchers Square."]),
        vec!["March"]
    );
}

#[test]
fn a_source_is_read_once_per_text() {
    let text = "A text read for the cache test, with 42 numbers in it.";
    let a = SourceIndex::cached(text);
    let copy = String::from(text);
    let b = SourceIndex::cached(&copy);
    assert!(Arc::ptr_eq(&a, &b));
}

#[test]
fn a_supporting_passage_is_cut_around_what_supports_the_claim() {
    let items = looked_up("Shell output is forecast at 2.5M, Russia says.", &[ARTICLE]);
    let number = items.iter().find(|i| i.kind == ClaimKind::Number).unwrap();
    let [before, it, after] = number.marked.clone().expect("marked");
    assert_eq!(it, "2.5 million");
    assert!(before.ends_with("forecasted at a staggering "), "{before}");
    assert_eq!(format!("{before}{it}{after}"), number.passage.clone().unwrap());
    let name = items.iter().find(|i| i.text == "Russia").unwrap();
    assert_eq!(name.marked.as_ref().map(|m| m[1].as_str()), Some("Russia"));
}
