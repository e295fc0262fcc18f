//! Taxes: rates, tax tables, and the arithmetic of VAT-inclusive and sales-tax prices.
//!
//! Rates are exact decimals (never floats); every tax amount is computed exactly and rounded
//! once, explicitly, to the currency's minor unit (REFERENCE.md section 7):
//! - tax inside a VAT-inclusive gross price: `gross × r / (100 + r)`;
//! - sales tax added to a net price: `net × r / 100`.

mod error;
mod rate;
mod table;

#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

use crate::money::{Money, MoneyError, Rounding};

pub use error::TaxError;
pub use rate::TaxRate;
pub use table::{TAX_PRESETS, TaxComponent, TaxTable};

/// Whether shelf prices include the tax (VAT) or the tax is added at the till (sales tax).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaxMode {
    /// Prices include the tax, which is extracted from them (VAT in Europe).
    Inclusive,
    /// Prices are net and the tax is added on top (US and Canadian sales taxes).
    Exclusive,
}

impl TaxMode {
    /// The stored text form: `inclusive` or `exclusive`.
    pub fn as_str(self) -> &'static str {
        match self {
            TaxMode::Inclusive => "inclusive",
            TaxMode::Exclusive => "exclusive",
        }
    }

    /// Reads the stored text form (letter case and spaces around are ignored).
    pub fn parse(input: &str) -> Result<TaxMode, TaxError> {
        match input.trim().to_ascii_lowercase().as_str() {
            "inclusive" => Ok(TaxMode::Inclusive),
            "exclusive" => Ok(TaxMode::Exclusive),
            _ => Err(TaxError::UnknownMode {
                input: input.to_owned(),
            }),
        }
    }

    /// The tax in `amount` (a gross price when inclusive, a net price when exclusive).
    pub fn tax_of(
        self,
        amount: Money,
        rate: TaxRate,
        rounding: Rounding,
    ) -> Result<Money, TaxError> {
        match self {
            TaxMode::Inclusive => tax_in_gross(amount, rate, rounding),
            TaxMode::Exclusive => tax_on_net(amount, rate, rounding),
        }
    }
}

/// Where tax is rounded to the minor unit: on every receipt line, or once on the document total
/// per rate (jurisdictions differ; both are legal somewhere).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaxScope {
    /// Each line's tax is rounded, the document tax is their sum.
    PerLine,
    /// The tax of each rate is computed on the sum of its lines and rounded once.
    PerDocument,
}

impl TaxScope {
    /// The stored text form: `per_line` or `per_document`.
    pub fn as_str(self) -> &'static str {
        match self {
            TaxScope::PerLine => "per_line",
            TaxScope::PerDocument => "per_document",
        }
    }

    /// Reads the stored text form (letter case and spaces around are ignored).
    pub fn parse(input: &str) -> Result<TaxScope, TaxError> {
        match input.trim().to_ascii_lowercase().as_str() {
            "per_line" => Ok(TaxScope::PerLine),
            "per_document" => Ok(TaxScope::PerDocument),
            _ => Err(TaxError::UnknownScope {
                input: input.to_owned(),
            }),
        }
    }
}

/// How a shop's jurisdiction computes tax: inclusive or exclusive prices, where rounding
/// happens, and how halves are rounded (half-up unless the law says otherwise).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaxPolicy {
    /// Whether prices include the tax.
    pub mode: TaxMode,
    /// Where the tax is rounded.
    pub scope: TaxScope,
    /// How tax and percentage discounts are rounded; `half_up` when left out.
    #[serde(default = "half_up")]
    pub rounding: Rounding,
}

fn half_up() -> Rounding {
    Rounding::HalfUp
}

impl TaxPolicy {
    /// A policy with the usual half-up rounding.
    pub const fn new(mode: TaxMode, scope: TaxScope) -> TaxPolicy {
        TaxPolicy {
            mode,
            scope,
            rounding: Rounding::HalfUp,
        }
    }
}

/// The tax contained in a VAT-inclusive price: `gross × r / (100 + r)`, rounded once.
///
/// 2.97 € at 19 % holds 0.474… → 0.47 €. Computed as an exact fraction of integers (the factor
/// `r / (100 + r)` has no exact decimal form), so halves are always recognised as halves.
pub fn tax_in_gross(gross: Money, rate: TaxRate, rounding: Rounding) -> Result<Money, TaxError> {
    Ok(tax_for_units(
        gross,
        u64::from(rate.units()),
        TaxMode::Inclusive,
        rounding,
    )?)
}

/// The sales tax on a net price: `net × r / 100`, rounded once (2.50 at 5 % is 0.125 → 0.13
/// half-up, 0.12 half-even).
pub fn tax_on_net(net: Money, rate: TaxRate, rounding: Rounding) -> Result<Money, TaxError> {
    Ok(tax_for_units(
        net,
        u64::from(rate.units()),
        TaxMode::Exclusive,
        rounding,
    )?)
}

/// A rate of 100 % in ten-thousandths of a percent.
const HUNDRED_PERCENT: u64 = 1_000_000;

/// The exact tax fraction `(numerator, denominator)` of an amount taxed at `units`
/// ten-thousandths of a percent (several stacked rates add up): the tax of `a` is
/// `a × numerator / denominator`. Both are positive except a zero numerator for a zero rate.
pub(crate) fn tax_fraction(units: u64, mode: TaxMode) -> (i128, i128) {
    let units = i128::from(units);
    let hundred = i128::from(HUNDRED_PERCENT);
    match mode {
        TaxMode::Inclusive => (units, hundred + units),
        TaxMode::Exclusive => (units, hundred),
    }
}

/// The tax of `amount` at a combined rate of `units` ten-thousandths of a percent, rounded.
pub(crate) fn tax_for_units(
    amount: Money,
    units: u64,
    mode: TaxMode,
    rounding: Rounding,
) -> Result<Money, MoneyError> {
    match mode {
        TaxMode::Exclusive => {
            // r / 100 is an exact decimal: `units` with 6 decimals.
            let units = i64::try_from(units).map_err(|_| MoneyError::Overflow)?;
            amount.mul_decimal(rust_decimal::Decimal::new(units, 6), rounding)
        }
        TaxMode::Inclusive => {
            let (numerator, denominator) = tax_fraction(units, mode);
            let exact = i128::from(amount.minor())
                .checked_mul(numerator)
                .ok_or(MoneyError::Overflow)?;
            let minor = round_ratio(exact, denominator, rounding)
                .and_then(|m| i64::try_from(m).ok())
                .ok_or(MoneyError::Overflow)?;
            Ok(Money::new(minor, amount.currency()))
        }
    }
}

/// `numerator / denominator` rounded to an integer, exactly; `None` for a denominator that is
/// not positive. Rounding acts on the magnitude, so results are symmetric around zero.
pub(crate) fn round_ratio(numerator: i128, denominator: i128, rounding: Rounding) -> Option<i128> {
    if denominator <= 0 {
        return None;
    }
    let (n, d) = (numerator.unsigned_abs(), denominator.unsigned_abs());
    let (quotient, remainder) = (n / d, n % d);
    // `remainder` vs `d - remainder` compares the fraction with one half without doubling.
    let rest = d - remainder;
    let next = remainder != 0
        && match rounding {
            Rounding::Down => false,
            Rounding::Up => true,
            Rounding::HalfUp => remainder >= rest,
            Rounding::HalfEven => remainder > rest || (remainder == rest && quotient % 2 == 1),
        };
    let magnitude = i128::try_from(quotient + u128::from(next)).ok()?;
    Some(if numerator < 0 { -magnitude } else { magnitude })
}
