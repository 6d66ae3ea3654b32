//! Publishing formats beyond the native ones: Markdown, standalone HTML and
//! IPTC ninjs. Each is a pure function of the story; see each module's contract.

pub mod html;
pub mod markdown;
pub mod ninjs;
