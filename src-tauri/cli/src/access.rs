//! Who may do what, from the command line: the logins of a team desk and
//! their roles, this login's display name, and the audit trail.
//!
//! Contract: `users` commands run on a team database as an admin (or the
//! server's owner); the server refuses anyone else and says why. A
//! password is read from a file (or standard input), never from the
//! command's arguments. `audit` prints the append-only trail newest first.

use crate::database;
use crate::output::{json_line, stdout_line, Failure};
use clap::Subcommand;
use std::path::{Path, PathBuf};

#[derive(Subcommand)]
pub enum UsersCommand {
    /// Add an editor to a team desk: creates LOGIN on the server when it is missing and
    /// grants it ROLE (writer, editor or admin).
    Add {
        login: String,
        #[arg(long, value_parser = ["writer", "editor", "admin"])]
        role: String,
        /// A file holding the new login's password (its first line; `-` reads standard input).
        #[arg(long, value_name = "FILE")]
        password_file: Option<PathBuf>,
    },
    /// Grant a role to a login.
    Grant {
        login: String,
        #[arg(value_parser = ["writer", "editor", "admin"])]
        role: String,
    },
    /// Take a role from a login.
    Revoke {
        login: String,
        #[arg(value_parser = ["writer", "editor", "admin"])]
        role: String,
    },
    /// List the desk's logins with their roles and display names.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Say who you are: your login, role and display name; with NAME, set your display name.
    Me { name: Option<String> },
}

fn read_password(file: &Path) -> Result<String, Failure> {
    let text = match file == Path::new("-") {
        true => {
            let mut line = String::new();
            std::io::stdin()
                .read_line(&mut line)
                .map_err(|e| crate::output::io_failure(file, e))?;
            line
        }
        false => factdesk_core::input::read_text(file)?,
    };
    let password = text.lines().next().unwrap_or("").to_string();
    match password.is_empty() {
        true => Err(factdesk_core::Error::BadInput {
            path: file.to_path_buf(),
            why: "the password file is empty".into(),
        }
        .into()),
        false => Ok(password),
    }
}

pub fn users(db: Option<&Path>, command: UsersCommand) -> Result<u8, Failure> {
    match command {
        UsersCommand::Add {
            login,
            role,
            password_file,
        } => {
            let password = password_file.as_deref().map(read_password).transpose()?;
            let added = database::write(db)?.add_user(&login, &role, password.as_deref())?;
            let what = if added { "added" } else { "already a login;" };
            stdout_line(&format!("{login}: {what} granted {role}"))?;
        }
        UsersCommand::Grant { login, role } => {
            database::write(db)?.set_user_role(&login, &role, true)?;
            stdout_line(&format!("{login}: granted {role}"))?;
        }
        UsersCommand::Revoke { login, role } => {
            database::write(db)?.set_user_role(&login, &role, false)?;
            stdout_line(&format!("{login}: revoked {role}"))?;
        }
        UsersCommand::List { json } => {
            let users = database::read(db)?.users()?;
            if json {
                json_line(&users)?;
                return Ok(0);
            }
            for u in &users {
                stdout_line(&format!("{:<20} {:<7} {}", u.login, u.role, u.display_name))?;
            }
        }
        UsersCommand::Me { name } => {
            let mut store = database::write(db)?;
            if let Some(name) = name {
                store.set_display_name(&name)?;
            }
            let desk = database::desk(store);
            stdout_line(&desk.settings()?.who)?;
        }
    }
    Ok(0)
}

pub fn audit(db: Option<&Path>, json: bool, limit: u32) -> Result<u8, Failure> {
    let entries = database::read(db)?.audit_log(limit)?;
    if json {
        json_line(&entries)?;
        return Ok(0);
    }
    for e in &entries {
        let change = match (e.before.is_empty(), e.after.is_empty()) {
            (true, true) => String::new(),
            (false, true) => format!("  (was {})", e.before),
            (true, false) => format!("  → {}", e.after),
            (false, false) => format!("  {} → {}", e.before, e.after),
        };
        stdout_line(&format!(
            "{}  {:<14} {:<14} {}{change}",
            e.at.format("%Y-%m-%d %H:%M:%S"),
            e.editor,
            e.action,
            e.subject
        ))?;
    }
    Ok(0)
}
