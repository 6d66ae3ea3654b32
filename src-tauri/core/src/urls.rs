//! Source URL validation and canonicalisation.
//!
//! Contract: [`check`] says whether a URL is an absolute http(s) URL with a
//! host; [`canonical`] (or [`canonical_of`], for a URL already checked)
//! reduces a valid URL to the form two citations of the same article share (host lower-cased and default port dropped by the `url`
//! crate, fragment, trailing slash and tracking parameters removed), so that
//! duplicates can be found. Both are pure.

use url::Url;

/// Why a source URL cannot be published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlProblem {
    Empty,
    Unparsable(String),
    NotHttp(String),
}

/// Parses `raw` and accepts it only as an http(s) URL with a host.
pub fn check(raw: &str) -> Result<Url, UrlProblem> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(UrlProblem::Empty);
    }
    let url = Url::parse(raw).map_err(|e| UrlProblem::Unparsable(e.to_string()))?;
    match url.scheme() {
        "http" | "https" if url.host_str().is_some_and(|h| !h.is_empty()) => Ok(url),
        "http" | "https" => Err(UrlProblem::Unparsable("no host".into())),
        other => Err(UrlProblem::NotHttp(other.to_string())),
    }
}

fn is_tracking(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    key.starts_with("utm_")
        || matches!(
            key.as_str(),
            "fbclid" | "gclid" | "dclid" | "msclkid" | "mc_cid" | "mc_eid" | "igshid" | "yclid"
        )
}

/// The canonical form of a valid http(s) URL; `None` when it is not one.
pub fn canonical(raw: &str) -> Option<String> {
    check(raw).ok().map(canonical_of)
}

/// The canonical form of `url` as [`check`] gave it, for a caller that
/// checked the URL already and need not parse it again (the publish checks
/// and the review, on every keystroke's analysis).
pub fn canonical_of(mut url: Url) -> String {
    url.set_fragment(None);
    let kept: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(k, _)| !is_tracking(k))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    if kept.is_empty() {
        url.set_query(None);
    } else {
        url.query_pairs_mut().clear().extend_pairs(kept);
    }
    let path = url.path().trim_end_matches('/').to_string();
    url.set_path(&path);
    let mut out = url.to_string();
    if url.query().is_none() && out.ends_with('/') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_only_http_with_host() {
        assert!(check("https://example.com/a").is_ok());
        assert_eq!(check("  "), Err(UrlProblem::Empty));
        assert!(matches!(check("javascript:alert(1)"), Err(UrlProblem::NotHttp(s)) if s == "javascript"));
        assert!(matches!(check("ftp://x.org/f"), Err(UrlProblem::NotHttp(_))));
        assert!(matches!(check("example.com/a"), Err(UrlProblem::Unparsable(_))));
    }

    #[test]
    fn canonical_form_merges_trivial_variants() {
        let a = canonical("https://WWW.Example.com:443/news/story/?utm_source=x&id=3&fbclid=y#top");
        let b = canonical("https://www.example.com/news/story?id=3");
        assert_eq!(a, b);
        assert_eq!(
            canonical("http://example.com/").as_deref(),
            Some("http://example.com")
        );
        assert_ne!(
            canonical("https://example.com/a"),
            canonical("https://example.com/b")
        );
        assert_eq!(canonical("mailto:x@y.z"), None);
    }
}
