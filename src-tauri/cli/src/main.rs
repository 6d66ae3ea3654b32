//! `factdesk`: the headless command line over Factdesk's core.
//!
//! Contract: the same operations and checks as the app, on the same database
//! (`--db`, then `FACTDESK_DB`, then the app-data default). Exit status: 0 on
//! success, 1 when the publish checks find errors (check, publish), 2 on usage,
//! input or I/O errors, which are reported as one line on stderr. Nothing is
//! written to the database unless the whole operation succeeds.

use clap::{Parser, Subcommand};
use factdesk_core::checks::{self, Finding, Severity};
use factdesk_core::formats::{self, Format};
use factdesk_core::model::StoryId;
use factdesk_core::store::Store;
use factdesk_core::{paths, Error, PublishOutcome};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "factdesk",
    version,
    about = "Factdesk's command line: import, check, publish and export stories"
)]
struct Cli {
    /// The database file (default: $FACTDESK_DB, else the app's data directory).
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Import a story file as a new draft; prints the new story's id.
    Import {
        file: PathBuf,
        /// The file's format; guessed from its content when omitted.
        #[arg(long, value_parser = parse_format)]
        format: Option<Format>,
    },
    /// Write stories in a format: one to stdout or a file, several (or --all)
    /// to a folder, named after their headlines.
    Export {
        ids: Vec<StoryId>,
        /// Every story in the database.
        #[arg(long, conflicts_with = "ids")]
        all: bool,
        #[arg(long, value_parser = parse_format)]
        format: Format,
        /// The file (one story; replaced atomically) or the folder (several).
        #[arg(short, long, value_name = "PATH")]
        output: Option<PathBuf>,
        /// Replace files a batch export finds already there.
        #[arg(long)]
        overwrite: bool,
    },
    /// Run the publish checks; exit 1 when there are errors.
    Check {
        id: StoryId,
        #[arg(long)]
        json: bool,
    },
    /// Publish a story when its checks pass; otherwise print them and exit 1.
    Publish { id: StoryId },
    /// List the stories, most recently updated first.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Add sources from raw articles, or attach an article to a source.
    #[command(subcommand)]
    Source(SourceCommand),
    /// The outlet registry: LR/CP ratings, aliases and web domains.
    #[command(subcommand)]
    Outlets(OutletsCommand),
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

fn parse_format(s: &str) -> Result<Format, String> {
    Format::parse(s).ok_or_else(|| {
        let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
        format!("unknown format '{s}' (known: {})", names.join(", "))
    })
}

/// A failure already worded for the user, with its exit status.
struct Failure {
    message: String,
    status: u8,
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure {
            message: e.to_string(),
            status: 2,
        }
    }
}

fn io_failure(path: &Path, e: std::io::Error) -> Failure {
    Failure {
        message: format!("{}: {e}", path.display()),
        status: 2,
    }
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("FACTDESK_LOG").unwrap_or_else(|_| "warn".into()),
        )
        .init();
    let cli = Cli::parse();
    match run(cli) {
        Ok(status) => ExitCode::from(status),
        Err(f) => {
            eprintln!("factdesk: {}", f.message);
            ExitCode::from(f.status)
        }
    }
}

fn open(db: Option<&Path>) -> Result<Store, Failure> {
    let path = paths::resolve_db(db)?;
    Ok(Store::open(&path)?)
}

fn stdout_line(s: &str) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{s}").map_err(|e| io_failure(Path::new("<stdout>"), e))
}

fn run(cli: Cli) -> Result<u8, Failure> {
    let db = cli.db.as_deref();
    match cli.command {
        Command::Import { file, format } => {
            // Parse before opening the database, so bad input never creates or touches it.
            let text = factdesk_core::input::read_text(&file)?;
            let story = factdesk_core::parse_story(&file, &text, format)?;
            let stored = open(db)?.create_story(&story)?;
            stdout_line(&stored.id.to_string())?;
            Ok(0)
        }
        Command::Export {
            ids,
            all,
            format,
            output,
            overwrite,
        } => match (ids.as_slice(), all) {
            ([id], false) => {
                let story = open(db)?.load_story(*id)?.story;
                write_output(output.as_deref(), format.export(&story).as_bytes())?;
                Ok(0)
            }
            ([], false) => Err(Failure {
                message: "export needs a story id, several ids, or --all".into(),
                status: 2,
            }),
            _ => {
                let dir = output.ok_or_else(|| Failure {
                    message: "exporting several stories needs -o FOLDER".into(),
                    status: 2,
                })?;
                export_batch(&open(db)?, &ids, format, &dir, overwrite)
            }
        },
        Command::Check { id, json } => {
            let store = open(db)?;
            let story = store.load_story(id)?.story;
            let findings = checks::check(&story, &store.registry()?);
            let ok = checks::publishable(&findings);
            if json {
                let doc = serde_json::json!({ "id": id, "publishable": ok, "findings": findings });
                stdout_line(&doc.to_string())?;
            } else {
                print_findings(&findings)?;
            }
            Ok(if ok { 0 } else { 1 })
        }
        Command::Publish { id } => {
            let mut store = open(db)?;
            match factdesk_core::publish(&mut store, id)? {
                PublishOutcome::Published(s) => {
                    stdout_line(&format!("published story {id} (version {})", s.version))?;
                    Ok(0)
                }
                PublishOutcome::AlreadyPublished(_) => {
                    stdout_line(&format!("story {id} is already published"))?;
                    Ok(0)
                }
                PublishOutcome::Refused(findings) => {
                    print_findings(&findings)?;
                    eprintln!("factdesk: story {id} was not published: the checks found errors");
                    Ok(1)
                }
            }
        }
        Command::List { json } => {
            let list = open(db)?.list_stories()?;
            if json {
                stdout_line(&serde_json::to_string(&list).map_err(|e| Failure {
                    message: e.to_string(),
                    status: 2,
                })?)?;
            } else {
                for s in list {
                    stdout_line(&format!("{:>6}  {:<9}  {}", s.id, s.status.as_str(), s.headline))?;
                }
            }
            Ok(0)
        }
        Command::Source(SourceCommand::Add {
            story,
            file,
            outlet,
            url,
        }) => {
            let article = factdesk_core::article::read_file(&file)?;
            let (_, id) = factdesk_core::add_article_source(&mut open(db)?, story, &article, &outlet, &url)?;
            stdout_line(&id.to_string())?;
            Ok(0)
        }
        Command::Source(SourceCommand::Attach { story, n, file }) => {
            let article = factdesk_core::article::read_file(&file)?;
            factdesk_core::attach_article(&mut open(db)?, story, n, &article)?;
            Ok(0)
        }
        Command::Outlets(OutletsCommand::Import { file }) => {
            let count = factdesk_core::import_outlets_csv(&mut open(db)?, &file)?;
            stdout_line(&format!("imported {count} outlet(s)"))?;
            Ok(0)
        }
        Command::Outlets(OutletsCommand::Export { output }) => {
            let csv = factdesk_core::registry::to_csv(&open(db)?.outlets()?);
            write_output(output.as_deref(), csv.as_bytes())?;
            Ok(0)
        }
        Command::Outlets(OutletsCommand::List) => {
            let rating = |r: Option<u8>| r.map_or("-".to_string(), |n| n.to_string());
            for o in open(db)?.outlets()? {
                stdout_line(&format!("LR {}  CP {}  {}", rating(o.lr), rating(o.cp), o.name))?;
            }
            Ok(0)
        }
    }
}

/// Exports `ids` (or every story when empty) into `dir`, refusing to replace
/// existing files unless `overwrite`; shows progress on a terminal.
fn export_batch(
    store: &Store,
    ids: &[StoryId],
    format: Format,
    dir: &Path,
    overwrite: bool,
) -> Result<u8, Failure> {
    use std::io::IsTerminal;
    let stories: Vec<(StoryId, String)> = if ids.is_empty() {
        store
            .list_stories()?
            .into_iter()
            .map(|s| (s.id, s.headline))
            .collect()
    } else {
        ids.iter()
            .map(|id| Ok((*id, store.load_story(*id)?.story.headline)))
            .collect::<Result<_, Error>>()?
    };
    std::fs::create_dir_all(dir).map_err(|e| io_failure(dir, e))?;
    let plan = factdesk_core::batch::plan(&stories, format, dir);
    let existing: Vec<&str> = plan
        .iter()
        .filter(|p| p.exists)
        .map(|p| p.path.as_str())
        .collect();
    if !existing.is_empty() && !overwrite {
        return Err(Failure {
            message: format!(
                "{} file(s) already exist (use --overwrite to replace them): {}",
                existing.len(),
                existing.join(", ")
            ),
            status: 2,
        });
    }
    let progress = std::io::stderr().is_terminal();
    for (i, planned) in plan.iter().enumerate() {
        let story = store.load_story(planned.id)?.story;
        formats::write_atomically(Path::new(&planned.path), format.export(&story).as_bytes())?;
        if progress {
            eprint!("\rexporting {}/{}", i + 1, plan.len());
        }
    }
    if progress {
        eprintln!();
    }
    stdout_line(&format!("exported {} stories to {}", plan.len(), dir.display()))?;
    Ok(0)
}

/// Writes to `path` atomically, or to stdout when there is none.
fn write_output(path: Option<&Path>, bytes: &[u8]) -> Result<(), Failure> {
    match path {
        Some(path) => Ok(formats::write_atomically(path, bytes)?),
        None => std::io::stdout()
            .lock()
            .write_all(bytes)
            .map_err(|e| io_failure(Path::new("<stdout>"), e)),
    }
}

fn print_findings(findings: &[Finding]) -> Result<(), Failure> {
    let count = |sev| findings.iter().filter(|f| f.severity == sev).count();
    for f in findings {
        let sev = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        };
        stdout_line(&format!("{sev:<8} {:<30} {}", f.code, f.message))?;
    }
    stdout_line(&format!(
        "{} error(s), {} warning(s), {} note(s)",
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info)
    ))
}
