// Translations and locale-aware formatting shared by every Caisse screen.
//
// Every piece of UI text goes through `t(key)`. Each surface (admin, pos,
// display) registers its own strings with `addMessages`; the strings below
// are the ones all surfaces share.
//
// Money is always integer minor units plus an ISO 4217 currency. Formatting
// and parsing work on digit strings so no amount ever passes through a
// floating-point multiplication.

import { errorMessages } from "./errors.js";

export const LOCALES = ["en", "fr"];
const STORAGE_KEY = "caisse.locale";

const messages = {
  en: {
    "app.name": "Caisse",
    "common.save": "Save",
    "common.cancel": "Cancel",
    "common.close": "Close",
    "common.retry": "Try again",
    "common.loading": "Loading…",
    "common.none": "—",
    "common.yes": "Yes",
    "common.no": "No",
    "common.add": "Add",
    "common.remove": "Remove",
    "common.edit": "Edit",
    "common.back": "Back",
    "common.discard": "Discard changes",
    "common.keep_editing": "Keep editing",
    "common.unsaved_title": "Unsaved changes",
    "common.unsaved_body": "You have changes that are not saved. Leave anyway?",
    "locale.label": "Language",
    "locale.en": "English",
    "locale.fr": "Français",
    "money.empty": "Enter an amount.",
    "money.invalid": "Not a valid amount.",
    "money.too_many_decimals": "{currency} amounts have at most {digits} decimal places.",
    "money.too_large": "This amount is too large.",
    "money.negative": "The amount cannot be negative.",
    "error.network_error": "The server cannot be reached. Check the network and try again.",
    "error.unauthenticated": "Your session has ended. Please sign in again.",
    "error.forbidden": "Your role does not allow this action.",
    "error.not_found": "This item does not exist or was removed.",
    "error.version_conflict": "Someone else changed this item while you were editing it. Reload it to see their changes, then apply yours again.",
    "error.rate_limited": "Too many attempts. Wait a moment and try again.",
    "error.payload_too_large": "The file is too large for the server.",
    "error.internal": "Something went wrong on the server. Try again; if it keeps happening, contact support.",
    "error.unexpected": "Unexpected error ({status}).",
  },
  fr: {
    "app.name": "Caisse",
    "common.save": "Enregistrer",
    "common.cancel": "Annuler",
    "common.close": "Fermer",
    "common.retry": "Réessayer",
    "common.loading": "Chargement…",
    "common.none": "—",
    "common.yes": "Oui",
    "common.no": "Non",
    "common.add": "Ajouter",
    "common.remove": "Retirer",
    "common.edit": "Modifier",
    "common.back": "Retour",
    "common.discard": "Abandonner les modifications",
    "common.keep_editing": "Continuer la saisie",
    "common.unsaved_title": "Modifications non enregistrées",
    "common.unsaved_body": "Certaines modifications ne sont pas enregistrées. Quitter quand même ?",
    "locale.label": "Langue",
    "locale.en": "English",
    "locale.fr": "Français",
    "money.empty": "Saisissez un montant.",
    "money.invalid": "Montant non valide.",
    "money.too_many_decimals": "Les montants en {currency} ont au plus {digits} décimales.",
    "money.too_large": "Ce montant est trop élevé.",
    "money.negative": "Le montant ne peut pas être négatif.",
    "error.network_error": "Le serveur est injoignable. Vérifiez le réseau et réessayez.",
    "error.unauthenticated": "Votre session a expiré. Reconnectez-vous.",
    "error.forbidden": "Votre rôle ne permet pas cette action.",
    "error.not_found": "Cet élément n’existe pas ou a été supprimé.",
    "error.version_conflict": "Quelqu’un d’autre a modifié cet élément pendant votre saisie. Rechargez-le pour voir ses modifications, puis appliquez à nouveau les vôtres.",
    "error.rate_limited": "Trop de tentatives. Patientez un instant puis réessayez.",
    "error.payload_too_large": "Le fichier est trop volumineux pour le serveur.",
    "error.internal": "Une erreur s’est produite sur le serveur. Réessayez ; si elle persiste, contactez le support.",
    "error.unexpected": "Erreur inattendue ({status}).",
  },
};

for (const [locale, entries] of Object.entries(errorMessages)) Object.assign(messages[locale], entries);

let current = detectLocale();
let regionHint = null; // the store's locale, e.g. "fr-BE", used when its language matches
let timeZone; // the store's IANA time zone; undefined means the browser's

/** Adds a surface's strings: `{en: {...}, fr: {...}}`. Later keys win. */
export function addMessages(table) {
  for (const [locale, entries] of Object.entries(table)) {
    messages[locale] = Object.assign(messages[locale] ?? {}, entries);
  }
}

/** True when a translation exists for `key` (in the current locale or English). */
export function hasMessage(key) {
  return key in (messages[current] ?? {}) || key in messages.en;
}

/** The translated text for `key`, with `{name}` placeholders filled from `params`. */
export function t(key, params) {
  let text = messages[current]?.[key] ?? messages.en[key];
  if (text === undefined) {
    console.warn(`i18n: missing key "${key}"`);
    return key;
  }
  if (params) {
    text = text.replace(/\{(\w+)\}/g, (whole, name) =>
      name in params ? String(params[name]) : whole,
    );
  }
  return text;
}

/**
 * Plural-aware lookup: uses `key.one`, `key.other` (etc., per Intl.PluralRules)
 * and passes `count` formatted for the locale as `{count}`.
 */
export function tn(key, count, params = {}) {
  const rule = new Intl.PluralRules(intlLocale()).select(count);
  const full = hasMessage(`${key}.${rule}`) ? `${key}.${rule}` : `${key}.other`;
  return t(full, { ...params, count: formatNumber(count) });
}

function detectLocale() {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (LOCALES.includes(saved)) return saved;
  } catch {
    // Storage can be disabled; fall back to the browser language.
  }
  const langs = navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const lang of langs) {
    const base = String(lang || "").toLowerCase().split("-")[0];
    if (LOCALES.includes(base)) return base;
  }
  return "en";
}

/** The UI language: "en" or "fr". */
export function getLocale() {
  return current;
}

/**
 * Switches the UI language, remembers it (unless `persist` is false: a page told its language
 * by its URL must not change the other screens of the browser), and fires
 * `caisse:localechange` on window.
 */
export function setLocale(locale, { persist = true } = {}) {
  if (!LOCALES.includes(locale)) return;
  document.documentElement.lang = locale;
  if (locale === current) return;
  current = locale;
  if (persist) {
    try {
      localStorage.setItem(STORAGE_KEY, locale);
    } catch {
      // Not persisted; the choice still holds for this page.
    }
  }
  document.documentElement.lang = locale;
  window.dispatchEvent(new CustomEvent("caisse:localechange", { detail: { locale } }));
}

/** Tells formatting which region and time zone the store is in (from `/auth/me`). */
export function setStoreContext({ locale, time_zone } = {}) {
  regionHint = locale || null;
  timeZone = time_zone || undefined;
}

/**
 * The BCP 47 tag handed to Intl: the store's own locale when it speaks the UI
 * language (so a Belgian shop gets Belgian formats), otherwise the bare language.
 */
export function intlLocale(locale = current) {
  if (locale.includes("-")) return locale;
  if (regionHint && regionHint.toLowerCase().split("-")[0] === locale) return regionHint;
  return locale;
}

// ---------------------------------------------------------------- numbers

const formatterCache = new Map();
function cached(kind, locale, options) {
  const key = `${kind}|${locale}|${JSON.stringify(options)}`;
  let f = formatterCache.get(key);
  if (!f) {
    f = kind === "number" ? new Intl.NumberFormat(locale, options) : new Intl.DateTimeFormat(locale, options);
    formatterCache.set(key, f);
  }
  return f;
}

/** An integer or decimal formatted with the locale's grouping ("2,134" / "2 134"). */
export function formatNumber(value, locale = current) {
  return cached("number", intlLocale(locale), {}).format(value);
}

// ------------------------------------------------------------------ money

const digitsCache = new Map();

/** Number of minor-unit digits of an ISO 4217 currency: EUR 2, JPY 0, BHD 3. */
export function currencyDigits(currency) {
  const code = String(currency || "").toUpperCase();
  let digits = digitsCache.get(code);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat("en", { style: "currency", currency: code })
        .resolvedOptions().maximumFractionDigits;
    } catch {
      digits = 2; // not a well-formed code; the server will say so
    }
    digitsCache.set(code, digits);
  }
  return digits;
}

/** "12345" minor units with 2 digits -> "123.45" (exact, via strings). */
export function minorToDecimalString(amount, digits) {
  let s = BigInt(amount).toString();
  const negative = s.startsWith("-");
  if (negative) s = s.slice(1);
  if (digits > 0) {
    s = s.padStart(digits + 1, "0");
    s = `${s.slice(0, -digits)}.${s.slice(-digits)}`;
  }
  return negative ? `-${s}` : s;
}

/** `{amount: 199, currency: "EUR"}` -> "1,99 €" (fr) / "€1.99" (en). Empty string for null. */
export function formatMoney(money, locale = current) {
  if (!money || money.amount === null || money.amount === undefined) return "";
  const currency = String(money.currency).toUpperCase();
  const digits = currencyDigits(currency);
  const nf = cached("number", intlLocale(locale), {
    style: "currency",
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  let decimal;
  try {
    decimal = minorToDecimalString(money.amount, digits);
  } catch {
    console.error("formatMoney: amount is not an integer of minor units", money);
    return `${money.amount} ${currency}`;
  }
  // Intl formats decimal strings exactly (no conversion to a float on the way).
  return nf.format(decimal);
}

/** A value for an input field: "1,99" (fr) / "1.99" (en), no symbol, no grouping. */
export function formatMoneyInput(money, locale = current) {
  if (!money || money.amount === null || money.amount === undefined) return "";
  const digits = currencyDigits(money.currency);
  const nf = cached("number", intlLocale(locale), {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    useGrouping: false,
  });
  return nf.format(minorToDecimalString(money.amount, digits));
}

/** The currency's symbol in this locale ("€", "$", "¥"). */
export function currencySymbol(currency, locale = current) {
  try {
    const parts = cached("number", intlLocale(locale), { style: "currency", currency }).formatToParts(0);
    return parts.find((p) => p.type === "currency")?.value ?? currency;
  } catch {
    return currency;
  }
}

function decimalSeparator(locale) {
  const parts = cached("number", intlLocale(locale), { minimumFractionDigits: 1 }).formatToParts(1.5);
  return parts.find((p) => p.type === "decimal")?.value ?? ".";
}

/** Error thrown by `parseMoney`; `key` and `params` give a translated message via `t`. */
export class MoneyParseError extends Error {
  constructor(key, params = {}) {
    super(key);
    this.name = "MoneyParseError";
    this.key = key;
    this.params = params;
  }
  get localizedMessage() {
    return t(this.key, this.params);
  }
}

/**
 * Reads an amount typed by a person and returns integer minor units.
 *
 * Accepts "1,99", "1.99", "1 234,56", "1,234.56", "1.234,56", "-3", "€ 2.50",
 * "2,50 €". One lone separator is the decimal mark when it is the locale's
 * decimal mark or is followed by anything but exactly three digits; otherwise
 * it groups thousands ("1,234" in English is 1234). More fraction digits than
 * the currency has is an error, unless the extra ones are zeros.
 * The result is built from the digit strings, never by multiplying a float.
 */
export function parseMoney(text, currency, locale = current) {
  const digits = currencyDigits(currency);
  let s = String(text ?? "").trim();
  if (s === "") throw new MoneyParseError("money.empty");

  // Currency symbols/codes and every kind of space or apostrophe used for grouping.
  s = s.replace(/\p{Sc}/gu, "");
  if (/^[A-Za-z]{3}$/.test(String(currency))) s = s.replace(new RegExp(String(currency), "gi"), "");
  s = s.replace(/[\s\u00a0\u202f\u2009'’]/g, "");
  let negative = false;
  if (/^[-\u2212]/.test(s)) {
    negative = true;
    s = s.slice(1);
  } else if (s.startsWith("+")) {
    s = s.slice(1);
  }
  if (!/^[0-9.,]+$/.test(s) || !/[0-9]/.test(s)) throw new MoneyParseError("money.invalid");

  const lastDot = s.lastIndexOf(".");
  const lastComma = s.lastIndexOf(",");
  let intPart = s;
  let fracPart = "";
  let groupSep = null;
  if (lastDot >= 0 && lastComma >= 0) {
    const dec = lastDot > lastComma ? "." : ",";
    groupSep = dec === "." ? "," : ".";
    const at = s.lastIndexOf(dec);
    if (s.indexOf(dec) !== at) throw new MoneyParseError("money.invalid");
    intPart = s.slice(0, at);
    fracPart = s.slice(at + 1);
  } else if (lastDot >= 0 || lastComma >= 0) {
    const sep = lastDot >= 0 ? "." : ",";
    const count = s.split(sep).length - 1;
    const after = s.slice(s.lastIndexOf(sep) + 1);
    const isDecimal = count === 1 && (sep === decimalSeparator(locale) || after.length !== 3);
    if (isDecimal) {
      [intPart, fracPart] = s.split(sep);
    } else {
      groupSep = sep;
    }
  }
  if (groupSep) {
    const groups = intPart.split(groupSep);
    const wellGrouped =
      groups[0].length >= 1 && groups[0].length <= 3 && groups.slice(1).every((g) => g.length === 3);
    if (!wellGrouped) throw new MoneyParseError("money.invalid");
    intPart = groups.join("");
  }
  if (!/^[0-9]*$/.test(intPart) || !/^[0-9]*$/.test(fracPart)) throw new MoneyParseError("money.invalid");
  if (intPart === "" && fracPart === "") throw new MoneyParseError("money.invalid");

  const significant = fracPart.replace(/0+$/, "");
  if (significant.length > digits) {
    throw new MoneyParseError("money.too_many_decimals", { currency, digits });
  }
  const minor = ((intPart || "0") + significant.padEnd(digits, "0")).replace(/^0+(?=\d)/, "");
  const value = Number.parseInt(minor, 10);
  if (!Number.isSafeInteger(value)) throw new MoneyParseError("money.too_large");
  return negative && value !== 0 ? -value : value;
}

// ------------------------------------------------------------------ dates

function toDate(value) {
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** "26 Nov 2026" / "26 nov. 2026", in the store's time zone. */
export function formatDate(value, locale = current) {
  const d = toDate(value);
  return d ? cached("date", intlLocale(locale), { dateStyle: "medium", timeZone }).format(d) : "";
}

/** "26 Nov 2026, 14:02" / "26 nov. 2026, 14:02", in the store's time zone. */
export function formatDateTime(value, locale = current) {
  const d = toDate(value);
  return d
    ? cached("date", intlLocale(locale), { dateStyle: "medium", timeStyle: "short", timeZone }).format(d)
    : "";
}

/** "14:02", or the full date and time when `value` is not today. */
export function formatTimeOrDateTime(value, locale = current, now = new Date()) {
  const d = toDate(value);
  if (!d) return "";
  if (formatDate(d, locale) === formatDate(now, locale)) {
    return cached("date", intlLocale(locale), { timeStyle: "short", timeZone }).format(d);
  }
  return formatDateTime(d, locale);
}

document.documentElement.lang = current;
