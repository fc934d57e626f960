//! casewatch-eval: scores extraction records against gold annotations with
//! exactly the rules of `../shared/eval/score.py` (its `articles` mode), so
//! that `casewatch eval` and the project's scorer give the same numbers.
//!
//! Pure: the caller reads the files. [`parse_gold_jsonl`] reads the gold
//! format of `../shared/eval/dev/gold.jsonl`; [`score_articles`] scores
//! [`casewatch_model::ExtractRecord`]s against it and returns an
//! [`ArticleScore`], whose JSON form has the keys of `score.py articles
//! --json` and whose [`ArticleScore::report`] is its text output. The name
//! rules (folding, particles, given-name agreement) are in [`fold`], the
//! assertion rules (expansion per named subject, repeats, greedy matching,
//! dates, `negated_as_fact`) in the `score` module; each item names the
//! score.py function it ports.
//!
//! ```
//! use casewatch_eval::{parse_gold_jsonl, score_articles};
//! let gold = parse_gold_jsonl(r#"{"id": "a1", "people": [{"name": "Dana Okafor"}], "events": []}"#).unwrap();
//! let score = score_articles(&gold, &[]);
//! assert_eq!(score.articles_missing_from_output, vec!["a1".to_string()]);
//! assert_eq!(score.people.gold, 1);
//! assert_eq!(score.people.recall, 0.0);
//! ```

pub mod fold;
pub mod gold;
mod score;
mod unicode_tables;

pub use gold::{GoldArticle, GoldError, GoldEvent, GoldPerson, parse_gold_bytes, parse_gold_jsonl};
pub use score::{ArticleScore, Listed, Prf, TypeCounts, is_scored_type, score_articles};
