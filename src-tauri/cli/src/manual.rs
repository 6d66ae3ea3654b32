//! Man pages and shell completions, generated from the command-line
//! definition itself so they can never describe a different CLI.
//!
//! Contract: `write_man_pages` writes `factdesk.1` and one page per visible
//! subcommand (`factdesk-import.1`, `factdesk-source-add.1`, …) into a
//! directory; `completions` writes the completion script for a shell. The
//! packages install both (see scripts/package.sh); `factdesk completions
//! SHELL` prints a script for people who install from source.

use clap::CommandFactory;
use clap_complete::Shell;
use std::io::Write;
use std::path::Path;

/// Writes every man page into `dir` (created when missing); returns the pages now in it.
pub fn write_man_pages(dir: &Path) -> std::io::Result<Vec<String>> {
    std::fs::create_dir_all(dir)?;
    clap_mangen::generate_to(command(), dir)?;
    let mut pages: Vec<String> = names_in(dir)?.into_iter().filter(|n| n.ends_with(".1")).collect();
    pages.sort();
    Ok(pages)
}

/// Writes the completion script for `shell` to `out`.
pub fn completions(shell: Shell, out: &mut dyn Write) {
    let mut cmd = command();
    clap_complete::generate(shell, &mut cmd, "factdesk", out);
}

fn command() -> clap::Command {
    crate::Cli::command()
}

fn names_in(dir: &Path) -> std::io::Result<Vec<String>> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        names.push(entry?.file_name().to_string_lossy().into_owned());
    }
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every visible subcommand as the words a user types after `factdesk`.
    fn subcommand_paths() -> Vec<Vec<String>> {
        fn walk(cmd: &clap::Command, prefix: &[String], out: &mut Vec<Vec<String>>) {
            for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
                let mut path = prefix.to_vec();
                path.push(sub.get_name().to_string());
                out.push(path.clone());
                walk(sub, &path, out);
            }
        }
        let mut out = Vec::new();
        walk(&command(), &[], &mut out);
        out
    }

    #[test]
    fn the_cli_has_the_subcommands_the_tests_below_rely_on() {
        let paths: Vec<String> = subcommand_paths().iter().map(|p| p.join(" ")).collect();
        for expected in [
            "import",
            "export",
            "publish",
            "source add",
            "outlets import",
            "db copy",
            "completions",
        ] {
            assert!(
                paths.iter().any(|p| p == expected),
                "{expected} missing from {paths:?}"
            );
        }
        assert!(
            !paths.iter().any(|p| p == "manual"),
            "the packaging-only command is hidden"
        );
    }

    #[test]
    fn man_pages_cover_every_subcommand() {
        let dir = tempfile::tempdir().unwrap();
        let written = write_man_pages(dir.path()).unwrap();
        let main = std::fs::read_to_string(dir.path().join("factdesk.1")).unwrap();
        assert!(
            main.starts_with(".ie") || main.contains(".TH factdesk 1"),
            "{main:.200}"
        );
        for path in subcommand_paths() {
            let file = format!("factdesk-{}.1", path.join("-"));
            assert!(written.contains(&file), "no man page {file} in {written:?}");
            let page = std::fs::read_to_string(dir.path().join(&file)).unwrap();
            assert!(page.contains(".SH NAME"), "{file} has no NAME section");
            if path.len() == 1 {
                // The main page lists each top-level command under SUBCOMMANDS.
                let roff = format!("factdesk\\-{}(1)", path[0].replace('-', "\\-"));
                assert!(main.contains(&roff), "factdesk.1 does not list {}", path[0]);
            }
        }
        assert!(
            !written.iter().any(|n| n.contains("manual")),
            "hidden command got a page: {written:?}"
        );
    }

    #[test]
    fn completions_offer_every_subcommand_in_bash_zsh_and_fish() {
        for shell in [Shell::Bash, Shell::Zsh, Shell::Fish] {
            let mut script = Vec::new();
            completions(shell, &mut script);
            let script = String::from_utf8(script).unwrap();
            for path in subcommand_paths() {
                let name = path.last().unwrap();
                // How each shell's script offers a subcommand name.
                let offered = match shell {
                    Shell::Bash => format!(",{name})"),
                    Shell::Zsh => format!("'{name}:"),
                    _ => format!("-a \"{name}\""),
                };
                assert!(
                    script.contains(&offered),
                    "{shell} completion lacks '{}'",
                    path.join(" ")
                );
            }
            // Options, too: a global one and a subcommand's own.
            assert!(
                script.contains("max-input-mb"),
                "{shell} completion lacks --max-input-mb"
            );
            assert!(
                script.contains("merge"),
                "{shell} completion lacks db copy --merge"
            );
        }
    }
}
