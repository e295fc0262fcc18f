//! The words printed on a receipt, in English, French and German, and the date format.

use jiff::civil::DateTime;

use crate::money::Locale;

/// The fixed words of a receipt in one language.
pub(crate) struct Labels {
    pub receipt: &'static str,
    pub register: &'static str,
    pub cashier: &'static str,
    pub subtotal: &'static str,
    pub total: &'static str,
    pub change: &'static str,
    pub rounding: &'static str,
    pub rate: &'static str,
    pub net: &'static str,
    pub tax: &'static str,
    pub gross: &'static str,
    pub duplicate: &'static str,
    pub copy_number: &'static str,
    pub voided: &'static str,
    pub return_title: &'static str,
    pub cancellation_title: &'static str,
    pub original: &'static str,
    pub auth: &'static str,
    pub credit_note: &'static str,
    pub balance: &'static str,
    pub tare: &'static str,
    /// Put before a colon: French sets a (no-break) space there.
    pub colon: &'static str,
}

const EN_US: Labels = Labels {
    receipt: "Receipt",
    register: "Register",
    cashier: "Cashier",
    subtotal: "Subtotal",
    total: "TOTAL",
    change: "Change",
    rounding: "Cash rounding",
    rate: "Rate",
    net: "Net",
    tax: "Tax",
    gross: "Total",
    duplicate: "DUPLICATE",
    copy_number: "#",
    voided: "*** VOID ***",
    return_title: "RETURN",
    cancellation_title: "CANCELLATION",
    original: "Original receipt",
    auth: "Auth",
    credit_note: "Credit note",
    balance: "Balance left",
    tare: "tare",
    colon: ":",
};

const EN_GB: Labels = Labels {
    tax: "VAT",
    gross: "Gross",
    ..EN_US
};

const FR: Labels = Labels {
    receipt: "Ticket",
    register: "Caisse",
    cashier: "Caissier",
    subtotal: "Sous-total",
    total: "TOTAL",
    change: "Rendu",
    rounding: "Arrondi espèces",
    rate: "Taux",
    net: "HT",
    tax: "TVA",
    gross: "TTC",
    duplicate: "DUPLICATA",
    copy_number: "n°\u{A0}",
    voided: "*** ANNULÉ ***",
    return_title: "RETOUR",
    cancellation_title: "ANNULATION",
    original: "Ticket d'origine",
    auth: "Autor.",
    credit_note: "Avoir",
    balance: "Solde restant",
    tare: "tare",
    colon: "\u{A0}:",
};

const DE: Labels = Labels {
    receipt: "Beleg",
    register: "Kasse",
    cashier: "Kassierer",
    subtotal: "Zwischensumme",
    total: "SUMME",
    change: "Rückgeld",
    rounding: "Rundung",
    rate: "Satz",
    net: "Netto",
    tax: "MwSt",
    gross: "Brutto",
    duplicate: "DUPLIKAT",
    copy_number: "Nr.\u{A0}",
    voided: "*** STORNIERT ***",
    return_title: "RÜCKGABE",
    cancellation_title: "STORNO",
    original: "Originalbeleg",
    auth: "Genehm.",
    credit_note: "Gutschein",
    balance: "Restguthaben",
    tare: "Tara",
    colon: ":",
};

/// The receipt words for a locale.
pub(crate) fn labels(locale: Locale) -> &'static Labels {
    match locale {
        Locale::EnUs => &EN_US,
        Locale::EnGb => &EN_GB,
        Locale::FrFr => &FR,
        Locale::DeDe => &DE,
    }
}

/// The date and time as printed: `01/15/2026 9:05:07 AM` (en-US), `15/01/2026 09:05:07`
/// (en-GB, fr-FR), `15.01.2026 09:05:07` (de-DE). Seconds are always shown (fiscal rule).
pub(crate) fn format_datetime(at: DateTime, locale: Locale) -> String {
    let (y, mo, d) = (at.year(), at.month(), at.day());
    let (h, mi, s) = (at.hour(), at.minute(), at.second());
    match locale {
        Locale::EnUs => {
            let half = if h < 12 { "AM" } else { "PM" };
            let h12 = match h % 12 {
                0 => 12,
                other => other,
            };
            format!("{mo:02}/{d:02}/{y:04} {h12}:{mi:02}:{s:02} {half}")
        }
        Locale::EnGb | Locale::FrFr => format!("{d:02}/{mo:02}/{y:04} {h:02}:{mi:02}:{s:02}"),
        Locale::DeDe => format!("{d:02}.{mo:02}.{y:04} {h:02}:{mi:02}:{s:02}"),
    }
}
