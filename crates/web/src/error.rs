//! Errors: [`WebError`] for starting the server, and the one request error
//! type, `AppError`, turned into an HTML page or a JSON body.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use casewatch_store::StoreError;
use std::net::SocketAddr;

/// Why the server could not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum WebError {
    /// The database could not be opened or migrated.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The address could not be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address asked for.
        addr: String,
        /// The system's error.
        #[source]
        source: std::io::Error,
    },
    /// The address is not a socket address.
    #[error("{0:?} is not an address to listen on (expected IP:PORT, e.g. 127.0.0.1:8080)")]
    BadAddress(String),
    /// Serving failed (the runtime or the listener).
    #[error("server error on {addr}: {source}")]
    Serve {
        /// The bound address.
        addr: SocketAddr,
        /// The system's error.
        #[source]
        source: std::io::Error,
    },
}

/// A request that failed: what to tell the client.
#[derive(Debug, thiserror::Error)]
pub(crate) enum AppError {
    /// No such case, article, person or event.
    #[error("{0}")]
    NotFound(String),
    /// The request is malformed or asks for something invalid.
    #[error("{0}")]
    BadRequest(String),
    /// Not logged in (and the route is not open to anonymous readers).
    #[error("log in first")]
    Unauthorized,
    /// Logged in, but the role does not allow this.
    #[error("{0}")]
    Forbidden(String),
    /// Too many failed logins; retry after this many seconds.
    #[error("too many failed logins; try again in {0} s")]
    TooManyRequests(u64),
    /// The store is busy.
    #[error("{0}")]
    Unavailable(String),
    /// The store failed.
    #[error("database error")]
    Store(#[from] StoreError),
    /// Anything else that should not happen.
    #[error("internal error")]
    Internal(String),
}

impl AppError {
    /// The HTTP status for this error.
    pub(crate) fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Unauthorized => StatusCode::UNAUTHORIZED,
            AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Store(e) if e.is_constraint_violation() => StatusCode::CONFLICT,
            AppError::Store(StoreError::Invalid { .. }) => StatusCode::BAD_REQUEST,
            AppError::Store(StoreError::Query { source, .. }) if source.is_busy() => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Store(_) | AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The message shown to the client: internal details are logged, not sent.
    pub(crate) fn public_message(&self) -> String {
        match self {
            AppError::Store(StoreError::Invalid { what, detail, .. }) => format!("{what}: {detail}"),
            AppError::Store(e) => {
                eprintln!("casewatch-web: database error: {e}");
                "database error (see the server log)".into()
            }
            AppError::Internal(e) => {
                eprintln!("casewatch-web: internal error: {e}");
                "internal error (see the server log)".into()
            }
            other => other.to_string(),
        }
    }

    fn extra_headers(&self, resp: &mut Response) {
        match self {
            AppError::TooManyRequests(secs) => {
                if let Ok(v) = HeaderValue::from_str(&secs.to_string()) {
                    resp.headers_mut().insert(header::RETRY_AFTER, v);
                }
            }
            AppError::Unauthorized => {
                resp.headers_mut().insert(
                    header::WWW_AUTHENTICATE,
                    HeaderValue::from_static("Bearer realm=\"casewatch\""),
                );
            }
            _ => {}
        }
    }

    /// The error as a JSON body `{"error": "...", "status": 404}`.
    pub(crate) fn into_json(self) -> Response {
        let status = self.status();
        let body = serde_json::json!({"error": self.public_message(), "status": status.as_u16()});
        let mut resp = (status, axum::Json(body)).into_response();
        self.extra_headers(&mut resp);
        resp
    }

    /// The error as an HTML page.
    pub(crate) fn into_html(self) -> Response {
        let status = self.status();
        let page = crate::views::ErrorPage {
            nav: crate::views::Nav::anonymous(),
            status: status.as_u16(),
            reason: status.canonical_reason().unwrap_or("Error").to_string(),
            message: self.public_message(),
            login: matches!(self, AppError::Unauthorized),
        };
        let mut resp = crate::views::render(status, &page);
        self.extra_headers(&mut resp);
        resp
    }
}

/// An error of an HTML page handler.
#[derive(Debug)]
pub(crate) struct PageError(pub(crate) AppError);

impl<E: Into<AppError>> From<E> for PageError {
    fn from(e: E) -> Self {
        PageError(e.into())
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        self.0.into_html()
    }
}

/// An error of a JSON API handler.
#[derive(Debug)]
pub(crate) struct ApiError(pub(crate) AppError);

impl<E: Into<AppError>> From<E> for ApiError {
    fn from(e: E) -> Self {
        ApiError(e.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        self.0.into_json()
    }
}
