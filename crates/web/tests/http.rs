//! Integration tests of the web UI and JSON API: the real server on port 0
//! against a fresh database with the example articles. Every route's status
//! codes, anonymous and role refusals, CSRF refusals, login limits, security
//! headers, and the audit log of review decisions.

mod common;

use common::{PASSWORD, TestServer, request, start, start_with};
use serde_json::{Value, json};

/// The first case with at least two dated events, and two of its event ids.
async fn pick(s: &TestServer) -> (String, String, String, String) {
    let r = s
        .get(
            "/api/v1/cases",
            &[("Authorization", &format!("Bearer {}", s.viewer_token))],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let v = r.json();
    let case = v["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .find(|c| {
            c["events"].as_array().is_some_and(|e| e.len() >= 2) && !c["people"].as_array().is_some_and(Vec::is_empty)
        })
        .expect("a case with events and people")
        .clone();
    let ev = |i: usize| case["events"][i]["id"].as_str().expect("event id").to_string();
    let person = case["people"][0]["id"].as_str().expect("person id").to_string();
    (case["id"].as_str().expect("id").to_string(), ev(0), ev(1), person)
}

fn bearer(token: &str) -> String {
    format!("Bearer {token}")
}

#[tokio::test]
async fn health_login_and_anonymous_refusals() {
    let s = start(false).await;
    let r = s.get("/healthz", &[]).await;
    assert_eq!((r.status, r.body.as_str()), (200, "ok"));

    // Pages send anonymous browsers to the login page; the API answers 401.
    for path in [
        "/",
        "/cases",
        "/cases/c1",
        "/articles",
        "/people",
        "/search?q=x",
        "/admin/users",
    ] {
        let r = s.get(path, &[]).await;
        if path == "/" {
            assert_eq!(r.status, 303);
            continue;
        }
        assert_eq!(r.status, 303, "{path}");
        assert!(
            r.header("location").is_some_and(|l| l.starts_with("/login?next=")),
            "{path}"
        );
    }
    for path in [
        "/api/v1/cases",
        "/api/v1/cases/c1",
        "/api/v1/people",
        "/api/v1/events",
        "/api/v1/articles",
        "/api/v1/search?q=x",
        "/api/v1/openapi.json",
    ] {
        let r = s.get(path, &[]).await;
        assert_eq!(r.status, 401, "{path}");
        assert!(r.header("www-authenticate").is_some(), "{path}");
        assert!(r.json()["error"].is_string());
    }
    // A wrong bearer token is refused, not treated as anonymous.
    let r = s.get("/api/v1/cases", &[("Authorization", "Bearer cw_nope")]).await;
    assert_eq!(r.status, 401);
    let r = s.get("/api/v1/cases", &[("Authorization", "Basic Zm9vOmJhcg==")]).await;
    assert_eq!(r.status, 401);
    // Anonymous writes are refused too.
    let r = s.post_form("/cases/c1/events/E1/review", None, "action=confirm").await;
    assert_eq!(r.status, 401);

    // The login page is open and carries the security headers.
    let r = s.get("/login", &[]).await;
    assert_eq!(r.status, 200);
    let csp = r.header("content-security-policy").expect("CSP");
    assert!(csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'"));
    assert!(!csp.contains("script-src") && !csp.contains("unsafe-inline"));
    assert_eq!(r.header("x-frame-options"), Some("DENY"));
    assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(r.header("referrer-policy"), Some("same-origin"));
    assert!(!r.body.contains("<script"));

    // Wrong password: 401 and the form again; the session cookie is HttpOnly + SameSite.
    let r = s
        .post_form("/login", None, "username=viewer&password=wrong-password")
        .await;
    assert_eq!(r.status, 401);
    assert!(r.header("set-cookie").is_none());
    let r = s
        .post_form(
            "/login",
            None,
            &format!(
                "username=viewer&password={}&next=//evil.example",
                PASSWORD.replace(' ', "+")
            ),
        )
        .await;
    assert_eq!(r.status, 303);
    assert_eq!(r.header("location"), Some("/cases"), "an off-site next is not followed");
    let cookie = r.header("set-cookie").expect("cookie");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"));

    // Logins are limited per name (3 failures here), even with the right password after.
    for _ in 0..3 {
        let r = s.post_form("/login", None, "username=admin&password=guess-guess").await;
        assert_eq!(r.status, 401);
    }
    let r = s
        .post_form(
            "/login",
            None,
            &format!("username=admin&password={}", PASSWORD.replace(' ', "+")),
        )
        .await;
    assert_eq!(r.status, 429);
    assert!(r.header("retry-after").is_some());
    // Another name from the same address still works.
    s.login("editor").await;
}

#[tokio::test]
async fn viewer_reads_every_route_and_cannot_write() {
    let s = start(false).await;
    let (case, e1, _e2, person) = pick(&s).await;
    let cookie = s.login("viewer").await;
    let ck = [("Cookie", cookie.as_str())];

    let article = {
        let r = s
            .get("/api/v1/articles", &[("Authorization", &bearer(&s.viewer_token))])
            .await;
        assert_eq!(r.status, 200);
        r.json()[0]["id"].as_str().expect("article id").to_string()
    };
    for path in [
        "/cases".to_string(),
        "/cases?type=detention&status=occurred&review=machine&from=2025&to=2026-01&place=a&outlet=a".into(),
        "/cases?type=bogus&from=May".into(),
        format!("/cases/{case}"),
        format!("/cases/{case}/review"),
        "/articles".into(),
        format!("/articles/{article}"),
        "/people".into(),
        format!("/people/{person}"),
        "/search?q=detained".into(),
        "/search?q=%22unbalanced".into(),
        "/search".into(),
        "/static/app.css".into(),
        format!("/cases/{case}/export/case.jsonl"),
        format!("/cases/{case}/export/events.csv"),
        format!("/cases/{case}/export/people.csv"),
        format!("/cases/{case}/export/dossier.md"),
        format!("/cases/{case}/export/dossier.html"),
    ] {
        let r = s.get(&path, &ck).await;
        assert_eq!(r.status, 200, "{path}: {}", r.body);
    }
    let r = s.get(&format!("/cases/{case}/export/events.csv"), &ck).await;
    assert!(
        r.header("content-disposition")
            .is_some_and(|d| d.starts_with("attachment;"))
    );
    assert!(r.header("content-type").is_some_and(|t| t.starts_with("text/csv")));
    assert!(r.body.starts_with("event_id,case_id,"));
    for path in [
        "/cases/c999",
        "/articles/nope",
        "/people/P999",
        "/nope",
        "/cases/c999/export/events.csv",
    ] {
        let r = s.get(path, &ck).await;
        assert_eq!(r.status, 404, "{path}");
    }

    // The case page: SVG timeline, evidence marked inside paragraphs, no review buttons for a viewer.
    let page = s.get(&format!("/cases/{case}"), &ck).await.body;
    assert!(page.contains("<svg class=\"timeline-svg\""));
    assert!(page.contains("<mark class=\"evidence\">"));
    assert!(page.contains(&format!("id=\"{e1}\"")));
    assert!(!page.contains("class=\"confirm\""), "viewers get no review buttons");
    assert!(page.contains("/export/dossier.html"), "download links");
    // Active filters are shown.
    let list = s.get("/cases?type=detention&place=Kazan", &ck).await.body;
    assert!(list.contains("class=\"chip\"") && list.contains("Kazan"));

    // The API, by cookie and by token.
    let auth = bearer(&s.viewer_token);
    let tk = [("Authorization", auth.as_str())];
    for path in [
        "/api/v1/cases".to_string(),
        format!("/api/v1/cases/{case}"),
        format!("/api/v1/cases/{case}/audit"),
        "/api/v1/people".into(),
        format!("/api/v1/people/{person}"),
        "/api/v1/events?type=detention".into(),
        "/api/v1/articles".into(),
        format!("/api/v1/articles/{article}"),
        "/api/v1/search?q=court&limit=5".into(),
        "/api/v1/openapi.json".into(),
    ] {
        let r = s.get(&path, &tk).await;
        assert_eq!(r.status, 200, "{path}: {}", r.body);
        let _ = r.json();
        assert_eq!(s.get(&path, &ck).await.status, 200, "{path} by cookie");
    }
    assert_eq!(s.get("/api/v1/cases/c999", &tk).await.status, 404);
    assert_eq!(s.get("/api/v1/events?type=bogus", &tk).await.status, 400);
    // A NUL in a search query is a clear 400, on the page and in the API.
    for path in ["/search?q=court%00house", "/api/v1/search?q=court%00house"] {
        let r = s.get(path, &tk).await;
        assert_eq!(r.status, 400, "{path}: {}", r.body);
        assert!(r.body.contains("control character U+0000"), "{path}: {}", r.body);
    }
    let c = s.get(&format!("/api/v1/cases/{case}"), &tk).await.json();
    for key in ["id", "title", "people", "organizations", "charges", "events"] {
        assert!(c.get(key).is_some(), "case has {key}");
    }
    let ev = &c["events"][0];
    for key in [
        "id",
        "type",
        "date",
        "date_precision",
        "subjects",
        "status",
        "review",
        "sources",
    ] {
        assert!(ev.get(key).is_some(), "event has {key}");
    }
    let doc = s.get("/api/v1/openapi.json", &tk).await.json();
    assert!(doc["openapi"].as_str().is_some_and(|v| v.starts_with('3')));
    for p in [
        "/api/v1/cases",
        "/api/v1/cases/{id}",
        "/api/v1/cases/{id}/events/{event}/review",
        "/api/v1/search",
    ] {
        assert!(doc["paths"].get(p).is_some(), "openapi documents {p}");
    }
    // Every field the API emits is described in the OpenAPI schemas.
    let described = |schema: &str, v: &Value| {
        let props = &doc["components"]["schemas"][schema]["properties"];
        for key in v.as_object().expect("object").keys() {
            assert!(
                props.get(key).is_some(),
                "{schema}.{key} is not in the OpenAPI document"
            );
        }
    };
    described("Case", &c);
    described("TimelineEntry", ev);
    described("Source", &ev["sources"][0]);
    described("CasePerson", &c["people"][0]);
    let r = s.get(&format!("/cases/{case}/export/bogus.exe"), &ck).await;
    assert_eq!(r.status, 404);

    // A viewer cannot write: forms (cookie) and API (token) both refused with 403, nothing logged.
    let r = s
        .post_form(
            &format!("/cases/{case}/events/{e1}/review"),
            Some(&cookie),
            "action=confirm",
        )
        .await;
    assert_eq!(r.status, 403, "{}", r.body);
    assert_eq!(s.get(&format!("/cases/{case}/events/{e1}/edit"), &ck).await.status, 403);
    let r = s
        .post_json(
            &format!("/api/v1/cases/{case}/events/{e1}/review"),
            &s.viewer_token,
            &json!({"action": "confirm"}),
        )
        .await;
    assert_eq!(r.status, 403);
    assert_eq!(s.get("/admin/users", &ck).await.status, 403);
    let r = s
        .post_form(
            "/admin/users",
            Some(&cookie),
            "name=mallory&role=admin&password=aaaaaaaaaa",
        )
        .await;
    assert_eq!(r.status, 403);
    let log = s.get(&format!("/api/v1/cases/{case}/audit"), &tk).await.json();
    assert_eq!(log.as_array().map(Vec::len), Some(0));

    // Logout ends the session.
    let r = s.post_form("/logout", Some(&cookie), "").await;
    assert_eq!(r.status, 303);
    assert!(r.header("set-cookie").is_some_and(|c| c.contains("Max-Age=0")));
    assert_eq!(s.get("/cases", &ck).await.status, 303);
}

#[tokio::test]
async fn editor_reviews_are_audited_and_cross_site_posts_refused() {
    let s = start(false).await;
    let (case, e1, e2, _person) = pick(&s).await;
    let cookie = s.login("editor").await;
    let path = format!("/cases/{case}/events/{e1}/review");
    let origin = format!("http://{}", s.addr);

    // Cross-site form posts are refused before they reach the handler.
    let r = common::request(
        s.addr,
        "POST",
        &path,
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Cookie", &cookie),
            ("Sec-Fetch-Site", "cross-site"),
            ("Origin", "http://evil.example"),
        ],
        "action=confirm",
    )
    .await;
    assert_eq!(r.status, 403, "cross-site: {}", r.body);
    let r = common::request(
        s.addr,
        "POST",
        &path,
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Cookie", &cookie),
            ("Origin", "http://evil.example"),
        ],
        "action=confirm",
    )
    .await;
    assert_eq!(r.status, 403, "foreign Origin without Fetch Metadata");
    let auth = bearer(&s.viewer_token);
    let tk = [("Authorization", auth.as_str())];
    let log = s.get(&format!("/api/v1/cases/{case}/audit"), &tk).await.json();
    assert_eq!(log.as_array().map(Vec::len), Some(0), "nothing was written");

    // A same-origin confirm: redirect back to the event, entry confirmed, audit line with before/after.
    let r = s
        .post_form(
            &path,
            Some(&cookie),
            "action=confirm&note=checked+against+the+court+record",
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(r.header("location"), Some(format!("/cases/{case}#{e1}").as_str()));
    let c = s.get(&format!("/api/v1/cases/{case}"), &tk).await.json();
    let entry = c["events"]
        .as_array()
        .expect("events")
        .iter()
        .find(|e| e["id"] == e1.as_str())
        .expect("entry");
    assert_eq!(entry["review"], "confirmed");
    let log = s.get(&format!("/api/v1/cases/{case}/audit"), &tk).await.json();
    let line = &log[0];
    assert_eq!(line["user"], "editor");
    assert_eq!(line["action"], "confirm");
    assert_eq!(line["target"], e1.as_str());
    assert_eq!(line["note"], "checked against the court record");
    assert!(!line["before"].is_null() && !line["after"].is_null(), "{line}");
    let page = s
        .get(&format!("/cases/{case}/review"), &[("Cookie", &cookie)])
        .await
        .body;
    assert!(page.contains("checked against the court record"));
    let page = s.get(&format!("/cases/{case}"), &[("Cookie", &cookie)]).await.body;
    assert!(page.contains("class=\"confirm\""), "editors get review buttons");

    // The edit form and an edit through it.
    let r = s
        .get(&format!("/cases/{case}/events/{e2}/edit"), &[("Cookie", &cookie)])
        .await;
    assert_eq!(r.status, 200);
    let r = s
        .post_form(
            &format!("/cases/{case}/events/{e2}/review"),
            Some(&cookie),
            "action=edit&type=hearing&date=2025-06&qualifier=late&status=alleged&detail=by+phone&note=",
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let c = s.get(&format!("/api/v1/cases/{case}"), &tk).await.json();
    let entry = c["events"]
        .as_array()
        .expect("events")
        .iter()
        .find(|e| e["id"] == e2.as_str())
        .expect("entry");
    assert_eq!(
        (entry["review"].as_str(), entry["type"].as_str()),
        (Some("edited"), Some("hearing"))
    );
    assert_eq!(
        (entry["date"].as_str(), entry["date_qualifier"].as_str()),
        (Some("2025-06"), Some("late"))
    );

    // API decisions with an editor token; bad requests are 400/404 and change nothing.
    let api = format!("/api/v1/cases/{case}/events/{e2}/review");
    let r = s
        .post_json(&api, &s.editor_token, &json!({"action": "reject", "note": "duplicate"}))
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["user"], "token:editor-script");
    for (body, status) in [
        (json!({"action": "explode"}), 400),
        (json!({"action": "edit"}), 400),
        (json!({"action": "edit", "edit": {"date": "May"}}), 400),
        (
            json!({"action": "edit", "edit": {"status": "occurred", "bogus": 1}}),
            400,
        ),
    ] {
        let r = s.post_json(&api, &s.editor_token, &body).await;
        assert_eq!(r.status, status, "{body}: {}", r.body);
    }
    let r = s
        .post_json(
            &format!("/api/v1/cases/{case}/events/E99999/review"),
            &s.editor_token,
            &json!({"action": "confirm"}),
        )
        .await;
    assert_eq!(r.status, 404);
    let r = s
        .post_json(
            &format!("/api/v1/cases/{case}/people/merge"),
            &s.editor_token,
            &json!({"keep": "P1", "merge": "P1"}),
        )
        .await;
    assert!(r.status == 400 || r.status == 404, "{}", r.body);
    let log: Vec<Value> = s
        .get(&format!("/api/v1/cases/{case}/audit"), &tk)
        .await
        .json()
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(log.len(), 3, "confirm, edit, reject: {log:?}");
    assert_eq!(log[0]["action"], "reject");

    // Editors cannot manage users.
    assert_eq!(s.get("/admin/users", &[("Cookie", &cookie)]).await.status, 403);
    let _ = origin;

    // Too large a body is refused.
    let big = format!("action=confirm&note={}", "x".repeat(70 * 1024));
    let r = s.post_form(&path, Some(&cookie), &big).await;
    assert_eq!(r.status, 413);
}

#[tokio::test]
async fn admin_manages_users_and_public_read_opens_reading_only() {
    let s = start(true).await;
    // Public read: pages and the read API open, writes still need a login.
    assert_eq!(s.get("/cases", &[]).await.status, 200);
    assert_eq!(s.get("/api/v1/cases", &[]).await.status, 200);
    let (case, e1, _, _) = pick(&s).await;
    let r = s
        .post_form(&format!("/cases/{case}/events/{e1}/review"), None, "action=confirm")
        .await;
    assert_eq!(r.status, 401);
    let r = common::request(
        s.addr,
        "POST",
        &format!("/api/v1/cases/{case}/events/{e1}/review"),
        &[("Content-Type", "application/json")],
        r#"{"action":"confirm"}"#,
    )
    .await;
    assert_eq!(r.status, 401);
    assert_eq!(s.get("/admin/users", &[]).await.status, 303);
    assert_eq!(s.get(&format!("/cases/{case}/events/{e1}/edit"), &[]).await.status, 303);

    // An admin adds a user and a token; both are audited.
    let cookie = s.login("admin").await;
    let r = s.get("/admin/users", &[("Cookie", &cookie)]).await;
    assert_eq!(r.status, 200);
    let r = s
        .post_form(
            "/admin/users",
            Some(&cookie),
            "name=dana&role=editor&password=another+long+pass",
        )
        .await;
    assert_eq!(r.status, 200);
    assert!(r.body.contains("Added dana"), "{}", r.body);
    let r = s
        .post_form("/admin/users", Some(&cookie), "name=dana&role=editor&password=short")
        .await;
    assert!(r.body.contains("password"), "a short password is refused: {}", r.body);
    let r = s.post_form("/admin/tokens", Some(&cookie), "name=ci&role=viewer").await;
    assert!(r.body.contains("class=\"token\">cw_"));
    let r = s.post_form("/admin/users/remove", Some(&cookie), "name=admin").await;
    assert!(r.body.contains("cannot remove your own account"));
    let r = s
        .post_form("/login", None, "username=dana&password=another+long+pass")
        .await;
    assert_eq!(r.status, 303, "the new user can log in");
    let store = casewatch_store::Store::open(&s.db).expect("open");
    let log = store.audit_log(None).expect("log");
    assert!(
        log.iter()
            .any(|a| a.action == "user.add" && a.target == "dana" && a.user == "admin")
    );
    assert!(log.iter().any(|a| a.action == "token.add" && a.target == "ci"));
}

/// A same-origin login POST that arrives through a proxy naming `client`.
async fn login_via_proxy(s: &TestServer, client: &str, form: &str) -> u16 {
    let origin = format!("http://{}", s.addr);
    let h = [
        ("Content-Type", "application/x-www-form-urlencoded"),
        ("Origin", origin.as_str()),
        ("Sec-Fetch-Site", "same-origin"),
        ("X-Forwarded-For", client),
    ];
    request(s.addr, "POST", "/login", &h, form).await.status
}

#[tokio::test]
async fn behind_a_trusted_proxy_one_client_cannot_lock_out_the_others() {
    let good = format!("username=viewer&password={}", PASSWORD.replace(' ', "+"));
    // the proxy (here: loopback) is trusted: the per-address limit applies to the client it names
    let s = start_with(false, |c| {
        c.login_limits.per_address = 2;
        c.trusted_proxies = vec!["127.0.0.1".parse().expect("ip")];
    })
    .await;
    for name in ["a1", "a2"] {
        assert_eq!(
            login_via_proxy(&s, "203.0.113.5", &format!("username={name}&password=x")).await,
            401
        );
    }
    assert_eq!(
        login_via_proxy(&s, "203.0.113.5", "username=a3&password=x").await,
        429,
        "the guessing client is limited"
    );
    assert_eq!(
        login_via_proxy(&s, "198.51.100.7", &good).await,
        303,
        "another client logs in"
    );
    // a forged header from an untrusted peer is ignored: without the option the proxy's address is limited
    let s = start_with(false, |c| c.login_limits.per_address = 2).await;
    for name in ["a1", "a2"] {
        assert_eq!(
            login_via_proxy(&s, "203.0.113.5", &format!("username={name}&password=x")).await,
            401
        );
    }
    assert_eq!(login_via_proxy(&s, "198.51.100.7", &good).await, 429);
}

#[tokio::test]
async fn public_read_answers_only_its_own_host_names() {
    let s = start_with(true, |c| {
        c.allowed_hosts = vec!["127.0.0.1".into(), "news.example".into()]
    })
    .await;
    assert_eq!(s.get("/cases", &[]).await.status, 200, "Host 127.0.0.1:port");
    assert_eq!(s.get("/cases", &[("Host", "News.Example:443")]).await.status, 200);
    let r = s.get("/cases", &[("Host", "rebind.attacker.example")]).await;
    assert_eq!(r.status, 421, "{}", r.body);
    assert_eq!(
        s.get("/api/v1/cases", &[("Host", "rebind.attacker.example:8080")])
            .await
            .status,
        421
    );
}

#[tokio::test]
async fn case_page_shows_roles_and_related_cases_and_editors_set_roles() {
    let s = start(false).await;
    let (case, _e1, _e2, person) = pick(&s).await;
    let cookie = s.login("editor").await;
    let page = s.get(&format!("/cases/{case}"), &[("Cookie", &cookie)]).await.body;
    assert!(page.contains("<h2>Related cases</h2>"), "{page}");
    assert!(page.contains("data-role=\"defendant\""), "roles are shown");
    assert!(page.contains("(subject_of_legal_event)"), "with the rule that set them");
    let review = s
        .get(&format!("/cases/{case}/review"), &[("Cookie", &cookie)])
        .await
        .body;
    assert!(review.contains(&format!("action=\"/cases/{case}/people/role\"")));

    let r = s
        .post_form(
            &format!("/cases/{case}/people/role"),
            Some(&cookie),
            &format!("person={person}&role=witness&note=testified"),
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let page = s.get(&format!("/cases/{case}"), &[("Cookie", &cookie)]).await.body;
    assert!(
        page.contains("witness <small class=\"muted\">(reviewer)</small>"),
        "{page}"
    );
    let auth = bearer(&s.viewer_token);
    let log = s
        .get(
            &format!("/api/v1/cases/{case}/audit"),
            &[("Authorization", auth.as_str())],
        )
        .await
        .json();
    assert_eq!(log[0]["action"], "set_role");
    assert_eq!(log[0]["after"]["role"], "witness");
    // An unknown role is a bad request and changes nothing.
    let r = s
        .post_form(
            &format!("/cases/{case}/people/role"),
            Some(&cookie),
            &format!("person={person}&role=hero"),
        )
        .await;
    assert_eq!(r.status, 400, "{}", r.body);
}
