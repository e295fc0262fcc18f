//! Money in requests. Answers always give money as `{"amount": 1999, "currency": "EUR"}`;
//! requests may give either that or plain minor units (`1999`). When a currency is given it
//! must be the store's. Every amount is bounded: no input may be large enough to make a sum
//! overflow, and cash has its own, smaller limit (a store setting).

use caisse_core::journal::amount_text;
use caisse_core::money::{Currency, Money};
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize};
use utoipa::ToSchema;

use crate::AppError;
use crate::catalog::view::MoneyJson;

/// An amount as a request gives it: minor units of the store's currency, or an amount with
/// its currency (as answers give it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
#[serde(untagged)]
pub enum MoneyInput {
    /// Minor units of the store's currency (`1999` is 19.99 EUR).
    Minor(i64),
    /// An amount and its currency, which must be the store's.
    Money(MoneyJson),
}

const SHAPE: &str =
    "an amount is whole minor units (1999 for 19.99) or {\"amount\": 1999, \"currency\": \"EUR\"}";

impl<'de> Deserialize<'de> for MoneyInput {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match serde_json::Value::deserialize(d)? {
            serde_json::Value::Number(n) => n
                .as_i64()
                .map(MoneyInput::Minor)
                .ok_or_else(|| D::Error::custom(SHAPE)),
            v @ serde_json::Value::Object(_) => serde_json::from_value::<MoneyJson>(v)
                .map(MoneyInput::Money)
                .map_err(|_| D::Error::custom(SHAPE)),
            _ => Err(D::Error::custom(SHAPE)),
        }
    }
}

impl From<i64> for MoneyInput {
    fn from(minor: i64) -> MoneyInput {
        MoneyInput::Minor(minor)
    }
}

/// The largest amount any single money input may hold: a billion units of the currency
/// (10^11 minor units for the euro), far beyond any price or count, small enough that no sum a
/// shop can make of them overflows.
pub fn max_amount(currency: Currency) -> i64 {
    1_000_000_000 * 10_i64.pow(currency.minor_digits())
}

/// The default cash limit: 10,000 units of the currency.
pub fn default_cash_limit(currency: Currency) -> i64 {
    10_000 * 10_i64.pow(currency.minor_digits())
}

impl MoneyInput {
    /// Minor units, checked: a given currency must be the store's, and the amount at most
    /// `max` either way. `field` names the input in the error.
    pub fn minor(&self, field: &str, currency: Currency, max: i64) -> Result<i64, AppError> {
        let amount = match self {
            MoneyInput::Minor(a) => *a,
            MoneyInput::Money(m) => {
                if !m.currency.eq_ignore_ascii_case(currency.code()) {
                    return Err(AppError::field(
                        field,
                        format!(
                            "the store counts in {}: an amount in {} is not accepted",
                            currency.code(),
                            m.currency
                        ),
                    ));
                }
                m.amount
            }
        };
        check_bound(field, amount, currency, max)?;
        Ok(amount)
    }
}

/// Refuses an amount larger than `max` either way, naming the limit.
pub fn check_bound(field: &str, amount: i64, currency: Currency, max: i64) -> Result<(), AppError> {
    if amount.checked_abs().is_none_or(|a| a > max) {
        return Err(AppError::field(
            field,
            format!(
                "at most {} {}",
                amount_text(Money::new(max, currency)),
                currency.code()
            ),
        ));
    }
    Ok(())
}

/// An optional amount, checked as [`MoneyInput::minor`].
pub fn minor_opt(
    input: Option<&MoneyInput>,
    field: &str,
    currency: Currency,
    max: i64,
) -> Result<Option<i64>, AppError> {
    input.map(|m| m.minor(field, currency, max)).transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_forms_are_read_and_anything_else_is_refused_clearly() {
        let eur = Currency::EUR;
        let max = max_amount(eur);
        let cases = [
            ("1999", Ok(1999)),
            ("-500", Ok(-500)),
            (r#"{"amount": 1999, "currency": "EUR"}"#, Ok(1999)),
            (r#"{"amount": 1999, "currency": "eur"}"#, Ok(1999)),
            (
                r#"{"amount": 1999, "currency": "USD"}"#,
                Err("not accepted"),
            ),
            ("9223372036854775807", Err("at most 1000000000.00 EUR")),
            ("-9223372036854775808", Err("at most")),
            ("100000000001", Err("at most")),
        ];
        for (json, want) in cases {
            let input: MoneyInput = serde_json::from_str(json).unwrap();
            match (input.minor("amount", eur, max), want) {
                (Ok(got), Ok(w)) => assert_eq!(got, w, "{json}"),
                (Err(e), Err(w)) => assert!(e.to_string().contains(w), "{json}: {e}"),
                (got, want) => panic!("{json}: {got:?} instead of {want:?}"),
            }
        }
        for bad in [
            "19.99",
            "\"1999\"",
            "true",
            "[1]",
            r#"{"amount": 1}"#,
            "18446744073709551615",
        ] {
            let e = serde_json::from_str::<MoneyInput>(bad).unwrap_err();
            assert!(e.to_string().contains("whole minor units"), "{bad}: {e}");
        }
    }
}
