//! Every sentence a reader sees is written once: each kind (a prediction
//! with and without a probability and a forecaster, a withdrawal, a
//! correction, a narrative's lead, the image credit, an untitled story)
//! reads the same, word for word, in the canonical text, Markdown, HTML,
//! ninjs and the window's preview.

use factdesk_core::formats::Format;
use factdesk_core::layout::layout;
use factdesk_core::model::*;
use factdesk_core::numbering::Numbering;
use factdesk_core::{sample, wording};

/// A story with one of every sentence kind.
fn every_kind() -> Story {
    let mut s = sample::story(3, 2);
    s.image_credit = "Jane Doe / Agency".into();
    s.predictions = [
        (Some(40), "Metaculus"),
        (Some(15), ""),
        (None, "Polymarket"),
        (None, ""),
    ]
    .into_iter()
    .enumerate()
    .map(|(i, (probability, forecaster))| Prediction {
        id: PredictionId::new(),
        statement: format!("the talks resume in round {i}"),
        probability,
        forecaster: forecaster.into(),
    })
    .collect();
    let at: chrono::DateTime<chrono::Utc> = "2026-11-24T10:00:00Z".parse().unwrap();
    s.corrections = vec![Correction {
        edition: 2,
        published_at: at,
        note: "The date of the talks was corrected.".into(),
    }];
    s.withdrawal = Some(Withdrawal {
        at,
        reason: "The source retracted its report.".into(),
    });
    s
}

/// Every sentence of `s` a reader sees, as the wording writes it.
fn sentences(s: &Story) -> Vec<String> {
    let mut out = vec![wording::image_credit(&s.image_credit)];
    out.extend(s.predictions.iter().map(wording::prediction));
    out.extend(s.corrections.iter().map(|c| wording::correction(c).line()));
    out.extend(s.withdrawal.iter().map(|w| wording::withdrawal(w).line()));
    out.extend(s.narratives.iter().map(|n| wording::narrative(s, n).line()));
    out
}

fn markdown_text(md: &str) -> String {
    use pulldown_cmark::{Event, Options, Parser, TagEnd};
    Parser::new_ext(md, Options::ENABLE_FOOTNOTES)
        .map(|e| match e {
            Event::Text(t) => t.to_string(),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => "\n".to_string(),
            _ => String::new(),
        })
        .collect::<String>()
        .replace('\u{2060}', "")
}

fn html_text(html: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse("article li, article p, article h1, article h2").unwrap();
    doc.select(&selector)
        .map(|el| el.text().collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

fn ninjs_text(json: &str) -> String {
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    v["bodies"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["contentType"] == "text/plain")
        .map(|b| b["value"].as_str().unwrap().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

fn preview_text(s: &Story) -> String {
    let l = layout(s, &Numbering::of(s));
    let mut lines = vec![l.headline, l.image_credit];
    lines.extend(l.withdrawal);
    lines.extend(l.predictions);
    lines.extend(l.corrections);
    lines.extend(l.narratives.into_iter().map(|n| format!("{} {}", n.lead, n.text)));
    lines.join("\n")
}

/// The story as each reader's format shows it, as plain text.
fn rendered(s: &Story) -> Vec<(&'static str, String)> {
    vec![
        ("canonical text", Format::Itn.export(s)),
        ("Markdown", markdown_text(&Format::Md.export(s))),
        ("HTML", html_text(&Format::Html.export(s))),
        ("ninjs", ninjs_text(&Format::Ninjs.export(s))),
        ("preview", preview_text(s)),
    ]
}

#[test]
fn every_sentence_reads_the_same_in_every_format_and_the_preview() {
    let story = every_kind();
    let said = sentences(&story);
    assert_eq!(said.len(), 1 + 4 + 1 + 1 + story.narratives.len());
    for (format, text) in rendered(&story) {
        for sentence in &said {
            assert!(
                text.contains(sentence.as_str()),
                "{format} does not say {sentence:?}:\n{text}"
            );
        }
    }
    // The four predictions, as one rule writes them.
    assert_eq!(
        said[1],
        "There is a 40% chance that the talks resume in round 0, according to Metaculus."
    );
    assert_eq!(said[2], "There is a 15% chance that the talks resume in round 1.");
    assert_eq!(said[3], "the talks resume in round 2, according to Polymarket.");
    assert_eq!(said[4], "the talks resume in round 3");
}

#[test]
fn an_untitled_story_says_so_where_readers_see_it() {
    let mut story = every_kind();
    story.headline = "  ".into();
    for (format, text) in rendered(&story) {
        match format {
            // The canonical text and ninjs carry the headline as data.
            "canonical text" | "ninjs" => assert!(!text.contains(wording::UNTITLED), "{format}"),
            _ => assert!(
                text.contains(wording::UNTITLED),
                "{format} names no untitled story:\n{text}"
            ),
        }
    }
}
