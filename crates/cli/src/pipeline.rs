//! Reading, extracting and consuming articles chunk by chunk, with the extraction of one chunk running on every core while this thread reads the next chunk and consumes (prints or stores) the one before.
//!
//! `extract` and `ingest` read their inputs in order on one thread (a
//! directory walk, files read one at a time, JSON Lines line by line: the
//! readers are not `Send`), extract each chunk in parallel (rayon, keeping
//! input order), and then print or store the results on the same one thread
//! (the store is one SQLite connection). Done one after the other, the
//! reading, printing and storing left the second core idle. Here a chunk's
//! extraction runs on a scoped thread that drives the rayon pool while this
//! thread prepares the next chunk and consumes the previous one, so that
//! work overlaps the extraction. `extract` of 1,980 fictional reports as
//! HTML pages (16 MB), one core against two: 1.37 times faster before,
//! 1.57 after; as text, 1.76 and 1.83 (ARCHITECTURE.md, session 21). A case
//! build still runs alone on the reading thread, so `ingest` gains less.
//!
//! Order is unchanged: chunks are consumed in input order, and within a
//! chunk the extractions come back in input order. At most three chunks are
//! held at once (one read, one extracting, one being consumed), each at most
//! [`CHUNK_ARTICLES`] articles or about [`CHUNK_BYTES`] of text.

use anyhow::{Result, anyhow};
use casewatch_extract::{Extraction, Extractor, language};
use casewatch_ingest::{InputError, RawArticle};

/// Articles extracted in parallel at a time: enough to keep every core busy,
/// few enough (and at most [`CHUNK_BYTES`] of text) to bound memory. Output
/// keeps the input order whatever the number of threads.
pub(crate) const CHUNK_ARTICLES: usize = 256;
/// Most body bytes read ahead for one parallel chunk.
pub(crate) const CHUNK_BYTES: usize = 16 << 20;

/// One article's extraction: the language identified and what the
/// extractor read with that language's pack.
pub(crate) type Extracted = (&'static str, Extraction);

/// What a command does with the chunks of its inputs, on the thread that
/// reads them: [`ChunkSink::prepare`] a chunk as it is read (which articles
/// to extract), then, once they are extracted, [`ChunkSink::consume`] it.
/// Chunk `k + 1` is prepared before chunk `k` is consumed.
pub(crate) trait ChunkSink {
    /// What `prepare` keeps of a chunk for `consume` (read errors,
    /// duplicates, in input order).
    type Prepared;
    /// Takes one chunk of read inputs (articles and read errors, in input
    /// order) and returns the articles to extract and what `consume` needs
    /// of the rest.
    ///
    /// Errors: whatever stops the command (not a bad input, which is part of
    /// the chunk).
    fn prepare(&mut self, inputs: Vec<Result<RawArticle, InputError>>) -> Result<(Vec<RawArticle>, Self::Prepared)>;
    /// Takes the articles `prepare` returned with their extractions (in the
    /// same order) and what it kept.
    ///
    /// Errors: whatever stops the command.
    fn consume(&mut self, articles: Vec<RawArticle>, extracted: Vec<Extracted>, prepared: Self::Prepared)
    -> Result<()>;
}

/// Reads the next chunk of inputs: up to [`CHUNK_ARTICLES`] articles or about
/// [`CHUNK_BYTES`] of text, with the read errors met on the way, in order.
/// Empty at the end.
fn next_chunk(items: &mut dyn Iterator<Item = Result<RawArticle, InputError>>) -> Vec<Result<RawArticle, InputError>> {
    let mut chunk = Vec::new();
    let (mut articles, mut bytes) = (0usize, 0usize);
    for item in &mut *items {
        if let Ok(a) = &item {
            articles += 1;
            bytes += a.body.len();
        }
        chunk.push(item);
        if articles >= CHUNK_ARTICLES || bytes >= CHUNK_BYTES {
            break;
        }
    }
    chunk
}

/// Extracts a chunk of articles on every core (rayon), in input order:
/// identifies each article's language and extracts it with that language's
/// pack.
pub(crate) fn extract_all(ex: &Extractor, chunk: &[RawArticle]) -> Vec<Extracted> {
    use rayon::prelude::*;
    chunk
        .par_iter()
        .map(|a| {
            let lang = language::identify(&a.body);
            (lang, ex.extract(a.meta(lang), &a.body))
        })
        .collect()
}

/// A chunk being extracted on a scoped thread: it gives back the articles
/// with their extractions.
type InFlight<'scope> = std::thread::ScopedJoinHandle<'scope, (Vec<RawArticle>, Vec<Extracted>)>;

/// Runs `sink` over every chunk of `items`: reads and prepares chunk `k + 1`
/// and consumes chunk `k` on this thread while chunk `k + 1` (then `k + 2`)
/// is extracted on every core (see the module docs). Chunks are consumed in
/// input order; the last is consumed before this returns.
///
/// Errors: the first error of `sink`, after the extraction in flight ends;
/// an error if an extraction thread panicked (the extractor catches a panic
/// per article, so this is a bug).
pub(crate) fn run<S: ChunkSink>(
    ex: &Extractor,
    items: &mut dyn Iterator<Item = Result<RawArticle, InputError>>,
    sink: &mut S,
) -> Result<()> {
    std::thread::scope(|scope| {
        // (the chunk being extracted, and what `prepare` kept of it)
        let mut in_flight: Option<(InFlight<'_>, S::Prepared)> = None;
        loop {
            let inputs = next_chunk(items);
            let next = if inputs.is_empty() {
                None
            } else {
                Some(sink.prepare(inputs)?)
            };
            let finished = match in_flight.take() {
                Some((handle, prepared)) => {
                    let done = handle.join().map_err(|_| anyhow!("an extraction thread panicked"))?;
                    Some((done, prepared))
                }
                None => None,
            };
            if let Some((articles, prepared)) = next {
                let handle = scope.spawn(move || {
                    let extracted = extract_all(ex, &articles);
                    (articles, extracted)
                });
                in_flight = Some((handle, prepared));
            }
            match finished {
                Some(((articles, extracted), prepared)) => sink.consume(articles, extracted, prepared)?,
                None if in_flight.is_none() => return Ok(()),
                None => {}
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fictional report `i` whose text names its number.
    fn report(i: usize) -> RawArticle {
        let body = format!("Police detained journalist Ivo Marten in Kestrel on 3 May 2024, his lawyer said ({i}).\n");
        RawArticle {
            id: format!("r{i:04}"),
            source: format!("r{i:04}.txt"),
            url: None,
            published: chrono::NaiveDate::from_ymd_opt(2024, 5, 4),
            title: None,
            outlet: None,
            sha256: format!("{i:064}"),
            body,
            warnings: Vec::new(),
        }
    }

    /// Records what it is given, in order; skips every article whose number
    /// is a multiple of `skip`, as `ingest` skips duplicates.
    struct Recorder {
        skip: usize,
        prepared: usize,
        log: Vec<String>,
    }

    impl ChunkSink for Recorder {
        type Prepared = (usize, Vec<String>);
        fn prepare(
            &mut self,
            inputs: Vec<Result<RawArticle, InputError>>,
        ) -> Result<(Vec<RawArticle>, Self::Prepared)> {
            self.prepared += 1;
            let mut kept = Vec::new();
            let mut other = Vec::new();
            for item in inputs {
                match item {
                    Ok(a) if a.id[1..].parse::<usize>().is_ok_and(|n| n % self.skip == 0) => {
                        other.push(format!("skipped {}", a.id))
                    }
                    Ok(a) => kept.push(a),
                    Err(e) => other.push(format!("error {}", e.path)),
                }
            }
            Ok((kept, (self.prepared, other)))
        }
        fn consume(
            &mut self,
            articles: Vec<RawArticle>,
            extracted: Vec<Extracted>,
            prepared: Self::Prepared,
        ) -> Result<()> {
            let (chunk, other) = prepared;
            self.log.extend(other.into_iter().map(|o| format!("{chunk}: {o}")));
            for (a, (_, e)) in articles.iter().zip(&extracted) {
                assert_eq!(e.record.article.id, a.id);
                self.log.push(format!("{chunk}: {}", a.id));
            }
            Ok(())
        }
    }

    #[test]
    fn chunks_are_consumed_in_input_order_with_their_own_extractions() {
        let ex = Extractor::english().expect("extractor");
        let n = CHUNK_ARTICLES * 2 + 7;
        let mut items = (0..n).map(|i| {
            if i == 300 {
                Err(InputError {
                    path: "bad.txt".into(),
                    line: None,
                    reason: "unreadable".into(),
                })
            } else {
                Ok(report(i))
            }
        });
        let mut sink = Recorder {
            skip: 50,
            prepared: 0,
            log: Vec::new(),
        };
        run(&ex, &mut items, &mut sink).expect("run");
        // Three chunks: 256 articles, then 256 more (the error at 300 rides
        // along), then the last 6.
        assert_eq!(sink.prepared, 3);
        let ids: Vec<&str> = sink
            .log
            .iter()
            .filter_map(|l| l.split(' ').nth(1))
            .filter(|w| w.starts_with('r'))
            .collect();
        let expected: Vec<String> = (0..n)
            .filter(|&i| i != 300 && i % 50 != 0)
            .map(|i| format!("r{i:04}"))
            .collect();
        assert_eq!(ids, expected);
        assert!(sink.log.contains(&"1: skipped r0000".to_string()));
        assert!(sink.log.contains(&"2: error bad.txt".to_string()));
        assert!(sink.log.contains(&"2: r0257".to_string()));
        assert!(sink.log.contains(&"3: r0513".to_string()));
    }

    /// Stops at its second chunk.
    struct Failing(usize);

    impl ChunkSink for Failing {
        type Prepared = ();
        fn prepare(&mut self, inputs: Vec<Result<RawArticle, InputError>>) -> Result<(Vec<RawArticle>, ())> {
            Ok((inputs.into_iter().filter_map(|i| i.ok()).collect(), ()))
        }
        fn consume(&mut self, _: Vec<RawArticle>, _: Vec<Extracted>, (): ()) -> Result<()> {
            self.0 += 1;
            if self.0 == 2 {
                return Err(anyhow!("the store is gone"));
            }
            Ok(())
        }
    }

    #[test]
    fn an_error_while_consuming_stops_the_run_after_the_chunk_in_flight() {
        let ex = Extractor::english().expect("extractor");
        let mut items = (0..CHUNK_ARTICLES * 4).map(|i| Ok(report(i)));
        let mut sink = Failing(0);
        let err = run(&ex, &mut items, &mut sink).expect_err("stops");
        assert_eq!(err.to_string(), "the store is gone");
        assert_eq!(sink.0, 2);
    }
}
