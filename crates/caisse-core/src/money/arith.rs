//! Exact integer arithmetic behind every rounding of money and quantities.
//!
//! A decimal factor is taken apart into its integer mantissa and power-of-ten scale, and the
//! product is computed exactly in `u128` before one explicit rounding. `rust_decimal`'s own
//! multiplication keeps at most 28 or 29 significant digits and drops the rest; computing the
//! product exactly means the rounding never depends on where that cut falls.

use rust_decimal::Decimal;

use super::MoneyError;

/// How an amount that falls between two minor units is brought back to a whole minor unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rounding {
    /// Nearest unit, halves away from zero (0.125 -> 0.13, -0.125 -> -0.13): the shop default.
    HalfUp,
    /// Nearest unit, halves to the even neighbour (0.125 -> 0.12): banker's rounding.
    HalfEven,
    /// Toward zero: drop what does not fit (0.129 -> 0.12, -0.129 -> -0.12).
    Down,
    /// Away from zero: any leftover takes the next unit (0.121 -> 0.13, -0.121 -> -0.13).
    Up,
}

/// A non-negative exact division `quotient + remainder / divisor`, with `remainder < divisor`.
struct Division {
    quotient: u128,
    remainder: u128,
    divisor: u128,
}

impl Division {
    /// The quotient rounded to an integer; rounding acts on the magnitude, so the modes are
    /// symmetric around zero once the sign is put back.
    fn round(&self, rounding: Rounding) -> Option<u128> {
        if self.remainder == 0 {
            return Some(self.quotient);
        }
        // `remainder` vs `divisor - remainder` compares the fraction with one half without
        // doubling anything (no overflow).
        let rest = self.divisor - self.remainder;
        let next = match rounding {
            Rounding::Down => false,
            Rounding::Up => true,
            Rounding::HalfUp => self.remainder >= rest,
            Rounding::HalfEven => match self.remainder.cmp(&rest) {
                std::cmp::Ordering::Greater => true,
                std::cmp::Ordering::Less => false,
                std::cmp::Ordering::Equal => self.quotient % 2 == 1,
            },
        };
        if next {
            self.quotient.checked_add(1)
        } else {
            Some(self.quotient)
        }
    }
}

pub(super) fn pow10(exp: u32) -> Option<u128> {
    10u128.checked_pow(exp)
}

/// `m * mantissa / 10^scale` exactly, for `m < 2^64`, any `u128` mantissa and `scale <= 28`.
///
/// The full product can need 160 bits, so the mantissa is split into a part above `10^scale`
/// and two halves of the part below, each product of which fits in `u128`.
fn mul_div_pow10(m: u64, mantissa: u128, scale: u32) -> Option<Division> {
    let m = u128::from(m);
    let divisor = pow10(scale)?;
    let whole = m.checked_mul(mantissa / divisor)?;
    let below = mantissa % divisor; // < 10^scale
    let low_exp = scale / 2;
    let low_pow = pow10(low_exp)?;
    let high_pow = pow10(scale - low_exp)?;
    let (a, b) = (below / low_pow, below % low_pow); // both < 10^14
    // m * below = (m*a + (m*b) / low_pow) * low_pow + (m*b) % low_pow
    let mb = m * b;
    let t = m * a + mb / low_pow;
    let quotient = whole.checked_add(t / high_pow)?;
    let remainder = (t % high_pow) * low_pow + mb % low_pow;
    Some(Division {
        quotient,
        remainder,
        divisor,
    })
}

/// Puts the sign back on a magnitude and checks it fits an `i64`.
pub(super) fn to_signed(magnitude: u128, negative: bool) -> Result<i64, MoneyError> {
    let value = i128::try_from(magnitude).map_err(|_| MoneyError::Overflow)?;
    let value = if negative { -value } else { value };
    i64::try_from(value).map_err(|_| MoneyError::Overflow)
}

/// `value * factor`, rounded to an integer.
pub(super) fn mul_decimal(
    value: i64,
    factor: Decimal,
    rounding: Rounding,
) -> Result<i64, MoneyError> {
    let negative = (value < 0) != factor.is_sign_negative();
    let division = mul_div_pow10(
        value.unsigned_abs(),
        factor.mantissa().unsigned_abs(),
        factor.scale(),
    )
    .ok_or(MoneyError::Overflow)?;
    let magnitude = division.round(rounding).ok_or(MoneyError::Overflow)?;
    to_signed(magnitude, negative)
}

/// `value * milli / 1000`, rounded to an integer (a unit price times a quantity).
pub(super) fn mul_milli(value: i64, milli: i64, rounding: Rounding) -> Result<i64, MoneyError> {
    let negative = (value < 0) != (milli < 0);
    let division = mul_div_pow10(value.unsigned_abs(), u128::from(milli.unsigned_abs()), 3)
        .ok_or(MoneyError::Overflow)?;
    let magnitude = division.round(rounding).ok_or(MoneyError::Overflow)?;
    to_signed(magnitude, negative)
}

/// `d * 10^digits` as an integer, rounded if a rounding is given; `Ok(None)` when no rounding
/// is given and `d` has more than `digits` decimals.
pub(super) fn decimal_to_scaled(
    d: Decimal,
    digits: u32,
    rounding: Option<Rounding>,
) -> Result<Option<i64>, MoneyError> {
    let negative = d.is_sign_negative();
    let mantissa = d.mantissa().unsigned_abs();
    let scale = d.scale();
    let magnitude = if digits >= scale {
        let up = pow10(digits - scale).ok_or(MoneyError::Overflow)?;
        mantissa.checked_mul(up).ok_or(MoneyError::Overflow)?
    } else {
        let divisor = pow10(scale - digits).ok_or(MoneyError::Overflow)?;
        let division = Division {
            quotient: mantissa / divisor,
            remainder: mantissa % divisor,
            divisor,
        };
        match rounding {
            Some(rounding) => division.round(rounding).ok_or(MoneyError::Overflow)?,
            None if division.remainder == 0 => division.quotient,
            None => return Ok(None),
        }
    };
    to_signed(magnitude, negative).map(Some)
}

/// An integer count of `10^-digits` units as an exact decimal.
pub(super) fn scaled_to_decimal(value: i64, digits: u32) -> Decimal {
    // `digits` is at most 4 for currencies and 3 for quantities, far below Decimal's limit of
    // 28 decimals, the only case in which `Decimal::new` panics.
    Decimal::new(value, digits)
}
