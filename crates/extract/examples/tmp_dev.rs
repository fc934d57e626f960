//! temporary dev harness (not committed)
fn main() {
    let ex = casewatch_extract::Extractor::english().unwrap();
    let explain = std::env::var("EXPLAIN").is_ok();
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).unwrap();
        let t = text.trim_start();
        let rest = t.strip_prefix("date ").unwrap();
        let date = &rest[..10];
        let mut body = rest[10..].to_string();
        if body.starts_with(' ')
            && body[1..].len() > 5
            && body.as_bytes()[1].is_ascii_digit()
            && body.as_bytes()[3] == b':'
        {
            body = body[6..].to_string();
        }
        let body = body.trim_start().to_string();
        let id = std::path::Path::new(&path)
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .to_string();
        let meta = casewatch_model::ArticleMeta {
            id,
            source: path.clone(),
            published: chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").ok(),
            title: None,
            language: "en".into(),
            sha256: "0".repeat(64),
            url: None,
        };
        let e = ex.extract(meta, &body);
        if explain {
            for (x, ev) in e.explanations.iter().zip(&e.record.events) {
                eprintln!("{}\n   -> {x}", ev.evidence.sentence);
            }
        }
        println!("{}", serde_json::to_string(&e.record).unwrap());
    }
}
