//! The pricing of a sale, step by step: bases, line discounts, sale discount, taxes, totals.

use std::collections::BTreeMap;

use super::spread::spread;
use super::{
    Discount, LineInput, LineTax, PricedLine, PricedSale, PricingError, SaleInput, TaxSummary,
};
use crate::money::{Currency, Money, MoneyError, Rounding};
use crate::tax::{TaxComponent, TaxMode, TaxRate, TaxScope, tax_for_units, tax_fraction};

/// A line between the steps of pricing.
struct Draft<'a> {
    base: Money,
    line_discount: Money,
    sale_discount: Money,
    /// After both discounts, as prices are shown.
    amount: Money,
    /// All rates of the line together, as extracted or added before any exemption.
    tax: Money,
    /// The line's taxes; empty for a voided line.
    components: &'a [TaxComponent],
    voided: bool,
}

/// Prices a sale: each line's base (price × quantity, rounded half-up), its discount, its share
/// of the sale discount, and its taxes per the sale's tax policy; then the totals.
///
/// A line with several taxes (state + city) is taxed at their combined rate and the tax split
/// between them in proportion to their rates, so the tax is the one the combined rate gives.
/// Per-document scope computes the tax of each set of rates on the sum of its lines, rounds it
/// once, and spreads it back over those lines in proportion to their amounts.
pub fn price_sale(input: &SaleInput) -> Result<PricedSale, PricingError> {
    let currency = input.currency;
    let rounding = input.policy.rounding;
    let mut drafts = input
        .lines
        .iter()
        .enumerate()
        .map(|(index, line)| draft_line(index, line, currency, rounding))
        .collect::<Result<Vec<_>, _>>()?;
    apply_sale_discount(input, &mut drafts)?;
    match input.policy.scope {
        TaxScope::PerLine => {
            for draft in drafts.iter_mut().filter(|d| !d.voided) {
                let units = combined_units(draft.components);
                draft.tax = tax_for_units(draft.amount, units, input.policy.mode, rounding)?;
            }
        }
        TaxScope::PerDocument => tax_per_document(input, &mut drafts)?,
    }
    finish(input, drafts)
}

fn same_currency(
    amount: Money,
    expected: Currency,
    line: Option<usize>,
) -> Result<(), PricingError> {
    if amount.currency() == expected {
        Ok(())
    } else {
        Err(PricingError::CurrencyMismatch {
            line,
            expected,
            found: amount.currency(),
        })
    }
}

/// Base and line discount of one line, after checking its currencies and taxes.
fn draft_line(
    index: usize,
    line: &LineInput,
    currency: Currency,
    rounding: Rounding,
) -> Result<Draft<'_>, PricingError> {
    let amounts = [
        Some(line.unit_price),
        line.price_override,
        line.discount.and_then(discount_amount),
    ];
    for amount in amounts.into_iter().flatten() {
        same_currency(amount, currency, Some(index))?;
    }
    let zero = Money::zero(currency);
    if line.voided {
        return Ok(Draft {
            base: zero,
            line_discount: zero,
            sale_discount: zero,
            amount: zero,
            tax: zero,
            components: &[],
            voided: true,
        });
    }
    for (i, component) in line.taxes.iter().enumerate() {
        if line.taxes[..i].iter().any(|c| c.code == component.code) {
            return Err(PricingError::DuplicateTaxCode {
                line: index,
                code: component.code.clone(),
            });
        }
    }
    let price = line.price_override.unwrap_or(line.unit_price);
    let base = price.mul_quantity(line.quantity, Rounding::HalfUp)?;
    let line_discount = match &line.discount {
        None => zero,
        Some(discount) => discount
            .off(base, rounding)?
            .ok_or(PricingError::LineDiscountExceedsPrice { line: index })?,
    };
    let amount = base.checked_sub(line_discount)?;
    Ok(Draft {
        base,
        line_discount,
        sale_discount: zero,
        amount,
        tax: zero,
        components: &line.taxes,
        voided: false,
    })
}

fn discount_amount(discount: Discount) -> Option<Money> {
    match discount {
        Discount::Amount(amount) => Some(amount),
        Discount::Percent(_) => None,
    }
}

/// Takes the sale discount off the sum of the lines and spreads it over them in proportion to
/// their amounts, exactly (no minor unit lost or made up).
fn apply_sale_discount(input: &SaleInput, drafts: &mut [Draft<'_>]) -> Result<(), PricingError> {
    let Some(discount) = &input.discount else {
        return Ok(());
    };
    if let Some(amount) = discount_amount(*discount) {
        same_currency(amount, input.currency, None)?;
    }
    let sum = Money::checked_sum(input.currency, drafts.iter().map(|d| d.amount))?;
    let total = discount
        .off(sum, input.policy.rounding)?
        .ok_or(PricingError::SaleDiscountExceedsTotal)?;
    if total.is_zero() {
        return Ok(());
    }
    // The discount's share of a line is `total × amount / sum`; `sum` is not zero here, as a
    // discount off nothing is either nothing or refused above.
    let (numerator, mut denominator) = (i128::from(total.minor()), i128::from(sum.minor()));
    let mut shares: Vec<i128> = drafts
        .iter()
        .map(|d| numerator * i128::from(d.amount.minor()))
        .collect();
    if denominator < 0 {
        denominator = -denominator;
        shares.iter_mut().for_each(|s| *s = -*s);
    }
    let parts = spread(&shares, denominator, numerator, input.policy.rounding)
        .ok_or(MoneyError::Overflow)?;
    for (draft, part) in drafts.iter_mut().zip(parts) {
        draft.sale_discount = to_money(part, input.currency)?;
        draft.amount = draft.amount.checked_sub(draft.sale_discount)?;
    }
    Ok(())
}

fn to_money(minor: i128, currency: Currency) -> Result<Money, MoneyError> {
    i64::try_from(minor)
        .map(|m| Money::new(m, currency))
        .map_err(|_| MoneyError::Overflow)
}

/// The rates of a line added together, in ten-thousandths of a percent.
fn combined_units(components: &[TaxComponent]) -> u64 {
    components.iter().map(|c| u64::from(c.rate.units())).sum()
}

/// Per-document tax: the lines carrying the same set of taxes are taxed together, rounded
/// once, and the tax is spread back over them by their exact shares.
fn tax_per_document(input: &SaleInput, drafts: &mut [Draft<'_>]) -> Result<(), PricingError> {
    let mut groups: BTreeMap<Vec<(TaxRate, &str)>, Vec<usize>> = BTreeMap::new();
    for (i, draft) in drafts.iter().enumerate() {
        if draft.voided || draft.components.is_empty() {
            continue;
        }
        let mut key: Vec<(TaxRate, &str)> = draft
            .components
            .iter()
            .map(|c| (c.rate, c.code.as_str()))
            .collect();
        key.sort();
        groups.entry(key).or_default().push(i);
    }
    let mode = input.policy.mode;
    for (key, members) in &groups {
        let units: u64 = key.iter().map(|(rate, _)| u64::from(rate.units())).sum();
        let sum = Money::checked_sum(input.currency, members.iter().map(|&i| drafts[i].amount))?;
        let tax = tax_for_units(sum, units, mode, input.policy.rounding)?;
        let (numerator, denominator) = tax_fraction(units, mode);
        let shares = members
            .iter()
            .map(|&i| i128::from(drafts[i].amount.minor()).checked_mul(numerator))
            .collect::<Option<Vec<_>>>()
            .ok_or(MoneyError::Overflow)?;
        let parts = spread(
            &shares,
            denominator,
            i128::from(tax.minor()),
            input.policy.rounding,
        )
        .ok_or(MoneyError::Overflow)?;
        for (&i, part) in members.iter().zip(parts) {
            drafts[i].tax = to_money(part, input.currency)?;
        }
    }
    Ok(())
}

/// The tax of a line split between its rates in proportion to the rates (exactly).
fn split_tax(tax: Money, components: &[TaxComponent]) -> Result<Vec<LineTax>, PricingError> {
    let parts = if tax.is_zero() {
        vec![tax; components.len()]
    } else {
        // A non-zero tax implies a non-zero combined rate, so the weights are not all zero.
        let weights: Vec<u64> = components
            .iter()
            .map(|c| u64::from(c.rate.units()))
            .collect();
        tax.allocate(&weights)?
    };
    Ok(components
        .iter()
        .zip(parts)
        .map(|(c, tax)| LineTax {
            code: c.code.clone(),
            tax,
        })
        .collect())
}

/// Net, tax and total of each line per the mode and exemption, then the sale totals.
fn finish(input: &SaleInput, drafts: Vec<Draft<'_>>) -> Result<PricedSale, PricingError> {
    let currency = input.currency;
    let zero = Money::zero(currency);
    let mut lines = Vec::with_capacity(drafts.len());
    let mut summaries: BTreeMap<(TaxRate, String), TaxSummary> = BTreeMap::new();
    for draft in drafts {
        let net = match input.policy.mode {
            TaxMode::Inclusive => draft.amount.checked_sub(draft.tax)?,
            TaxMode::Exclusive => draft.amount,
        };
        let (tax, taxes) = if input.tax_exempt {
            (zero, Vec::new())
        } else {
            (draft.tax, split_tax(draft.tax, draft.components)?)
        };
        for (component, line_tax) in draft.components.iter().zip(&taxes) {
            let key = (component.rate, component.code.clone());
            let summary = summaries.entry(key).or_insert_with(|| TaxSummary {
                code: component.code.clone(),
                label: component.label.clone(),
                rate: component.rate,
                base: zero,
                tax: zero,
                gross: zero,
            });
            summary.base = summary.base.checked_add(net)?;
            summary.tax = summary.tax.checked_add(line_tax.tax)?;
        }
        lines.push(PricedLine {
            base: draft.base,
            line_discount: draft.line_discount,
            sale_discount: draft.sale_discount,
            amount: draft.amount,
            net,
            tax,
            total: net.checked_add(tax)?,
            taxes,
            voided: draft.voided,
        });
    }
    let mut taxes: Vec<TaxSummary> = summaries.into_values().collect();
    for summary in &mut taxes {
        summary.gross = summary.base.checked_add(summary.tax)?;
    }
    let sum =
        |field: fn(&PricedLine) -> Money| Money::checked_sum(currency, lines.iter().map(field));
    let line_discount_total = sum(|l| l.line_discount)?;
    let sale_discount_total = sum(|l| l.sale_discount)?;
    Ok(PricedSale {
        currency,
        subtotal: sum(|l| l.base)?,
        line_discount_total,
        sale_discount_total,
        discount_total: line_discount_total.checked_add(sale_discount_total)?,
        net_total: sum(|l| l.net)?,
        tax_total: sum(|l| l.tax)?,
        total: sum(|l| l.total)?,
        taxes,
        tax_exempt: input.tax_exempt,
        lines,
    })
}
