// Stock quantities as the API sends them (decimal strings with three decimals, "-1.500"),
// shown in the user's language. Intl formats the decimal string exactly: no float on the way.

import { formatNumber } from "../common/i18n.js";

/** "4.500" → "4.5" (en) or "4,5" (fr). */
export function qtyText(text) {
  return text === null || text === undefined ? "" : formatNumber(text);
}

/** A signed quantity: "-1.000" → "-1", "2.000" → "+2", "0.000" → "0". */
export function signedQty(text) {
  const s = qtyText(text);
  return String(text).startsWith("-") || /^0(\.0*)?$/.test(String(text)) ? s : `+${s}`;
}
