//! The date of a conviction told without one: the verdict's, read from the article's dated sentences of the same people.
//!
//! A court finds guilty and sentences in one verdict, so a report that tells
//! the sentence with its date and the conviction without one ("В июле её
//! приговорили к 12 годам … осуждённой на 12 лет", "was sentenced on May 3 …
//! her conviction") dates both. The rule is the reconciler's
//! (`casewatch_reconcile::timeline::infer_dates`) applied within one
//! article: every named person of the conviction has an occurred, dated
//! sentence in the article, and all those dates agree (`PartialDate::
//! compatible`); the finest is taken and marked `inferred`. An appeal's new
//! sentence of a later day disagrees with the first one, and then nothing
//! is inferred.

use crate::Extraction;
use casewatch_model::{EventType, PartialDate, Status};
use std::fmt::Write as _;

/// Dates the undated, occurred or alleged convictions of `x` from its
/// sentences (see the module docs). Appends the reason to the conviction's
/// explanation when the explanations are one per event.
pub(crate) fn date_convictions(x: &mut Extraction) {
    let events = &x.record.events;
    let sentences: Vec<(Vec<&str>, PartialDate)> = events
        .iter()
        .filter(|e| e.event_type == EventType::Sentence && e.status == Status::Occurred)
        .filter_map(|e| {
            let refs: Vec<&str> = e.subjects.iter().filter_map(|s| s.reference.as_deref()).collect();
            e.date.value.map(|d| (refs, d))
        })
        .collect();
    if sentences.is_empty() {
        return;
    }
    let mut dated: Vec<(usize, PartialDate)> = Vec::new();
    for (i, e) in events.iter().enumerate() {
        if e.event_type != EventType::Conviction
            || !matches!(e.status, Status::Occurred | Status::Alleged)
            || e.date.value.is_some()
        {
            continue;
        }
        let people: Vec<&str> = e
            .subjects
            .iter()
            .filter_map(|s| s.reference.as_deref())
            .filter(|r| r.starts_with('p'))
            .collect();
        if people.is_empty() {
            continue;
        }
        let mut dates: Vec<PartialDate> = Vec::new();
        let mut covered = true;
        for p in &people {
            let of_p: Vec<PartialDate> = sentences
                .iter()
                .filter(|(refs, _)| refs.contains(p))
                .map(|(_, d)| *d)
                .collect();
            covered &= !of_p.is_empty();
            dates.extend(of_p);
        }
        let agree = dates.iter().all(|a| dates.iter().all(|b| a.compatible(b)));
        if let (true, true, Some(d)) = (
            covered,
            agree,
            dates.iter().copied().min_by_key(|d| (d.precision(), *d)),
        ) {
            dated.push((i, d));
        }
    }
    let per_event = x.explanations.len() == x.record.events.len();
    for (i, d) in dated {
        let date = &mut x.record.events[i].date;
        date.value = Some(d);
        date.inferred = true;
        if per_event {
            let _ = write!(
                x.explanations[i],
                "; date: the verdict's, from the sentence of the same people ({d})"
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::Extractor;
    use casewatch_model::ArticleMeta;

    fn convictions(text: &str, published: &str, language: &str) -> Vec<(Option<String>, bool)> {
        let meta = ArticleMeta {
            id: "t".into(),
            source: "t.txt".into(),
            published: published.parse().ok(),
            title: None,
            language: language.into(),
            sha256: String::new(),
            url: None,
        };
        Extractor::multilingual()
            .expect("lexicons")
            .extract(meta, text)
            .record
            .events
            .iter()
            .filter(|e| e.event_type == casewatch_model::EventType::Conviction)
            .map(|e| (e.date.value.map(|d| d.to_string()), e.date.inferred))
            .collect()
    }

    #[test]
    fn an_undated_conviction_takes_its_sentences_date() {
        // a participle in the lede retells the conviction; a later sentence has the date
        let text = "У журналистки Ольги Петровой, осужденной на 12 лет, в заключении ухудшилось здоровье. \
                    В июле 2025 года ее приговорили к 12 годам колонии.";
        assert_eq!(
            convictions(text, "2025-09-20", "ru"),
            vec![(Some("2025-07".into()), true)]
        );
    }

    #[test]
    fn sentences_of_different_days_date_nothing() {
        let text = "The court found reporter Lena Marsh guilty of spreading false information. \
                    She was sentenced to six years in prison on May 3. \
                    On June 10 the appeals court sentenced Marsh to four years.";
        assert_eq!(convictions(text, "2025-07-20", "en"), vec![(None, false)]);
        let text = "У журналистки Ольги Петровой, осужденной по делу о фейках, ухудшилось здоровье. \
                    В июле 2025 года ее приговорили к 12 годам колонии. \
                    В сентябре 2025 года апелляционный суд приговорил Петрову к 10 годам.";
        assert_eq!(convictions(text, "2025-10-20", "ru"), vec![(None, false)]);
    }
}
