//! Story → one standalone, print-friendly HTML file with schema.org JSON-LD.
//!
//! Contract: all story text goes through `html_escape` (text or attribute
//! context) and every field sits in its own `<bdi>` (its block `dir="auto"`),
//! so bidi controls or right-to-left text in one field can never reorder
//! another or the citation numbers; only http(s) source URLs, as
//! re-serialised by the `url` crate, become `href`s. The file makes no external requests (inline CSS, a CSP
//! that allows nothing else). The JSON-LD `NewsArticle` is serde_json output
//! with `<`, `>`, `&`, U+2028 and U+2029 written as `\u` escapes, so no text
//! can close its `<script>` element, and it parses back to the same strings.

use crate::model::Story;
use crate::numbering::Numbering;
use crate::urls;
use crate::wording;
use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};
use serde_json::json;

/// The registry's entry (see [`crate::formats`]).
pub const SPEC: crate::formats::Spec = crate::formats::Spec {
    name: "html",
    label: "HTML page",
    extension: "html",
    export,
    import: None,
};

const STYLE: &str = "body{font-family:Georgia,'Times New Roman',serif;max-width:42rem;margin:2rem auto;padding:0 1rem;line-height:1.55;color:#1d2430}\
h1{font-size:1.8rem;line-height:1.25}h2{font:600 .8rem system-ui,sans-serif;text-transform:uppercase;letter-spacing:.06em;color:#667085;margin-top:2rem}\
sup a{text-decoration:none}.credit{color:#667085;font-size:.9rem}li{margin:.4rem 0}a{color:#1d3557}\
@media print{body{margin:0;max-width:none}a{color:inherit}}";
/// Added only to a withdrawn story's page.
const WITHDRAWN_STYLE: &str = ".withdrawn{border:2px solid #b42318;padding:.5rem .75rem;color:#7a271a}";

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One field's text, escaped and isolated from its neighbours.
fn field(s: &str) -> String {
    format!("<bdi>{}</bdi>", text(&one_line(s)))
}

/// JSON for inside `<script>`: nothing in it can end the element.
fn script_safe_json(value: &serde_json::Value) -> String {
    let raw = serde_json::to_string_pretty(value).unwrap_or_else(|_| "{}".into());
    raw.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

fn json_ld(story: &Story, numbering: &Numbering) -> serde_json::Value {
    let citations: Vec<serde_json::Value> = numbering
        .order
        .iter()
        .filter_map(|id| numbering.source(story, *id))
        .map(|s| {
            let mut c = json!({ "@type": "CreativeWork", "publisher": { "@type": "Organization", "name": s.outlet } });
            if !s.title.trim().is_empty() {
                c["name"] = json!(s.title);
            }
            if let Ok(u) = urls::check(&s.url) {
                c["url"] = json!(u.as_str());
            }
            if let Some(d) = s.published_on {
                c["datePublished"] = json!(d.to_string());
            }
            c
        })
        .collect();
    let mut doc = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "inLanguage": story.language,
        "headline": story.headline,
        "dateCreated": story.created_at.to_rfc3339(),
        "dateModified": story.updated_at.to_rfc3339(),
        "citation": citations,
    });
    if let Some(p) = story.published_at {
        doc["datePublished"] = json!(p.to_rfc3339());
    }
    if story.edition > 1 {
        doc["version"] = json!(story.edition.to_string());
    }
    if !story.corrections.is_empty() {
        let corrections: Vec<serde_json::Value> = story
            .corrections
            .iter()
            .map(|c| json!({ "@type": "CorrectionComment", "text": c.note, "datePublished": c.published_at.to_rfc3339() }))
            .collect();
        doc["correction"] = json!(corrections);
    }
    if let Some(w) = &story.withdrawal {
        doc["creativeWorkStatus"] = json!("Withdrawn");
        doc["expires"] = json!(w.at.to_rfc3339());
    }
    if !story.summary.trim().is_empty() {
        doc["description"] = json!(story.summary);
    }
    if !story.image_credit.trim().is_empty() {
        doc["image"] = json!({ "@type": "ImageObject", "creditText": story.image_credit });
    }
    doc
}

/// The story as a standalone HTML document.
pub fn export(story: &Story) -> String {
    let numbering = Numbering::of(story);
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n\
         <style>{STYLE}{}</style>\n<script type=\"application/ld+json\">\n{}\n</script>\n</head>\n\
         <body>\n<article>\n{}</article>\n</body>\n</html>\n",
        text(&story.language),
        text(&wording::headline(story)),
        if story.withdrawal.is_some() { WITHDRAWN_STYLE } else { "" },
        script_safe_json(&json_ld(story, &numbering)),
        body(story, &numbering),
    )
}

/// The article's content as an HTML fragment (what goes inside `<article>`).
pub fn fragment(story: &Story) -> String {
    body(story, &Numbering::of(story))
}

/// A sentence with its lead in bold.
fn led(led: &wording::Led) -> String {
    match led.text.is_empty() {
        true => format!("<strong>{}</strong>", field(&led.lead)),
        false => format!("<strong>{}</strong> {}", field(&led.lead), field(&led.text)),
    }
}

fn body(story: &Story, numbering: &Numbering) -> String {
    let mut body = format!("<h1 dir=\"auto\">{}</h1>\n", field(&wording::headline(story)));
    if let Some(w) = &story.withdrawal {
        body += &format!(
            "<p class=\"withdrawn\" role=\"note\">{}</p>\n",
            led(&wording::withdrawal(w))
        );
    }
    if !story.summary.trim().is_empty() {
        body += &format!(
            "<p class=\"summary\" dir=\"auto\">{}</p>\n",
            field(&story.summary)
        );
    }
    let credit = wording::image_credit(&story.image_credit);
    if !credit.is_empty() {
        body += &format!("<p class=\"credit\">{}</p>\n", field(&credit));
    }
    body += &format!("<h2>{}</h2>\n<ul class=\"facts\">\n", wording::FACTS);
    for fact in &story.facts {
        let refs: Vec<String> = numbering
            .cited(fact)
            .iter()
            .map(|n| format!("<a href=\"#source-{n}\">{n}</a>"))
            .collect();
        let sup = if refs.is_empty() {
            String::new()
        } else {
            format!("<sup>{}</sup>", refs.join(","))
        };
        body += &format!("<li dir=\"auto\">{}{sup}</li>\n", field(&fact.text));
    }
    body += "</ul>\n";
    if !numbering.order.is_empty() {
        body += &format!("<h2>{}</h2>\n<ol class=\"sources\">\n", wording::SOURCES);
        for (i, id) in numbering.order.iter().enumerate() {
            let Some(source) = numbering.source(story, *id) else {
                continue;
            };
            let label = field(numbering.label(*id).unwrap_or_default());
            let named = match urls::check(&source.url) {
                Ok(u) => format!(
                    "<a href=\"{}\" rel=\"noopener noreferrer\">{label}</a>",
                    attr(u.as_str())
                ),
                Err(_) => label,
            };
            let title = if source.title.trim().is_empty() {
                String::new()
            } else {
                format!(": {}", field(&source.title))
            };
            body += &format!("<li id=\"source-{}\">{named}{title}</li>\n", i + 1);
        }
        body += "</ol>\n";
    }
    if !story.narratives.is_empty() {
        body += &format!("<h2>{}</h2>\n<ul class=\"narratives\">\n", wording::NARRATIVES);
        for n in &story.narratives {
            body += &format!("<li>{}</li>\n", led(&wording::narrative(story, n)));
        }
        body += "</ul>\n";
    }
    if !story.predictions.is_empty() {
        body += &format!("<h2>{}</h2>\n<ul class=\"predictions\">\n", wording::PREDICTIONS);
        for p in &story.predictions {
            body += &format!("<li>{}</li>\n", field(&wording::prediction(p)));
        }
        body += "</ul>\n";
    }
    if !story.corrections.is_empty() {
        body += &format!("<h2>{}</h2>\n<ul class=\"corrections\">\n", wording::CORRECTIONS);
        for c in &story.corrections {
            let line = wording::correction(c);
            body += &format!(
                "<li><time datetime=\"{}\">{}</time> {}</li>\n",
                c.published_at.to_rfc3339(),
                field(&line.lead),
                field(&line.text)
            );
        }
        body += "</ul>\n";
    }
    body
}
