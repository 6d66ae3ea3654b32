//! Story → canonical plain text.

use super::*;
use crate::model::Story;
use crate::numbering::Numbering;
use crate::wording;

/// What follows item `i` of `n` in a list written `a, b and c` (nothing
/// after the last).
pub(crate) fn list_separator(i: usize, n: usize) -> &'static str {
    if i + 1 >= n {
        ""
    } else if i + 2 == n {
        " and "
    } else {
        ", "
    }
}

/// `a`, `a and b`, `a, b and c`.
fn join_and(items: &[String]) -> String {
    items
        .iter()
        .enumerate()
        .map(|(i, item)| format!("{item}{}", list_separator(i, items.len())))
        .collect()
}

/// The canonical plain text of `story`, ending in a newline.
pub fn export(story: &Story) -> String {
    let numbering = Numbering::of(story);
    let mut blocks: Vec<String> = vec![one_line(&story.headline)];
    let summary = one_line(&story.summary);
    if !summary.is_empty() {
        blocks.push(summary);
    }
    let credit = wording::image_credit(&story.image_credit);
    if !credit.is_empty() {
        blocks.push(credit);
    }
    if let Some(w) = &story.withdrawal {
        blocks.push(wording::withdrawal(w).line());
    }
    blocks.push(FACTS.to_string());
    if !story.facts.is_empty() {
        let lines: Vec<String> = story
            .facts
            .iter()
            .map(|f| {
                let numbers: Vec<String> = numbering.cited(f).iter().map(|n| n.to_string()).collect();
                format!("{BULLET}{}{}", one_line(&f.text), numbers.join(","))
            })
            .collect();
        blocks.push(lines.join("\n"));
    }
    if !numbering.order.is_empty() {
        let items: Vec<String> = numbering
            .order
            .iter()
            .enumerate()
            .map(|(i, id)| format!("{}{}", i + 1, one_line(numbering.label(*id).unwrap_or(""))))
            .collect();
        blocks.push(format!("{SOURCES_PREFIX} {}.", join_and(&items)));
        let links: Vec<String> = numbering
            .order
            .iter()
            .enumerate()
            .filter_map(|(i, id)| {
                let source = numbering.source(story, *id)?;
                let url = one_line(&source.url);
                let captured = source.captured_at.as_ref().map(crate::wording::captured).unwrap_or_default();
                (!url.is_empty()).then(|| format!("  {}. {url}{captured}", i + 1))
            })
            .collect();
        if !links.is_empty() {
            blocks.push(format!("{LINKS}\n\n{}", links.join("\n")));
        }
    }
    if !story.narratives.is_empty() {
        let lines: Vec<String> = story
            .narratives
            .iter()
            .map(|n| format!("{BULLET}{}", wording::narrative(story, n).line()))
            .collect();
        blocks.push(format!("{NARRATIVES}\n\n{}", lines.join("\n")));
    }
    if !story.predictions.is_empty() {
        let lines: Vec<String> = story
            .predictions
            .iter()
            .map(|p| format!("{BULLET}{}", wording::prediction(p)))
            .collect();
        blocks.push(format!("{PREDICTIONS}\n\n{}", lines.join("\n")));
    }
    if !story.corrections.is_empty() {
        let lines: Vec<String> = story
            .corrections
            .iter()
            .map(|c| format!("{BULLET}{}", wording::correction(c).line()))
            .collect();
        blocks.push(format!("{CORRECTIONS}\n\n{}", lines.join("\n")));
    }
    let mut out = blocks.join("\n\n");
    out.push('\n');
    out
}
