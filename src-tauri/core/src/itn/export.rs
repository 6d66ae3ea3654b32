//! Story → canonical plain text.

use super::*;
use crate::model::{Prediction, Story};
use crate::numbering::Numbering;

/// Canonical text holds one-line fields; a stray line break becomes a space.
pub(crate) fn one_line(s: &str) -> String {
    s.split(['\r', '\n'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

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

/// A prediction as FORMAT.md writes it (one line).
pub(crate) fn prediction_line(p: &Prediction) -> String {
    let statement = one_line(&p.statement);
    let forecaster = one_line(&p.forecaster);
    let according = if forecaster.is_empty() {
        String::new()
    } else {
        format!("{ACCORDING_TO}{forecaster}")
    };
    match p.probability {
        Some(pct) => format!("There is a {pct}% chance that {statement}{according}."),
        None if according.is_empty() => statement,
        None => format!("{statement}{according}."),
    }
}

/// The canonical plain text of `story`, ending in a newline.
pub fn export(story: &Story) -> String {
    let numbering = Numbering::of(story);
    let mut blocks: Vec<String> = vec![one_line(&story.headline)];
    let summary = one_line(&story.summary);
    if !summary.is_empty() {
        blocks.push(summary);
    }
    let credit = one_line(&story.image_credit);
    if !credit.is_empty() {
        blocks.push(format!("{IMAGE_CREDIT_PREFIX} {credit}"));
    }
    if let Some(w) = &story.withdrawal {
        blocks.push(format!(
            "{WITHDRAWN_PREFIX}{}: {}",
            w.at.format("%Y-%m-%d"),
            one_line(&w.reason)
        ));
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
                let url = one_line(&numbering.source(story, *id)?.url);
                (!url.is_empty()).then(|| format!("  {}. {url}", i + 1))
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
            .map(|n| {
                let label = story.side_label(n.stance);
                format!(
                    "{BULLET}{label}{AS_PROVIDED_BY}{}. {}",
                    one_line(&n.outlet),
                    one_line(&n.text)
                )
                .trim_end()
                .to_string()
            })
            .collect();
        blocks.push(format!("{NARRATIVES}\n\n{}", lines.join("\n")));
    }
    if !story.predictions.is_empty() {
        let lines: Vec<String> = story
            .predictions
            .iter()
            .map(|p| format!("{BULLET}{}", prediction_line(p)))
            .collect();
        blocks.push(format!("{PREDICTIONS}\n\n{}", lines.join("\n")));
    }
    if !story.corrections.is_empty() {
        let lines: Vec<String> = story
            .corrections
            .iter()
            .map(|c| {
                format!(
                    "{BULLET}{}: {}",
                    c.published_at.format("%Y-%m-%d"),
                    one_line(&c.note)
                )
            })
            .collect();
        blocks.push(format!("{CORRECTIONS}\n\n{}", lines.join("\n")));
    }
    let mut out = blocks.join("\n\n");
    out.push('\n');
    out
}
