//! A page's bytes to text, in the page's own character set.
//!
//! Contract: [`decode`] picks the encoding as browsers do, in this order: a
//! byte-order mark, the `charset` of the HTTP `Content-Type`, a `<meta
//! charset>` (or `http-equiv` content type) in the first 4 KiB, else
//! Mozilla's `chardetng` guess from the bytes; it then decodes with
//! `encoding_rs` (malformed bytes become U+FFFD, never an error).

use encoding_rs::Encoding;
use regex::bytes::Regex;
use std::sync::LazyLock;

static META_CHARSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i-u)<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_.:-]+)"#).unwrap_or_else(|_| unreachable!())
});

/// The encoding a page's `<meta>` declares near its start.
fn declared(body: &[u8]) -> Option<&'static Encoding> {
    let head = &body[..body.len().min(4096)];
    let label = META_CHARSET.captures(head)?.get(1)?.as_bytes();
    // A page that claims UTF-16 in an ASCII-compatible meta is UTF-8 (WHATWG).
    Encoding::for_label(label).map(|e| e.output_encoding())
}

fn guessed(body: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(&body[..body.len().min(64 * 1024)], body.len() <= 64 * 1024);
    detector.guess(None, chardetng::Utf8Detection::Allow)
}

/// The encoding [`decode`] uses for `body`.
pub fn encoding_of(body: &[u8], header_charset: Option<&str>) -> &'static Encoding {
    if let Some((bom, _)) = Encoding::for_bom(body) {
        return bom;
    }
    header_charset
        .and_then(|c| Encoding::for_label(c.trim().as_bytes()))
        .or_else(|| declared(body))
        .unwrap_or_else(|| guessed(body))
}

/// `body` as text.
pub fn decode(body: &[u8], header_charset: Option<&str>) -> String {
    let (text, _, _) = encoding_of(body, header_charset).decode(body);
    text.into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_wins_over_the_meta_and_the_meta_over_a_guess() {
        let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode("<p>Москва сообщила</p>");
        let page = [b"<meta charset=\"windows-1251\">".as_slice(), &cp1251].concat();
        assert_eq!(
            decode(&page, None),
            "<meta charset=\"windows-1251\"><p>Москва сообщила</p>"
        );
        assert_eq!(encoding_of(&page, Some("koi8-r")), encoding_rs::KOI8_R);
        let (latin1, _, _) = encoding_rs::WINDOWS_1252.encode("<p>Zürich, São Paulo, café</p>");
        let page = [
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">".as_slice(),
            &latin1,
        ]
        .concat();
        assert!(decode(&page, None).ends_with("<p>Zürich, São Paulo, café</p>"));
    }

    #[test]
    fn a_bom_wins_and_undeclared_bytes_are_guessed() {
        assert_eq!(decode(b"\xEF\xBB\xBFcaf\xC3\xA9", Some("windows-1252")), "café");
        let (cp1251, _, _) = encoding_rs::WINDOWS_1251
            .encode("<p>Правительство объявило о новых мерах поддержки экономики и граждан страны.</p>");
        assert!(decode(&cp1251, None).contains("Правительство объявило"));
        assert_eq!(decode(b"caf\xFF", Some("utf-8")), "caf\u{FFFD}");
    }
}
