//! Test harness shared by the web integration tests: a fresh database with
//! the bundled example articles and one account per role, the real server on
//! port 0, and a minimal HTTP/1.1 client (so the tests need no HTTP crate).

#![allow(dead_code)]

use casewatch_store::{ArticleInput, Store, UserRole};
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// The password of every test account.
pub const PASSWORD: &str = "correct horse battery";

/// A running server on a fresh database.
pub struct TestServer {
    /// Where it listens.
    pub addr: SocketAddr,
    /// The database file.
    pub db: PathBuf,
    /// A viewer token and an editor token.
    pub viewer_token: String,
    pub editor_token: String,
    _dir: tempfile::TempDir,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// The workspace's `examples/` directory.
pub fn examples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

/// Reads, extracts and stores articles, then builds the cases (what
/// `casewatch ingest` does).
pub fn ingest(store: &mut Store, paths: &[PathBuf]) {
    let ex = casewatch_extract::Extractor::english().expect("lexicon");
    let mut items = Vec::new();
    for a in casewatch_ingest::read_paths(paths, &casewatch_ingest::ReadOptions::default()) {
        let a = a.expect("readable example");
        let rec = ex.extract(a.meta("en"), &a.body).record;
        items.push((rec, a.body));
    }
    let inputs: Vec<ArticleInput<'_>> = items
        .iter()
        .map(|(record, body)| ArticleInput { record, body })
        .collect();
    store.insert_articles(&inputs).expect("insert");
    store.update_cases().expect("cases");
}

/// Starts a server over a fresh database holding the examples and the
/// accounts `admin`, `editor`, `viewer` (password [`PASSWORD`]).
pub async fn start(public_read: bool) -> TestServer {
    start_with(public_read, |_| {}).await
}

/// [`start`], with `adjust` applied to the server's configuration.
pub async fn start_with(public_read: bool, adjust: impl FnOnce(&mut casewatch_web::Config)) -> TestServer {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("casewatch.db");
    let (viewer_token, editor_token) = {
        let mut store = Store::open(&db).expect("open");
        ingest(&mut store, &[examples_dir()]);
        for (name, role) in [
            ("admin", UserRole::Admin),
            ("editor", UserRole::Editor),
            ("viewer", UserRole::Viewer),
        ] {
            store.add_user(name, role, PASSWORD).expect("user");
        }
        (
            store.add_token("viewer-script", UserRole::Viewer).expect("token"),
            store.add_token("editor-script", UserRole::Editor).expect("token"),
        )
    };
    let mut config = casewatch_web::Config::new(db.clone());
    config.public_read = public_read;
    config.login_limits = casewatch_web::LoginLimits {
        per_user: 3,
        per_address: 50,
        window: Duration::from_secs(600),
    };
    adjust(&mut config);
    let app = casewatch_web::app(config).expect("app");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(async move {
        let _ = casewatch_web::serve(listener, app, async {
            let _ = stopped.await;
        })
        .await;
    });
    TestServer {
        addr,
        db,
        viewer_token,
        editor_token,
        _dir: dir,
        stop: Some(stop),
    }
}

/// A response.
#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    /// Header names lower-cased; repeated headers joined with "\n".
    pub headers: BTreeMap<String, String>,
    pub body: String,
}

impl Resp {
    /// A header's value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(String::as_str)
    }

    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

/// Sends one request (`Connection: close`) and reads the whole response.
pub async fn request(addr: SocketAddr, method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> Resp {
    let mut s = TcpStream::connect(addr).await.expect("connect");
    let mut req = if headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
        format!("{method} {path} HTTP/1.1\r\nConnection: close\r\n")
    } else {
        format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n")
    };
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    if !body.is_empty() || method == "POST" {
        req.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    req.push_str("\r\n");
    req.push_str(body);
    s.write_all(req.as_bytes()).await.expect("write");
    let mut raw = Vec::new();
    tokio::time::timeout(Duration::from_secs(60), s.read_to_end(&mut raw))
        .await
        .expect("response in time")
        .expect("read");
    parse(&raw)
}

fn parse(raw: &[u8]) -> Resp {
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("end of headers");
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let mut body = raw[split + 4..].to_vec();
    let mut lines = head.split("\r\n");
    let status: u16 = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .expect("status line");
    let mut headers: BTreeMap<String, String> = BTreeMap::new();
    for l in lines {
        if let Some((k, v)) = l.split_once(':') {
            headers
                .entry(k.trim().to_lowercase())
                .and_modify(|old| {
                    old.push('\n');
                    old.push_str(v.trim());
                })
                .or_insert_with(|| v.trim().to_string());
        }
    }
    if headers.get("transfer-encoding").is_some_and(|t| t.contains("chunked")) {
        body = dechunk(&body);
    }
    Resp {
        status,
        headers,
        body: String::from_utf8_lossy(&body).to_string(),
    }
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = b.windows(2).position(|w| w == b"\r\n") {
        let size = usize::from_str_radix(String::from_utf8_lossy(&b[..eol]).trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        let start = eol + 2;
        out.extend_from_slice(&b[start..(start + size).min(b.len())]);
        b = &b[(start + size + 2).min(b.len())..];
    }
    out
}

impl TestServer {
    /// GET with optional extra headers.
    pub async fn get(&self, path: &str, headers: &[(&str, &str)]) -> Resp {
        request(self.addr, "GET", path, headers, "").await
    }

    /// A same-origin form POST (as a browser sends it).
    pub async fn post_form(&self, path: &str, cookie: Option<&str>, form: &str) -> Resp {
        let origin = format!("http://{}", self.addr);
        let mut h = vec![
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Origin", origin.as_str()),
            ("Sec-Fetch-Site", "same-origin"),
        ];
        if let Some(c) = cookie {
            h.push(("Cookie", c));
        }
        request(self.addr, "POST", path, &h, form).await
    }

    /// A JSON POST with a bearer token (as a script sends it).
    pub async fn post_json(&self, path: &str, token: &str, body: &serde_json::Value) -> Resp {
        let auth = format!("Bearer {token}");
        request(
            self.addr,
            "POST",
            path,
            &[("Content-Type", "application/json"), ("Authorization", auth.as_str())],
            &body.to_string(),
        )
        .await
    }

    /// Logs in through the form; returns the `Cookie` header value.
    pub async fn login(&self, name: &str) -> String {
        let r = self
            .post_form(
                "/login",
                None,
                &format!("username={name}&password={}&next=/cases", PASSWORD.replace(' ', "+")),
            )
            .await;
        assert_eq!(r.status, 303, "login of {name}: {}", r.body);
        let set = r.header("set-cookie").expect("session cookie");
        set.split(';').next().expect("cookie pair").to_string()
    }
}
