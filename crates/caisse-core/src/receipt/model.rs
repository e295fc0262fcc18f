//! The receipt as plain data: what the customer's ticket says, every amount already computed.

use jiff::civil::DateTime;

use crate::money::{Currency, Locale, Money, Quantity};

/// A receipt ready to print or show: the store, the sale's lines, taxes, tenders and change.
///
/// It is computed by checkout or built from a stored sale; renderers only lay it out and never
/// add anything up, so a reprint shows exactly what was recorded.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Receipt {
    /// The store's name, address and tax registration printed at the top.
    pub store: StoreHeader,
    /// The register (till) that recorded the sale, as named in settings (`T1`, `Caisse 2`).
    pub register: String,
    /// The gap-free receipt number of the register (`T1-000042`).
    pub number: String,
    /// Local date and time of the sale in the store's time zone, to the second.
    #[serde(with = "civil_datetime_text")]
    pub issued_at: DateTime,
    /// The name of the cashier who rang up the sale, as printed (a first name is enough).
    pub cashier: String,
    /// The language and number format the receipt is printed in.
    pub locale: Locale,
    /// The currency of every amount on the receipt.
    pub currency: Currency,
    /// A sale, a return of an earlier sale, or the cancellation of one.
    pub kind: ReceiptKind,
    /// For a reprint, which copy it is (1 for the first duplicate); `None` for the original.
    pub duplicate: Option<u32>,
    /// The items sold, returned or voided, in the order they were rung up.
    pub lines: Vec<ReceiptLine>,
    /// Sum of the lines after their own discounts, before receipt-wide discounts.
    pub subtotal: Money,
    /// Receipt-wide discounts (coupon, loyalty reward), as negative amounts.
    pub discounts: Vec<Adjustment>,
    /// Net, tax and gross per tax rate, as the law asks a receipt to show.
    pub taxes: Vec<TaxSummary>,
    /// What the receipt comes to, tax included, before cash rounding.
    pub total: Money,
    /// Cash rounding applied to the cash part (negative when rounded down); printed when not zero.
    pub cash_rounding: Money,
    /// How the customer paid (or was refunded), one line per tender.
    pub tenders: Vec<TenderLine>,
    /// Cash given back to the customer; printed when not zero.
    pub change: Money,
    /// Closing lines: thanks, return policy, opening hours, fiscal mentions.
    pub footer: Vec<String>,
    /// What the barcode at the bottom carries (the receipt number, scanned back for returns);
    /// empty for no barcode.
    pub barcode: String,
}

/// The head of the receipt: who sold.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct StoreHeader {
    /// The store's trading name.
    pub name: String,
    /// Street, town and phone lines, printed one per line.
    pub address: Vec<String>,
    /// The registration line printed as given (`SIRET 123 456 789 00012`, `N° TVA FR...`).
    pub tax_id: Option<String>,
}

/// What kind of fiscal document the receipt is.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ReceiptKind {
    /// An ordinary sale.
    Sale,
    /// Goods brought back and refunded; amounts are negative.
    Return {
        /// The number of the receipt the goods were bought on.
        original: String,
    },
    /// A sale cancelled as a whole by a new document; amounts are negative.
    Cancellation {
        /// The number of the receipt being cancelled.
        original: String,
    },
}

/// One item line of the receipt.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ReceiptLine {
    /// The product name as printed (may be long: it wraps).
    pub description: String,
    /// How many pieces, or the weight for a weighed item; negative on a return.
    pub quantity: Quantity,
    /// The price of one piece (or one kilogram...).
    pub unit_price: Money,
    /// Quantity times unit price, before the line's own discount.
    pub amount: Money,
    /// A discount on this line only (negative amount), printed under it.
    pub discount: Option<Adjustment>,
    /// Set for a weighed item: the quantity is a weight in this unit.
    pub weight: Option<WeightInfo>,
    /// The letter that ties the line to its row in the tax breakdown (`A`, `B`...).
    pub tax_code: char,
    /// A line cancelled before payment: shown marked, not counted in the totals.
    pub voided: bool,
}

/// How a weighed item was measured.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct WeightInfo {
    /// The unit of the weight and of the unit price (`kg`, `lb`).
    pub unit: String,
    /// The container weight taken off, when the scale applied one.
    pub tare: Option<Quantity>,
}

/// A labelled amount added to or taken off (a discount is negative).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Adjustment {
    /// What it is, as printed (`Remise 10 %`, `Coupon SUMMER`).
    pub label: String,
    /// The amount, negative for a discount.
    pub amount: Money,
}

/// One row of the tax breakdown: everything taxed at one rate.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TaxSummary {
    /// The letter printed on the item lines taxed at this rate.
    pub code: char,
    /// The rate as printed (`20 %`, `5,5 %`, `7.25%`).
    pub rate_label: String,
    /// Amount before tax.
    pub net: Money,
    /// The tax itself.
    pub tax: Money,
    /// Amount tax included (net plus tax).
    pub gross: Money,
}

/// One way the customer paid (or was refunded).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TenderLine {
    /// The tender as printed (`Espèces`, `Carte bancaire`, `Gift card`).
    pub label: String,
    /// The amount taken with this tender (cash: what was handed over).
    pub amount: Money,
    /// For a card payment, what the terminal returned that may be printed.
    pub card: Option<CardDetails>,
    /// For store credit: the credit note spent from (at a sale) or issued (on a return).
    #[serde(default)]
    pub credit_note: Option<CreditNoteRef>,
}

/// The credit note a store-credit tender spent from or issued.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CreditNoteRef {
    /// The code the customer keeps (`CN-…`).
    pub code: String,
    /// What the note holds after this tender, when known.
    pub balance: Option<Money>,
}

/// The card data a receipt may show: brand, last four digits and authorisation code only —
/// never the full card number or the expiry date.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CardDetails {
    /// The card scheme (`VISA`, `CB`, `Mastercard`).
    pub brand: String,
    /// The last four digits of the card number.
    pub last_four: CardLastFour,
    /// The authorisation code given by the issuer, when there is one.
    pub auth_code: Option<String>,
}

/// Exactly the last four digits of a card number: a full number cannot be stored in it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CardLastFour(String);

impl CardLastFour {
    /// Reads four ASCII digits (`"4242"`); anything else is refused.
    pub fn parse(digits: &str) -> Result<CardLastFour, InvalidLastFour> {
        if digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit()) {
            Ok(CardLastFour(digits.to_owned()))
        } else {
            Err(InvalidLastFour)
        }
    }

    /// The four digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The text given as a card's last four digits is not exactly four digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the last four digits of a card must be exactly four digits")]
pub struct InvalidLastFour;

impl InvalidLastFour {
    /// Stable snake_case code used in the API error envelope.
    pub fn code(&self) -> &'static str {
        "invalid_card_last_four"
    }
}

impl TryFrom<String> for CardLastFour {
    type Error = InvalidLastFour;

    fn try_from(digits: String) -> Result<CardLastFour, InvalidLastFour> {
        CardLastFour::parse(&digits)
    }
}

impl From<CardLastFour> for String {
    fn from(digits: CardLastFour) -> String {
        digits.0
    }
}

/// `issued_at` travels as ISO 8601 local date-time text (`2026-01-15T09:00:00`).
mod civil_datetime_text {
    use jiff::civil::DateTime;

    pub(super) fn serialize<S: serde::Serializer>(
        value: &DateTime,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.collect_str(value)
    }

    pub(super) fn deserialize<'de, D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<DateTime, D::Error> {
        let text = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}
