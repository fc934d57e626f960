//! `casewatch watch` and `casewatch ingest URL` against a local HTTP server
//! on 127.0.0.1 serving a fictional feed and fictional pages: items are
//! fetched once, the feed is asked with If-None-Match / If-Modified-Since
//! and a 304 brings nothing, new timeline entries are reported per case.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};

fn run(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_casewatch"))
        .args(args)
        .current_dir(dir)
        .env_remove("CASEWATCH_DB")
        .env_remove("CASEWATCH_LEXICON")
        .output()
        .expect("binary runs")
}

fn text(o: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// One request as the server saw it: path and headers (lower-case names).
type Seen = Arc<Mutex<Vec<(String, HashMap<String, String>)>>>;

fn page(title: &str, paragraphs: &[&str]) -> String {
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    format!(
        "<!doctype html><html><head><title>{title}</title>\
         <meta property=\"article:published_time\" content=\"2025-05-21T09:00:00Z\"></head>\
         <body><nav><a href=\"/\">Harbour Lantern</a></nav><article><h1>{title}</h1>\n{body}</article>\
         <footer>Harbour Lantern, an independent fictional outlet</footer></body></html>"
    )
}

/// Serves the fictional site; returns its base URL and what it was asked.
fn serve() -> (String, Seen) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    let seen: Seen = Arc::new(Mutex::new(Vec::new()));
    let feed = format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Harbour Lantern</title><link>{base}/</link>\
         <item><title>Reporter Mira Dall detained in Port Elm</title><link>{base}/news/dall-detained.html</link>\
         <guid>{base}/news/dall-detained.html</guid><pubDate>Wed, 21 May 2025 09:00:00 GMT</pubDate>\
         <description>Police detained a reporter.</description></item>\
         <item><title>Court remands Mira Dall</title><link>{base}/news/dall-remanded.html</link>\
         <guid>{base}/news/dall-remanded.html</guid><pubDate>Fri, 23 May 2025 09:00:00 GMT</pubDate>\
         <description>A court remanded the reporter.</description></item>\
         </channel></rss>"
    );
    let pages: HashMap<String, String> = [
        (
            "/news/dall-detained.html".to_string(),
            page(
                "Reporter Mira Dall detained in Port Elm",
                &[
                    "Police detained Mira Dall, a reporter for the independent outlet Harbour Lantern, in Port Elm on Tuesday, her editor said.",
                    "Officers searched her flat and seized her laptop and two phones.",
                    "Dall, 34, has covered the city's port for six years. Her editor, Tomas Brandt, said the detention was retaliation for her reporting.",
                ],
            ),
        ),
        (
            "/news/dall-remanded.html".to_string(),
            page(
                "Court remands Mira Dall",
                &[
                    "The Port Elm District Court on Thursday ordered reporter Mira Dall to be held in pre-trial detention for two months.",
                    "Dall was charged with spreading false information, her lawyer said. She denies the charge.",
                    "The Harbour Lantern said it would keep publishing her reports.",
                ],
            ),
        ),
    ]
    .into_iter()
    .collect();
    let log = seen.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().expect("clone"));
            let mut first = String::new();
            if reader.read_line(&mut first).is_err() {
                continue;
            }
            let path = first.split_whitespace().nth(1).unwrap_or("/").to_string();
            let mut headers = HashMap::new();
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
                    break;
                }
                if let Some((k, v)) = line.split_once(':') {
                    headers.insert(k.trim().to_lowercase(), v.trim().to_string());
                }
            }
            log.lock().expect("lock").push((path.clone(), headers.clone()));
            let (status, ctype, body, extra) = if path == "/feed.xml" {
                if headers.get("if-none-match").map(String::as_str) == Some("\"v1\"") {
                    (
                        "304 Not Modified",
                        "application/rss+xml",
                        String::new(),
                        "ETag: \"v1\"\r\n",
                    )
                } else {
                    (
                        "200 OK",
                        "application/rss+xml",
                        feed.clone(),
                        "ETag: \"v1\"\r\nLast-Modified: Fri, 23 May 2025 09:00:00 GMT\r\n",
                    )
                }
            } else if let Some(p) = pages.get(&path) {
                ("200 OK", "text/html; charset=utf-8", p.clone(), "")
            } else {
                ("404 Not Found", "text/plain", "no such page".to_string(), "")
            };
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n{extra}Connection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    (base, seen)
}

#[test]
fn watch_fetches_new_items_once_with_conditional_get_and_reports_new_entries() {
    let (base, seen) = serve();
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let feed = format!("{base}/feed.xml");
    let o = run(&["watch", &feed, "--once"], d);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}\n{err}");
    assert!(out.contains("2 new items, 2 new articles"), "{out}\n{err}");
    assert!(out.contains("new timeline entries"), "{out}");
    assert!(out.contains("detention"), "{out}");
    {
        let seen = seen.lock().expect("lock");
        let paths: Vec<&str> = seen.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            paths,
            ["/feed.xml", "/news/dall-detained.html", "/news/dall-remanded.html"]
        );
        let ua = seen[0].1.get("user-agent").cloned().unwrap_or_default();
        assert!(ua.starts_with("casewatch/"), "{ua}");
    }
    // The stored articles have their URL, headline and outlet.
    let cases = run(&["cases", "--format", "json"], d);
    let v: serde_json::Value = serde_json::from_slice(&cases.stdout).expect("JSON");
    let src = &v["cases"][0]["events"][0]["sources"][0];
    assert!(src["url"].as_str().is_some_and(|u| u.starts_with(&base)), "{src}");
    // The pages name no outlet: the feed's title does.
    assert_eq!(src["outlet"], "Harbour Lantern");

    // Second poll: conditional GET, 304, no item fetched again.
    let o = run(&["watch", &feed, "--once"], d);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(out.contains("not modified"), "{out}");
    let seen = seen.lock().expect("lock");
    assert_eq!(seen.len(), 4);
    assert_eq!(seen[3].0, "/feed.xml");
    assert_eq!(seen[3].1.get("if-none-match").map(String::as_str), Some("\"v1\""));
    assert_eq!(
        seen[3].1.get("if-modified-since").map(String::as_str),
        Some("Fri, 23 May 2025 09:00:00 GMT")
    );
}

#[test]
fn ingest_takes_a_page_url_and_a_failed_fetch_exits_1() {
    let (base, _seen) = serve();
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let o = run(&["ingest", &format!("{base}/news/dall-remanded.html")], d);
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(err.contains("1 new"), "{err}");
    let cases = run(&["cases", "--format", "json"], d);
    let v: serde_json::Value = serde_json::from_slice(&cases.stdout).expect("JSON");
    let url = format!("{base}/news/dall-remanded.html");
    assert!(v.to_string().contains(&url), "the stored article keeps its URL");
    let o = run(&["ingest", &format!("{base}/news/missing.html")], d);
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(1));
    assert!(err.contains("missing.html") && err.contains("HTTP 404"), "{err}");
    let bad = run(&["watch", "ftp://example.org/feed", "--once"], d);
    assert_eq!(bad.status.code(), Some(1));
    let bad = run(&["watch", &format!("{base}/feed.xml"), "--every", "5s"], d);
    assert_eq!(bad.status.code(), Some(2), "a usage error");
}
