//! More of the monitor's workflow through the real server, on the bundled fictional examples: splitting a case (form and API), what an upload added, Atom feeds read with a feed token, scheduled hearings.

mod common;

use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn editors_split_a_case_from_the_review_page_and_the_api() {
    let s = common::start(false).await;
    let editor = s.login("editor").await;
    let viewer = s.login("viewer").await;
    let case = s.get("/cases/c1", &[("Cookie", editor.as_str())]).await.body;
    assert!(
        case.contains("href=\"/cases/c1/review#case-review\""),
        "the case page leads to the form"
    );
    let as_viewer = s.get("/cases/c1", &[("Cookie", viewer.as_str())]).await.body;
    assert!(!as_viewer.contains("#case-review"), "not for viewers");
    let review = s.get("/cases/c1/review", &[("Cookie", editor.as_str())]).await.body;
    assert!(review.contains("action=\"/cases/c1/split\""), "the split form");
    assert!(
        review.contains("name=\"article\" value=\"northwind-04\""),
        "one box per article"
    );
    // A viewer, a cross-site form and an empty choice are refused.
    let r = s
        .post_form("/cases/c1/split", Some(&viewer), "article=northwind-04")
        .await;
    assert_eq!(r.status, 403);
    let r = common::request(
        s.addr,
        "POST",
        "/cases/c1/split",
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Origin", "https://evil.example"),
            ("Sec-Fetch-Site", "cross-site"),
            ("Cookie", editor.as_str()),
        ],
        "article=northwind-04",
    )
    .await;
    assert_eq!(r.status, 403, "CSRF: {}", r.body);
    let r = s.post_form("/cases/c1/split", Some(&editor), "note=nothing").await;
    assert_eq!(r.status, 400);
    let tk = format!("Bearer {}", s.viewer_token);
    let h = [("Authorization", tk.as_str())];
    let list = s.get("/api/v1/cases?per_page=1000", &h).await.json();
    let ids: Vec<u64> = list["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .filter_map(|c| c["id"].as_str()?.get(1..)?.parse().ok())
        .collect();
    let before_max = ids.iter().copied().max().expect("cases");
    let before_total = list["total"].as_u64().expect("total");

    let r = s
        .post_form(
            "/cases/c1/split",
            Some(&editor),
            "article=northwind-04&note=reported+apart",
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let next = format!("c{}", before_max + 1);
    assert_eq!(
        r.header("location"),
        Some(format!("/cases/{next}").as_str()),
        "the next case number"
    );
    let c_new = s.get(&format!("/api/v1/cases/{next}"), &h).await.json();
    assert_eq!(c_new["articles"], json!(["northwind-04"]));
    let c1 = s.get("/api/v1/cases/c1", &h).await.json();
    assert_eq!(c1["articles"], json!(["northwind-01", "northwind-02", "northwind-03"]));
    let page = s
        .get(&format!("/cases/{next}/review"), &[("Cookie", editor.as_str())])
        .await
        .body;
    assert!(
        page.contains("split_case") || page.contains("Split case"),
        "in the audit log"
    );

    // The API: refused when nothing would stay, then a second split.
    let r = s
        .post_json(
            "/api/v1/cases/c1/split",
            &s.editor_token,
            &json!({"articles": ["northwind-01", "northwind-02", "northwind-03"]}),
        )
        .await;
    assert_eq!(r.status, 400, "{}", r.body);
    assert!(r.body.contains("at least one must stay"), "{}", r.body);
    let r = s
        .post_json(
            "/api/v1/cases/c1/split",
            &s.editor_token,
            &json!({"articles": ["northwind-03"], "note": "the appeal"}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let audit = r.json();
    assert_eq!(audit["action"], "split_case");
    assert_eq!(audit["after"]["new_case"], format!("c{}", before_max + 2));
    let list = s.get("/api/v1/cases", &h).await.json();
    assert_eq!(list["total"], before_total + 2);
    let r = s
        .post_json(
            "/api/v1/cases/c1/split",
            &s.viewer_token,
            &json!({"articles": ["northwind-02"]}),
        )
        .await;
    assert_eq!(r.status, 403);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn feeds_are_read_with_a_token_in_the_url() {
    let s = common::start(false).await;
    for path in ["/cases/c1/feed.atom", "/feed.atom"] {
        let r = s.get(path, &[]).await;
        assert_eq!(r.status, 401, "{path} without a token");
        assert_eq!(r.header("www-authenticate"), Some("Bearer realm=\"casewatch\""));
        let r = s.get(&format!("{path}?token=cw_not-a-token"), &[]).await;
        assert_eq!(r.status, 401, "{path} with an unknown token");
        let r = s.get(&format!("{path}?token={}", s.viewer_token), &[]).await;
        assert_eq!(r.status, 200, "{path} with a token: {}", r.body);
        assert_eq!(r.header("content-type"), Some("application/atom+xml; charset=utf-8"));
        assert!(r.body.contains("/cases/c1#E"), "{}", r.body);
    }
    // The token opens the feeds only, not the pages or the API.
    let r = s.get(&format!("/cases/c1?token={}", s.viewer_token), &[]).await;
    assert_eq!(r.status, 303, "pages still need a login");
    let r = s.get(&format!("/api/v1/cases?token={}", s.viewer_token), &[]).await;
    assert_eq!(r.status, 401);
    // A session still works, and an unknown case is 404 for a reader.
    let cookie = s.login("viewer").await;
    assert_eq!(s.get("/feed.atom", &[("Cookie", cookie.as_str())]).await.status, 200);
    let r = s
        .get(&format!("/cases/c99/feed.atom?token={}", s.viewer_token), &[])
        .await;
    assert_eq!(r.status, 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn feeds_stay_open_under_public_read() {
    let s = common::start(true).await;
    assert_eq!(s.get("/feed.atom", &[]).await.status, 200);
    assert_eq!(s.get("/cases/c2/feed.atom", &[]).await.status, 200);
    assert_eq!(
        s.get("/feed.atom?token=cw_wrong", &[]).await.status,
        401,
        "a wrong token is refused, never ignored"
    );
}

fn form_text(t: &str) -> String {
    t.replace('%', "%25")
        .replace('&', "%26")
        .replace('+', "%2B")
        .replace(',', "%2C")
        .replace('\n', "%0A")
        .replace(' ', "+")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_upload_lists_the_entries_it_added_per_case() {
    let s = common::start(false).await;
    let editor = s.login("editor").await;
    let first = "Police in Port Elm detained Mira Dall, a reporter for the Harbour Lantern, on Tuesday, her editor said. \
                 Officers searched her flat and seized her laptop.";
    let form = format!(
        "url=https%3A%2F%2Fwww.example.org%2Fnews%2Fdall&title=Reporter+Mira+Dall+detained&published=2025-05-21&text={}",
        form_text(first)
    );
    let r = s.post_form("/upload", Some(&editor), &form).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.body.contains("New and changed timeline entries"), "{}", r.body);
    let new_lines = r.body.matches("data-change=\"new\"").count();
    assert!(new_lines >= 2, "the detention and the search at least: {}", r.body);
    assert!(r.body.contains("detention · Mira Dall [occurred]"), "{}", r.body);
    assert!(
        r.body.contains("2025-05-20"),
        "Tuesday before the publication: {}",
        r.body
    );

    // Through the API: a second report of the detention adds a source to it
    // and a new entry for the charge.
    let second = "date 2025-05-24\n\nProsecutors in Port Elm charged reporter Mira Dall with espionage on Friday. \
                  Police detained Mira Dall on Tuesday, her editor said.";
    let r = s
        .post_json(
            "/api/v1/articles",
            &s.editor_token,
            &json!({"text": second, "title": "Mira Dall charged", "url": "https://www.example.org/news/dall-charged"}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let v = r.json();
    assert_eq!(v["articles"][0]["id"], "mira-dall-charged");
    assert_eq!(v["articles"][0]["ok"], true);
    let case = &v["cases"][0];
    let entries = case["entries"].as_array().expect("entries");
    let change_of = |ty: &str| {
        entries
            .iter()
            .find(|e| e["type"] == ty)
            .map(|e| e["change"].as_str().unwrap_or_default().to_string())
    };
    assert_eq!(change_of("charge").as_deref(), Some("new"), "{v}");
    assert_eq!(change_of("detention").as_deref(), Some("new source"), "{v}");
    assert!(
        entries
            .iter()
            .all(|e| e["id"].as_str().is_some_and(|id| id.starts_with('E')))
    );
    // The same text again adds nothing; a viewer cannot add.
    let again = s
        .post_json(
            "/api/v1/articles",
            &s.editor_token,
            &json!({"text": second, "title": "Mira Dall charged"}),
        )
        .await
        .json();
    assert_eq!(again["articles"][0]["outcome"], "already stored");
    assert_eq!(again["cases"], json!([]));
    let r = s
        .post_json("/api/v1/articles", &s.viewer_token, &json!({"text": second}))
        .await;
    assert_eq!(r.status, 403);
    let r = s
        .post_json("/api/v1/articles", &s.editor_token, &json!({"text": " "}))
        .await;
    assert_eq!(r.status, 400);
}

/// A fictional report of a remand with the next hearing set for a later day.
const SCHEDULED_REPORT: &str = "date 2025-06-02\ntitle: Reporter Lena Marsh remanded\n\n\
     The Riverton District Court on Friday placed reporter Lena Marsh in pre-trial detention for two months. \
     A hearing in her case is scheduled for July 1.\n";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hearing_set_for_a_later_day_shows_as_scheduled_on_the_case_page() {
    let s = common::start(false).await;
    let r = s
        .post_json("/api/v1/articles", &s.editor_token, &json!({"text": SCHEDULED_REPORT}))
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let v = r.json();
    let case = v["cases"][0]["id"].as_str().expect("a case").to_string();
    let hearing = v["cases"][0]["entries"]
        .as_array()
        .and_then(|es| es.iter().find(|e| e["type"] == "hearing"))
        .unwrap_or_else(|| panic!("a hearing entry: {v}"));
    assert_eq!(hearing["status"], "not_occurred");
    assert_eq!(hearing["date"], "2025-07-01");
    let cookie = s.login("viewer").await;
    let page = s.get(&format!("/cases/{case}"), &[("Cookie", cookie.as_str())]).await;
    assert_eq!(page.status, 200);
    assert!(
        page.body
            .contains("<span class=\"date\">scheduled for 2025-07-01</span>"),
        "{}",
        page.body
    );
    // In its own section, and not for the remand, which took place.
    assert!(page.body.contains("Offered, requested, scheduled or denied"));
    assert_eq!(page.body.matches("scheduled for 2025").count(), 1, "{}", page.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pasted_article_shows_the_outlet_it_was_given() {
    let s = common::start(false).await;
    let editor = s.login("editor").await;
    let text = "Police in Port Elm detained Mira Dall, a reporter, on Tuesday, her editor said.";
    let form = format!(
        "url=https%3A%2F%2Fwww.example.org%2Fnews%2Fdall&outlet=Harbour+Lantern&title=Reporter+Mira+Dall+detained&published=2025-05-21&text={}",
        form_text(text)
    );
    let r = s.post_form("/upload", Some(&editor), &form).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let case = r
        .body
        .split("href=\"/cases/")
        .nth(1)
        .and_then(|t| t.split('"').next())
        .expect("a case link")
        .to_string();
    let page = s
        .get(&format!("/cases/{case}"), &[("Cookie", editor.as_str())])
        .await
        .body;
    assert!(page.contains("Harbour Lantern"), "{page}");
    let list = s.get("/articles", &[("Cookie", editor.as_str())]).await.body;
    assert!(list.contains("Harbour Lantern"), "{list}");
    let article = s
        .get("/articles/reporter-mira-dall-detained", &[("Cookie", editor.as_str())])
        .await
        .body;
    assert!(
        article.contains("Harbour Lantern · https://www.example.org/news/dall"),
        "{article}"
    );
    // Through the API, the JSON case shows it on the source.
    let tk = format!("Bearer {}", s.viewer_token);
    let c = s
        .get(&format!("/api/v1/cases/{case}"), &[("Authorization", tk.as_str())])
        .await
        .json();
    assert_eq!(c["events"][0]["sources"][0]["outlet"], "Harbour Lantern", "{c}");
}
