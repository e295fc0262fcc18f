use super::*;

const NNBSP: char = '\u{202F}';
const NBSP: char = '\u{00A0}';

#[test]
fn format_money_table() {
    let eur = Currency::EUR;
    let usd = Currency::USD;
    let jpy = Currency::JPY;
    let bhd = Currency::BHD;
    let chf = Currency::CHF;
    let table = [
        // fr-FR: U+202F between thousands, U+00A0 before the sign.
        (123_456, eur, Locale::FrFr, "1\u{202F}234,56\u{00A0}€"),
        (-123_456, eur, Locale::FrFr, "-1\u{202F}234,56\u{00A0}€"),
        (0, eur, Locale::FrFr, "0,00\u{00A0}€"),
        (5, eur, Locale::FrFr, "0,05\u{00A0}€"),
        (999, eur, Locale::FrFr, "9,99\u{00A0}€"),
        (100_000, eur, Locale::FrFr, "1\u{202F}000,00\u{00A0}€"),
        (
            123_456_789_012,
            eur,
            Locale::FrFr,
            "1\u{202F}234\u{202F}567\u{202F}890,12\u{00A0}€",
        ),
        (
            i64::MIN,
            eur,
            Locale::FrFr,
            "-92\u{202F}233\u{202F}720\u{202F}368\u{202F}547\u{202F}758,08\u{00A0}€",
        ),
        (1235, jpy, Locale::FrFr, "1\u{202F}235\u{00A0}¥"),
        (1_234_567, bhd, Locale::FrFr, "1\u{202F}234,567\u{00A0}BHD"),
        (123_456, chf, Locale::FrFr, "1\u{202F}234,56\u{00A0}CHF"),
        (123_456, usd, Locale::FrFr, "1\u{202F}234,56\u{00A0}$"),
        // en-US: sign first, glued unless it is made of letters.
        (123_456, usd, Locale::EnUs, "$1,234.56"),
        (-123_456, usd, Locale::EnUs, "-$1,234.56"),
        (0, usd, Locale::EnUs, "$0.00"),
        (100, usd, Locale::EnUs, "$1.00"),
        (-5, eur, Locale::EnUs, "-€0.05"),
        (123_456_789_012, eur, Locale::EnUs, "€1,234,567,890.12"),
        (i64::MAX, eur, Locale::EnUs, "€92,233,720,368,547,758.07"),
        (1235, jpy, Locale::EnUs, "¥1,235"),
        (0, jpy, Locale::EnUs, "¥0"),
        (-1, jpy, Locale::EnUs, "-¥1"),
        (1_234_567, bhd, Locale::EnUs, "BHD\u{00A0}1,234.567"),
        (-1, bhd, Locale::EnUs, "-BHD\u{00A0}0.001"),
        (123_456, chf, Locale::EnUs, "CHF\u{00A0}1,234.56"),
        (
            12_345_678,
            cur("CLF"),
            Locale::EnUs,
            "CLF\u{00A0}1,234.5678",
        ),
        (123_456, cur("SEK"), Locale::EnUs, "kr\u{00A0}1,234.56"),
        // en-GB and de-DE.
        (123_456, Currency::GBP, Locale::EnGb, "£1,234.56"),
        (-123_456, Currency::GBP, Locale::EnGb, "-£1,234.56"),
        (123_456, eur, Locale::DeDe, "1.234,56\u{00A0}€"),
        (-123_456_789, eur, Locale::DeDe, "-1.234.567,89\u{00A0}€"),
        (1235, jpy, Locale::DeDe, "1.235\u{00A0}¥"),
    ];
    for (minor, currency, locale, expected) in table {
        assert_eq!(
            m(minor, currency).format(locale),
            expected,
            "{minor} {currency} {locale}"
        );
    }
}

#[test]
fn format_decimal_number_table() {
    let table = [
        (123_456, 2, Locale::FrFr, "1\u{202F}234,56"),
        (-123_456, 2, Locale::EnUs, "-1,234.56"),
        (-1, 2, Locale::FrFr, "-0,01"),
        (1234, 0, Locale::EnUs, "1,234"),
        (999, 0, Locale::EnUs, "999"),
        (1000, 0, Locale::FrFr, "1\u{202F}000"),
        (12, 3, Locale::EnUs, "0.012"),
        (1_234_567, 3, Locale::DeDe, "1.234,567"),
        (0, 4, Locale::EnGb, "0.0000"),
        (i64::MIN, 0, Locale::EnUs, "-9,223,372,036,854,775,808"),
    ];
    for (scaled, digits, locale, expected) in table {
        assert_eq!(
            format_decimal_number(scaled, digits, locale),
            expected,
            "{scaled} {digits} {locale}"
        );
    }
    assert_eq!(
        format_plain_number(123_456_789, 2, Locale::FrFr),
        "1234567,89"
    );
    assert_eq!(format_plain_number(-5, 3, Locale::EnUs), "-0.005");
    assert_eq!(
        m(123_456, Currency::EUR).format_number(Locale::FrFr),
        "1\u{202F}234,56"
    );
}

#[test]
fn french_separators_are_the_cldr_characters() {
    let text = m(123_456_789, Currency::EUR).format(Locale::FrFr);
    assert_eq!(text.chars().filter(|&c| c == NNBSP).count(), 2);
    assert_eq!(text.chars().filter(|&c| c == NBSP).count(), 1);
    assert!(!text.contains(' '), "no plain space in {text:?}");
}

#[test]
fn display_is_locale_free() {
    assert_eq!(m(123_456, Currency::EUR).to_string(), "1234.56 EUR");
    assert_eq!(m(-5, Currency::JPY).to_string(), "-5 JPY");
    assert_eq!(format!("{:?}", m(1, Currency::BHD)), "Money(0.001 BHD)");
}
