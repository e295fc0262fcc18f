//! Typeahead search: exact codes first, then names starting with the query, then the rest,
//! each tier in catalog order, stopping as soon as `limit` results are found.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::ops::Bound;

use roaring::RoaringBitmap;
use uuid::Uuid;

use super::collect::{HEAD_BYTES, head};
use super::normalize::{barcode_query, normalize, same_sku, sku_hash, words};
use super::{CatalogIndex, MatchKind, SearchHit};

impl CatalogIndex {
    /// Typeahead search: items matching every word of `query`, best tier first, at most `limit`.
    /// See the [module documentation](super) for the exact rules.
    pub fn search(&self, query: &str, limit: usize) -> Vec<SearchHit> {
        let folded = normalize(query);
        if limit == 0 || folded.is_empty() {
            return Vec::new();
        }
        let exact = self.exact_code_docs(query);
        let mut hits: Vec<SearchHit> = exact
            .iter()
            .take(limit)
            .map(|&doc| self.hit(doc, MatchKind::ExactCode))
            .collect();
        if hits.len() == limit {
            return hits;
        }
        let Some(matching) = self.matching_docs(&folded) else {
            return hits;
        };
        let not_exact = |doc: &u32| !exact.contains(doc);

        // Names starting with the query: a contiguous id range among frozen documents.
        let frozen_keys = &self.keys[..self.frozen_len as usize];
        let start = frozen_keys.partition_point(|key| **key < *folded);
        let end = start + frozen_keys[start..].partition_point(|key| key.starts_with(&*folded));
        let (start, end) = (start as u32, end as u32);
        let need = limit - hits.len();
        let frozen: Vec<u32> = matching
            .range(start..end)
            .filter(not_exact)
            .take(need)
            .collect();
        let recent = self.recent_with_name_prefix(&folded, &matching, &exact, need);
        for doc in self.merge(frozen, recent, need) {
            hits.push(self.hit(doc, MatchKind::NamePrefix));
        }

        // Everything else.
        let need = limit - hits.len();
        if need == 0 {
            return hits;
        }
        let frozen: Vec<u32> = matching
            .range(..start)
            .chain(matching.range(end..self.frozen_len))
            .filter(not_exact)
            .take(need)
            .collect();
        let recent = self.recent_others(&folded, &matching, &exact, need);
        for doc in self.merge(frozen, recent, need) {
            hits.push(self.hit(doc, MatchKind::Other));
        }
        hits
    }

    fn hit(&self, doc: u32, kind: MatchKind) -> SearchHit {
        SearchHit {
            item_id: self.order_key(doc).1,
            kind,
        }
    }

    /// Searchable documents whose SKU is the query or carrying the barcode the query spells,
    /// in catalog order.
    fn exact_code_docs(&self, query: &str) -> Vec<u32> {
        let mut docs: Vec<u32> = match sku_hash(query) {
            Some(hash) => self.skus.docs(hash).collect(),
            None => Vec::new(),
        };
        docs.retain(|&doc| {
            let entry = self.docs[doc as usize].as_ref();
            entry.is_some_and(|e| same_sku(&e.sku, query))
        });
        if let Some(gtin) = barcode_query(query) {
            docs.extend(self.barcodes.docs(gtin));
        }
        docs.retain(|&doc| self.searchable.contains(doc));
        docs.sort_unstable_by(|&a, &b| self.order_key(a).cmp(&self.order_key(b)));
        docs.dedup();
        docs
    }

    /// Searchable documents matching every word of the folded query, or `None` if there are none.
    fn matching_docs(&self, folded: &str) -> Option<RoaringBitmap> {
        let mut words: Vec<&str> = words(folded).collect();
        words.sort_unstable();
        words.dedup();
        let mut sets: Vec<Cow<'_, RoaringBitmap>> = Vec::with_capacity(words.len());
        for word in words {
            let set = self.tokens.word_docs(word);
            if set.is_empty() {
                return None;
            }
            sets.push(set);
        }
        sets.sort_unstable_by_key(|set| set.len());
        let mut sets = sets.into_iter();
        let first = sets.next()?;
        let mut matching = &*first & &self.searchable;
        for set in sets {
            if matching.is_empty() {
                return None;
            }
            matching &= &*set;
        }
        (!matching.is_empty()).then_some(matching)
    }

    /// Recent documents of `matching` whose name starts with the query, in catalog order.
    fn recent_with_name_prefix(
        &self,
        folded: &str,
        matching: &RoaringBitmap,
        exact: &[u32],
        need: usize,
    ) -> Vec<u32> {
        if need == 0 || self.recent_order.is_empty() {
            return Vec::new();
        }
        let from = (Box::<str>::from(folded), Uuid::nil());
        self.recent_order
            .range((Bound::Included(from), Bound::Unbounded))
            .take_while(|((key, _), _)| key.starts_with(folded))
            .map(|(_, &doc)| doc)
            .filter(|doc| matching.contains(*doc) && !exact.contains(doc))
            .take(need)
            .collect()
    }

    /// Recent documents of `matching` whose name does not start with the query: the first
    /// `need` in catalog order, picked by partial selection on name heads (linear in the
    /// number of matching recent documents, which compaction keeps small).
    fn recent_others(
        &self,
        folded: &str,
        matching: &RoaringBitmap,
        exact: &[u32],
        need: usize,
    ) -> Vec<u32> {
        if need == 0 {
            return Vec::new();
        }
        // Batch extraction: several times faster than iterating the bitmap one id at a time.
        let mut docs = vec![0; matching.range_cardinality(self.frozen_len..) as usize];
        let count = matching.range(self.frozen_len..).next_many(&mut docs).len();
        docs.truncate(count);
        // Heads are zero-padded and keys hold no zero byte: comparing heads decides prefixes
        // of up to 16 bytes.
        let prefix = (folded.len() <= HEAD_BYTES).then(|| {
            let mask = u128::MAX << (8 * (HEAD_BYTES - folded.len()));
            (mask, head(folded.as_bytes()))
        });
        let mut found: Vec<(u128, u32)> = Vec::with_capacity(docs.len());
        for doc in docs {
            let name_head = self.recent_heads[(doc - self.frozen_len) as usize];
            let name_prefix = match prefix {
                Some((mask, prefix)) => name_head & mask == prefix,
                None => self.keys[doc as usize].starts_with(folded),
            };
            if !name_prefix && !exact.contains(&doc) {
                found.push((name_head, doc));
            }
        }
        if found.len() > need {
            // Select on heads alone; names sharing the cut-off head all stay for the full sort.
            let (_, &mut (cut, _), _) = found.select_nth_unstable_by_key(need - 1, |f| f.0);
            found.retain(|f| f.0 <= cut);
        }
        found.sort_unstable_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| self.order_key(a.1).cmp(&self.order_key(b.1)))
        });
        found.truncate(need);
        found.into_iter().map(|(_, doc)| doc).collect()
    }

    /// Merges frozen documents (in id order, which is catalog order) with recent documents
    /// (in catalog order), keeping the first `need`.
    fn merge(&self, frozen: Vec<u32>, recent: Vec<u32>, need: usize) -> Vec<u32> {
        if recent.is_empty() {
            return frozen;
        }
        let mut merged = Vec::with_capacity(need.min(frozen.len() + recent.len()));
        let (mut a, mut b) = (frozen.into_iter().peekable(), recent.into_iter().peekable());
        while merged.len() < need {
            let next = match (a.peek(), b.peek()) {
                (Some(&x), Some(&y)) => match self.order_key(x).cmp(&self.order_key(y)) {
                    Ordering::Greater => b.next(),
                    _ => a.next(),
                },
                (Some(_), None) => a.next(),
                (None, _) => b.next(),
            };
            match next {
                Some(doc) => merged.push(doc),
                None => break,
            }
        }
        merged
    }
}
