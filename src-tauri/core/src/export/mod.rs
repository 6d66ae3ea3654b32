//! Publishing formats beyond the interchange ones: Markdown and standalone
//! HTML. Each is a pure function of the story; see each module's contract.

pub mod html;
pub mod markdown;
