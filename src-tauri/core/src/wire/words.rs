//! Every sentence an editor reads about the wire: feeds, pulls, events.
//!
//! Contract: one function per sentence; callers never word one themselves.

/// The outcome line of a feed pulled and read.
pub fn pulled(items: usize, added: usize) -> String {
    let s = if items == 1 { "" } else { "s" };
    format!("{items} item{s}, {added} new")
}

/// The outcome line of a feed the server said had not changed.
pub fn unchanged() -> String {
    "not changed since the last pull".into()
}

/// An event's size in the wire's list: "3 items · 2 outlets".
pub fn event_size(items: usize, outlets: usize) -> String {
    format!(
        "{} · {}",
        counted(items, "item", "items"),
        counted(outlets, "outlet", "outlets")
    )
}

/// The button that starts a story from the `chosen` items of an event.
pub fn start_from(chosen: usize) -> String {
    format!("Start a story from {}", counted(chosen, "item", "items"))
}

/// While the pages of the `chosen` items are captured.
pub fn capturing(chosen: usize) -> String {
    format!("Capturing {}…", counted(chosen, "page", "pages"))
}

/// While the desk's `feeds` feeds are pulled.
pub fn pulling(feeds: usize) -> String {
    format!("Pulling {}…", counted(feeds, "feed", "feeds"))
}

fn counted(n: usize, one: &str, many: &str) -> String {
    crate::list_words::counted(n as u64, one, many)
}

/// The outcome line of a feed that could not be pulled.
pub fn failed(why: &str) -> String {
    format!("failed: {why}")
}

/// Why a feed whose address answers 404 or 410 was not read.
pub fn feed_gone(status: u16) -> String {
    let reason = if status == 410 { "Gone" } else { "Not Found" };
    format!("the feed is no longer there ({status} {reason}); check the outlet's site for its new address")
}

pub fn not_a_feed_address(url: &str) -> String {
    format!(
        "{:?} is not a web address (http or https) a feed can be pulled from",
        url.trim()
    )
}

pub fn no_such_outlet(outlet: &str) -> String {
    format!(
        "the registry has no outlet named {:?}; add it in Outlets first, so its coverage can be rated",
        outlet.trim()
    )
}

pub fn feed_exists(url: &str, outlet: &str) -> String {
    format!("the feed {url} is already on the desk, under {outlet}")
}

pub fn no_such_feed(url: &str) -> String {
    format!("there is no feed {url} on the desk")
}

pub fn bad_keep_days(days: u32) -> String {
    format!(
        "the wire keeps items from 1 to {} days, not {days}",
        super::MAX_KEEP_DAYS
    )
}

pub fn no_such_event(id: &str, hours: u32) -> String {
    format!(
        "no event {id} on the wire of the last {hours} hours (it may have aged out; list the wire again, or give more --hours)"
    )
}

pub fn no_items_chosen() -> String {
    "choose at least one of the event's items to start a story from".into()
}

pub fn item_not_in_event(url: &str, id: &str) -> String {
    format!("{url} is not one of event {id}'s items")
}

/// Says why an item became a source without its text.
pub fn not_captured(why: &str) -> String {
    format!("added without its text ({why}); capture it later from the source")
}

/// The one line after a pull: how many feeds, how many new items.
pub fn pull_summary(feeds: usize, failed: usize, added: usize) -> String {
    let s = if feeds == 1 { "" } else { "s" };
    let failing = match failed {
        0 => String::new(),
        n => format!(" ({n} failed)"),
    };
    format!(
        "pulled {feeds} feed{s}{failing}: {added} new item{}",
        if added == 1 { "" } else { "s" }
    )
}

pub fn bad_hours(hours: u32) -> String {
    format!("the wire covers 1 to {} hours, not {hours}", super::MAX_HOURS)
}

pub fn bad_pull_minutes(minutes: u32, max: u32) -> String {
    format!("the wire is pulled every 0 (only when asked) to {max} minutes, not {minutes}")
}

pub fn feed_added(url: &str, outlet: &str) -> String {
    format!("added {url} under {outlet}")
}

/// One feed in a list: outlet, address, last pull.
pub fn feed_line(feed: &super::Feed) -> String {
    let last = match (&feed.pulled_at, &feed.outcome) {
        (Some(at), Some(outcome)) => format!("pulled {}: {outcome}", at.format("%Y-%m-%d %H:%M UTC")),
        _ => "never pulled".into(),
    };
    format!("{}\t{}\t{last}", feed.outlet, feed.url)
}

/// An event in a list: its id, time, coverage and blind spot, its title,
/// then one line per item.
pub fn event_lines(event: &super::Event) -> String {
    let n = event.items.len();
    let outlets = event.outlets.len();
    let spot = event.note.as_ref().map_or(String::new(), |n| format!("  {n}"));
    let cp: Vec<String> = event.lean.cp.iter().map(u32::to_string).collect();
    let mut lines = vec![format!(
        "{}  {}  {n} item{}, {outlets} outlet{}  CP 1-5: {}{spot}\n  {}",
        event.id,
        event.newest.format("%Y-%m-%d %H:%M UTC"),
        if n == 1 { "" } else { "s" },
        if outlets == 1 { "" } else { "s" },
        cp.join(" "),
        event.title
    )];
    for item in &event.items {
        lines.push(format!("    {}: {} <{}>", item.outlet, item.title, item.url));
    }
    lines.join("\n")
}

/// An event's blind spot, as the list and the Wire view mark it.
pub fn blindspot(side: super::Blindspot) -> String {
    let (only, other) = match side {
        super::Blindspot::CriticalOnly => ("establishment-critical", "pro-establishment"),
        super::Blindspot::ProOnly => ("pro-establishment", "establishment-critical"),
    };
    format!("Blind spot: covered only by {only} outlets; find a {other} source")
}

/// What the Wire view says when it has nothing to show.
pub fn wire_empty(feeds: usize, pulled: bool, hours: u32, filtered: bool) -> Option<String> {
    Some(match (feeds, pulled, filtered) {
        (0, _, _) => "No feeds yet: add an outlet's feed in the Outlets view, then pull the wire.".into(),
        (_, false, _) => "The feeds have not been pulled yet: pull the wire.".into(),
        (_, _, true) => "No event on the wire matches these filters.".into(),
        _ => format!("Nothing on the wire in the last {hours} hours."),
    })
}

/// Said when a draft was started from an event.
pub fn started(sources: usize, captured: usize) -> String {
    let s = if sources == 1 { "" } else { "s" };
    match sources - captured {
        0 if sources == 1 => "Started from the wire with 1 source, captured from its page.".into(),
        0 => format!("Started from the wire with {sources} sources, each captured from its page."),
        missing => format!(
            "Started from the wire with {sources} source{s}; {missing} could not be captured and {} only the outlet, title and address: capture {} from the source.",
            if missing == 1 { "has" } else { "have" },
            if missing == 1 { "it" } else { "them" }
        ),
    }
}
