//! Who is asking: the session cookie or bearer token of a request resolved to
//! a [`Principal`], the role extractors handlers use (`Reader`, `Editor`,
//! `Admin`), and the login/logout handlers with their rate limit.

use crate::AppState;
use crate::error::{AppError, PageError};
use crate::views::{LoginPage, Nav, render};
use axum::extract::{ConnectInfo, Form, FromRequestParts, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use casewatch_store::UserRole;
use serde::Deserialize;
use std::net::{IpAddr, SocketAddr};

/// Cookie name of the session (with the `__Host-` prefix when cookies are
/// marked `Secure`).
pub(crate) fn cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-casewatch_session"
    } else {
        "casewatch_session"
    }
}

/// How a principal was authenticated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Via {
    /// A browser session cookie.
    Session,
    /// An API bearer token.
    Token,
    /// Nobody: the server runs with `--public-read`.
    Public,
}

/// The authenticated caller.
#[derive(Debug, Clone)]
pub(crate) struct Principal {
    /// User or token name (`anonymous` for public readers).
    pub(crate) name: String,
    /// What they may do.
    pub(crate) role: UserRole,
    /// How they were recognised.
    pub(crate) via: Via,
}

impl Principal {
    /// The name written to the audit log: the user, or `token:NAME`.
    pub(crate) fn audit_name(&self) -> String {
        match self.via {
            Via::Token => format!("token:{}", self.name),
            _ => self.name.clone(),
        }
    }
}

/// The session token in the request's cookies, if any.
pub(crate) fn session_cookie(headers: &HeaderMap, secure: bool) -> Option<String> {
    let name = cookie_name(secure);
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.trim().to_string())
        .filter(|v| !v.is_empty() && v.len() <= 128 && v.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The bearer token of the request: `Ok(None)` without an Authorization
/// header, `Err` for one that is not `Bearer …`.
fn bearer(headers: &HeaderMap) -> Result<Option<String>, AppError> {
    let Some(v) = headers.get(header::AUTHORIZATION) else {
        return Ok(None);
    };
    let v = v.to_str().map_err(|_| AppError::Unauthorized)?;
    match v.split_once(' ') {
        Some((scheme, token)) if scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty() => {
            Ok(Some(token.trim().to_string()))
        }
        _ => Err(AppError::Unauthorized),
    }
}

/// Resolves the caller: a bearer token first (a bad one is refused, never
/// ignored), else the session cookie; `None` when neither is present or the
/// session has expired.
pub(crate) async fn principal(state: &AppState, headers: &HeaderMap) -> Result<Option<Principal>, AppError> {
    if let Some(secret) = bearer(headers)? {
        if secret.len() > 256 {
            return Err(AppError::Unauthorized);
        }
        let token = state.pool.run(move |s| Ok(s.token_by_secret(&secret)?)).await?;
        return match token {
            Some(t) => Ok(Some(Principal {
                name: t.name,
                role: t.role,
                via: Via::Token,
            })),
            None => Err(AppError::Unauthorized),
        };
    }
    let Some(token) = session_cookie(headers, state.config.secure_cookies) else {
        return Ok(None);
    };
    let user = state.pool.run(move |s| Ok(s.session_user(&token)?)).await?;
    Ok(user.map(|u| Principal {
        name: u.name,
        role: u.role,
        via: Via::Session,
    }))
}

/// Why a role extractor refused a request; rendered as JSON under `/api/`,
/// as a redirect to the login page for a page GET, else as an HTML error.
#[derive(Debug)]
pub(crate) struct AuthRejection {
    api: bool,
    login_redirect: Option<String>,
    error: AppError,
}

impl IntoResponse for AuthRejection {
    fn into_response(self) -> Response {
        if self.api {
            return self.error.into_json();
        }
        if let (AppError::Unauthorized, Some(next)) = (&self.error, self.login_redirect) {
            return Redirect::to(&format!("/login?next={}", crate::views::urlencode(&next))).into_response();
        }
        self.error.into_html()
    }
}

async fn require(parts: &Parts, state: &AppState, min: UserRole) -> Result<Principal, AuthRejection> {
    let api = parts.uri.path().starts_with("/api/");
    let reject = |error: AppError| AuthRejection {
        api,
        login_redirect: (parts.method == axum::http::Method::GET)
            .then(|| parts.uri.path_and_query().map_or("/", |p| p.as_str()).to_string()),
        error,
    };
    let found = principal(state, &parts.headers).await.map_err(reject)?;
    let p = match found {
        Some(p) => p,
        None if min == UserRole::Viewer && state.config.public_read => Principal {
            name: "anonymous".into(),
            role: UserRole::Viewer,
            via: Via::Public,
        },
        None => return Err(reject(AppError::Unauthorized)),
    };
    if p.role < min {
        if p.via == Via::Public {
            return Err(reject(AppError::Unauthorized));
        }
        return Err(reject(AppError::Forbidden(format!(
            "this needs the {min} role; {} is {}",
            p.name, p.role
        ))));
    }
    Ok(p)
}

macro_rules! role_extractor {
    ($(#[$m:meta])* $name:ident, $role:expr) => {
        $(#[$m])*
        #[derive(Debug, Clone)]
        pub(crate) struct $name(pub(crate) Principal);

        impl FromRequestParts<AppState> for $name {
            type Rejection = AuthRejection;
            async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
                require(parts, state, $role).await.map($name)
            }
        }
    };
}

role_extractor!(
    /// Any logged-in user or token (or anyone, with `--public-read`).
    Reader,
    UserRole::Viewer
);
role_extractor!(
    /// An editor or admin.
    Editor,
    UserRole::Editor
);
role_extractor!(
    /// An admin.
    Admin,
    UserRole::Admin
);

/// The client's address: the TCP peer, or, when the peer is one of
/// [`crate::Config::trusted_proxies`], the last address of its
/// `X-Forwarded-For` header that is not a trusted proxy (`None` when unknown).
#[derive(Debug, Clone, Copy)]
pub(crate) struct ClientIp(pub(crate) Option<IpAddr>);

/// The client address of a request from `peer` with `X-Forwarded-For`
/// values `forwarded` (see [`ClientIp`]).
pub(crate) fn client_address(peer: Option<IpAddr>, forwarded: &[&str], trusted: &[IpAddr]) -> Option<IpAddr> {
    let peer = peer?;
    if !trusted.contains(&peer) {
        return Some(peer);
    }
    // the header lists client, proxy1, proxy2…: read from the right, past our own proxies
    let hops: Vec<&str> = forwarded.iter().flat_map(|v| v.split(',')).map(str::trim).collect();
    for hop in hops.iter().rev() {
        match hop.parse::<IpAddr>() {
            Ok(ip) if trusted.contains(&ip) => continue,
            Ok(ip) => return Some(ip),
            // garbage in the header: the proxy is all we know
            Err(_) => return Some(peer),
        }
    }
    Some(peer)
}

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
        let forwarded: Vec<&str> = parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect();
        Ok(ClientIp(client_address(
            peer,
            &forwarded,
            &state.config.trusted_proxies,
        )))
    }
}

/// A redirect target from a query or form: a path on this site, else `/cases`.
pub(crate) fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n)
            if n.starts_with('/')
                && !n.starts_with("//")
                && !n.starts_with("/\\")
                && n.len() <= 2048
                && !n.chars().any(|c| c.is_control()) =>
        {
            n.to_string()
        }
        _ => "/cases".into(),
    }
}

/// Query of the login page.
#[derive(Debug, Deserialize)]
pub(crate) struct NextQuery {
    next: Option<String>,
}

/// `GET /login`: the login form (or straight on when already logged in).
pub(crate) async fn login_page(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<NextQuery>,
) -> Result<Response, PageError> {
    let next = safe_next(q.next.as_deref());
    if principal(&state, &headers).await.ok().flatten().is_some() {
        return Ok(Redirect::to(&next).into_response());
    }
    Ok(render(
        StatusCode::OK,
        &LoginPage {
            nav: Nav::anonymous(),
            next,
            name: String::new(),
            error: None,
        },
    ))
}

/// The login form's fields.
#[derive(Deserialize)]
pub(crate) struct LoginForm {
    username: String,
    password: String,
    next: Option<String>,
}

/// `POST /login`: checks the rate limit, then the password; on success sets
/// the session cookie and redirects.
pub(crate) async fn login(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Form(form): Form<LoginForm>,
) -> Result<Response, PageError> {
    let next = safe_next(form.next.as_deref());
    let name = form.username.trim().to_string();
    if let Err(secs) = state.limiter.check(&name, ip) {
        return Err(AppError::TooManyRequests(secs).into());
    }
    let (n, pw) = (name.clone(), form.password);
    let session = state
        .pool
        .run(move |s| match s.verify_password(&n, &pw)? {
            Some(user) => Ok(Some(s.create_session(&user.name)?)),
            None => Ok(None),
        })
        .await?;
    let Some(session) = session else {
        state.limiter.failed(&name, ip);
        return Ok(render(
            StatusCode::UNAUTHORIZED,
            &LoginPage {
                nav: Nav::anonymous(),
                next,
                name,
                error: Some("Wrong name or password.".into()),
            },
        ));
    };
    state.limiter.succeeded(&name);
    let secure = state.config.secure_cookies;
    let cookie = format!(
        "{}={}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{}",
        cookie_name(secure),
        session.token,
        casewatch_store::SESSION_TTL.as_secs(),
        if secure { "; Secure" } else { "" }
    );
    let mut resp = Redirect::to(&next).into_response();
    let v = HeaderValue::from_str(&cookie).map_err(|e| AppError::Internal(e.to_string()))?;
    resp.headers_mut().insert(header::SET_COOKIE, v);
    Ok(resp)
}

/// `POST /logout`: ends the session and clears the cookie.
pub(crate) async fn logout(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, PageError> {
    let secure = state.config.secure_cookies;
    if let Some(token) = session_cookie(&headers, secure) {
        state.pool.run(move |s| Ok(s.delete_session(&token)?)).await?;
    }
    let cookie = format!(
        "{}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{}",
        cookie_name(secure),
        if secure { "; Secure" } else { "" }
    );
    let mut resp = Redirect::to("/login").into_response();
    resp.headers_mut().insert(
        header::SET_COOKIE,
        HeaderValue::from_str(&cookie).map_err(|e| AppError::Internal(e.to_string()))?,
    );
    Ok(resp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forwarded_addresses_are_believed_from_trusted_proxies_only() {
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        let proxy = ip("10.0.0.1");
        let trusted = [proxy, ip("10.0.0.2")];
        // from the proxy: the client it names (past a second trusted hop)
        assert_eq!(
            client_address(Some(proxy), &["203.0.113.9, 10.0.0.2"], &trusted),
            Some(ip("203.0.113.9"))
        );
        // a forged first entry does not help: the rightmost untrusted entry counts
        assert_eq!(
            client_address(Some(proxy), &["1.1.1.1", "198.51.100.7"], &trusted),
            Some(ip("198.51.100.7"))
        );
        // from anyone else the header is ignored
        assert_eq!(
            client_address(Some(ip("198.51.100.7")), &["1.1.1.1"], &trusted),
            Some(ip("198.51.100.7"))
        );
        // no header or garbage: the proxy itself
        assert_eq!(client_address(Some(proxy), &[], &trusted), Some(proxy));
        assert_eq!(client_address(Some(proxy), &["nonsense"], &trusted), Some(proxy));
        assert_eq!(client_address(None, &["1.1.1.1"], &trusted), None);
    }

    #[test]
    fn next_is_local_only() {
        assert_eq!(safe_next(Some("/cases/c1?x=1")), "/cases/c1?x=1");
        assert_eq!(safe_next(Some("//evil.example")), "/cases");
        assert_eq!(safe_next(Some("/\\evil.example")), "/cases");
        assert_eq!(safe_next(Some("https://evil.example")), "/cases");
        assert_eq!(safe_next(None), "/cases");
    }

    #[test]
    fn cookie_parsing() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("a=b; casewatch_session=abc123 ; c=d"),
        );
        assert_eq!(session_cookie(&h, false).as_deref(), Some("abc123"));
        assert_eq!(session_cookie(&h, true), None);
        h.insert(header::COOKIE, HeaderValue::from_static("casewatch_session=<script>"));
        assert_eq!(session_cookie(&h, false), None);
    }
}
