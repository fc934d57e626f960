//! `casewatch user …` and `casewatch token …`: accounts for the web UI and
//! API tokens for scripts. Passwords come from standard input only; a token
//! is printed once and only its hash is stored. Every change is written to
//! the audit log as user `cli`.

use anyhow::{Context, Result, bail};
use casewatch_store::{Store, UserRole};
use clap::{Subcommand, ValueEnum};
use serde_json::json;
use std::io::Read;
use std::path::Path;

/// The name the CLI writes to the audit log.
const CLI_USER: &str = "cli";

/// A role on the command line.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RoleArg {
    /// Manages users; reviews; reads.
    Admin,
    /// Reviews (confirm, reject, edit, merge, split); reads.
    Editor,
    /// Reads.
    Viewer,
}

impl From<RoleArg> for UserRole {
    fn from(r: RoleArg) -> UserRole {
        match r {
            RoleArg::Admin => UserRole::Admin,
            RoleArg::Editor => UserRole::Editor,
            RoleArg::Viewer => UserRole::Viewer,
        }
    }
}

/// `casewatch user …`.
#[derive(Subcommand, Debug)]
pub(crate) enum UserCommand {
    /// Add a user; the password is read from standard input.
    Add {
        /// Login name (letters, digits, . _ @ -).
        name: String,
        /// What the user may do.
        #[arg(long, value_enum)]
        role: RoleArg,
        /// Read the password from standard input (required: passwords are never arguments).
        #[arg(long, required = true)]
        password_stdin: bool,
    },
    /// List users.
    List,
    /// Remove a user (and end their sessions).
    Remove {
        /// Login name.
        name: String,
    },
    /// Set a user's password (read from standard input) and end their sessions.
    Passwd {
        /// Login name.
        name: String,
        /// Read the password from standard input (required).
        #[arg(long, required = true)]
        password_stdin: bool,
    },
    /// Change a user's role.
    Role {
        /// Login name.
        name: String,
        /// The new role.
        #[arg(long, value_enum)]
        role: RoleArg,
    },
}

/// `casewatch token …`.
#[derive(Subcommand, Debug)]
pub(crate) enum TokenCommand {
    /// Make an API token and print it (once; only its hash is stored).
    Add {
        /// Token name (who or what uses it).
        name: String,
        /// What the token may do.
        #[arg(long, value_enum)]
        role: RoleArg,
    },
    /// List tokens (names and roles, never the tokens).
    List,
    /// Revoke a token.
    Remove {
        /// Token name.
        name: String,
    },
}

/// Reads a password from standard input: the first line, without its line end.
fn read_password() -> Result<String> {
    let mut s = String::new();
    std::io::stdin()
        .take(64 * 1024)
        .read_to_string(&mut s)
        .context("reading the password from standard input")?;
    let line = s.lines().next().unwrap_or("").to_string();
    if line.is_empty() {
        bail!(
            "no password on standard input (e.g. `printf '%s\\n' \"$PW\" | casewatch user add NAME --role viewer --password-stdin`)"
        );
    }
    Ok(line)
}

/// Runs `casewatch user …`.
pub(crate) fn user(db: &Path, cmd: UserCommand) -> Result<()> {
    match cmd {
        UserCommand::Add { name, role, .. } => {
            let password = read_password()?;
            let mut store = Store::open(db)?;
            let u = store.add_user(&name, role.into(), &password)?;
            store.record_audit(
                CLI_USER,
                "user.add",
                &u.name,
                json!(null),
                json!({"name": u.name, "role": u.role.as_str()}),
            )?;
            eprintln!("added user {} ({})", u.name, u.role);
        }
        UserCommand::List => {
            let store = Store::open(db)?;
            let users = store.users()?;
            if users.is_empty() {
                eprintln!("no users (add one with `casewatch user add NAME --role admin --password-stdin`)");
            }
            for u in users {
                println!("{}\t{}\t{}", u.name, u.role, u.created_at);
            }
        }
        UserCommand::Remove { name } => {
            let mut store = Store::open(db)?;
            let Some(before) = store.user(&name)? else {
                bail!("no user {name:?}");
            };
            store.remove_user(&name)?;
            store.record_audit(
                CLI_USER,
                "user.remove",
                &name,
                json!({"name": before.name, "role": before.role.as_str()}),
                json!(null),
            )?;
            eprintln!("removed user {name}");
        }
        UserCommand::Passwd { name, .. } => {
            let password = read_password()?;
            let mut store = Store::open(db)?;
            if !store.set_password(&name, &password)? {
                bail!("no user {name:?}");
            }
            store.record_audit(
                CLI_USER,
                "user.passwd",
                &name,
                json!(null),
                json!({"password": "changed"}),
            )?;
            eprintln!("changed the password of {name}; their sessions are ended");
        }
        UserCommand::Role { name, role } => {
            let mut store = Store::open(db)?;
            let Some(before) = store.user(&name)? else {
                bail!("no user {name:?}");
            };
            let role: UserRole = role.into();
            store.set_role(&name, role)?;
            store.record_audit(
                CLI_USER,
                "user.role",
                &name,
                json!({"role": before.role.as_str()}),
                json!({"role": role.as_str()}),
            )?;
            eprintln!("{name} is now {role}");
        }
    }
    Ok(())
}

/// Runs `casewatch token …`.
pub(crate) fn token(db: &Path, cmd: TokenCommand) -> Result<()> {
    match cmd {
        TokenCommand::Add { name, role } => {
            let mut store = Store::open(db)?;
            let role: UserRole = role.into();
            let token = store.add_token(&name, role)?;
            store.record_audit(
                CLI_USER,
                "token.add",
                &name,
                json!(null),
                json!({"name": name, "role": role.as_str()}),
            )?;
            eprintln!("made token {name} ({role}); it is shown once, store it now:");
            println!("{token}");
        }
        TokenCommand::List => {
            let store = Store::open(db)?;
            for t in store.tokens()? {
                println!("{}\t{}\t{}", t.name, t.role, t.created_at);
            }
        }
        TokenCommand::Remove { name } => {
            let mut store = Store::open(db)?;
            if !store.remove_token(&name)? {
                bail!("no token {name:?}");
            }
            store.record_audit(CLI_USER, "token.remove", &name, json!({"name": name}), json!(null))?;
            eprintln!("revoked token {name}");
        }
    }
    Ok(())
}
