//! Exact spreading of a rounded total over lines, signs included.
//!
//! `Money::allocate` splits by non-negative weights; a document may mix sold and returned lines
//! (weights of both signs), so the spread here starts from each line's exact signed share and
//! hands out the minor units left over by a largest-remainder rule (earliest line first on a
//! tie). Rounding is symmetric around zero, so mirroring every share mirrors the result exactly:
//! a return prices as the exact negative of its sale.

use crate::money::Rounding;
use crate::tax::round_ratio;

/// Whole parts near `numerators[i] / denominator` that add up exactly to `target`.
///
/// Each part is its exact share rounded with `rounding`; what is left to give (or take) goes
/// one unit at a time to the parts furthest below (or above) their exact share, earliest part
/// first on a tie. Every part thus stays within one unit of its exact share, and a zero share
/// stays zero. This works whenever `target` is within one unit of the sum of the exact shares
/// (a rounding of it, or that sum itself); `None` otherwise, for a denominator that is not
/// positive, or on overflow.
pub(super) fn spread(
    numerators: &[i128],
    denominator: i128,
    target: i128,
    rounding: Rounding,
) -> Option<Vec<i128>> {
    let mut parts = numerators
        .iter()
        .map(|&n| round_ratio(n, denominator, rounding))
        .collect::<Option<Vec<_>>>()?;
    let given = parts.iter().try_fold(0i128, |sum, p| sum.checked_add(*p))?;
    let left = target.checked_sub(given)?;
    if left == 0 {
        return Some(parts);
    }
    let step = left.signum();
    // How far each part falls short of its exact share, times the denominator.
    let mut candidates = Vec::new();
    for (i, (&n, &part)) in numerators.iter().zip(&parts).enumerate() {
        let gap = n.checked_sub(part.checked_mul(denominator)?)?;
        if gap.signum() == step {
            candidates.push((i, gap.unsigned_abs()));
        }
    }
    // Stable sort: equal gaps keep line order, so earlier lines win ties.
    candidates.sort_by_key(|&(_, gap)| std::cmp::Reverse(gap));
    let count = usize::try_from(left.unsigned_abs()).ok()?;
    if count > candidates.len() {
        return None;
    }
    for &(i, _) in candidates.iter().take(count) {
        parts[i] += step;
    }
    Some(parts)
}

#[cfg(test)]
mod tests {
    use super::spread;
    use crate::money::Rounding::{self, Down, HalfUp, Up};

    #[test]
    fn spreads_add_up_and_stay_near_their_shares() {
        /// (numerators, denominator, target, rounding, expected)
        type Row = (
            &'static [i128],
            i128,
            i128,
            Rounding,
            Option<&'static [i128]>,
        );
        #[rustfmt::skip]
        let rows: [Row; 15] = [
            // 1.00 over three equal lines: the first line gets the extra cent.
            (&[100, 100, 100], 3, 100, HalfUp, Some(&[34, 33, 33])),
            (&[100, 100, 100], 3, 100, Down, Some(&[34, 33, 33])),
            (&[-100, -100, -100], 3, -100, HalfUp, Some(&[-34, -33, -33])),
            // 2.5, 1.25, 1.25 of 5: rounding alone, or the largest remainder, gives 3, 1, 1.
            (&[10, 5, 5], 4, 5, HalfUp, Some(&[3, 1, 1])),
            (&[10, 5, 5], 4, 5, Down, Some(&[3, 1, 1])),
            // Too much from rounding up: taken back from the part furthest above its share.
            (&[10, 5, 5], 4, 5, Up, Some(&[3, 1, 1])),
            (&[9, 5, 5], 4, 4, Up, Some(&[2, 1, 1])),
            // Mixed signs: 10 and -4 sharing 6 of 6.
            (&[60, -24], 6, 6, HalfUp, Some(&[10, -4])),
            // 1.5 and -1: rounded to 2 and -1, one unit taken back from the 2.
            (&[3, -2], 2, 0, HalfUp, Some(&[1, -1])),
            (&[3, -3], 2, -1, HalfUp, Some(&[1, -2])),
            (&[3, -3], 2, -1, Down, Some(&[1, -2])),
            (&[0, 5, 0], 5, 1, HalfUp, Some(&[0, 1, 0])),
            // Target too far from the shares.
            (&[1, 1], 2, 3, HalfUp, None),
            (&[1], 0, 0, HalfUp, None),
            (&[1], -2, 0, HalfUp, None),
        ];
        for (numerators, denominator, target, rounding, expected) in rows {
            let got = spread(numerators, denominator, target, rounding);
            assert_eq!(
                got.as_deref(),
                expected,
                "{numerators:?}/{denominator} -> {target} {rounding:?}"
            );
        }
    }
}
