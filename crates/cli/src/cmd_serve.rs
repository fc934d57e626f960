//! `casewatch serve`: the web UI and JSON API over the database.

use anyhow::Result;
use casewatch_store::Store;
use std::path::Path;

/// Options of `casewatch serve`.
#[derive(clap::Args, Debug, Clone)]
pub(crate) struct ServeArgs {
    /// Address to listen on (IP:PORT).
    #[arg(long, env = "CASEWATCH_BIND", default_value = "127.0.0.1:8080")]
    bind: String,
    /// Let anyone read without logging in (writes still need a login).
    #[arg(long)]
    public_read: bool,
    /// Mark the session cookie Secure; use when clients reach the server over HTTPS (e.g. a TLS proxy).
    #[arg(long)]
    secure_cookies: bool,
    /// Database connections to keep open.
    #[arg(long, default_value_t = 4)]
    connections: usize,
    /// Address of a reverse proxy (e.g. the TLS proxy) whose X-Forwarded-For header names the client, for the
    /// per-address login limit; repeatable. Without it every client behind the proxy shares the proxy's address.
    #[arg(long = "trusted-proxy", value_name = "IP")]
    trusted_proxies: Vec<std::net::IpAddr>,
    /// A host name the server answers to (the Host header; repeatable). With --public-read and none given:
    /// localhost and the bind address only, so a DNS-rebinding page cannot read through a visitor's browser.
    #[arg(long = "allowed-host", value_name = "NAME")]
    allowed_hosts: Vec<String>,
}

/// Runs the server until Ctrl-C.
pub(crate) fn serve(db: &Path, args: &ServeArgs) -> Result<()> {
    {
        let mut store = Store::open(db)?;
        // Articles an interrupted ingest stored without building their cases.
        let pending = store.unreconciled()?;
        if pending > 0 {
            eprintln!("casewatch: reconciling {pending} stored articles that are not in cases yet");
            store.update_cases()?;
        }
        if store.users()?.is_empty() && store.tokens()?.is_empty() {
            eprintln!(
                "casewatch: no users yet; add one with `casewatch --db {} user add NAME --role admin --password-stdin`",
                db.display()
            );
        }
    }
    let mut config = casewatch_web::Config::new(db.to_path_buf());
    config.public_read = args.public_read;
    config.secure_cookies = args.secure_cookies;
    config.pool_size = args.connections.clamp(1, 64);
    config.trusted_proxies = args.trusted_proxies.clone();
    config.allowed_hosts = args
        .allowed_hosts
        .iter()
        .map(|h| h.trim().trim_end_matches('.').to_ascii_lowercase())
        .collect();
    casewatch_web::run(&args.bind, config)?;
    Ok(())
}
