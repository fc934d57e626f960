//! The monitor's workflow through the real server, on the bundled fictional
//! examples: the case list with country and defendants' status (sorted,
//! filtered, paged, exported as CSV), the case page (where the defendants
//! stand, the timeline's bands, what did not happen in its own section,
//! scheduled acts, sources with their headline), the person page, the JSON
//! API, and reviewer decisions on statuses, titles, countries and merges.

mod common;

use serde_json::{Value, json};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn case_list_status_column_filters_sorting_paging_and_csv() {
    let s = common::start(false).await;
    let cookie = s.login("viewer").await;
    let ck = [("Cookie", cookie.as_str())];

    let page = s.get("/cases", &ck).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Defendants now"), "status column");
    assert!(
        page.body.contains("Rinat Valiyev</a>: sentenced, serving"),
        "{}",
        page.body
    );
    assert!(page.body.contains("<td>RU</td>") && page.body.contains("<td>EG</td>"));
    // Sortable headers link to the same list in another order.
    assert!(page.body.contains("href=\"/cases?sort=last\""), "sort link");
    let desc = s.get("/cases?sort=last&dir=desc", &ck).await.body;
    let pos = |b: &str, id: &str| b.find(&format!("/cases/{id}\"")).unwrap_or(usize::MAX);
    assert!(pos(&desc, "c2") < pos(&desc, "c3") && pos(&desc, "c3") < pos(&desc, "c1"));
    assert!(desc.contains("aria-sort=\"descending\""));

    // Filter by a defendant's status and by country.
    let serving = s.get("/cases?standing=serving", &ck).await.body;
    assert!(serving.contains("/cases/c1\"") && !serving.contains("/cases/c2\""));
    assert!(serving.contains("defendant status: <b>serving</b>"));
    let eg = s.get("/cases?country=eg", &ck).await.body;
    assert!(eg.contains("/cases/c2\"") && !eg.contains("/cases/c3\"") && !eg.contains("/cases/c1\""));

    // Pages.
    let p1 = s.get("/cases?per_page=2", &ck).await.body;
    assert!(p1.contains("page 1 of 2"), "{p1}");
    assert!(p1.contains("rel=\"next\""));
    assert!(p1.contains("/cases/c2\"") && !p1.contains("/cases/c3\""));

    // The filtered list as CSV.
    let csv = s.get("/cases.csv?country=EG", &ck).await;
    assert_eq!(csv.status, 200);
    assert_eq!(csv.header("content-type"), Some("text/csv; charset=utf-8"));
    let lines: Vec<&str> = csv.body.lines().collect();
    assert_eq!(
        lines[0],
        "case,title,country,defendants_now,people,events,sources,first,last,reviewed"
    );
    assert_eq!(lines.len(), 2, "{}", csv.body);
    assert!(lines[1].starts_with("c2,") && lines[1].contains("Tarek Abdel-Sattar: acquitted"));

    // Bad parameters are reported, not fatal.
    let bad = s.get("/cases?standing=jailed&sort=colour", &ck).await;
    assert_eq!(bad.status, 200);
    assert!(bad.body.contains("unknown defendant status"));
    assert!(bad.body.contains("unknown sort column"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn case_and_person_pages_show_where_each_defendant_stands_and_what_did_not_happen() {
    let s = common::start(false).await;
    let cookie = s.login("viewer").await;
    let ck = [("Cookie", cookie.as_str())];
    let c1 = s.get("/cases/c1", &ck).await.body;
    assert!(c1.contains("Where the defendants stand"));
    assert!(c1.contains("<span class=\"standing st-serving\">sentenced, serving</span>"));
    assert!(c1.contains("2031-08-05"), "end of the term");
    // One band per defendant, and what did not happen apart and hollow.
    assert!(c1.contains("class=\"band-label\" x=\"4\" y=") && c1.contains(">Rinat Valiyev</text>"));
    assert!(c1.contains("class=\"band-label apart\""));
    assert!(c1.contains(" hollow\""), "hollow marks");
    assert!(c1.contains("<h2>Offered, requested, scheduled or denied</h2>"));
    let apart = &c1[c1.find("id=\"not-happened\"").expect("section")..];
    assert!(
        apart.contains("house arrest"),
        "the refused house arrest is listed apart"
    );
    // Dates taken from context are marked.
    assert!(c1.contains("date inferred</small>"));
    // Alleged entries are claims, with who makes them.
    assert!(c1.contains("alleged (a claim)"));
    // Sources give their headline.
    assert!(
        c1.contains("FSB detains Northwind Media editor and reporter in Kazan"),
        "headline"
    );
    // Ticks anchored inside the frame.
    assert!(c1.contains("text-anchor=\"middle\"") || c1.contains("text-anchor=\"start\""));

    let p1 = s.get("/people/P1", &ck).await.body;
    assert!(
        p1.contains("<span class=\"standing st-serving\">sentenced, serving</span> since 2025-08-05"),
        "{p1}"
    );

    // c2: a denied detention claim, with its claimant.
    let c2 = s.get("/cases/c2", &ck).await.body;
    assert!(c2.contains("acquitted"));
    assert!(c2.contains("Offered, requested, scheduled or denied"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_lists_pages_and_statuses_and_editors_decide() {
    let s = common::start(false).await;
    let tk = [("Authorization", format!("Bearer {}", s.viewer_token))];
    let tk: Vec<(&str, &str)> = tk.iter().map(|(k, v)| (*k, v.as_str())).collect();

    let list = s.get("/api/v1/cases?sort=last&dir=desc&per_page=2", &tk).await.json();
    assert_eq!(list["total"], 3);
    assert_eq!(list["cases"].as_array().map(Vec::len), Some(2));
    assert_eq!(list["cases"][0]["id"], "c2");
    assert_eq!(list["cases"][0]["country"], "EG");
    assert_eq!(list["cases"][0]["status"][0]["status"], "acquitted");
    let page2 = s
        .get("/api/v1/cases?sort=last&dir=desc&per_page=2&page=2", &tk)
        .await
        .json();
    assert_eq!(page2["cases"][0]["id"], "c1");
    let c1 = s.get("/api/v1/cases/c1", &tk).await.json();
    assert_eq!(c1["country"], "RU");
    let p1 = c1["status"]
        .as_array()
        .expect("status")
        .iter()
        .find(|x| x["person"] == "P1")
        .cloned();
    assert_eq!(p1.expect("P1")["status"], "serving");
    // Sources carry their headline; a date taken from context is flagged.
    let src = &c1["events"][0]["sources"][0];
    assert!(src.get("title").is_some(), "{src}");
    assert!(
        c1["events"]
            .as_array()
            .expect("events")
            .iter()
            .any(|e| e["date_inferred"] == true),
        "some date in the examples is inferred"
    );
    let held = s.get("/api/v1/status?held=true", &tk).await.json();
    let names: Vec<&str> = held
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|r| r["name"].as_str())
        .collect();
    assert_eq!(names, ["Rinat Valiyev"]);
    assert_eq!(s.get("/api/v1/status?status=jailed", &tk).await.status, 400);

    // Viewers cannot decide; editors can, and it is audited.
    let r = s
        .post_json(
            "/api/v1/cases/c1/people/P2/status",
            &s.viewer_token,
            &json!({"status": "in_custody"}),
        )
        .await;
    assert_eq!(r.status, 403);
    let r = s
        .post_json(
            "/api/v1/cases/c1/people/P2/status",
            &s.editor_token,
            &json!({"status": "in_custody", "since": "2025-09-01", "note": "re-arrested, per her lawyer"}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let entry = r.json();
    assert_eq!(entry["action"], "set_status");
    assert_eq!(entry["before"]["status"], "released");
    assert_eq!(entry["after"]["status"], "in_custody");
    let held = s.get("/api/v1/status?held=true", &tk).await.json();
    assert_eq!(held.as_array().map(Vec::len), Some(2));
    let bad = s
        .post_json(
            "/api/v1/cases/c1/people/P2/status",
            &s.editor_token,
            &json!({"status": "jailed"}),
        )
        .await;
    assert_eq!(bad.status, 400);
    assert!(bad.body.contains("unknown status"));

    let r = s
        .post_json(
            "/api/v1/cases/c3/meta",
            &s.editor_token,
            &json!({"title": "Sawt al-Mina (second report)"}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let r = s
        .post_json(
            "/api/v1/cases/c2/merge",
            &s.editor_token,
            &json!({"merge": "c3", "note": "one prosecution"}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let list = s.get("/api/v1/cases", &tk).await.json();
    assert_eq!(list["total"], 2);
    let audit: Value = s.get("/api/v1/cases/c2/audit", &tk).await.json();
    assert_eq!(audit[0]["action"], "merge_cases");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn editor_forms_set_a_status_and_a_country() {
    let s = common::start(false).await;
    let cookie = s.login("editor").await;
    let ck = [("Cookie", cookie.as_str())];
    let review = s.get("/cases/c1/review", &ck).await.body;
    assert!(review.contains("action=\"/cases/c1/people/P1/status\""));
    let r = s
        .post_form(
            "/cases/c1/people/P1/status",
            Some(&cookie),
            "status=released&since=2025-12-01&note=pardoned",
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let c1 = s.get("/cases/c1", &ck).await.body;
    assert!(c1.contains("st-released\">released</span> <small class=\"muted\" title=\"pardoned\">set by a reviewer"));
    let r = s
        .post_form("/cases/c1/people/P1/status", Some(&cookie), "clear=1")
        .await;
    assert_eq!(r.status, 303);
    assert!(s.get("/cases/c1", &ck).await.body.contains("st-serving"));
    let r = s
        .post_form("/cases/c3/meta", Some(&cookie), "country=XK&note=Kosovo")
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert!(s.get("/cases?country=XK", &ck).await.body.contains("/cases/c3\""));
    // A viewer cannot.
    let viewer = s.login("viewer").await;
    let r = s.post_form("/cases/c3/meta", Some(&viewer), "country=RS").await;
    assert_eq!(r.status, 403);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn review_queue_confirms_one_at_a_time_or_a_whole_case_and_the_log_shows_field_changes() {
    let s = common::start(false).await;
    let cookie = s.login("editor").await;
    let ck = [("Cookie", cookie.as_str())];
    let q = s.get("/review", &ck).await;
    assert_eq!(q.status, 200);
    let count = |body: &str| -> usize {
        let i = body.find(" entries no reviewer").expect("count");
        body[..i]
            .rsplit(['>', ' '])
            .next()
            .and_then(|n| n.parse().ok())
            .expect("a number")
    };
    let before = count(&q.body);
    assert!(before > 40);
    // Newest sources first: the first entry comes from the latest article.
    let first = q.body.find("class=\"queue-item\"").expect("an item");
    assert!(
        q.body[first..]
            .split("</section>")
            .next()
            .expect("item")
            .contains("2026-01-15")
    );
    assert!(q.body.contains("accesskey=\"c\""), "one-key confirm");
    let id_at = q.body[first..].find("data-event=\"").expect("event id") + first + 12;
    let event = &q.body[id_at..id_at + q.body[id_at..].find('"').expect("end")];
    let case_at = q.body[first..].find("href=\"/cases/").expect("case") + first + 13;
    let case = &q.body[case_at..case_at + q.body[case_at..].find('#').expect("#")];
    let r = s
        .post_form(
            &format!("/cases/{case}/events/{event}/review"),
            Some(&cookie),
            "action=confirm&back=queue",
        )
        .await;
    assert_eq!(r.status, 303);
    assert_eq!(r.header("location"), Some("/review"));
    assert_eq!(count(&s.get("/review", &ck).await.body), before - 1);

    // Bulk confirm of a case (API), then an edit shows as a field-level diff.
    let api = s
        .get(
            "/api/v1/queue?case=c3",
            &[("Authorization", &format!("Bearer {}", s.viewer_token))],
        )
        .await
        .json();
    let open = api["total"].as_u64().expect("total");
    assert!(open >= 1);
    let r = s
        .post_json("/api/v1/cases/c3/confirm-all", &s.editor_token, &json!({}))
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        r.json()["after"]["confirmed"].as_array().map(|a| a.len() as u64),
        Some(open)
    );
    assert_eq!(count(&s.get("/review", &ck).await.body), before - 1 - open as usize);
    let r = s
        .post_json("/api/v1/cases/c3/confirm-all", &s.editor_token, &json!({}))
        .await;
    assert_eq!(r.status, 400, "nothing left");

    let c1 = s
        .get(
            "/api/v1/cases/c1",
            &[("Authorization", &format!("Bearer {}", s.viewer_token))],
        )
        .await
        .json();
    let e = c1["events"][1]["id"].as_str().expect("id").to_string();
    let r = s
        .post_form(
            &format!("/cases/c1/events/{e}/review"),
            Some(&cookie),
            "action=edit&detail=until+2025-05-10&note=court+record",
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let review = s.get("/cases/c1/review", &ck).await.body;
    assert!(review.contains("<b>detail</b>: <del>"), "field-level diff");
    assert!(review.contains("<ins>until 2025-05-10</ins>"));
    assert!(review.contains("<b>review</b>: <del>machine</del> → <ins>edited</ins>"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sources_say_where_they_come_from_and_articles_in_no_case_are_listed_and_searchable() {
    let s = common::start(false).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("port-elm-weather.txt");
    std::fs::write(
        &path,
        "date 2025-04-01\nurl: https://www.example.org/port-elm/weather\ntitle: A wet week in Port Elm\n\nIt rained all week in Port Elm, the harbour office said.\n",
    )
    .expect("write");
    {
        let mut store = casewatch_store::Store::open(&s.db).expect("open");
        common::ingest(&mut store, &[path]);
    }
    let cookie = s.login("viewer").await;
    let ck = [("Cookie", cookie.as_str())];
    let list = s.get("/articles?without_case=1", &ck).await.body;
    assert!(list.contains("Articles in no case"));
    assert!(list.contains("A wet week in Port Elm</a>"), "{list}");
    assert!(list.contains("<td>example.org</td>"));
    assert!(!list.contains("northwind-01"), "articles of a case are left out");
    let all = s.get("/articles", &ck).await.body;
    assert!(all.contains("Articles in no case (2)"), "harbor-01 and ours");
    let tk = format!("Bearer {}", s.viewer_token);
    let api = s
        .get("/api/v1/articles?without_case=true", &[("Authorization", &tk)])
        .await
        .json();
    let api = api
        .as_array()
        .expect("array")
        .iter()
        .find(|a| a["id"] == "port-elm-weather")
        .cloned()
        .expect("ours");
    assert_eq!(api["url"], "https://www.example.org/port-elm/weather");
    assert_eq!(api["source"], "example.org", "no server path");
    let hits = s.get("/search?q=rained", &ck).await.body;
    assert!(hits.contains("port-elm-weather"), "{hits}");

    // No page or API answer shows a server path.
    let tmp = dir.path().to_string_lossy().into_owned();
    let examples = common::examples_dir().to_string_lossy().into_owned();
    let article = s.get("/articles/port-elm-weather", &ck).await.body;
    assert!(article.contains("example.org") && !article.contains(&tmp), "{article}");
    for page in ["/articles/northwind-01", "/cases/c1", "/articles"] {
        let body = s.get(page, &ck).await.body;
        assert!(
            !body.contains(&examples) && !body.contains("/examples/"),
            "{page} shows a path"
        );
    }
    let detail = s
        .get("/api/v1/articles/northwind-01", &[("Authorization", &tk)])
        .await
        .json();
    assert_eq!(detail["record"]["article"]["source"], "northwind-01.txt");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_gives_one_hit_per_sentence_with_entry_ids_and_explains_a_malformed_query() {
    let s = common::start(false).await;
    let tk = format!("Bearer {}", s.viewer_token);
    let h = [("Authorization", tk.as_str())];
    // "apprehended … searched … confiscating" gave several events in one sentence.
    let r = s.get("/api/v1/search?q=apprehended&limit=50", &h).await.json();
    assert_eq!(r["notice"], Value::Null);
    let evidence: Vec<&Value> = r["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .filter(|x| x["kind"] == "evidence")
        .collect();
    assert_eq!(evidence.len(), 1, "one hit per sentence: {r:#}");
    let events = evidence[0]["events"].as_array().expect("events");
    assert!(events.len() >= 2, "the sentence is evidence of several entries: {r:#}");
    assert!(events.iter().all(|e| e.as_str().is_some_and(|e| e.starts_with('E'))));
    assert_eq!(evidence[0]["case"], "c1");

    let r = s.get("/api/v1/search?q=%22unbalanced%20AND", &h).await.json();
    let notice = r["notice"].as_str().expect("a notice");
    assert!(notice.contains("not valid search syntax"), "{notice}");
    let cookie = s.login("viewer").await;
    let page = s
        .get("/search?q=NEAR(detained", &[("Cookie", cookie.as_str())])
        .await
        .body;
    assert!(
        page.contains("search-notice") && page.contains("not valid search syntax"),
        "{page}"
    );
    let page = s
        .get("/search?q=apprehended", &[("Cookie", cookie.as_str())])
        .await
        .body;
    assert!(page.contains("href=\"/cases/c1#E"), "entry links");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn atom_feeds_list_new_and_changed_entries_newest_first() {
    let s = common::start(false).await;
    let tk = format!("Bearer {}", s.viewer_token);
    let h = [("Authorization", tk.as_str())];
    let r = s.get("/cases/c1/feed.atom", &h).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("application/atom+xml; charset=utf-8"));
    let source = casewatch_ingest::Source {
        path: "c1.atom".into(),
        stem: "c1".into(),
    };
    let opts = casewatch_ingest::ReadOptions::default();
    let items = casewatch_ingest::feed::read_feed(&source, r.body.as_bytes(), &opts).expect("a valid Atom feed");
    assert!(items.len() >= 20, "{}", r.body);
    let first = items[0].as_ref().expect("entry");
    // Newest source first: northwind-04 (2025-08-07).
    assert_eq!(
        first.published.map(|d| d.to_string()).as_deref(),
        Some("2025-08-07"),
        "{}",
        r.body
    );
    assert!(first.url.as_deref().is_some_and(|u| u.contains("/cases/c1#E")));
    // A review decision makes its entry the newest: the first entry whose
    // evidence names "Habibullina" (ids are looked up, never written down).
    let c1 = s.get("/api/v1/cases/c1", &h).await.json();
    let found = c1["events"]
        .as_array()
        .expect("events")
        .iter()
        .find(|ev| ev["sources"].to_string().contains("Habibullina"))
        .and_then(|ev| ev["id"].as_str())
        .map(str::to_string)
        .expect("an entry citing Habibullina");
    let e = found.as_str();
    let d = s
        .post_json(
            &format!("/api/v1/cases/c1/events/{e}/review"),
            &s.editor_token,
            &json!({"action": "reject"}),
        )
        .await;
    assert_eq!(d.status, 200, "{}", d.body);
    let again = s.get("/cases/c1/feed.atom", &h).await.body;
    let items = casewatch_ingest::feed::read_feed(&source, again.as_bytes(), &opts).expect("feed");
    let first = items[0].as_ref().expect("entry");
    assert!(
        first.url.as_deref().is_some_and(|u| u.ends_with(&format!("#{e}"))),
        "{again}"
    );
    assert!(first.body.contains("Habibullina"), "{}", first.body);
    assert!(again.contains("review: rejected"), "the summary gives the review state");
    // Every case, and unauthenticated readers are refused.
    let all = s.get("/feed.atom", &h).await;
    assert_eq!(all.status, 200);
    assert!(all.body.contains("/cases/c2#E") && all.body.contains("/cases/c1#E"));
    assert_eq!(
        s.get("/feed.atom", &[]).await.status,
        401,
        "a feed reader cannot log in"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn editors_add_articles_by_pasting_or_uploading_files() {
    let s = common::start(false).await;
    let editor = s.login("editor").await;
    let viewer = s.login("viewer").await;
    assert_eq!(s.get("/upload", &[("Cookie", viewer.as_str())]).await.status, 403);
    assert_eq!(s.get("/upload", &[("Cookie", editor.as_str())]).await.status, 200);
    let text = "Police in Port Elm detained Mira Dall, a reporter for the Harbour Lantern, on Tuesday, her editor said. \
                Officers searched her flat and seized her laptop.";
    let form = format!(
        "url=https%3A%2F%2Fwww.example.org%2Fnews%2Fdall&title=Reporter+Mira+Dall+detained&published=2025-05-21&text={}",
        text.replace(' ', "+").replace(',', "%2C")
    );
    let r = s.post_form("/upload", Some(&viewer), &form).await;
    assert_eq!(r.status, 403, "viewers cannot add articles");
    let r = s.post_form("/upload", Some(&editor), &form).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(
        r.body.contains("reporter-mira-dall-detained</a>: stored: "),
        "{}",
        r.body
    );
    assert!(r.body.contains("In cases: <a href=\"/cases/"), "{}", r.body);
    let again = s.post_form("/upload", Some(&editor), &form).await;
    assert!(again.body.contains("already stored"));
    let tk = format!("Bearer {}", s.viewer_token);
    let a = s
        .get(
            "/api/v1/articles/reporter-mira-dall-detained",
            &[("Authorization", tk.as_str())],
        )
        .await
        .json();
    assert_eq!(a["record"]["article"]["url"], "https://www.example.org/news/dall");
    assert_eq!(a["record"]["article"]["published"], "2025-05-21");
    assert_eq!(a["record"]["article"]["title"], "Reporter Mira Dall detained");

    // Files, as multipart/form-data: one good, one empty.
    let boundary = "XcasewatchBoundary";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"dall-remand.txt\"\r\nContent-Type: text/plain\r\n\r\n\
         date 2025-05-23\ntitle: Court remands Mira Dall\n\nThe Port Elm District Court on Thursday ordered reporter Mira Dall held in pre-trial detention for two months.\n\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"empty.txt\"\r\nContent-Type: text/plain\r\n\r\n\r\n\
         --{boundary}--\r\n"
    );
    let origin = format!("http://{}", s.addr);
    let ctype = format!("multipart/form-data; boundary={boundary}");
    let r = common::request(
        s.addr,
        "POST",
        "/upload/files",
        &[
            ("Content-Type", ctype.as_str()),
            ("Origin", origin.as_str()),
            ("Sec-Fetch-Site", "same-origin"),
            ("Cookie", editor.as_str()),
        ],
        &body,
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.body.contains("dall-remand</a>: stored"), "{}", r.body);
    assert!(r.body.contains("empty.txt: empty file"), "{}", r.body);
    assert!(!r.body.contains("casewatch-upload-"), "no server path");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn entries_are_added_merged_and_split_from_the_web_and_the_api() {
    let s = common::start(false).await;
    let editor = s.login("editor").await;
    let review = s.get("/cases/c1/review", &[("Cookie", editor.as_str())]).await.body;
    assert!(review.contains("action=\"/cases/c1/entries\""));
    let quote = "Judge Gulnara Sayfutdinova of the Vakhitovsky District Court ordered her released from house arrest";
    let form = format!(
        "type=release&date=2025-08-05&status=occurred&subject=P2&article=northwind-04&quote={}&note=missed",
        quote.replace(' ', "+")
    );
    let r = s.post_form("/cases/c1/entries", Some(&editor), &form).await;
    assert_eq!(r.status, 303, "{}", r.body);
    let at = r.header("location").expect("to the new entry").to_string();
    let new_id = at.rsplit('#').next().expect("anchor").to_string();
    let page = s.get("/cases/c1", &[("Cookie", editor.as_str())]).await.body;
    assert!(
        page.contains(&format!("id=\"{new_id}\"")),
        "the added entry is on the case page"
    );
    let bad = s
        .post_json(
            "/api/v1/cases/c1/entries",
            &s.editor_token,
            &json!({"type": "release", "article": "northwind-04", "quote": "Words nobody wrote."}),
        )
        .await;
    assert_eq!(bad.status, 400);
    assert!(bad.body.contains("not in article northwind-04"), "{}", bad.body);
    let noted = s
        .post_json(
            "/api/v1/cases/c2/entries",
            &s.editor_token,
            &json!({"type": "hearing", "date": "2025-11", "subjects": ["P9"], "source_note": "court schedule"}),
        )
        .await;
    assert_eq!(noted.status, 200, "{}", noted.body);
    let tk = format!("Bearer {}", s.viewer_token);
    let c2 = s
        .get("/api/v1/cases/c2", &[("Authorization", tk.as_str())])
        .await
        .json();
    let hearings: Vec<String> = c2["events"]
        .as_array()
        .expect("events")
        .iter()
        .filter(|e| e["type"] == "hearing")
        .filter_map(|e| e["id"].as_str().map(str::to_string))
        .collect();
    assert!(hearings.len() >= 2, "{hearings:?}");
    let r = s
        .post_json(
            &format!("/api/v1/cases/c2/events/{}/merge", hearings[0]),
            &s.editor_token,
            &json!({"merge": hearings[1]}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["action"], "merge_entries");
    let c1 = s
        .get("/api/v1/cases/c1", &[("Authorization", tk.as_str())])
        .await
        .json();
    let shared = c1["events"]
        .as_array()
        .expect("events")
        .iter()
        .find(|e| {
            let subjects = e["subjects"].as_array().cloned().unwrap_or_default();
            subjects.len() >= 2 && subjects.iter().any(|x| x["ref"] == "P2")
        })
        .and_then(|e| e["id"].as_str().map(str::to_string))
        .expect("an entry about P2 and someone else");
    let r = s
        .post_json(
            &format!("/api/v1/cases/c1/events/{shared}/split"),
            &s.editor_token,
            &json!({"subjects": ["P2"], "detail": "her flat"}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let c2 = s
        .get("/api/v1/cases/c2", &[("Authorization", tk.as_str())])
        .await
        .json();
    assert!(
        c2["events"]
            .as_array()
            .expect("events")
            .iter()
            .all(|e| e["id"] != hearings[1].as_str())
    );
}
