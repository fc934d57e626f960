//! casewatch-web: the web UI and JSON API over a casewatch store.
//!
//! Server-rendered pages (askama templates, no JavaScript) for cases, their
//! SVG timelines, people, articles with every extracted span highlighted,
//! search, and review; a JSON API under `/api/v1` with an OpenAPI document;
//! accounts with roles (viewer, editor, admin). It contains no SQL: every
//! read and write goes through [`casewatch_store::Store`].
//!
//! Security model, in short: every route but `/healthz` and `/login` needs a
//! user (session cookie, `HttpOnly`, `SameSite=Lax`) or an API token
//! (`Authorization: Bearer …`); `--public-read` opens reading only.
//! State-changing requests pass tower-http's CSRF layer (Fetch Metadata and
//! Origin checks); logins are rate-limited per name and per address; every
//! response carries a CSP without script, `frame-ancestors 'none'`,
//! `X-Frame-Options: DENY`, `nosniff` and `Referrer-Policy: same-origin`.
//!
//! ```no_run
//! # fn demo() -> Result<(), casewatch_web::WebError> {
//! let config = casewatch_web::Config::new("casewatch.db".into());
//! casewatch_web::run("127.0.0.1:8080", config)?; // serves until Ctrl-C
//! # Ok(()) }
//! ```

mod admin;
mod api;
mod api_doc;
mod auth;
mod case_split;
mod casework;
mod error;
mod export;
mod feeds;
mod filters;
mod pages;
mod pool;
mod ratelimit;
mod review;
mod text;
mod timeline;
mod upload;
mod views;

pub use error::WebError;
pub use ratelimit::LoginLimits;

use axum::Router;
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::routing::{get, post};
use pool::StorePool;
use ratelimit::LoginLimiter;
use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tower_http::csrf::CsrfLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

/// Largest request body accepted (forms and JSON review actions are small).
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// The Content-Security-Policy of every response: no script at all, styles
/// and images from this origin only, forms post here only, no framing.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'self'; img-src 'self' data:; \
     form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// Server settings.
#[derive(Debug, Clone)]
pub struct Config {
    /// The database file.
    pub db: PathBuf,
    /// Let anyone read (pages and GET API) without logging in; writes still
    /// need a login.
    pub public_read: bool,
    /// Mark the session cookie `Secure` (and name it `__Host-…`): set this
    /// when the server is reached over HTTPS (e.g. behind a TLS proxy).
    pub secure_cookies: bool,
    /// Open database connections.
    pub pool_size: usize,
    /// Failed-login limits.
    pub login_limits: LoginLimits,
    /// Addresses of reverse proxies whose `X-Forwarded-For` header is
    /// believed: a request from one of them is counted against the client
    /// address the header names (its last entry that is not itself a trusted
    /// proxy). From any other peer the header is ignored, so it cannot be
    /// forged. Empty (the default): the TCP peer is the client.
    pub trusted_proxies: Vec<IpAddr>,
    /// Host names (without port, lower case) the server answers to; a request
    /// with another `Host` header gets 421 Misdirected Request. This stops a
    /// DNS-rebinding page (a hostile name resolved to this server's address)
    /// from reading a `public_read` server through a visitor's browser.
    /// Empty: no check ([`run`] fills in the bind address and `localhost`
    /// when `public_read` is set and none are given).
    pub allowed_hosts: Vec<String>,
}

impl Config {
    /// Defaults: no public reading, cookies without `Secure` (plain HTTP on
    /// loopback), 4 connections, 5 failed logins per name and 20 per address
    /// per 15 minutes.
    pub fn new(db: PathBuf) -> Config {
        Config {
            db,
            public_read: false,
            secure_cookies: false,
            pool_size: 4,
            login_limits: LoginLimits::default(),
            trusted_proxies: Vec::new(),
            allowed_hosts: Vec::new(),
        }
    }
}

/// The host part of a `Host` header value (`name`, `name:port`, `[v6]:port`), lower-cased.
fn host_name(value: &str) -> String {
    let v = value.trim();
    let host = if let Some(rest) = v.strip_prefix('[') {
        rest.split(']').next().map(|h| format!("[{h}]")).unwrap_or_default()
    } else {
        v.rsplit_once(':').map_or(v, |(h, _)| h).to_string()
    };
    host.trim_end_matches('.').to_ascii_lowercase()
}

/// Refuses a request whose `Host` is not one of [`Config::allowed_hosts`] (421).
async fn check_host(
    axum::extract::State(state): axum::extract::State<AppState>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse as _;
    let allowed = &state.config.allowed_hosts;
    if !allowed.is_empty() {
        let host = req
            .headers()
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .map(host_name)
            .or_else(|| req.uri().host().map(host_name));
        if !host.as_ref().is_some_and(|h| allowed.iter().any(|a| a == h)) {
            return (
                StatusCode::MISDIRECTED_REQUEST,
                "this server does not answer to that host name (see casewatch serve --allowed-host)\n",
            )
                .into_response();
        }
    }
    next.run(req).await
}

/// What every handler shares.
pub(crate) struct Shared {
    pub(crate) pool: Arc<StorePool>,
    pub(crate) config: Config,
    pub(crate) limiter: LoginLimiter,
}

/// The router state: a cheap handle on [`Shared`].
#[derive(Clone)]
pub(crate) struct AppState(Arc<Shared>);

impl std::ops::Deref for AppState {
    type Target = Shared;
    fn deref(&self) -> &Shared {
        &self.0
    }
}

fn header_layer(name: HeaderName, value: &'static str) -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value))
}

/// Builds the application: opens the database (creating and migrating it),
/// and returns the router with every route and security layer.
///
/// Errors: the database cannot be opened or migrated.
pub fn app(config: Config) -> Result<Router, WebError> {
    let pool = Arc::new(StorePool::open(&config.db, config.pool_size)?);
    let state = AppState(Arc::new(Shared {
        pool,
        limiter: LoginLimiter::new(config.login_limits),
        config,
    }));
    let host_check = axum::middleware::from_fn_with_state(state.clone(), check_host);
    let router = Router::new()
        .route("/healthz", get(pages::healthz))
        .route("/login", get(auth::login_page).post(auth::login))
        .route("/logout", post(auth::logout))
        .route("/", get(pages::index))
        .route("/static/app.css", get(pages::stylesheet))
        .route("/cases", get(pages::cases))
        .route("/cases.csv", get(pages::cases_csv))
        .route("/cases/{id}", get(pages::case))
        .route("/cases/{id}/review", get(review::page))
        .route("/cases/{id}/events/{event}/review", post(review::decide_form))
        .route("/cases/{id}/events/{event}/edit", get(review::edit_page))
        .route("/cases/{id}/people/merge", post(review::merge_form))
        .route("/cases/{id}/people/split", post(review::split_form))
        .route("/cases/{id}/people/{person}/status", post(casework::status_form))
        .route("/cases/{id}/meta", post(casework::case_form))
        .route("/cases/{id}/merge", post(casework::merge_form))
        .route("/cases/{id}/split", post(case_split::split_form))
        .route("/cases/{id}/confirm-all", post(casework::confirm_all_form))
        .route("/cases/{id}/entries", post(casework::add_entry_form))
        .route("/review", get(casework::queue_page))
        .route("/cases/{id}/feed.atom", get(feeds::case_feed))
        .route("/feed.atom", get(feeds::all_feed))
        .route("/cases/{id}/people/role", post(review::role_form))
        .route("/cases/{id}/export/{file}", get(export::download))
        .route("/articles", get(pages::articles))
        .route("/articles/{id}", get(pages::article))
        .route("/people", get(pages::people))
        .route("/people/{id}", get(pages::person))
        .route("/search", get(pages::search))
        .route("/admin/users", get(admin::page).post(admin::add_user))
        .route("/admin/users/remove", post(admin::remove_user))
        .route("/admin/users/role", post(admin::set_role))
        .route("/admin/tokens", post(admin::add_token))
        .route("/admin/tokens/remove", post(admin::remove_token))
        .merge(api::routes())
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .merge(
            Router::new()
                .route("/upload", get(upload::page).post(upload::paste))
                .route("/upload/files", post(upload::files))
                .layer(axum::extract::DefaultBodyLimit::max(upload::MAX_UPLOAD_BYTES))
                .layer(RequestBodyLimitLayer::new(upload::MAX_UPLOAD_BYTES)),
        )
        .fallback(pages::not_found)
        .with_state(state)
        .layer(CsrfLayer::new())
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(30),
        ))
        .layer(header_layer(header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY))
        .layer(header_layer(header::X_FRAME_OPTIONS, "DENY"))
        .layer(header_layer(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(header_layer(header::REFERRER_POLICY, "same-origin"))
        .layer(header_layer(
            HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ))
        .layer(header_layer(
            HeaderName::from_static("cross-origin-resource-policy"),
            "same-origin",
        ))
        .layer(header_layer(
            HeaderName::from_static("permissions-policy"),
            "camera=(), microphone=(), geolocation=(), interest-cohort=()",
        ))
        .layer(header_layer(header::CACHE_CONTROL, "no-store"))
        .layer(host_check);
    Ok(router)
}

/// Serves `app` on `listener` until `shutdown` completes, recording each
/// connection's address (for the login rate limit).
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown)
        .await
}

/// Opens the database, binds `bind` (`IP:PORT`) and serves until Ctrl-C,
/// on a runtime of its own. Prints the address it listens on to stderr.
///
/// Errors: a bad address, a port in use, a database that cannot be opened.
pub fn run(bind: &str, config: Config) -> Result<(), WebError> {
    let addr: SocketAddr = bind.parse().map_err(|_| WebError::BadAddress(bind.to_string()))?;
    let public = config.public_read;
    let mut config = config;
    if public && config.allowed_hosts.is_empty() {
        let ip = addr.ip();
        let shown = if ip.is_ipv6() {
            format!("[{ip}]")
        } else {
            ip.to_string()
        };
        config.allowed_hosts = vec!["localhost".into(), "127.0.0.1".into(), "[::1]".into(), shown];
        if ip.is_unspecified() {
            eprintln!(
                "casewatch: --public-read on {addr}: only Host headers localhost and the loopback addresses are \
                 answered; name the server's public host names with --allowed-host"
            );
        }
    }
    // Read the words of stored names once, off the request path: otherwise the
    // first search on the server pays for it (about a second at 200,000
    // articles). The pooled stores share them (`Store::warm_search`).
    let db = config.db.clone();
    let app = app(config)?;
    std::thread::spawn(move || {
        if let Err(e) = casewatch_store::Store::open(&db).and_then(|store| store.warm_search()) {
            eprintln!("casewatch: reading the stored names for search: {e}");
        }
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|source| WebError::Serve { addr, source })?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|source| WebError::Bind {
                addr: bind.to_string(),
                source,
            })?;
        let local = listener.local_addr().unwrap_or(addr);
        eprintln!(
            "casewatch: serving on http://{local}/ ({}); Ctrl-C stops",
            if public {
                "public read: anyone can read, writes need a login"
            } else {
                "login required"
            }
        );
        serve(listener, app, async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|source| WebError::Serve { addr: local, source })
    })
}
