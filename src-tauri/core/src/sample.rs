//! Generated, publishable stories of any size, for tests and benchmarks.
//!
//! Contract: [`story`] returns a story that passes every publish check (with
//! [`registry`] as the outlet registry), with
//! `facts` facts citing `sources` sources round-robin (two of them sharing an
//! outlet, so the (a)/(b) labels are exercised when there are three or more).

use crate::model::{
    Fact, FactId, Narrative, NarrativeId, Outlet, Prediction, PredictionId, Source, SourceId, Stance, Story,
};
use crate::registry::Registry;

/// A registry rating every outlet [`story`] uses ("Outlet 0".."Outlet 99",
/// "Critical Outlet" CP 1, "Mainstream Outlet" CP 5, "Middle Outlet" CP 3).
pub fn registry() -> Registry {
    let rated = |name: String, lr, cp| Outlet {
        name,
        lr: Some(lr),
        cp: Some(cp),
        ..Outlet::default()
    };
    let mut outlets: Vec<Outlet> = (0..100)
        .map(|i| rated(format!("Outlet {i}"), 1 + (i % 5) as u8, 3))
        .collect();
    outlets.push(rated("Critical Outlet".into(), 2, 1));
    outlets.push(rated("Mainstream Outlet".into(), 3, 5));
    outlets.push(rated("Middle Outlet".into(), 3, 3));
    Registry::new(outlets)
}

/// A publishable story with `facts` facts and `sources` sources (both at least 1).
pub fn story(facts: usize, sources: usize) -> Story {
    let sources = sources.max(1);
    let facts = facts.max(sources);
    let mut s = Story::new(format!("Sample story with {facts} facts and {sources} sources"));
    s.summary = "A generated story used to exercise Factdesk.".into();
    s.image_credit = "Wikimedia Commons".into();
    s.sources = (0..sources)
        .map(|i| Source {
            id: SourceId::new(),
            outlet: if i == 2 {
                "Outlet 0".into()
            } else {
                format!("Outlet {i}")
            },
            url: format!("https://news{i}.example.org/2024/11/story-{i}"),
            title: format!("Report number {i}"),
            published_on: chrono::NaiveDate::from_ymd_opt(2024, 11, 1 + (i % 28) as u32),
            saved_text: format!("Officials said on Tuesday that report {i} was accurate in every detail."),
            captured_at: None,
        })
        .collect();
    s.facts = (0..facts)
        .map(|i| Fact {
            id: FactId::new(),
            text: format!("Fact number {i} states something verifiable about the day's events, including 1.8K people and the year 2024."),
            citations: vec![s.sources[i % sources].id],
        })
        .collect();
    // Each source's saved text says what the facts citing it state, so the
    // evidence check finds every number, name and date.
    for (j, source) in s.sources.iter_mut().enumerate() {
        for fact in s.facts.iter().skip(j).step_by(sources) {
            source.saved_text.push(' ');
            source.saved_text.push_str(&fact.text);
        }
    }
    s.narratives = vec![
        Narrative {
            id: NarrativeId::new(),
            stance: Stance::EstablishmentCritical,
            outlet: "Critical Outlet".into(),
            text: "The official account leaves much unexplained.".into(),
        },
        Narrative {
            id: NarrativeId::new(),
            stance: Stance::ProEstablishment,
            outlet: "Mainstream Outlet".into(),
            text: "The authorities acted swiftly and correctly.".into(),
        },
    ];
    s.predictions = vec![Prediction {
        id: PredictionId::new(),
        statement: "the matter will be settled by 2026".into(),
        probability: Some(40),
        forecaster: "the Metaculus prediction community".into(),
    }];
    s
}

/// Places, people, outlets and words for generated desks: varied enough that
/// searching them behaves as it would on real stories.
const PLACES: &[&str] = &[
    "Kyiv",
    "Zaporizhzhia",
    "Odesa",
    "Kherson",
    "Moscow",
    "Seoul",
    "Pyongyang",
    "Tokyo",
    "Beijing",
    "Taipei",
    "Gaza",
    "Jerusalem",
    "Tehran",
    "Damascus",
    "Ankara",
    "Brussels",
    "Berlin",
    "Paris",
    "London",
    "Washington",
    "São Paulo",
    "Bogotá",
    "Mexico City",
    "Lagos",
    "Nairobi",
    "Addis Ababa",
    "Khartoum",
    "Delhi",
    "Dhaka",
    "Jakarta",
];
const PEOPLE: &[&str] = &[
    "Zelenskyy",
    "Putin",
    "Xi",
    "Kim",
    "Yoon",
    "Erdoğan",
    "Macron",
    "Scholz",
    "Sunak",
    "Biden",
    "Lula",
    "Milei",
    "Modi",
    "Netanyahu",
    "Grossi",
    "Guterres",
    "Peskov",
    "Kirby",
    "Blinken",
    "Lavrov",
];
const OUTLETS: &[&str] = &[
    "Reuters",
    "AP",
    "AFP",
    "BBC News",
    "The Guardian",
    "The Hill",
    "TASS",
    "RT",
    "Al Jazeera",
    "Xinhua",
    "Kyiv Independent",
    "Yonhap",
    "NHK",
    "Le Monde",
    "Der Spiegel",
    "Folha",
    "El País",
    "The Times of Israel",
    "Haaretz",
    "Politico",
    "Fox News",
    "CNN",
    "Bloomberg",
    "Financial Times",
    "Meduza",
];
const WORDS: &[&str] = &[
    "ceasefire",
    "shelling",
    "drone",
    "missile",
    "sanctions",
    "election",
    "ballot",
    "parliament",
    "budget",
    "inflation",
    "tariff",
    "pipeline",
    "grain",
    "corridor",
    "reactor",
    "inspectors",
    "refugees",
    "convoy",
    "protest",
    "verdict",
    "summit",
    "negotiators",
    "blackout",
    "evacuation",
    "embargo",
    "satellite",
    "cyberattack",
    "earthquake",
    "floods",
    "wildfire",
    "drought",
    "harvest",
    "strike",
    "coalition",
    "referendum",
    "indictment",
    "espionage",
    "border",
    "checkpoint",
    "humanitarian",
    "ministry",
    "spokesman",
];

/// How many words the long tail has.
const TAIL: usize = 20_000;
const SYLLABLES: &[&str] = &[
    "ka", "lo", "ri", "ven", "dor", "mi", "sal", "tu", "ber", "gan", "el", "os", "ti", "ran", "mo", "pe",
    "lu", "nar", "ze", "vo",
];

/// Word number `n` of the long tail: three or four syllables, always the same.
pub fn tail_word(n: usize) -> String {
    let k = SYLLABLES.len();
    let mut word: String = [n % k, (n / k) % k, (n / k / k) % k]
        .iter()
        .map(|i| SYLLABLES[*i])
        .collect();
    if n >= k * k * k {
        word.push_str(SYLLABLES[(n / k / k / k) % k]);
    }
    word
}

/// A small deterministic generator (SplitMix64), so desks are the same every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[(self.next() % list.len() as u64) as usize]
    }

    /// A word of the desk's long tail: a few are common, most are rare, as
    /// in real text (index drawn from a skewed distribution).
    fn rare(&mut self) -> String {
        let u = (self.next() % 1_000_000) as f64 / 1_000_000.0;
        tail_word((u * u * u * TAIL as f64) as usize)
    }

    /// A sentence about `topic` (the story's few people, places and
    /// subjects), with words of the long tail.
    fn sentence(&mut self, topic: &Topic) -> String {
        format!(
            "{} said the {} {} near {} was discussed with {} after the {} {}.",
            topic.people[(self.next() % 2) as usize],
            self.rare(),
            topic.words[(self.next() % 3) as usize],
            topic.places[(self.next() % 2) as usize],
            self.pick(OUTLETS),
            self.rare(),
            topic.words[(self.next() % 3) as usize]
        )
    }
}

/// What one generated story is about: two people, two places, three subjects.
struct Topic {
    people: [&'static str; 2],
    places: [&'static str; 2],
    words: [&'static str; 3],
}

impl Topic {
    fn new(rng: &mut Rng) -> Topic {
        Topic {
            people: [rng.pick(PEOPLE), rng.pick(PEOPLE)],
            places: [rng.pick(PLACES), rng.pick(PLACES)],
            words: [rng.pick(WORDS), rng.pick(WORDS), rng.pick(WORDS)],
        }
    }
}

/// Story number `i` of a generated desk: 5 to 40 facts, a third as many
/// sources from well-known outlets, article text on a tenth of them, two
/// narratives and a prediction. Each story is about a few people, places
/// and subjects of a news vocabulary (so each of those is in a few per cent
/// of the desk, as in real news), with words of a long tail where most are
/// rare. The same `i` always gives the same text.
pub fn desk_story(i: usize) -> Story {
    let mut rng = Rng(i as u64 * 0x1000_0001 + 7);
    let topic = Topic::new(&mut rng);
    let facts = 5 + (rng.next() % 36) as usize;
    let mut s = story(facts, facts / 3 + 1);
    s.headline = format!(
        "{} {} in {}: {} {}",
        topic.people[0],
        topic.words[0],
        topic.places[0],
        topic.words[1],
        rng.rare()
    );
    s.summary = rng.sentence(&topic);
    for fact in &mut s.facts {
        fact.text = rng.sentence(&topic);
    }
    for (j, source) in s.sources.iter_mut().enumerate() {
        source.outlet = rng.pick(OUTLETS).to_string();
        source.title = rng.sentence(&topic);
        source.saved_text = if (i + j).is_multiple_of(10) {
            (0..12)
                .map(|_| rng.sentence(&topic))
                .collect::<Vec<_>>()
                .join(" ")
        } else {
            String::new()
        };
    }
    for n in &mut s.narratives {
        n.text = format!("{} {}", rng.sentence(&topic), rng.sentence(&topic));
    }
    s.predictions[0].statement = format!("the {} in {} will end by 2027", topic.words[2], topic.places[1]);
    s
}

/// Words and names a generated desk uses, for benchmark queries.
pub fn desk_vocabulary() -> (
    &'static [&'static str],
    &'static [&'static str],
    &'static [&'static str],
) {
    (WORDS, PLACES, OUTLETS)
}

/// 100 queries of the kinds an editor types, over a generated desk (the
/// search benchmarks', in process and in the window).
pub fn bench_queries() -> Vec<String> {
    let mut out = Vec::new();
    for i in 0..100 {
        let tail = tail_word(50 + i * 97);
        let q = match i % 10 {
            0 => tail,
            1 => format!("{} {}", PLACES[i % PLACES.len()].to_lowercase(), tail),
            2 => format!("\"the {tail}\""),
            3 => format!("{}*", &tail[..4]),
            4 => format!("{} outlet:\"{}\"", tail, OUTLETS[i % OUTLETS.len()]),
            5 => format!("{} -{}", WORDS[i % WORDS.len()], WORDS[(i + 1) % WORDS.len()]),
            6 => format!("{} status:draft", tail),
            7 => format!("sao paulo {}", WORDS[i % WORDS.len()]),
            8 => format!("zelensk* {}", tail),
            _ => format!(
                "{} {}",
                WORDS[i % WORDS.len()],
                PLACES[(i + 3) % PLACES.len()].to_lowercase()
            ),
        };
        out.push(q);
    }
    out
}

/// Queries that match most of a generated desk: a word in every story, a
/// place in most, a common prefix, and `outlet`, the most cited one.
pub fn common_queries(outlet: &str) -> Vec<String> {
    vec![
        "metaculus".into(),
        "kyiv".into(),
        "gan*".into(),
        format!("outlet:\"{outlet}\""),
        format!("kyiv outlet:\"{outlet}\""),
    ]
}
