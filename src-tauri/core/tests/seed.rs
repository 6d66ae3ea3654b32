//! The real published story (a web page copy) imports as FORMAT.md describes.

use factdesk_core::checks;
use factdesk_core::formats::itn;
use factdesk_core::model::Stance;
use factdesk_core::numbering::Numbering;

const SEED: &str = include_str!("fixtures/published-story.txt");
const SEED_CANONICAL: &str = include_str!("fixtures/published-story.canonical.txt");

#[test]
fn the_web_page_copy_imports_as_the_published_story() {
    let story = itn::import(SEED).expect("seed imports");
    assert_eq!(
        story.headline,
        "US, Japan, S.Korea Condemn 'Confirmed' North Korean Weapons Shipments to Russia"
    );
    assert_eq!(story.image_credit, "Wikimedia Commons");
    assert_eq!(story.summary, "");
    let numbering = Numbering::of(&story);
    let cited: Vec<Vec<usize>> = story
        .facts
        .iter()
        .map(|f| {
            f.citations
                .iter()
                .map(|s| numbering.number(*s).unwrap())
                .collect()
        })
        .collect();
    assert_eq!(cited, vec![vec![1], vec![2], vec![2], vec![3], vec![4], vec![5]]);
    let outlets: Vec<&str> = story.sources.iter().map(|s| s.outlet.as_str()).collect();
    assert_eq!(
        outlets,
        ["The Guardian", "The Hill", "BBC News", "The Telegraph", "TASS"]
    );
    assert!(story.sources.iter().all(|s| s.url.is_empty()));
    assert!(story.facts[4].text.ends_with("more than 1.8K consumers in Netishyn and Slavuta. Kyiv has claimed to have destroyed all 11 Russian drones allegedly launched in the attacks."));
    assert!(story.facts[0].text.starts_with("Washington, Seoul ,and Tokyo"));
    let narratives: Vec<(Stance, &str)> = story
        .narratives
        .iter()
        .map(|n| (n.stance, n.outlet.as_str()))
        .collect();
    assert_eq!(
        narratives,
        [
            (Stance::EstablishmentCritical, "RT International"),
            (Stance::ProEstablishment, "Cumnock Chronicle")
        ]
    );
    assert!(story.narratives[0]
        .text
        .starts_with("In its desire to intervene militarily"));
    assert!(story.narratives[1]
        .text
        .ends_with("The West must bolster its military preparedness more than ever before."));
    assert!(story.predictions.is_empty());
}

#[test]
fn exporting_the_seed_gives_its_canonical_text() {
    let story = itn::import(SEED).unwrap();
    assert_eq!(itn::export(&story), SEED_CANONICAL);
    let again = itn::import(SEED_CANONICAL).unwrap();
    assert_eq!(itn::export(&again), SEED_CANONICAL);
}

#[test]
fn the_seed_is_blocked_only_by_its_missing_links() {
    let story = itn::import(SEED).unwrap();
    let errors: Vec<String> = checks::check(&story, &Default::default())
        .into_iter()
        .filter(|f| f.severity == checks::Severity::Error)
        .map(|f| f.code.to_string())
        .collect();
    assert_eq!(errors, vec!["source-url-missing"; 5]);
}
