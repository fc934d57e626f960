//! End-to-end test in headless Chromium (Debian's `chromium` and
//! `chromium-driver`, driven through WebDriver with fantoccini): log in, open
//! the case list, open a case, see the SVG timeline, confirm an event,
//! reload and see it confirmed.
//!
//! Skipped, with a message, only when `chromedriver` is not installed
//! (`.ci/run` installs it, so CI always runs it). Set `CHROMEDRIVER` and
//! `CHROMIUM` to use other binaries.

mod common;

use fantoccini::{ClientBuilder, Locator};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Finds an executable: the environment variable, else the first candidate
/// found on PATH.
fn find(var: &str, names: &[&str]) -> Option<PathBuf> {
    if let Some(p) = std::env::var_os(var) {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    names
        .iter()
        .flat_map(|n| std::env::split_paths(&path).map(move |d| d.join(n)))
        .find(|p| p.is_file())
}

/// Kills the driver when the test ends, whatever happens.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// Clicks an element that leaves the page (a link or a form's submit button)
/// and returns once the browser shows the next page: the old document's root
/// has gone stale and the new one has finished loading. Waiting for an
/// element alone races the navigation when the old page has the same element,
/// and a command sent mid-navigation fails with "aborted by navigation".
/// Errors: the click's error (except the driver's own timeout, see below), or
/// `WaitTimeout` when no new page has loaded within 20 s.
async fn click_and_follow(
    client: &fantoccini::Client,
    target: fantoccini::elements::Element,
) -> Result<(), fantoccini::error::CmdError> {
    let old_root = client.find(Locator::Css("html")).await?;
    match target.click().await {
        Ok(_) => {}
        // Chromedriver may give up waiting on the click when the navigation it
        // started replaces the page ("timeout: aborted by navigation"); the
        // click happened, and the wait below checks that the page changed.
        Err(e) if e.is_timeout() => {}
        Err(e) => return Err(e),
    }
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        match old_root.tag_name().await {
            Err(e) if e.is_stale_element_reference() || e.is_no_such_element() => break,
            // Mid-navigation the driver may answer anything; ask again.
            _ if Instant::now() >= deadline => return Err(fantoccini::error::CmdError::WaitTimeout),
            _ => tokio::time::sleep(Duration::from_millis(50)).await,
        }
    }
    wait_loaded(client, deadline).await
}

/// Waits until the page reports `document.readyState == "complete"`,
/// asking again when the driver answers with an error mid-navigation.
/// Errors: `WaitTimeout` at `deadline`.
async fn wait_loaded(client: &fantoccini::Client, deadline: Instant) -> Result<(), fantoccini::error::CmdError> {
    loop {
        let ready = client
            .execute("return document.readyState;", vec![])
            .await
            .ok()
            .and_then(|v| v.as_str().map(|s| s == "complete"));
        if ready == Some(true) {
            return Ok(());
        }
        if Instant::now() >= deadline {
            return Err(fantoccini::error::CmdError::WaitTimeout);
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Loads `url` afresh from the server and waits until it has loaded. Under
/// load chromedriver may answer a navigation with "timeout: aborted by
/// navigation" while an earlier one settles; loading a page is idempotent, so
/// it is asked again (up to 5 times). Errors: the last navigation error, or
/// `WaitTimeout` when the page has not loaded within 20 s.
async fn visit(client: &fantoccini::Client, url: &str) -> Result<(), fantoccini::error::CmdError> {
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut attempt = 0;
    loop {
        match client.goto(url).await {
            Ok(()) => return wait_loaded(client, deadline).await,
            Err(e) if e.is_timeout() && attempt < 4 => {
                attempt += 1;
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            Err(e) => return Err(e),
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn browser_login_open_case_confirm_event() {
    let Some(chromedriver) = find("CHROMEDRIVER", &["chromedriver"]) else {
        eprintln!(
            "SKIPPED browser_login_open_case_confirm_event: chromedriver not found (apt-get install chromium chromium-driver)"
        );
        return;
    };
    let chromium = find("CHROMIUM", &["chromium", "chromium-browser", "google-chrome"]);
    let server = common::start(false).await;
    let base = format!("http://{}", server.addr);

    let port = free_port();
    let _driver = Driver(
        Command::new(&chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver"),
    );
    let profile = tempfile::tempdir().expect("profile dir");
    let mut opts = serde_json::json!({
        "args": [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
            "--window-size=1280,1000",
            format!("--user-data-dir={}", profile.path().display()),
        ]
    });
    if let Some(bin) = &chromium {
        opts["binary"] = serde_json::json!(bin.display().to_string());
    }
    let mut caps = serde_json::Map::new();
    caps.insert("goog:chromeOptions".into(), opts);
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    let webdriver = format!("http://127.0.0.1:{port}");
    let deadline = Instant::now() + Duration::from_secs(30);
    let client = loop {
        match ClientBuilder::new(connector.clone())
            .capabilities(caps.clone())
            .connect(&webdriver)
            .await
        {
            Ok(c) => break c,
            Err(e) if Instant::now() < deadline => {
                let _ = e;
                tokio::time::sleep(Duration::from_millis(250)).await;
            }
            Err(e) => panic!(
                "cannot start a Chromium session through {}: {e}",
                chromedriver.display()
            ),
        }
    };

    let result = async {
        // 1. Log in (the case list sends us to the login form first).
        visit(&client, &format!("{base}/cases")).await?;
        assert!(client.current_url().await?.path().starts_with("/login"));
        client.find(Locator::Id("username")).await?.send_keys("editor").await?;
        client
            .find(Locator::Id("password"))
            .await?
            .send_keys(common::PASSWORD)
            .await?;
        let submit = client.find(Locator::Id("login-submit")).await?;
        click_and_follow(&client, submit).await?;
        client.wait().for_element(Locator::Css("table.cases")).await?;
        assert_eq!(client.current_url().await?.path(), "/cases");

        // 2. Open a case from the list.
        let links = client.find_all(Locator::Css("a.case-link")).await?;
        assert!(!links.is_empty(), "the case list shows cases");
        click_and_follow(&client, links[0].clone()).await?;

        // 3. The SVG timeline is there with marks.
        let svg = client.wait().for_element(Locator::Css("svg.timeline-svg")).await?;
        let marks = svg.find_all(Locator::Css("a.ev")).await?;
        assert!(!marks.is_empty(), "the timeline has marks");
        let case_url = client.current_url().await?;

        // 4. Confirm the first event.
        let button = client.find(Locator::Css("button.confirm")).await?;
        let event = button.attr("data-event").await?.expect("data-event");
        click_and_follow(&client, button).await?;
        client
            .wait()
            .for_element(Locator::Css(&format!("article#{event}")))
            .await?;

        // 5. Load the case page afresh and see it confirmed.
        visit(&client, case_url.as_str()).await?;
        let state = client
            .wait()
            .for_element(Locator::Css(&format!("article#{event} .review")))
            .await?
            .text()
            .await?;
        assert_eq!(state.trim(), "confirmed");

        let shots = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("screenshots");
        std::fs::create_dir_all(&shots).expect("screenshot dir");
        // 6. The review queue: confirm the first entry with its button; the
        // queue shrinks and the entry is confirmed.
        client.set_window_size(1280, 1000).await?;
        visit(&client, &format!("{base}/review")).await?;
        let first = client.wait().for_element(Locator::Css("button.queue-confirm")).await?;
        let queued = first.attr("data-event").await?.expect("data-event");
        let key = first.attr("accesskey").await?;
        assert_eq!(key.as_deref(), Some("c"), "one-key confirm on the first entry");
        let count = |t: String| -> u64 {
            t.split(" entries")
                .next()
                .and_then(|n| n.trim().parse().ok())
                .expect("count")
        };
        let before = count(client.find(Locator::Css("main p")).await?.text().await?);
        click_and_follow(&client, first).await?;
        client.wait().for_element(Locator::Css("main h1")).await?;
        assert_eq!(client.current_url().await?.path(), "/review");
        let after = count(client.find(Locator::Css("main p")).await?.text().await?);
        assert_eq!(after + 1, before);
        assert!(
            client.find(Locator::Css(&format!("#q-{queued}"))).await.is_err(),
            "confirmed entry left the queue"
        );
        let png = client.screenshot().await?;
        std::fs::write(
            PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
                .join("screenshots")
                .join("queue-desktop.png"),
            png,
        )
        .ok();

        // 7. The timeline at desktop and phone width: a band per defendant,
        // what did not happen hollow and apart, every label inside the
        // frame, text at least 11 px; screenshots kept for a look.
        for (w, h, name) in [(1280u32, 1000u32, "desktop"), (390, 844, "phone")] {
            client.set_window_size(w, h).await?;
            visit(&client, case_url.as_str()).await?;
            client.wait().for_element(Locator::Css("svg.timeline-svg")).await?;
            let v = client
                .execute(
                    "const svg = document.querySelector('svg.timeline-svg');
                     const s = svg.getBoundingClientRect();
                     const bad = [];
                     for (const t of svg.querySelectorAll('text')) {
                       const r = t.getBoundingClientRect();
                       if (r.left < s.left - 1 || r.right > s.right + 1 || r.top < s.top - 1 || r.bottom > s.bottom + 1)
                         bad.push(t.textContent);
                     }
                     const label = svg.querySelector('.mark-label');
                     const px = parseFloat(getComputedStyle(label).fontSize) * s.width / svg.viewBox.baseVal.width;
                     document.getElementById('timeline').scrollIntoView();
                     return {bad: bad, px: px, bands: svg.querySelectorAll('.band-label').length,
                             apart: svg.querySelectorAll('.band-label.apart').length,
                             hollow: svg.querySelectorAll('a.hollow').length,
                             overflow: document.documentElement.scrollWidth > window.innerWidth + 1};",
                    vec![],
                )
                .await?;
            assert_eq!(v["bad"], serde_json::json!([]), "{name}: labels outside the frame");
            assert!(v["px"].as_f64().is_some_and(|px| px >= 11.0), "{name}: {v}");
            assert!(v["bands"].as_u64().is_some_and(|n| n >= 3), "{name}: {v}");
            assert_eq!(v["apart"], 1, "{name}: {v}");
            assert!(v["hollow"].as_u64().is_some_and(|n| n >= 1), "{name}: {v}");
            assert_eq!(v["overflow"], false, "{name}: the page itself does not scroll sideways");
            let png = client.screenshot().await?;
            std::fs::write(shots.join(format!("case-{name}.png")), png).expect("write screenshot");
        }

        // 8. A hearing set for a day after the report shows as "scheduled
        // for …" in the browser (a fictional report added through the API).
        let added = server
            .post_json(
                "/api/v1/articles",
                &server.editor_token,
                &serde_json::json!({"text": "date 2025-06-02\ntitle: Reporter Lena Marsh remanded\n\n\
                    The Riverton District Court on Friday placed reporter Lena Marsh in pre-trial detention for two months. \
                    A hearing in her case is scheduled for July 1.\n"}),
            )
            .await
            .json();
        let case = added["cases"][0]["id"].as_str().expect("a case").to_string();
        client.set_window_size(1280, 1000).await?;
        visit(&client, &format!("{base}/cases/{case}")).await?;
        let when = client
            .wait()
            .for_element(Locator::XPath("//span[@class='date'][starts-with(., 'scheduled for')]"))
            .await?
            .text()
            .await?;
        assert_eq!(when.trim(), "scheduled for 2025-07-01");
        Ok::<(), fantoccini::error::CmdError>(())
    }
    .await;
    let _ = client.close().await;
    result.expect("browser steps");

    // The decision is in the audit log under the browser user.
    let store = casewatch_store::Store::open(&server.db).expect("open");
    let log = store.audit_log(None).expect("audit log");
    assert!(log.iter().any(|a| a.action == "confirm" && a.user == "editor"));
}
