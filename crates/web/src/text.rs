//! Article text for display: the paragraph around an evidence span (split so
//! a template can mark the span), the whole body cut at every extracted span,
//! and FTS snippets with their `[match]` markers. All byte offsets are
//! checked; a span that does not fit the text is shown as text, not a panic.

/// A paragraph with one marked part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Highlighted {
    /// Text before the mark (with `…` when cut).
    pub(crate) before: String,
    /// The marked text.
    pub(crate) mark: String,
    /// Text after the mark.
    pub(crate) after: String,
}

/// Longest context kept on each side of a span, in bytes (about).
const CONTEXT: usize = 700;

fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The paragraph (blank-line separated) of `body` holding `[start, end)`,
/// split around it; `None` when the offsets do not fit the body.
pub(crate) fn paragraph_around(body: &str, start: usize, end: usize) -> Option<Highlighted> {
    if start > end || end > body.len() || !body.is_char_boundary(start) || !body.is_char_boundary(end) {
        return None;
    }
    let para_start = body[..start].rfind("\n\n").map_or(0, |i| i + 2);
    let para_end = body[end..].find("\n\n").map_or(body.len(), |i| end + i);
    let mut from = para_start;
    let mut cut_before = false;
    if start - from > CONTEXT {
        from = ceil_boundary(body, start - CONTEXT);
        cut_before = true;
    }
    let mut to = para_end;
    let mut cut_after = false;
    if to - end > CONTEXT {
        to = floor_boundary(body, end + CONTEXT);
        cut_after = true;
    }
    let before = body[from..start].trim_start();
    let after = body[end..to].trim_end();
    Some(Highlighted {
        before: format!("{}{before}", if cut_before { "…" } else { "" }),
        mark: body[start..end].to_string(),
        after: format!("{after}{}", if cut_after { "…" } else { "" }),
    })
}

/// A span of an article to mark: its bounds and what it links to.
#[derive(Debug, Clone)]
pub(crate) struct SpanRef {
    /// Byte offsets.
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// Anchor id of the event in the page's list (`ev-3`).
    pub(crate) anchor: String,
    /// Colour family of the event.
    pub(crate) family: &'static str,
    /// Link text (the event type).
    pub(crate) label: String,
}

/// A piece of an article body: plain text, marked text, or the links to
/// the events whose spans end here.
#[derive(Debug, Clone)]
pub(crate) enum Piece {
    /// Unmarked text.
    Text(String),
    /// Text inside at least one span; the family of the innermost one.
    Marked {
        /// The text.
        text: String,
        /// Colour family.
        family: &'static str,
    },
    /// Links to the events whose span ends at this point (anchor id, label).
    Refs(Vec<(String, String)>),
}

/// Cuts `body` at every span boundary. Spans that do not fit the body are
/// left out.
pub(crate) fn pieces(body: &str, spans: &[SpanRef]) -> Vec<Piece> {
    let spans: Vec<&SpanRef> = spans
        .iter()
        .filter(|s| {
            s.start < s.end && s.end <= body.len() && body.is_char_boundary(s.start) && body.is_char_boundary(s.end)
        })
        .collect();
    let mut cuts: Vec<usize> = vec![0, body.len()];
    for s in &spans {
        cuts.push(s.start);
        cuts.push(s.end);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = Vec::new();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        // Links of spans ending at `a` come before the text starting at `a`.
        let ending: Vec<(String, String)> = spans
            .iter()
            .filter(|s| s.end == a)
            .map(|s| (s.anchor.clone(), s.label.clone()))
            .collect();
        if !ending.is_empty() {
            out.push(Piece::Refs(ending));
        }
        if a == b {
            continue;
        }
        let text = body[a..b].to_string();
        // The innermost (shortest) span covering this piece gives the colour.
        match spans
            .iter()
            .filter(|s| s.start <= a && b <= s.end)
            .min_by_key(|s| s.end - s.start)
        {
            Some(s) => out.push(Piece::Marked { text, family: s.family }),
            None => out.push(Piece::Text(text)),
        }
    }
    let ending: Vec<(String, String)> = spans
        .iter()
        .filter(|s| s.end == body.len())
        .map(|s| (s.anchor.clone(), s.label.clone()))
        .collect();
    if !ending.is_empty() {
        out.push(Piece::Refs(ending));
    }
    out
}

/// Splits an FTS snippet into (text, is_match) parts at its `[` `]` markers.
pub(crate) fn snippet_parts(snippet: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut rest = snippet;
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find(']').map(|c| open + c) else {
            break;
        };
        if open > 0 {
            out.push((rest[..open].to_string(), false));
        }
        out.push((rest[open + 1..close].to_string(), true));
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        out.push((rest.to_string(), false));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraph() {
        let body = "First para.\n\nSecond one. The evidence here. Tail.\n\nThird.";
        let start = body.find("The evidence").unwrap();
        let end = start + "The evidence here.".len();
        let h = paragraph_around(body, start, end).unwrap();
        assert_eq!(h.before, "Second one. ");
        assert_eq!(h.mark, "The evidence here.");
        assert_eq!(h.after, " Tail.");
        assert!(paragraph_around(body, 5, 500).is_none());
        assert!(paragraph_around("é", 1, 2).is_none());
        assert!(paragraph_around(body, 9, 3).is_none());
    }

    #[test]
    fn pieces_mark_every_span() {
        let body = "Aa bb. Cc dd. Ee.";
        let spans = vec![
            SpanRef {
                start: 0,
                end: 6,
                anchor: "ev-0".into(),
                family: "custody",
                label: "x".into(),
            },
            SpanRef {
                start: 7,
                end: 13,
                anchor: "ev-1".into(),
                family: "court",
                label: "x".into(),
            },
            SpanRef {
                start: 7,
                end: 13,
                anchor: "ev-2".into(),
                family: "charge",
                label: "x".into(),
            },
            SpanRef {
                start: 3,
                end: 99,
                anchor: "bad".into(),
                family: "court",
                label: "x".into(),
            },
        ];
        let p = pieces(body, &spans);
        let text: String = p
            .iter()
            .map(|p| match p {
                Piece::Text(t) | Piece::Marked { text: t, .. } => t.clone(),
                Piece::Refs(_) => String::new(),
            })
            .collect();
        assert_eq!(text, body);
        let marked: Vec<&str> = p
            .iter()
            .filter_map(|p| match p {
                Piece::Marked { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(marked, ["Aa bb.", "Cc dd."]);
        let refs: Vec<usize> = p
            .iter()
            .filter_map(|p| match p {
                Piece::Refs(r) => Some(r.len()),
                _ => None,
            })
            .collect();
        assert_eq!(refs, [1, 2]);
    }

    #[test]
    fn snippets() {
        assert_eq!(
            snippet_parts("…was [detained] at [home]…"),
            vec![
                ("…was ".to_string(), false),
                ("detained".to_string(), true),
                (" at ".to_string(), false),
                ("home".to_string(), true),
                ("…".to_string(), false)
            ]
        );
        assert_eq!(snippet_parts("no [close"), vec![("no [close".to_string(), false)]);
    }
}
