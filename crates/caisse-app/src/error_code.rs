//! The catalogue of error codes: every `code` the API can answer in its error envelope, with
//! the HTTP status it comes with. This table is the one place both are written; the server
//! answers each code with its status from here, and the OpenAPI document lists them from here.

use serde::{Deserialize, Serialize};

use caisse_core::money::MoneyError;
use caisse_core::sale::PricingError;
use caisse_core::tender::SettlementError;

/// Declares [`ErrorCode`] from one table: variant, wire string, HTTP status(es), and the doc
/// comment that says what the code means (the OpenAPI document shows it).
macro_rules! error_codes {
    ($( #[doc = $doc:literal] $variant:ident = $code:literal, $status:literal $(| $more:literal)*; )+) => {
        /// A stable, snake_case error code of the API (`{"error": {"code": …}}`). Clients turn
        /// codes into messages in their own language; the strings never change.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum ErrorCode {
            $( #[doc = $doc] $variant, )+
        }

        impl ErrorCode {
            /// Every code, in the catalogue's order.
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant),+];

            /// The code as the API sends it.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(ErrorCode::$variant => $code,)+
                }
            }

            /// The HTTP status the API answers this code with.
            pub const fn status(self) -> u16 {
                match self {
                    $(ErrorCode::$variant => $status,)+
                }
            }

            /// Every HTTP status this code can come with: [`ErrorCode::status`] first, then
            /// the statuses of particular cases (a JSON body that parses but does not fit is
            /// 422 rather than 400).
            pub const fn statuses(self) -> &'static [u16] {
                match self {
                    $(ErrorCode::$variant => &[$status $(, $more)*],)+
                }
            }

            /// What the code means, in English (for the API's documentation).
            pub fn meaning(self) -> &'static str {
                match self {
                    $(ErrorCode::$variant => $doc.trim(),)+
                }
            }
        }
    };
}

error_codes! {
    // The request.
    /// The request's fields are invalid: `details.errors[]` lists each field with its code.
    ValidationFailed = "validation_failed", 422;
    /// An imported file has bad rows (`details.errors[]`, with line and column): nothing was imported.
    InvalidCsv = "invalid_csv", 422;
    /// The JSON body cannot be read (400), or it is well-formed but does not fit (422).
    InvalidJson = "invalid_json", 400 | 422;
    /// The query string cannot be read.
    InvalidQuery = "invalid_query", 400;
    /// A part of the URL's path is not valid (a malformed id).
    InvalidPath = "invalid_path", 400;
    /// A request the framework refused for another reason (it keeps the framework's status).
    BadRequest = "bad_request", 400;
    /// The endpoint does not take this method (the `Allow` header lists those it takes).
    MethodNotAllowed = "method_not_allowed", 405;
    /// The request took too long.
    RequestTimeout = "request_timeout", 408;
    /// The body is larger than the endpoint accepts.
    BodyTooLarge = "body_too_large", 413;
    /// The body is larger than the server accepts.
    PayloadTooLarge = "payload_too_large", 413;
    /// The URL is longer than the server accepts.
    UriTooLong = "uri_too_long", 414;
    /// The body is not sent with the content type the endpoint takes.
    UnsupportedMediaType = "unsupported_media_type", 415;
    /// A retryable request came without its `Idempotency-Key` header.
    IdempotencyKeyMissing = "idempotency_key_missing", 400;
    /// A request with this `Idempotency-Key` is still being processed.
    IdempotencyInFlight = "idempotency_in_flight", 409;
    /// This `Idempotency-Key` was used for a different request.
    IdempotencyKeyReused = "idempotency_key_reused", 422;

    // Who may do what.
    /// Not signed in, or the session ended.
    Unauthenticated = "unauthenticated", 401;
    /// Wrong login, password or PIN (`details.tries_left`).
    InvalidCredentials = "invalid_credentials", 401;
    /// Too many wrong tries: the account is locked for a while (`details.locked_until`).
    AccountLocked = "account_locked", 423;
    /// The caller's role does not allow this.
    Forbidden = "forbidden", 403;
    /// A change sent from another site's page (cross-site request).
    CrossSiteRequest = "cross_site_request", 403;
    /// The device is not paired with a register: a manager pairs it first.
    DeviceNotPaired = "device_not_paired", 403;
    /// The action needs a manager's approval (`details.action`).
    ApprovalRequired = "approval_required", 403;
    /// The approval was given with a wrong PIN (`details.tries_left`).
    ApprovalInvalid = "approval_invalid", 403;
    /// The approver may not approve this action.
    ApprovalDenied = "approval_denied", 403;
    /// This is the store's last active owner.
    LastOwner = "last_owner", 409;

    // The catalog.
    /// Nothing with this id (or route) in this store (`details.resource`).
    NotFound = "not_found", 404;
    /// A well-formed code that finds no item.
    UnknownCode = "unknown_code", 404;
    /// A code that cannot be read (`details.reason`: bad check digit, bad length…).
    InvalidCode = "invalid_code", 422;
    /// The SKU is already used by another item.
    DuplicateSku = "duplicate_sku", 409;
    /// The barcode already belongs to another item.
    DuplicateBarcode = "duplicate_barcode", 409;
    /// The record was changed by someone else first (`details.current_version`).
    VersionConflict = "version_conflict", 409;
    /// The store has no tax rate for this category.
    UnknownTaxCategory = "unknown_tax_category", 409;
    /// Active products still use the tax categories being removed (`details.categories`).
    TaxCategoryInUse = "tax_category_in_use", 409;
    /// No store is set up yet.
    NoStore = "no_store", 409;

    // Registers and drawers.
    /// The register is switched off.
    RegisterInactive = "register_inactive", 409;
    /// The register's drawer is closed: count the float first.
    DrawerClosed = "drawer_closed", 409;
    /// The register's drawer is already open.
    DrawerOpen = "drawer_open", 409;
    /// There is not that much cash in the drawer.
    NotEnoughCash = "not_enough_cash", 409;
    /// A sale is in progress on the register.
    SaleInProgress = "sale_in_progress", 409;
    /// Payment settings cannot change while tenders are in progress.
    TendersInProgress = "tenders_in_progress", 409;
    /// The register has no receipt printer set up.
    PrinterNotConfigured = "printer_not_configured", 409;
    /// The receipt printer does not answer; nothing was changed.
    PrinterUnreachable = "printer_unreachable", 503;

    // Sales.
    /// The sale is not open (parked, completed or cancelled).
    SaleNotOpen = "sale_not_open", 409;
    /// The sale is not parked.
    SaleNotParked = "sale_not_parked", 409;
    /// The sale changed since the till showed it (`details.sale`).
    SaleChanged = "sale_changed", 409;
    /// The record changed meanwhile: look at it again and retry.
    ChangedMeanwhile = "changed_meanwhile", 409;
    /// The sale has no lines.
    EmptySale = "empty_sale", 409;
    /// The line is voided.
    LineVoided = "line_voided", 409;
    /// The quantity comes from a scale label and cannot be changed.
    QuantityFromLabel = "quantity_from_label", 409;
    /// The item is sold by weight: its weight is needed.
    WeightRequired = "weight_required", 409;
    /// Payments were taken on the sale: void them first.
    PaymentsTaken = "payments_taken", 409;
    /// The sale is fully paid: complete it.
    AlreadySettled = "already_settled", 409;
    /// The sale is not fully paid yet.
    NotSettled = "not_settled", 409;
    /// The payment is already voided.
    PaymentAlreadyVoided = "payment_already_voided", 409;
    /// The payment terminal declined the card; the sale is still payable.
    PaymentDeclined = "payment_declined", 402;
    /// The payment terminal did not answer; the sale is still payable.
    PaymentTimeout = "payment_timeout", 402;
    /// Only cash can pay more than is still owed (it gives change).
    OverpaymentNotInCash = "overpayment_not_in_cash", 409;
    /// A payment goes the wrong way for the sale (money in on a refund, out on a sale).
    PaymentWrongDirection = "payment_wrong_direction", 409;
    /// A discount that is not a valid percentage or amount.
    InvalidDiscount = "invalid_discount", 409;
    /// A line's discount is larger than its price.
    DiscountExceedsPrice = "discount_exceeds_price", 409;
    /// The sale's discount is larger than the sale.
    DiscountExceedsTotal = "discount_exceeds_total", 409;
    /// An amount is not in the store's currency.
    CurrencyMismatch = "currency_mismatch", 409;
    /// An amount is too large to compute with.
    AmountOverflow = "amount_overflow", 409;
    /// A line lists the same tax twice.
    DuplicateTaxCode = "duplicate_tax_code", 409;
    /// The stored cash-rounding rule is not valid.
    InvalidCashRounding = "invalid_cash_rounding", 409;
    /// A country code is not valid.
    InvalidCountry = "invalid_country", 409;
    /// A currency code is unknown.
    UnknownCurrency = "unknown_currency", 409;
    /// The currency has no minor unit and cannot price goods.
    UnsupportedCurrency = "unsupported_currency", 409;
    /// An amount of money is not valid.
    InvalidAmount = "invalid_amount", 409;
    /// A quantity is not valid.
    InvalidQuantity = "invalid_quantity", 409;
    /// An amount or quantity has more decimals than allowed.
    TooManyDecimals = "too_many_decimals", 409;
    /// An amount could not be split as asked.
    InvalidAllocation = "invalid_allocation", 409;
    /// The language is not one the store supports.
    UnknownLocale = "unknown_locale", 409;

    // Returns, refunds and credit notes.
    /// The sale cannot be returned (`message` says why).
    NotReturnable = "not_returnable", 409;
    /// This is a sale, not a return.
    NotAReturn = "not_a_return", 409;
    /// Nothing is left to return on this receipt.
    NothingToReturn = "nothing_to_return", 409;
    /// The item is not on the receipt being returned (or all of it was returned).
    NotOnReceipt = "not_on_receipt", 409;
    /// More is being returned than was sold (or is left to return).
    ReturnExceedsSold = "return_exceeds_sold", 409;
    /// A return takes its lines from the original receipt.
    ReturnLinesFromReceipt = "return_lines_from_receipt", 409;
    /// A return keeps the original's prices, or another till is returning this receipt.
    ReturnLocked = "return_locked", 409;
    /// The return changed meanwhile: check it and try again.
    ReturnChanged = "return_changed", 409;
    /// A refund was already taken on this return.
    RefundTaken = "refund_taken", 409;
    /// More than is due back to the customer.
    RefundExceedsDue = "refund_exceeds_due", 409;
    /// More than was paid with this tender.
    RefundExceedsPaid = "refund_exceeds_paid", 409;
    /// No credit note has this code.
    CreditNoteNotFound = "credit_note_not_found", 404;
    /// The credit note cannot be used here (`details.reason`).
    CreditNoteNotUsable = "credit_note_not_usable", 422;
    /// The credit note does not hold that much (`details.balance`).
    CreditNoteInsufficient = "credit_note_insufficient", 422;
    /// More than is due on the sale (`details.due`).
    CreditNoteExceedsDue = "credit_note_exceeds_due", 422;

    // Stock.
    /// The store refuses to sell below zero and the selling location has too little of an item (`details.item_id`, `details.location_id`, `details.on_hand`).
    InsufficientStock = "insufficient_stock", 409;
    /// The count is applied or cancelled: it takes no more scans and cannot be applied again.
    CountClosed = "count_closed", 409;
    /// The transfer is not in a state that allows this (`message` says which it is in).
    TransferWrongState = "transfer_wrong_state", 409;

    // Purchasing.
    /// The purchase order's status does not allow this (the message says which statuses do).
    InvalidTransition = "invalid_transition", 409;
    /// The receiving session is already confirmed: start a new one for the rest.
    ReceivingClosed = "receiving_closed", 409;
    /// Nothing ordered was counted: there is nothing to receive.
    NothingReceived = "nothing_received", 409;

    // Time clock and pay.
    /// The punch does not follow the employee's last one (clock in before a break or clocking out; the message says where they stand).
    PunchOutOfOrder = "punch_out_of_order", 409;
    /// Time worked cannot be paid as punched (a shift still open, over 36 hours, or no hourly rate on a day worked): `details.problems` lists them per employee.
    TimesheetIncomplete = "timesheet_incomplete", 409;

    // Closures and reports.
    /// The period is already closed on this register.
    PeriodClosed = "period_closed", 409;
    /// The period is not over yet.
    PeriodNotOver = "period_not_over", 409;
    /// Earlier periods must be closed first.
    UnclosedPeriods = "unclosed_periods", 409;
    /// The stored amounts are too large to add up: the report cannot be made.
    AmountOutOfRange = "amount_out_of_range", 409;

    // The server.
    /// The database was busy with a conflicting change: send the same request again.
    RetryLater = "retry_later", 503;
    /// The server is shutting down.
    ShuttingDown = "shutting_down", 409;
    /// Anything unexpected; logged on the server, never detailed.
    Internal = "internal", 500;
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<&MoneyError> for ErrorCode {
    fn from(e: &MoneyError) -> ErrorCode {
        match e {
            MoneyError::CurrencyMismatch { .. } => ErrorCode::CurrencyMismatch,
            MoneyError::Overflow => ErrorCode::AmountOverflow,
            MoneyError::UnknownCurrency(_) => ErrorCode::UnknownCurrency,
            MoneyError::UnsupportedCurrency(_) => ErrorCode::UnsupportedCurrency,
            MoneyError::InvalidAmount { .. } => ErrorCode::InvalidAmount,
            MoneyError::InvalidQuantity { .. } => ErrorCode::InvalidQuantity,
            MoneyError::TooManyDecimals { .. } => ErrorCode::TooManyDecimals,
            MoneyError::InvalidAllocation(_) => ErrorCode::InvalidAllocation,
            MoneyError::UnknownLocale(_) => ErrorCode::UnknownLocale,
        }
    }
}

impl From<&PricingError> for ErrorCode {
    fn from(e: &PricingError) -> ErrorCode {
        match e {
            PricingError::CurrencyMismatch { .. } => ErrorCode::CurrencyMismatch,
            PricingError::InvalidDiscount { .. } => ErrorCode::InvalidDiscount,
            PricingError::LineDiscountExceedsPrice { .. } => ErrorCode::DiscountExceedsPrice,
            PricingError::SaleDiscountExceedsTotal => ErrorCode::DiscountExceedsTotal,
            PricingError::DuplicateTaxCode { .. } => ErrorCode::DuplicateTaxCode,
            PricingError::Money(m) => m.into(),
        }
    }
}

impl From<&SettlementError> for ErrorCode {
    fn from(e: &SettlementError) -> ErrorCode {
        match e {
            SettlementError::CurrencyMismatch { .. } => ErrorCode::CurrencyMismatch,
            SettlementError::Overpayment { .. } => ErrorCode::OverpaymentNotInCash,
            SettlementError::WrongDirection { .. } => ErrorCode::PaymentWrongDirection,
            SettlementError::AlreadySettled { .. } => ErrorCode::AlreadySettled,
            SettlementError::InvalidRule { .. } => ErrorCode::InvalidCashRounding,
            SettlementError::InvalidCountry { .. } => ErrorCode::InvalidCountry,
            SettlementError::Money(m) => m.into(),
        }
    }
}

#[cfg(test)]
#[path = "error_code_tests.rs"]
mod tests;
