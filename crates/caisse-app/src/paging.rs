//! A page of a list: which column it is sorted by, which way, and which rows. Every list the
//! back office shows takes the same three parameters (`?sort=-name&page=2&per_page=50`),
//! checked here once. Lists that are small by nature (accounts, paired devices, the last 500
//! closures) are sorted and cut in memory with [`Paging::cut`]; large ones (products) hand
//! the parsed sort to SQL.

use std::cmp::Ordering;

use crate::{AppError, FieldError};

/// The most rows a page may hold.
pub const MAX_PER_PAGE: i64 = 200;
/// Rows per page when the request does not say.
pub const DEFAULT_PER_PAGE: i64 = 50;

/// A list's row type and the columns it can be sorted by.
pub trait Sortable {
    /// The sort keys the API takes (without the `-` that asks for descending order).
    const KEYS: &'static [&'static str];
    /// The order when the request gives none (`-created` for newest first).
    const DEFAULT: &'static str;
    /// Compares two rows by one of [`Sortable::KEYS`] (ascending).
    fn compare(key: &str, a: &Self, b: &Self) -> Ordering;
}

/// A checked request for one page: a known sort key, a page from 1, 1 to 200 rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    /// One of the list's sort keys.
    pub key: &'static str,
    /// Largest first.
    pub descending: bool,
    /// Page number from 1.
    pub page: i64,
    /// Rows per page.
    pub per_page: i64,
}

/// One page of rows, with how many there are in all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T> {
    /// The rows of this page.
    pub items: Vec<T>,
    /// Page number from 1.
    pub page: i64,
    /// Rows per page.
    pub per_page: i64,
    /// Rows in all pages.
    pub total: i64,
}

impl Paging {
    /// Checks `sort`, `page` and `per_page` against the keys `keys` (default `default`); every
    /// bad value is reported at once, as a field error named after its parameter.
    pub fn parse(
        sort: Option<&str>,
        page: Option<i64>,
        per_page: Option<i64>,
        keys: &'static [&'static str],
        default: &'static str,
    ) -> Result<Paging, AppError> {
        let mut errors = Vec::new();
        let paging = Paging::read(sort, page, per_page, keys, default, &mut errors);
        if errors.is_empty() {
            Ok(paging)
        } else {
            Err(AppError::Validation(errors))
        }
    }

    /// Like [`Paging::parse`], for a request with other parameters to check too: the errors
    /// go to `errors`, and the paging returned then holds the defaults (use it only when
    /// `errors` stayed empty).
    pub fn read(
        sort: Option<&str>,
        page: Option<i64>,
        per_page: Option<i64>,
        keys: &'static [&'static str],
        default: &'static str,
        errors: &mut Vec<FieldError>,
    ) -> Paging {
        let (default_descending, default_key) = split_sort(default);
        let wanted = sort
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .unwrap_or(default);
        let (descending, name) = split_sort(wanted);
        let key = keys.iter().copied().find(|k| *k == name);
        if key.is_none() {
            errors.push(FieldError::coded(
                "sort",
                "not_one_of",
                serde_json::json!({ "allowed": keys.join(", ") }),
                format!(
                    "sort by one of {} (a - before it for descending)",
                    keys.join(", ")
                ),
            ));
        }
        let page = page.unwrap_or(1);
        if page < 1 {
            errors.push(FieldError::coded(
                "page",
                "out_of_range",
                serde_json::json!({ "min": 1 }),
                "must be 1 or more",
            ));
        }
        let per_page = per_page.unwrap_or(DEFAULT_PER_PAGE);
        if !(1..=MAX_PER_PAGE).contains(&per_page) {
            errors.push(FieldError::coded(
                "per_page",
                "out_of_range",
                serde_json::json!({ "min": 1, "max": MAX_PER_PAGE }),
                format!("must be between 1 and {MAX_PER_PAGE}"),
            ));
        }
        Paging {
            key: key.unwrap_or_else(|| {
                keys.iter()
                    .copied()
                    .find(|k| *k == default_key)
                    .unwrap_or_default()
            }),
            descending: if key.is_some() {
                descending
            } else {
                default_descending
            },
            page: page.max(1),
            per_page: per_page.clamp(1, MAX_PER_PAGE),
        }
    }

    /// [`Paging::parse`] with a row type's own keys and default.
    pub fn parse_for<T: Sortable>(
        sort: Option<&str>,
        page: Option<i64>,
        per_page: Option<i64>,
    ) -> Result<Paging, AppError> {
        Paging::parse(sort, page, per_page, T::KEYS, T::DEFAULT)
    }

    /// How many rows come before this page.
    pub fn offset(&self) -> i64 {
        (self.page - 1).saturating_mul(self.per_page)
    }

    /// Sorts every row (stably, so equal keys keep the order they came in) and keeps this
    /// page's.
    pub fn cut<T: Sortable>(&self, mut items: Vec<T>) -> Page<T> {
        items.sort_by(|a, b| {
            let o = T::compare(self.key, a, b);
            if self.descending { o.reverse() } else { o }
        });
        let total = i64::try_from(items.len()).unwrap_or(i64::MAX);
        let skip = usize::try_from(self.offset()).unwrap_or(usize::MAX);
        let take = usize::try_from(self.per_page).unwrap_or(0);
        Page {
            items: items.into_iter().skip(skip).take(take).collect(),
            page: self.page,
            per_page: self.per_page,
            total,
        }
    }
}

/// `-name` → (descending, `name`).
fn split_sort(text: &str) -> (bool, &str) {
    match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    }
}

/// An RFC 3339 instant as the API writes it, for sorting (text would put `10:00:00.5Z` before
/// `10:00:00Z`); unreadable text sorts first.
pub fn instant(text: &str) -> Option<jiff::Timestamp> {
    text.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, PartialEq, Eq)]
    struct Row(&'static str, i64);

    impl Sortable for Row {
        const KEYS: &'static [&'static str] = &["name", "size"];
        const DEFAULT: &'static str = "name";
        fn compare(key: &str, a: &Self, b: &Self) -> Ordering {
            match key {
                "size" => a.1.cmp(&b.1),
                _ => a.0.cmp(b.0),
            }
        }
    }

    /// (sort, page, per page, names expected, total).
    type PageCase = (Option<&'static str>, i64, i64, &'static [&'static str], i64);
    /// (sort, page, per page, the parameters refused).
    type BadCase = (
        Option<&'static str>,
        Option<i64>,
        Option<i64>,
        &'static [&'static str],
    );

    fn rows() -> Vec<Row> {
        vec![Row("c", 1), Row("a", 3), Row("b", 2), Row("d", 2)]
    }

    #[test]
    fn a_page_is_sorted_by_the_key_asked_for_then_cut() {
        let cases: [PageCase; 5] = [
            (None, 1, 2, &["a", "b"], 4),
            (Some("-name"), 1, 3, &["d", "c", "b"], 4),
            (Some("size"), 1, 4, &["c", "b", "d", "a"], 4),
            (Some("-size"), 2, 2, &["d", "c"], 4),
            (Some("name"), 3, 2, &[], 4),
        ];
        for (sort, page, per_page, want, total) in cases {
            let p = Paging::parse_for::<Row>(sort, Some(page), Some(per_page)).expect("valid");
            let got = p.cut(rows());
            let names: Vec<_> = got.items.iter().map(|r| r.0).collect();
            assert_eq!(names, want, "{sort:?} page {page}");
            assert_eq!(got.total, total);
        }
    }

    #[test]
    fn bad_values_are_each_reported_by_their_parameter() {
        let cases: [BadCase; 5] = [
            (Some("colour"), None, None, &["sort"]),
            (Some("--name"), None, None, &["sort"]),
            (None, Some(0), None, &["page"]),
            (None, None, Some(201), &["per_page"]),
            (Some("x"), Some(-1), Some(0), &["sort", "page", "per_page"]),
        ];
        for (sort, page, per_page, fields) in cases {
            match Paging::parse_for::<Row>(sort, page, per_page) {
                Err(AppError::Validation(errors)) => {
                    let got: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
                    assert_eq!(got, fields, "{sort:?} {page:?} {per_page:?}");
                }
                other => panic!("{sort:?} {page:?} {per_page:?}: {other:?}"),
            }
        }
    }
}
