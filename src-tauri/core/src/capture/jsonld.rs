//! What a page's schema.org JSON-LD says about its article.
//!
//! Contract: [`read`] looks through every `<script type="application/ld+json">`
//! text (an object, an array, or an `@graph`) for the first node whose
//! `@type` is an article type (`NewsArticle`, `Article`, `ReportageNewsArticle`,
//! `BlogPosting`, …) and takes its headline, authors' names, `datePublished`,
//! publisher's name and `url`. Malformed JSON is skipped, never an error.

use serde_json::Value;

/// The article facts JSON-LD gives (each may be missing).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LinkedData {
    pub headline: Option<String>,
    pub author: Option<String>,
    pub published: Option<String>,
    pub publisher: Option<String>,
    pub url: Option<String>,
}

const ARTICLE_TYPES: &[&str] = &[
    "Article",
    "NewsArticle",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "AskPublicNewsArticle",
    "LiveBlogPosting",
    "BlogPosting",
    "Report",
    "ScholarlyArticle",
];

fn is_article(node: &Value) -> bool {
    let named = |v: &Value| v.as_str().is_some_and(|t| ARTICLE_TYPES.contains(&t));
    match node.get("@type") {
        Some(Value::Array(types)) => types.iter().any(named),
        Some(t) => named(t),
        None => false,
    }
}

fn article(value: &Value) -> Option<&Value> {
    match value {
        Value::Array(items) => items.iter().find_map(article),
        Value::Object(map) if is_article(value) => Some(value).filter(|_| !map.is_empty()),
        Value::Object(map) => map.get("@graph").and_then(article),
        _ => None,
    }
}

fn text(v: &Value) -> Option<String> {
    let s = v.as_str()?.split_whitespace().collect::<Vec<_>>().join(" ");
    (!s.is_empty()).then_some(s)
}

/// A person's or organisation's name: a string, `{name}`, or a list of them.
fn names(v: &Value) -> Option<String> {
    let list: Vec<String> = match v {
        Value::Array(items) => items.iter().filter_map(names).collect(),
        Value::Object(o) => o.get("name").and_then(text).into_iter().collect(),
        other => text(other).into_iter().collect(),
    };
    (!list.is_empty()).then(|| list.join(", "))
}

/// The article node's facts, from the first script that has one.
pub fn read<'a>(scripts: impl IntoIterator<Item = &'a str>) -> LinkedData {
    for script in scripts {
        let Ok(value) = serde_json::from_str::<Value>(script.trim()) else {
            continue;
        };
        if let Some(node) = article(&value) {
            let url = node.get("url").and_then(text).or_else(|| {
                node.get("mainEntityOfPage")
                    .and_then(|m| m.get("@id").and_then(text).or_else(|| text(m)))
            });
            return LinkedData {
                headline: node.get("headline").or_else(|| node.get("name")).and_then(text),
                author: node.get("author").and_then(names),
                published: node.get("datePublished").and_then(text),
                publisher: node.get("publisher").and_then(names),
                url,
            };
        }
    }
    LinkedData::default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_article_node_is_found_in_a_graph_a_list_or_alone() {
        let graph = r#"{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Site"},
            {"@type":["NewsArticle"],"headline":" A  headline ","author":[{"name":"A One"},{"name":"B Two"}],
             "datePublished":"2025-01-02","publisher":{"@type":"Organization","name":"The Paper"},
             "mainEntityOfPage":{"@id":"https://paper.example/a"}}]}"#;
        let found = read(["not json", graph]);
        assert_eq!(found.headline.as_deref(), Some("A headline"));
        assert_eq!(found.author.as_deref(), Some("A One, B Two"));
        assert_eq!(found.publisher.as_deref(), Some("The Paper"));
        assert_eq!(found.url.as_deref(), Some("https://paper.example/a"));
        let list = r#"[{"@type":"BreadcrumbList"},{"@type":"Article","name":"N","author":"Solo"}]"#;
        assert_eq!(read([list]).author.as_deref(), Some("Solo"));
        assert_eq!(
            read([r#"{"@type":"Recipe","name":"Soup"}"#]),
            LinkedData::default()
        );
    }
}
