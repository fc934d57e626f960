//! The page of a large case through the real server: its timeline entries,
//! the sources of each entry and its article links are capped, with "show
//! all" links (`?all=1`) that show the rest; a small case shows everything.

mod common;

use casewatch_store::{ArticleInput, Store};
use common::start;
use serde_json::json;

/// Articles of the generated case: each reports the same detention of one
/// fictional journalist and a hearing on a day of its own, so the case has
/// `ARTICLES + 1` entries (past `CASE_PAGE_ENTRIES`, 200), a detention with
/// `ARTICLES` sources (past `CASE_PAGE_SOURCES`, 10) and `ARTICLES` articles
/// (past `CASE_PAGE_ARTICLES`, 200).
const ARTICLES: usize = 230;

fn day(n: i64) -> String {
    let base = chrono::NaiveDate::from_ymd_opt(2021, 1, 1).expect("date");
    (base + chrono::Duration::days(n)).format("%Y-%m-%d").to_string()
}

/// One generated article's record and body.
fn article(i: usize) -> (casewatch_model::ExtractRecord, String) {
    let name = "Vera Testova";
    let mut body = String::new();
    let mut events = Vec::new();
    for (ty, date) in [("detention", day(0)), ("hearing", day(30 + 3 * i as i64))] {
        let sentence = format!("{name} {ty} on {date} in the false information case.");
        let start = body.len();
        body.push_str(&sentence);
        body.push(' ');
        events.push(
            json!({"type": ty, "date": date, "date_precision": "day", "date_qualifier": null,
            "date_text": null, "subjects": [{"ref": "p1", "name": name}], "agent": null, "place": null,
            "status": "occurred", "attributed_to": null, "detail": null,
            "evidence": {"start": start, "end": start + sentence.len(), "sentence": sentence}}),
        );
    }
    let rec = json!({
        "article": {"id": format!("big-{i:04}"), "source": format!("big/{i}.txt"),
                    "published": day(31 + 3 * i as i64), "title": null, "language": "en",
                    "sha256": format!("{:064x}", 0xb16_0000 + i)},
        "people": [{"id": "p1", "name": name, "variants": [name], "occupation": "journalist",
                    "affiliation": "Fictional Herald", "former": false}],
        "organizations": [], "events": events,
        "charges": [{"label": "false information", "article": null, "subjects": []}]
    });
    (serde_json::from_value(rec).expect("valid record"), body)
}

fn count(hay: &str, needle: &str) -> usize {
    hay.matches(needle).count()
}

#[tokio::test]
async fn a_large_case_page_is_capped_and_show_all_shows_the_rest() {
    let s = start(true).await;
    let id = {
        let mut store = Store::open(&s.db).expect("open");
        let items: Vec<_> = (0..ARTICLES).map(article).collect();
        let inputs: Vec<ArticleInput<'_>> = items
            .iter()
            .map(|(record, body)| ArticleInput { record, body })
            .collect();
        store.insert_articles(&inputs).expect("insert");
        store.update_cases().expect("cases");
        let file = store.cases().expect("cases");
        let big = file.cases.iter().max_by_key(|c| c.events.len()).expect("a case");
        assert_eq!(
            big.events.len(),
            ARTICLES + 1,
            "one detention and one hearing per article"
        );
        assert_eq!(big.articles.len(), ARTICLES);
        big.id.clone()
    };

    let short = s.get(&format!("/cases/{id}"), &[]).await;
    assert_eq!(short.status, 200, "{}", short.body);
    let b = &short.body;
    // 200 entries shown, the rest behind the link; the summary counts the whole case.
    assert_eq!(count(b, "<article class=\"entry "), 200);
    assert!(
        b.contains(&format!("showing the first 200 of {} entries", ARTICLES + 1)),
        "{b}"
    );
    assert!(b.contains(&format!("{} events", ARTICLES + 1)));
    assert!(b.contains(&format!("{} more entries are not shown", ARTICLES + 1 - 200)));
    assert!(b.contains(&format!("href=\"/cases/{id}?all=1\"")));
    // The detention (first in time) shows 10 of its sources and links to the rest.
    assert!(b.contains(&format!("Show all sources ({} more)", ARTICLES - 10)), "{b}");
    assert_eq!(
        count(b, "<mark class=\"evidence\">Vera Testova detention on 2021-01-01"),
        10
    );
    // The SVG draws the shown entries only: one mark per entry shown (no
    // review buttons, which also carry `data-event`, for an anonymous reader).
    assert_eq!(count(b, "data-event=\""), 200);
    // 200 article links at the foot, then a link to all of them.
    assert!(b.contains(&format!("all {ARTICLES} articles")));
    assert!(!b.contains("/articles/big-0229\""), "the last article is past the cap");

    let all = s.get(&format!("/cases/{id}?all=1"), &[]).await;
    assert_eq!(all.status, 200);
    let a = &all.body;
    assert_eq!(count(a, "<article class=\"entry "), ARTICLES + 1);
    assert!(!a.contains("more entries are not shown"));
    assert!(!a.contains("Show all sources"));
    assert!(!a.contains("id=\"capped\""));
    assert!(a.contains("/articles/big-0229\""));
    // Every source of the detention: each article's evidence sentence is quoted.
    assert_eq!(
        count(a, "<mark class=\"evidence\">Vera Testova detention on 2021-01-01"),
        ARTICLES
    );
    assert!(a.len() > b.len());

    // A small case of the examples looks as before: no cap, no links.
    let file = Store::open(&s.db).expect("open").cases().expect("cases");
    let small = file
        .cases
        .iter()
        .find(|c| c.id != id && !c.events.is_empty())
        .expect("an example case");
    let page = s.get(&format!("/cases/{}", small.id), &[]).await;
    assert_eq!(page.status, 200);
    assert_eq!(count(&page.body, "<article class=\"entry "), small.events.len());
    assert!(!page.body.contains("?all=1"));
}
