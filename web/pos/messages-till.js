// The till's messages for issue 12's fixes: a large quantity jump, Park with payments, and
// reprinting a past receipt (English and French; a test checks the keys match).

export const tillMessages = {
  en: {
    "pos.qty.confirm_title": "Check the quantity",
    "pos.qty.confirm_body": "{name}: from {from} to {to}?",
    "pos.qty.confirm_ok": "Yes, {to}",
    "pos.park.has_payments": "Payments taken: finish or void them first",
    "pos.menu.reprint": "Reprint a receipt",
    "pos.reprint.title": "Reprint a receipt",
    "pos.reprint.number": "Receipt number",
    "pos.reprint.hint": "Scan the receipt's barcode or type its number. The copy is marked DUPLICATE.",
    "pos.reprint.find": "Reprint",
    "pos.reprint.not_found": "No receipt {number} in this shop.",
    "pos.reprint.shown": "Duplicate of {number}",
    "pos.search.on_hand": "{qty} in stock",
  },
  fr: {
    "pos.qty.confirm_title": "Vérifiez la quantité",
    "pos.qty.confirm_body": "{name} : passer de {from} à {to} ?",
    "pos.qty.confirm_ok": "Oui, {to}",
    "pos.park.has_payments": "Paiements encaissés : terminez ou annulez-les d’abord",
    "pos.menu.reprint": "Réimprimer un ticket",
    "pos.reprint.title": "Réimprimer un ticket",
    "pos.reprint.number": "Numéro du ticket",
    "pos.reprint.hint": "Scannez le code-barres du ticket ou tapez son numéro. La copie porte la mention DUPLICATA.",
    "pos.reprint.find": "Réimprimer",
    "pos.reprint.not_found": "Aucun ticket {number} dans cette boutique.",
    "pos.reprint.shown": "Duplicata de {number}",
    "pos.search.on_hand": "{qty} en stock",
  },
};
