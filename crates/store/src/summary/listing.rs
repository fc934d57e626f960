//! The case listing read from stored summaries: filtered, sorted and paged cases ([`CaseQuery`], [`crate::Store::case_page`]), where each defendant stands ([`StatusQuery`]), and the countries of cases.

use super::*;

/// A column the case listing sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CaseSort {
    /// Case id number (`c2` before `c10`).
    #[default]
    Id,
    /// Title, case-insensitive.
    Title,
    /// Country code.
    Country,
    /// Most restrictive status of the defendants (serving first).
    Status,
    /// Number of people.
    People,
    /// Number of timeline entries.
    Events,
    /// Number of sources.
    Sources,
    /// Earliest date.
    First,
    /// Latest date.
    Last,
    /// Number of reviewed entries.
    Reviewed,
}

impl CaseSort {
    /// Every column with its query name.
    pub const ALL: [(CaseSort, &'static str); 10] = [
        (CaseSort::Id, "id"),
        (CaseSort::Title, "title"),
        (CaseSort::Country, "country"),
        (CaseSort::Status, "status"),
        (CaseSort::People, "people"),
        (CaseSort::Events, "events"),
        (CaseSort::Sources, "sources"),
        (CaseSort::First, "first"),
        (CaseSort::Last, "last"),
        (CaseSort::Reviewed, "reviewed"),
    ];

    /// The query name (`first`).
    pub fn as_str(self) -> &'static str {
        CaseSort::ALL.iter().find(|(s, _)| *s == self).map_or("id", |(_, n)| n)
    }

    /// Parses a query name; `None` for an unknown one.
    pub fn parse(s: &str) -> Option<CaseSort> {
        CaseSort::ALL.iter().find(|(_, n)| *n == s).map(|(c, _)| *c)
    }

    fn column(self) -> &'static str {
        match self {
            CaseSort::Id => "c.id_number",
            CaseSort::Title => "c.title COLLATE NOCASE",
            CaseSort::Country => "c.country",
            CaseSort::Status => "c.standing_rank",
            CaseSort::People => "c.people_count",
            CaseSort::Events => "c.event_count",
            CaseSort::Sources => "c.source_count",
            CaseSort::First => "c.first_date",
            CaseSort::Last => "c.last_date",
            CaseSort::Reviewed => "c.reviewed_count",
        }
    }
}

/// What to list: filters (all optional; AND-ed), order and page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CaseQuery {
    /// Cases with an entry of this type (entry filters apply to one entry together).
    pub event_type: Option<String>,
    /// … of this status (`occurred`, …).
    pub status: Option<String>,
    /// … of this review state.
    pub review: Option<String>,
    /// … whose date span ends after this day (days from the common era).
    pub from_day: Option<i32>,
    /// … whose date span starts before this day (exclusive end).
    pub to_day: Option<i32>,
    /// … whose place contains this text (case-insensitive).
    pub place: Option<String>,
    /// Cases whose title, media organisations or affiliations contain this text.
    pub outlet: Option<String>,
    /// Cases of this country (ISO code).
    pub country: Option<String>,
    /// Cases with a defendant of this status.
    pub standing: Option<Standing>,
    /// Sort column.
    pub sort: CaseSort,
    /// Descending order.
    pub descending: bool,
    /// Rows to skip.
    pub offset: u64,
    /// Rows to return (at most 1000; 0 means 50).
    pub limit: u64,
}

impl CaseQuery {
    /// Whether an entry-level filter is set.
    pub fn has_entry_filter(&self) -> bool {
        self.event_type.is_some()
            || self.status.is_some()
            || self.review.is_some()
            || self.from_day.is_some()
            || self.to_day.is_some()
            || self.place.is_some()
    }

    /// The entry-level conditions over `case_entries e`, their parameters
    /// appended to `params` (numbered after those already there).
    fn entry_conditions(&self, params: &mut Vec<SqlValue>) -> Vec<String> {
        let mut e = Vec::new();
        let mut push = |sql: &str, v: SqlValue| {
            params.push(v);
            e.push(sql.replace('?', &format!("?{}", params.len())));
        };
        if let Some(t) = &self.event_type {
            push("e.event_type = ?", SqlValue::Text(t.clone()));
        }
        if let Some(s) = &self.status {
            push("e.status = ?", SqlValue::Text(s.clone()));
        }
        if let Some(r) = &self.review {
            push("e.review = ?", SqlValue::Text(r.clone()));
        }
        if let Some(d) = self.from_day {
            push("e.day_to > ?", SqlValue::Integer(i64::from(d)));
        }
        if let Some(d) = self.to_day {
            push("e.day_from < ?", SqlValue::Integer(i64::from(d)));
        }
        if let Some(p) = &self.place {
            push("instr(e.place, ?) > 0", SqlValue::Text(p.to_lowercase()));
        }
        e
    }

    /// The SQL condition over `cases c` and its parameters.
    fn condition(&self) -> (String, Vec<SqlValue>) {
        let mut conds: Vec<String> = Vec::new();
        let mut params: Vec<SqlValue> = Vec::new();
        if self.has_entry_filter() {
            let mut e = vec!["e.case_id = c.id".to_string()];
            e.extend(self.entry_conditions(&mut params));
            conds.push(format!(
                "EXISTS (SELECT 1 FROM case_entries e WHERE {})",
                e.join(" AND ")
            ));
        }
        if let Some(o) = &self.outlet {
            params.push(SqlValue::Text(o.to_lowercase()));
            conds.push(format!(
                "EXISTS (SELECT 1 FROM case_outlet_names o WHERE o.case_id = c.id AND instr(o.name, ?{}) > 0)",
                params.len()
            ));
        }
        if let Some(c) = &self.country {
            params.push(SqlValue::Text(c.to_uppercase()));
            conds.push(format!("c.country = ?{}", params.len()));
        }
        if let Some(s) = self.standing {
            params.push(SqlValue::Text(s.as_str().to_string()));
            conds.push(format!(
                "EXISTS (SELECT 1 FROM person_status p WHERE p.case_id = c.id AND p.status = ?{})",
                params.len()
            ));
        }
        let cond = if conds.is_empty() {
            "1".to_string()
        } else {
            conds.join(" AND ")
        };
        (cond, params)
    }
}

/// One row of the case listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseRow {
    /// Case id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Country code, when known.
    pub country: Option<String>,
    /// Number of people.
    pub people: u64,
    /// Number of timeline entries.
    pub events: u64,
    /// Number of sources.
    pub sources: u64,
    /// Earliest date.
    pub first_date: Option<String>,
    /// Latest date.
    pub last_date: Option<String>,
    /// Number of reviewed entries.
    pub reviewed: u64,
    /// The defendants' statuses.
    pub statuses: Vec<PersonStatus>,
    /// With entry filters: how many entries pass them.
    pub matching: Option<u64>,
    /// Number of related cases (sharing a person or an outlet).
    pub related: u64,
}

/// One page of the case listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CasePage {
    /// The rows.
    pub rows: Vec<CaseRow>,
    /// Cases passing the filters, over all pages.
    pub total: u64,
    /// Cases in the store.
    pub all: u64,
}

/// A filter on the status listing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StatusQuery {
    /// Only people held (serving, in custody, under house arrest).
    pub held: bool,
    /// Only cases of this country.
    pub country: Option<String>,
    /// Only this status.
    pub standing: Option<Standing>,
    /// Only this case.
    pub case: Option<String>,
    /// Only this person.
    pub person: Option<String>,
}

/// One line of the status listing: a person's status in one case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusRow {
    /// Case id.
    pub case: String,
    /// Case title.
    pub case_title: String,
    /// Case country.
    pub country: Option<String>,
    /// The status.
    pub status: PersonStatus,
}

fn parse_date(path: &Path, what: &str, v: Option<String>) -> Result<Option<PartialDate>> {
    v.map(|d| d.parse::<PartialDate>())
        .transpose()
        .map_err(|e| data_error(path, what.to_string(), e))
}

impl Store {
    /// One page of the case listing, filtered and sorted from the stored
    /// summaries (no case is decoded). Ties sort by case id number.
    pub fn case_page(&self, q: &CaseQuery) -> Result<CasePage> {
        let (cond, params) = q.condition();
        let dir = if q.descending { "DESC" } else { "ASC" };
        let limit = match q.limit {
            0 => 50,
            n => n.min(1000),
        };
        let sql = format!(
            "SELECT c.id, c.title, c.country, c.people_count, c.event_count, c.source_count, c.first_date, c.last_date,
                    c.reviewed_count
             FROM cases c WHERE {cond}
             ORDER BY {} {dir} NULLS LAST, c.id_number {dir} LIMIT {limit} OFFSET {}",
            q.sort.column(),
            q.offset
        );
        type Row = (
            String,
            String,
            Option<String>,
            i64,
            i64,
            i64,
            Option<String>,
            Option<String>,
            i64,
        );
        let rows: Vec<Row> = self
            .conn
            .prepare_cached(&sql)
            .and_then(|mut st| {
                st.query_map(params_from_iter(params.iter()), |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                        r.get(6)?,
                        r.get(7)?,
                        r.get(8)?,
                    ))
                })
                .and_then(|it| it.collect())
            })
            .ctx(&self.path, || "reading a page of the case listing")?;
        let total: i64 = self
            .conn
            .prepare_cached(&format!("SELECT count(*) FROM cases c WHERE {cond}"))
            .and_then(|mut st| st.query_row(params_from_iter(params.iter()), |r| r.get(0)))
            .ctx(&self.path, || "counting the case listing")?;
        let all: i64 = self
            .conn
            .query_row("SELECT count(*) FROM cases", [], |r| r.get(0))
            .ctx(&self.path, || "counting cases")?;
        let mut out = Vec::with_capacity(rows.len());
        for (id, title, country, people, events, sources, first_date, last_date, reviewed) in rows {
            let matching = if q.has_entry_filter() {
                let mut ps = vec![SqlValue::Text(id.clone())];
                let mut conds = vec!["e.case_id = ?1".to_string()];
                conds.extend(q.entry_conditions(&mut ps));
                let n: i64 = self
                    .conn
                    .prepare_cached(&format!(
                        "SELECT count(*) FROM case_entries e WHERE {}",
                        conds.join(" AND ")
                    ))
                    .and_then(|mut st| st.query_row(params_from_iter(ps.iter()), |r| r.get(0)))
                    .ctx(&self.path, || format!("counting the matching entries of {id}"))?;
                Some(count(n))
            } else {
                None
            };
            let statuses = self
                .statuses(&StatusQuery {
                    case: Some(id.clone()),
                    ..StatusQuery::default()
                })?
                .into_iter()
                .map(|r| r.status)
                .collect();
            let related = crate::cases::related_count(&self.conn, &self.path, &id)?;
            out.push(CaseRow {
                related,
                id,
                title,
                country,
                people: count(people),
                events: count(events),
                sources: count(sources),
                first_date,
                last_date,
                reviewed: count(reviewed),
                statuses,
                matching,
            });
        }
        Ok(CasePage {
            rows: out,
            total: count(total),
            all: count(all),
        })
    }

    /// Current statuses of defendants, most restrictive first, then by case
    /// id number and the person's place in the case.
    pub fn statuses(&self, q: &StatusQuery) -> Result<Vec<StatusRow>> {
        let mut conds = vec!["1".to_string()];
        let mut ps: Vec<SqlValue> = Vec::new();
        if q.held {
            conds.push("p.status IN ('serving', 'in_custody', 'house_arrest')".into());
        }
        let mut eq = |col: &str, v: String| {
            ps.push(SqlValue::Text(v));
            conds.push(format!("{col} = ?{}", ps.len()));
        };
        if let Some(c) = &q.country {
            eq("c.country", c.to_uppercase());
        }
        if let Some(s) = q.standing {
            eq("p.status", s.as_str().to_string());
        }
        if let Some(c) = &q.case {
            eq("p.case_id", c.clone());
        }
        if let Some(p) = &q.person {
            eq("p.person_id", p.clone());
        }
        let order = if q.case.is_some() {
            "p.position"
        } else {
            "CASE p.status WHEN 'serving' THEN 0 WHEN 'in_custody' THEN 1 WHEN 'house_arrest' THEN 2
                 WHEN 'convicted_in_absentia' THEN 3 WHEN 'travel_ban' THEN 4 WHEN 'charges_pending' THEN 5
                 WHEN 'released' THEN 6 WHEN 'acquitted' THEN 7 ELSE 8 END, c.id_number, p.position"
        };
        let sql = format!(
            "SELECT p.case_id, c.title, c.country, p.person_id, p.name, p.status, p.since, p.term, p.until, p.entry,
                    p.as_of, p.overridden, p.note
             FROM person_status p JOIN cases c ON c.id = p.case_id
             WHERE {} ORDER BY {order}",
            conds.join(" AND ")
        );
        type Row = (
            String,
            String,
            Option<String>,
            String,
            String,
            String,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<String>,
            bool,
            Option<String>,
        );
        let rows: Vec<Row> = self
            .conn
            .prepare_cached(&sql)
            .and_then(|mut st| {
                st.query_map(params_from_iter(ps.iter()), |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                        r.get(6)?,
                        r.get(7)?,
                        r.get(8)?,
                        r.get(9)?,
                        r.get(10)?,
                        r.get(11)?,
                        r.get(12)?,
                    ))
                })
                .and_then(|it| it.collect())
            })
            .ctx(&self.path, || "reading statuses")?;
        rows.into_iter()
            .map(
                |(
                    case,
                    case_title,
                    country,
                    person,
                    name,
                    status,
                    since,
                    term,
                    until,
                    entry,
                    as_of,
                    overridden,
                    note,
                )| {
                    let what = format!("the status of {person} in {case}");
                    Ok(StatusRow {
                        case,
                        case_title,
                        country,
                        status: PersonStatus {
                            status: status.parse().map_err(|e| data_error(&self.path, what.clone(), e))?,
                            since: parse_date(&self.path, &what, since)?,
                            until: parse_date(&self.path, &what, until)?,
                            as_of: as_of.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
                            person,
                            name,
                            term,
                            entry,
                            overridden,
                            note,
                        },
                    })
                },
            )
            .collect()
    }

    /// The country of one case (derived, or a reviewer's), if known.
    pub fn case_country(&self, id: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT country FROM cases WHERE id = ?1")
            .and_then(|mut st| st.query_row([id], |r| r.get::<_, Option<String>>(0)).optional())
            .ctx(&self.path, || format!("reading the country of {id}"))?
            .flatten())
    }

    /// Countries of the stored cases with their number of cases, by code.
    pub fn case_countries(&self) -> Result<Vec<(String, u64)>> {
        self.conn
            .prepare_cached(
                "SELECT country, count(*) FROM cases WHERE country IS NOT NULL GROUP BY country ORDER BY country",
            )
            .and_then(|mut st| {
                st.query_map([], |r| Ok((r.get::<_, String>(0)?, count(r.get(1)?))))
                    .and_then(|it| it.collect())
            })
            .ctx(&self.path, || "reading case countries")
    }
}
