// The customer display: `/display/?register=<id>`. It follows the register
// live through server-sent events: the lines and total while the cashier
// scans, the change due once paid, a welcome when idle. It runs in the same
// browser as the till (the session cookie signs its requests).

import { h, replace } from "../common/dom.js";
import { addMessages, formatMoney, getLocale, setLocale, t } from "../common/i18n.js";

addMessages({
  en: {
    "display.welcome": "Welcome",
    "display.welcome_sub": "Your items will appear here.",
    "display.total": "Total",
    "display.refund": "Refund",
    "display.paid": "Paid",
    "display.left": "Left to pay",
    "display.change": "Your change",
    "display.thanks": "Thank you!",
    "display.thanks_sub": "See you soon.",
    "display.discounts": "Savings",
    "display.no_register": "Open this page from the till's menu (Customer display).",
    "display.signed_out": "The till is not signed in in this browser.",
    "display.reconnecting": "Reconnecting to the till…",
  },
  fr: {
    "display.welcome": "Bienvenue",
    "display.welcome_sub": "Vos articles s’affichent ici.",
    "display.total": "Total",
    "display.refund": "Remboursement",
    "display.paid": "Payé",
    "display.left": "Reste à payer",
    "display.change": "Votre monnaie",
    "display.thanks": "Merci !",
    "display.thanks_sub": "À bientôt.",
    "display.discounts": "Économies",
    "display.no_register": "Ouvrez cette page depuis le menu de la caisse (Afficheur client).",
    "display.signed_out": "La caisse n’est pas connectée dans ce navigateur.",
    "display.reconnecting": "Reconnexion à la caisse…",
  },
});

const root = document.getElementById("display");
const register = new URLSearchParams(location.search).get("register");
const params = new URLSearchParams(location.search);
// The language in the URL (the till opens the display in its own), without changing what the
// till remembers; afterwards the display follows the till's language switch.
setLocale(params.get("lang") || getLocale(), { persist: false });
let last = null; // the latest event
let storeName = "";
let lastLines = 0;

function top(state) {
  return h("header", { class: "d-top" },
    h("span", { class: "d-shop", id: "d-shop" }, storeName),
    h("span", { class: "d-register", id: "d-register" }, state?.register?.name ?? ""));
}

function qty(line) {
  const nf = new Intl.NumberFormat(getLocale(), { minimumFractionDigits: line.sold_by_weight ? 3 : 0, maximumFractionDigits: 3 });
  const q = nf.format(String(line.quantity));
  const price = formatMoney(line.price_override ?? line.unit_price);
  return line.sold_by_weight ? `${q} ${line.unit} × ${price}/${line.unit}` : `${q} × ${price}`;
}

function draw(state) {
  root.className = `display is-${state.state}`;
  root.dataset.state = state.state;
  root.dataset.seq = String(state.seq ?? "");
  const sale = state.sale;
  if (state.state === "idle" || (!sale && state.state !== "paid")) {
    lastLines = 0;
    replace(root, top(state), h("div", { class: "d-body" },
      h("div", { class: "d-welcome", id: "d-welcome" }, h("h1", {}, t("display.welcome")), h("p", {}, t("display.welcome_sub")))));
    return;
  }
  if (state.state === "paid") {
    const change = state.change && state.change.amount !== 0 ? state.change : null;
    replace(root, top(state), h("div", { class: "d-body" },
      h("div", { class: "d-welcome d-thanks", id: "d-thanks" },
        h("h1", {}, t("display.thanks")),
        change
          ? [h("p", { class: "d-label" }, t("display.change")), h("div", { class: "d-total d-change", id: "d-change" }, formatMoney(change))]
          : h("div", { class: "d-total", id: "d-paid-total" }, formatMoney(state.total)),
        h("p", {}, t("display.thanks_sub")))));
    return;
  }
  const lines = sale.lines ?? [];
  const grew = lines.length > lastLines;
  lastLines = lines.length;
  const shown = lines.slice(-9);
  const s = sale.settlement;
  replace(root, top(state), h("div", { class: "d-body" },
    h("ul", { class: "d-lines", id: "d-lines" }, shown.map((l, i) => h("li", {
      class: `d-line${l.voided ? " is-voided" : ""}${grew && i === shown.length - 1 ? " is-last" : ""}`,
      dataset: { lineNo: l.line_no },
    },
    h("span", { class: "n" }, l.description),
    h("span", { class: "q" }, qty(l)),
    h("span", { class: "a" }, formatMoney(l.voided ? { ...l.total, amount: 0 } : l.total))))),
    h("aside", { class: "d-side" },
      h("div", {},
        h("div", { class: "d-label" }, sale.kind === "return" ? t("display.refund") : t("display.total")),
        h("div", { class: "d-total", id: "d-total" }, formatMoney(sale.total))),
      h("div", { class: "d-sub" },
        sale.discount_total.amount !== 0 ? [h("span", {}, t("display.discounts")), h("span", {}, formatMoney(sale.discount_total))] : null,
        s.paid.amount !== 0 ? [h("span", {}, t("display.paid")), h("span", { id: "d-paid" }, formatMoney(s.paid)),
          h("span", {}, t("display.left")), h("span", { id: "d-left" }, formatMoney(s.remaining))] : null,
        s.change.amount !== 0 ? [h("span", { class: "d-change" }, t("display.change")), h("span", { class: "d-change" }, formatMoney(s.change))] : null))));
}

function problem(text) {
  replace(root, top(last), h("div", { class: "d-body" }, h("div", { class: "d-error", id: "d-error" }, text)));
}

async function connect() {
  if (!register) return problem(t("display.no_register"));
  const url = `/api/v1/registers/${encodeURIComponent(register)}/display/events`;
  const source = new EventSource(url);
  source.addEventListener("display", (event) => {
    try {
      last = JSON.parse(event.data);
      draw(last);
    } catch (err) {
      console.error("display event", err);
    }
  });
  source.addEventListener("error", async () => {
    if (source.readyState === EventSource.CLOSED) {
      // The server refused the stream: find out why, then try again later.
      try {
        const res = await fetch("/api/v1/auth/me", { credentials: "same-origin", headers: { "X-Caisse-Till": "1" } });
        problem(res.status === 401 ? t("display.signed_out") : t("display.reconnecting"));
      } catch {
        problem(t("display.reconnecting"));
      }
      setTimeout(connect, 3000);
    }
  });
}

window.addEventListener("caisse:localechange", () => last && draw(last));
window.addEventListener("storage", (e) => {
  if (e.key === "caisse.locale" && e.newValue && e.newValue !== getLocale()) setLocale(e.newValue, { persist: false });
});
if (!last) draw({ state: "idle", seq: 0 });
fetch("/api/v1/auth/me", { credentials: "same-origin", headers: { "X-Caisse-Till": "1" } })
  .then((res) => (res.ok ? res.json() : null))
  .then((me) => {
    storeName = me?.store?.name ?? "";
    document.title = storeName || "Caisse";
    const el = document.getElementById("d-shop");
    if (el) el.textContent = storeName;
  })
  .catch(() => {});
connect();
