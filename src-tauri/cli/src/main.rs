//! `factdesk`: the headless command line over Factdesk's core.
//!
//! Contract: the same operations and checks as the app, on the same database
//! (`--db`, then `FACTDESK_DB`, then the app-data default). Commands that only
//! read open the database read-only and never change it. Exit status: 0 on
//! success, 1 when checks find problems (check, publish, doctor, unreadable
//! stories in list), 2 on usage, input or I/O errors, which are reported as
//! one line on stderr. Nothing is written to the database unless the whole
//! operation succeeds.

mod access;
mod argv;
mod database;
mod export;
mod find;
mod import;
mod maintenance;
mod manual;
mod output;
mod sources;
mod trash;
mod wire;
mod workflow;

use clap::{Parser, Subcommand};
use factdesk_core::checks;
use factdesk_core::editions::Action;
use factdesk_core::formats::Format;
use factdesk_core::model::StoryId;
use factdesk_core::store::Unreadable;
use output::{json_line, print_findings, stdout_line, Failure};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "factdesk",
    version,
    about = "Factdesk's command line: import, check, publish and export stories"
)]
struct Cli {
    /// The database: a file, or a team database on a server as postgres://USER@HOST/DB
    /// (default: $FACTDESK_DB, else the app's data directory).
    #[arg(long, global = true, value_name = "PATH|URL")]
    db: Option<PathBuf>,
    /// Who is working on a file desk: recorded with every save and transition (default:
    /// $FACTDESK_EDITOR, else the system login). On a team database you are your database
    /// login, and naming anyone else is refused.
    #[arg(long = "as", global = true, value_name = "NAME")]
    editor: Option<String>,
    /// The largest input file to read, in megabytes (default: $FACTDESK_MAX_INPUT_MB, else 20).
    #[arg(long, global = true, value_name = "MB", value_parser = clap::value_parser!(u64).range(1..))]
    max_input_mb: Option<u64>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Import story files as new drafts, all in one transaction (all or nothing); prints
    /// each new story's id, in the files' order.
    Import {
        #[arg(required = true, num_args = 1..)]
        files: Vec<PathBuf>,
        /// The files' format; guessed from each file's content when omitted.
        #[arg(long, value_parser = parse_format)]
        format: Option<Format>,
        /// Keep going past a file that cannot be read or stored: import the others, name
        /// each failure and end with a summary (exit 1 when any failed).
        #[arg(long)]
        each: bool,
    },
    /// Write stories in a format: one to stdout or a file, several (or --all)
    /// to a folder, named after their headlines.
    Export(export::Request),
    /// Run the publish checks; exit 1 when there are errors.
    Check {
        id: StoryId,
        #[arg(long)]
        json: bool,
    },
    /// Look each fact's numbers, dates and names up in the saved text of the sources it cites; show the passage that supports each, or the closest one.
    Evidence {
        id: StoryId,
        #[arg(long)]
        json: bool,
    },
    /// Publish a story when its checks and the workflow allow; otherwise say why (exit 1 for check errors).
    Publish {
        id: StoryId,
        /// The correction note for readers (required when an earlier edition was published).
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Submit the working edition for review.
    Submit { id: StoryId },
    /// Approve an edition in review (another editor than its last one, while the rule is on).
    Approve { id: StoryId },
    /// Send an edition in review back to draft, with a note.
    Reject {
        id: StoryId,
        #[arg(long)]
        note: String,
    },
    /// Withdraw a published story, with a public reason.
    Withdraw {
        id: StoryId,
        #[arg(long)]
        reason: String,
    },
    /// A story's editions, versions and transitions, newest first.
    History {
        id: StoryId,
        #[arg(long)]
        json: bool,
    },
    /// Compare two versions (12 or v12), editions (e2), latest or published, word by word.
    Diff {
        id: StoryId,
        a: String,
        b: String,
        #[arg(long)]
        json: bool,
    },
    /// Bring back an earlier version's content as a new version (nothing is deleted).
    Restore { id: StoryId, version: i64 },
    /// Show or set the second-editor approval rule of this database.
    ApprovalRule {
        #[arg(value_parser = ["on", "off"])]
        set: Option<String>,
    },
    /// On a team database, print each story change colleagues make as it happens (one line,
    /// or one JSON object, per change); stops after --count changes, else runs until stopped.
    Watch {
        #[arg(long)]
        json: bool,
        #[arg(long, value_name = "N")]
        count: Option<usize>,
    },
    /// Find stories: words, "phrases", prefix*, -excluded, outlet:NAME, status:STATE, before:/after:DATE.
    Search {
        query: String,
        #[arg(long)]
        json: bool,
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// The desk's coverage over a period (the last 30 days by default).
    Coverage {
        /// The first day (YYYY-MM-DD).
        #[arg(long)]
        since: Option<String>,
        /// The day after the last (YYYY-MM-DD; default tomorrow).
        #[arg(long)]
        until: Option<String>,
        /// Only stories matching this search.
        #[arg(long)]
        query: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Move a story that was never published to the trash (a published one is withdrawn instead).
    Delete { id: StoryId },
    /// List the stories in the trash (deleted drafts, kept 30 days), or restore or purge them.
    Trash {
        #[command(subcommand)]
        command: Option<trash::TrashCommand>,
        #[arg(long)]
        json: bool,
    },
    /// List the stories, most recently updated first.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Add sources from raw articles or from the web, or attach an article to a source.
    #[command(subcommand)]
    Source(SourceCommand),
    /// Sources captured from the web: recheck them for changes.
    #[command(subcommand)]
    Sources(sources::SourcesCommand),
    /// The outlet registry: LR/CP ratings, aliases and web domains.
    #[command(subcommand)]
    Outlets(OutletsCommand),
    /// Outlets' feeds: add, list and pull them.
    #[command(subcommand)]
    Feeds(wire::FeedsCommand),
    /// The events the feeds report, grouped, with their coverage by lean; start a story from one.
    Wire {
        #[command(subcommand)]
        command: Option<wire::WireCommand>,
        /// Events of the last N hours.
        #[arg(long, default_value_t = factdesk_core::wire::DEFAULT_HOURS)]
        hours: u32,
        #[arg(long)]
        json: bool,
    },
    /// The logins of a team database and their roles (writer, editor, admin).
    #[command(subcommand)]
    Users(access::UsersCommand),
    /// The audit trail: rule, role and registry changes, restores, merges and deletions.
    Audit {
        #[arg(long)]
        json: bool,
        #[arg(long, default_value_t = 200)]
        limit: u32,
    },
    /// Whole desks: copy one between a file and a team database.
    #[command(subcommand)]
    Db(DbCommand),
    /// Bring the database to this build's schema, after backing it up.
    Migrate,
    /// Copy the database consistently (beside it, or to -o FILE); prints where.
    Backup {
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// List the backups beside the database, newest first.
    Backups {
        #[arg(long)]
        json: bool,
    },
    /// Replace the database's content with a backup (the current content is backed up first).
    RestoreBackup { file: PathBuf },
    /// Check the whole file: integrity, foreign keys, every story readable; exit 1 on problems.
    Doctor {
        #[arg(long)]
        json: bool,
    },
    /// Print the shell completion script for bash, zsh, fish, elvish or powershell
    /// (e.g. `factdesk completions bash > ~/.local/share/bash-completion/completions/factdesk`).
    Completions { shell: clap_complete::Shell },
    /// Write the man pages (factdesk.1 and one per subcommand) into a folder; used to package.
    #[command(hide = true)]
    Manual { dir: PathBuf },
}

#[derive(Subcommand)]
enum SourceCommand {
    /// Add a source made from an article file (.txt or .html); prints its id.
    Add {
        story: StoryId,
        file: PathBuf,
        #[arg(long)]
        outlet: String,
        #[arg(long)]
        url: String,
    },
    /// Keep an article file's readable text as the saved text of source number N.
    Attach { story: StoryId, n: usize, file: PathBuf },
    /// Capture a web page as a new source (its readable text, title, date and outlet, with a
    /// dated snapshot of the page); prints the source's number.
    Fetch {
        story: StoryId,
        url: String,
        /// The outlet, when the registry does not know the page's domain.
        #[arg(long)]
        outlet: Option<String>,
        #[command(flatten)]
        limits: sources::FetchLimits,
    },
}

#[derive(Subcommand)]
enum DbCommand {
    /// Copy every story (with editions, revisions and history), the outlet registry and the
    /// settings from one database to another: a file or postgres://… either way.
    Copy {
        /// The database to copy from (read only).
        from: PathBuf,
        /// The database to copy into; must hold no stories unless --merge.
        to: PathBuf,
        /// Add the stories TO lacks (by uid) to a database that has some. Nothing there is
        /// overwritten: outlets rated differently are reported and kept, stories arrive as
        /// drafts, and the merge is recorded in the audit trail.
        #[arg(long)]
        merge: bool,
        /// With --merge: for outlets both desks have, take the source's description.
        #[arg(long, value_parser = ["source"], requires = "merge")]
        prefer: Option<String>,
    },
    /// Write the search index again from the stories (they are the record; the index is
    /// derived from them). Searches answer as before; run it if a search misses a story.
    Reindex,
    /// Rewrite the database file without its free space (after purging stories, or after an
    /// upgrade that dropped data); a database file only.
    Compact,
}

#[derive(Subcommand)]
enum OutletsCommand {
    /// Import outlets from CSV (name,aliases,domains,lr,cp,notes); all or nothing.
    Import { file: PathBuf },
    /// Write the registry as CSV, to stdout or a file.
    Export {
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// List the outlets with their ratings.
    List,
}

pub(crate) fn parse_format(s: &str) -> Result<Format, String> {
    Format::parse(s).ok_or_else(|| {
        let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
        format!("unknown format '{s}' (known: {})", names.join(", "))
    })
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("FACTDESK_LOG").unwrap_or_else(|_| "warn".into()),
        )
        .init();
    let cli = Cli::parse();
    // Parsed: the password of a --db address need not stay where `ps` shows it.
    argv::scrub_passwords();
    factdesk_core::store::migrations::on_progress(migration_progress);
    if let Some(mb) = cli.max_input_mb {
        factdesk_core::input::set_max_input_bytes(mb.saturating_mul(1024 * 1024));
    }
    match run(cli) {
        Ok(status) => ExitCode::from(status),
        Err(f) => {
            eprintln!("factdesk: {}", f.message);
            ExitCode::from(f.status)
        }
    }
}

/// Shows a long migration step's progress on a terminal.
fn migration_progress(what: &str, done: usize, total: usize) {
    use std::io::IsTerminal;
    if std::io::stderr().is_terminal() {
        eprint!("\r{what}: {done}/{total}");
        if done == total {
            eprintln!();
        }
    }
}

/// Names on stderr the stories a listing could not read.
fn report_unreadable(unreadable: &[Unreadable]) {
    for u in unreadable {
        match u.id {
            Some(id) => eprintln!("factdesk: story {id} cannot be read: {}", u.problem),
            None => eprintln!("factdesk: {}", u.problem),
        }
    }
}

fn run(cli: Cli) -> Result<u8, Failure> {
    let db = cli.db.as_deref();
    database::claim(cli.editor.as_deref());
    match cli.command {
        Command::Import { files, format, each } => import::import(db, &files, format, each),
        Command::Export(request) => export::export(db, request),
        Command::Check { id, json } => {
            let store = database::read(db)?;
            let story = store.load_story(id)?.story;
            let mut findings = checks::check(&story, &store.registry()?);
            findings.extend(factdesk_core::capture::findings(
                &story,
                &store.source_histories(id)?,
            ));
            let ok = checks::publishable(&findings);
            if json {
                json_line(&serde_json::json!({ "id": id, "publishable": ok, "findings": findings }))?;
            } else {
                print_findings(&findings)?;
            }
            Ok(if ok { 0 } else { 1 })
        }
        Command::Evidence { id, json } => {
            let story = database::read(db)?.load_story(id)?.story;
            let facts = factdesk_core::evidence::of_story(&story);
            if json {
                json_line(&serde_json::json!({ "id": id, "facts": facts }))?;
            } else {
                for line in factdesk_core::evidence::lines(&story, &facts) {
                    stdout_line(&line)?;
                }
            }
            Ok(0)
        }
        Command::Publish { id, note } => workflow::transition(db, id, Action::Publish, &note),
        Command::Submit { id } => workflow::transition(db, id, Action::Submit, ""),
        Command::Approve { id } => workflow::transition(db, id, Action::Approve, ""),
        Command::Reject { id, note } => workflow::transition(db, id, Action::Reject, &note),
        Command::Withdraw { id, reason } => workflow::transition(db, id, Action::Withdraw, &reason),
        Command::History { id, json } => workflow::history(db, id, json),
        Command::Diff { id, a, b, json } => workflow::diff(db, id, &a, &b, json),
        Command::Restore { id, version } => workflow::restore(db, id, version),
        Command::ApprovalRule { set } => workflow::approval_rule(db, set.map(|s| s == "on")),
        Command::List { json } => {
            let listing = database::read(db)?.list_stories()?;
            if json {
                json_line(&listing.stories)?;
            } else {
                for s in &listing.stories {
                    let state = if s.has_draft {
                        format!("{}+draft", s.status.as_str())
                    } else {
                        s.status.as_str().to_string()
                    };
                    stdout_line(&format!("{:>6}  {:<15}  {}", s.id, state, s.headline))?;
                }
            }
            report_unreadable(&listing.unreadable);
            Ok(if listing.unreadable.is_empty() { 0 } else { 1 })
        }
        Command::Source(SourceCommand::Add {
            story,
            file,
            outlet,
            url,
        }) => {
            let article = factdesk_core::article::read_file(&file)?;
            let mut store = database::write(db)?;
            let (_, id) = factdesk_core::add_article_source(&mut store, story, &article, &outlet, &url)?;
            stdout_line(&id.to_string())?;
            Ok(0)
        }
        Command::Source(SourceCommand::Attach { story, n, file }) => {
            let article = factdesk_core::article::read_file(&file)?;
            let mut store = database::write(db)?;
            factdesk_core::attach_article(&mut store, story, n, &article)?;
            Ok(0)
        }
        Command::Source(SourceCommand::Fetch {
            story,
            url,
            outlet,
            limits,
        }) => sources::fetch(db, story, &url, outlet.as_deref(), limits),
        Command::Sources(command) => sources::run(db, command),
        Command::Feeds(command) => wire::feeds(db, command),
        Command::Wire { command, hours, json } => wire::wire(db, command, hours, json),
        Command::Outlets(OutletsCommand::Import { file }) => {
            let said = database::desk(database::write(db)?).import_outlets_file(&file)?;
            stdout_line(&said)?;
            Ok(0)
        }
        Command::Outlets(OutletsCommand::Export { output }) => {
            let desk = database::desk(database::read(db)?);
            match output.as_deref() {
                Some(path) => {
                    desk.export_outlets_file(path)?;
                }
                None => {
                    output::write_output(None, factdesk_core::registry::to_csv(&desk.outlets()?).as_bytes())?
                }
            }
            Ok(0)
        }
        Command::Outlets(OutletsCommand::List) => {
            let rating = |r: Option<u8>| r.map_or("-".to_string(), |n| n.to_string());
            for o in database::read(db)?.outlets()? {
                stdout_line(&format!("LR {}  CP {}  {}", rating(o.lr), rating(o.cp), o.name))?;
            }
            Ok(0)
        }
        Command::Delete { id } => trash::delete(db, id),
        Command::Trash { command, json } => trash::trash(db, command, json),
        Command::Watch { json, count } => find::watch(db, json, count),
        Command::Search { query, json, limit } => find::search(db, &query, limit, json),
        Command::Coverage {
            since,
            until,
            query,
            json,
        } => find::coverage(db, since.as_deref(), until.as_deref(), query.as_deref(), json),
        Command::Db(DbCommand::Reindex) => maintenance::reindex(db),
        Command::Db(DbCommand::Compact) => maintenance::compact(db),
        Command::Db(DbCommand::Copy {
            from,
            to,
            merge,
            prefer,
        }) => {
            use factdesk_core::store::copy::Mode;
            let mode = match (merge, prefer.is_some()) {
                (false, _) => Mode::Copy,
                (true, false) => Mode::Merge,
                (true, true) => Mode::MergePreferSource,
            };
            maintenance::copy(&from, &to, mode)
        }
        Command::Users(command) => access::users(db, command),
        Command::Audit { json, limit } => access::audit(db, json, limit),
        Command::Migrate => maintenance::migrate(db),
        Command::Backup { output } => maintenance::backup(db, output.as_deref()),
        Command::Backups { json } => maintenance::list_backups(db, json),
        Command::RestoreBackup { file } => maintenance::restore(db, &file),
        Command::Doctor { json } => maintenance::doctor(db, json),
        Command::Completions { shell } => {
            let mut script = Vec::new();
            manual::completions(shell, &mut script);
            output::write_output(None, &script)?;
            Ok(0)
        }
        Command::Manual { dir } => {
            let pages = manual::write_man_pages(&dir).map_err(|e| output::io_failure(&dir, e))?;
            stdout_line(&format!("wrote {} man pages into {}", pages.len(), dir.display()))?;
            Ok(0)
        }
    }
}
