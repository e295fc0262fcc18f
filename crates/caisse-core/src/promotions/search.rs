//! The best combination of candidate promotions within the stacking rules (see the module
//! documentation of `promotions` for the rules and the guarantees).

use uuid::Uuid;

use super::SearchReport;
use super::kinds::Applied;
use super::rule::Stacking;

/// Most promotion evaluations the search of one basket may spend beyond the greedy answer.
pub const SEARCH_BUDGET: u32 = 500;

/// A promotion that gives something on its own to this basket.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    /// Index in the promotion set.
    pub promo: u32,
    /// The lines it may touch, in basket order.
    pub lines: Vec<u16>,
    /// What it gives alone, on undiscounted lines.
    pub standalone: i64,
    /// How it stacks.
    pub stacking: Stacking,
    /// Unlocked by a coupon.
    pub coupon: bool,
    /// 0 for item-level kinds, 1 for spend thresholds (applied last).
    pub phase: u8,
    /// The rule's priority.
    pub priority: i32,
    /// The rule's id.
    pub id: Uuid,
}

/// The chosen promotions in application order, each with what it took off.
pub(crate) struct Outcome {
    pub chosen: Vec<(usize, Applied)>,
    pub report: SearchReport,
}

fn accepts(a: &Candidate, b: &Candidate) -> bool {
    match a.stacking {
        Stacking::Exclusive => false,
        Stacking::Stackable => b.stacking != Stacking::Exclusive,
        Stacking::WithCouponsOnly => b.coupon,
    }
}

/// True when the two may discount the same line.
pub(crate) fn compatible(a: &Candidate, b: &Candidate) -> bool {
    accepts(a, b) && accepts(b, a)
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

fn apply_to(remaining: &mut [i64], applied: &Applied) {
    for &(l, a) in &applied.parts {
        remaining[usize::from(l)] -= a;
    }
}

fn undo(remaining: &mut [i64], applied: &Applied) {
    for &(l, a) in &applied.parts {
        remaining[usize::from(l)] += a;
    }
}

/// Finds the best combination. `eval(c, remaining)` is what candidate `c` takes off given what
/// the lines still cost.
pub(crate) fn best<F>(cands: &[Candidate], base: &[i64], budget: u32, mut eval: F) -> Outcome
where
    F: FnMut(usize, &[i64]) -> Applied,
{
    let n = cands.len();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&cands[a], &cands[b]);
        (x.phase, std::cmp::Reverse(x.priority), x.id).cmp(&(
            y.phase,
            std::cmp::Reverse(y.priority),
            y.id,
        ))
    });
    let mut rank = vec![0usize; n];
    for (r, &c) in order.iter().enumerate() {
        rank[c] = r;
    }
    // Candidates per line, conflicts, and groups of candidates sharing lines.
    let mut per_line: Vec<Vec<usize>> = vec![Vec::new(); base.len()];
    for (c, cand) in cands.iter().enumerate() {
        for &l in &cand.lines {
            per_line[usize::from(l)].push(c);
        }
    }
    let mut parent: Vec<usize> = (0..n).collect();
    let mut conflicts: Vec<Vec<usize>> = vec![Vec::new(); n];
    for list in &per_line {
        for (i, &a) in list.iter().enumerate() {
            let (ra, rb) = (find(&mut parent, a), find(&mut parent, list[0]));
            parent[ra] = rb;
            for &b in &list[i + 1..] {
                if !compatible(&cands[a], &cands[b]) {
                    conflicts[a].push(b);
                    conflicts[b].push(a);
                }
            }
        }
    }
    for c in &mut conflicts {
        c.sort_unstable();
        c.dedup();
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_of_root = vec![usize::MAX; n];
    for &c in &order {
        let root = find(&mut parent, c);
        if group_of_root[root] == usize::MAX {
            group_of_root[root] = groups.len();
            groups.push(Vec::new());
        }
        groups[group_of_root[root]].push(c);
    }
    let conflicting = conflicts.iter().filter(|c| !c.is_empty()).count();
    let mut report = SearchReport {
        candidates: u32::try_from(n).unwrap_or(u32::MAX),
        conflicting: u32::try_from(conflicting).unwrap_or(u32::MAX),
        evaluations: 0,
        exact: true,
    };
    let mut remaining = base.to_vec();
    let mut chosen: Vec<(usize, Applied)> = Vec::new();
    let mut budget = budget;
    for members in &groups {
        if members.iter().all(|&c| conflicts[c].is_empty()) {
            for &c in members {
                let applied = eval(c, &remaining);
                report.evaluations += 1;
                if applied.total > 0 {
                    apply_to(&mut remaining, &applied);
                    chosen.push((c, applied));
                }
            }
            continue;
        }
        let (greedy_total, greedy_set) = greedy(
            cands,
            members,
            &conflicts,
            &rank,
            &remaining,
            &mut eval,
            &mut report,
        );
        let mut position = vec![usize::MAX; n];
        for (k, &c) in members.iter().enumerate() {
            position[c] = k;
        }
        let mut dfs = Dfs {
            members,
            conflicts: &conflicts,
            standalone: cands.iter().map(|c| c.standalone).collect(),
            position,
            available: members.iter().map(|&c| cands[c].standalone).sum(),
            blocked: vec![0; n],
            taken: vec![false; n],
            left_out: Vec::new(),
            stack: Vec::new(),
            total: 0,
            best: greedy_total,
            best_set: greedy_set,
            budget: &mut budget,
            aborted: false,
            evaluations: 0,
        };
        dfs.go(0, &mut remaining, &mut eval);
        report.evaluations += dfs.evaluations;
        if dfs.aborted {
            report.exact = false;
        }
        for (c, applied) in dfs.best_set {
            apply_to(&mut remaining, &applied);
            chosen.push((c, applied));
        }
    }
    chosen.retain(|(_, applied)| applied.total > 0);
    chosen.sort_by_key(|(c, _)| rank[*c]);
    Outcome { chosen, report }
}

/// Candidates by standalone discount (largest first, then priority, then id), each kept if it
/// conflicts with none kept; then applied in application order.
fn greedy<F>(
    cands: &[Candidate],
    members: &[usize],
    conflicts: &[Vec<usize>],
    rank: &[usize],
    remaining: &[i64],
    eval: &mut F,
    report: &mut SearchReport,
) -> (i64, Vec<(usize, Applied)>)
where
    F: FnMut(usize, &[i64]) -> Applied,
{
    let mut by_value = members.to_vec();
    by_value.sort_by(|&a, &b| {
        let (x, y) = (&cands[a], &cands[b]);
        (
            std::cmp::Reverse(x.standalone),
            std::cmp::Reverse(x.priority),
            x.id,
        )
            .cmp(&(
                std::cmp::Reverse(y.standalone),
                std::cmp::Reverse(y.priority),
                y.id,
            ))
    });
    let mut kept: Vec<usize> = Vec::new();
    for c in by_value {
        if !kept.iter().any(|k| conflicts[c].binary_search(k).is_ok()) {
            kept.push(c);
        }
    }
    kept.sort_by_key(|&c| rank[c]);
    let mut scratch = remaining.to_vec();
    let mut total = 0;
    let mut set = Vec::new();
    for c in kept {
        let applied = eval(c, &scratch);
        report.evaluations += 1;
        if applied.total > 0 {
            apply_to(&mut scratch, &applied);
            total += applied.total;
            set.push((c, applied));
        }
    }
    (total, set)
}

/// Depth-first search over one group, in application order.
struct Dfs<'a> {
    members: &'a [usize],
    conflicts: &'a [Vec<usize>],
    standalone: Vec<i64>,
    /// Each member's place in `members`.
    position: Vec<usize>,
    /// The standalone discounts of the members not yet decided and not blocked: no branch
    /// can gain more than this from here (a discount applied after others is never larger
    /// than alone).
    available: i64,
    /// How many taken candidates conflict with each candidate (0: free to take).
    blocked: Vec<u32>,
    /// Candidates in the combination being built (some may give nothing).
    taken: Vec<bool>,
    /// Candidates left out while free: a combination is complete only if each of them
    /// conflicts with a candidate taken after it.
    left_out: Vec<usize>,
    stack: Vec<(usize, Applied)>,
    total: i64,
    best: i64,
    best_set: Vec<(usize, Applied)>,
    budget: &'a mut u32,
    aborted: bool,
    evaluations: u32,
}

impl Dfs<'_> {
    fn go<F>(&mut self, k: usize, remaining: &mut [i64], eval: &mut F)
    where
        F: FnMut(usize, &[i64]) -> Applied,
    {
        if self.aborted {
            return;
        }
        if k == self.members.len() {
            let complete = self
                .left_out
                .iter()
                .all(|&e| self.conflicts[e].iter().any(|&t| self.taken[t]));
            if complete && self.total > self.best {
                self.best = self.total;
                self.best_set = self.stack.clone();
            }
            return;
        }
        // Nothing still to come can lift this branch above the best found.
        if self.total.saturating_add(self.available) <= self.best {
            return;
        }
        let c = self.members[k];
        let blocked = self.blocked[c] > 0;
        if !blocked {
            self.available -= self.standalone[c];
            if *self.budget == 0 {
                self.aborted = true;
                return;
            }
            *self.budget -= 1;
            self.evaluations += 1;
            // Taken (even if it gives nothing after the others: it still holds its lines).
            let applied = eval(c, remaining);
            apply_to(remaining, &applied);
            self.take(c, k, 1);
            self.total += applied.total;
            let gain = applied.total;
            self.stack.push((c, applied));
            self.go(k + 1, remaining, eval);
            if let Some((_, applied)) = self.stack.pop() {
                undo(remaining, &applied);
            }
            self.total -= gain;
            self.take(c, k, -1);
            // Left out, if something after it may take its place.
            if !self.conflicts[c].is_empty() {
                self.left_out.push(c);
                self.go(k + 1, remaining, eval);
                self.left_out.pop();
            }
            self.available += self.standalone[c];
            return;
        }
        self.go(k + 1, remaining, eval);
    }

    /// Takes candidate `c` at place `k` (`step` 1), or gives it back (`step` -1): the members
    /// after it that it conflicts with become blocked, or free again.
    fn take(&mut self, c: usize, k: usize, step: i32) {
        self.taken[c] = step > 0;
        let conflicts = self.conflicts;
        for &o in &conflicts[c] {
            if self.position[o] == usize::MAX || self.position[o] <= k {
                continue;
            }
            if step > 0 {
                if self.blocked[o] == 0 {
                    self.available -= self.standalone[o];
                }
                self.blocked[o] += 1;
            } else {
                self.blocked[o] -= 1;
                if self.blocked[o] == 0 {
                    self.available += self.standalone[o];
                }
            }
        }
    }
}
