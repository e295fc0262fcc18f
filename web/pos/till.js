// The selling screen: scan or search on the left with the cart and totals,
// quick keys, actions and the pay button on the right. The right side turns
// into the payment panel, then the receipt panel, and back.

import { ApiError, api } from "../common/api.js";
import { debounce, errorText, h, icon, replace } from "../common/dom.js";
import { formatMoney, hasMessage, t } from "../common/i18n.js";
import { renderLines, renderTotals, revealLine } from "./cart.js";
import {
  CANCEL_REASONS, askDiscount, askNumber, askReason, confirmAction, formatQuantity, isDialogOpen, isLargeJump,
  quantityText, showShortcuts, withApproval,
} from "./dialogs.js";
import { mountDone } from "./done.js";
import { noSale, openMenu, showParked } from "./menu.js";
import { mountPayment } from "./payment.js";
import { afterPaint, busy, saleDropped, scanShown } from "./perf.js";
import { mountReturn, askReceipt } from "./returns.js";
import { changedLine, isReceiptNumber, sales } from "./sale.js";
import { listenForScans } from "./scanner.js";
import { beepError, beepOk } from "./sound.js";

export function mountTill(container, ctx) {
  const { session } = ctx;
  const currency = session.store.currency || "EUR";
  const st = {
    sale: null, // the SaleView on screen
    selected: null, // selected line number
    fresh: null, // line to flash
    mode: "sell", // sell | pay | done | return
    side: null, // the mounted right-side panel
    quickKeys: [],
    group: 0,
  };
  let chain = Promise.resolve();
  const enqueue = (fn) => {
    chain = chain.then(fn).catch((err) => showError(err));
    return chain;
  };

  // ------------------------------------------------------------ layout
  const searchInput = h("input", {
    id: "pos-search",
    class: "input",
    type: "search",
    autocomplete: "off",
    spellcheck: "false",
    placeholder: t("pos.search.placeholder"),
    "aria-label": t("pos.search.placeholder"),
    "aria-controls": "search-results",
    "aria-expanded": "false",
  });
  const results = h("ul", { class: "search-results", id: "search-results", role: "listbox", hidden: true });
  const banner = h("div", { class: "scan-banner", id: "scan-banner", role: "status", hidden: true });
  const modeBanner = h("div", { class: "mode-banner", id: "mode-banner", hidden: true });
  const list = h("ul", { class: "cart", id: "cart", role: "listbox", "aria-label": t("pos.cart.label"), tabindex: "-1" });
  const totals = h("dl", { class: "totals", id: "totals" });
  const offline = h("div", { class: "offline-banner", id: "offline-banner", role: "alert", hidden: true },
    h("div", { class: "spinner", "aria-hidden": "true" }),
    h("span", { class: "grow" }, t("pos.offline.retrying")));
  const side = h("div", { class: "pos-panel side", id: "side" });
  const left = h("section", { class: "pos-panel", id: "cart-panel" },
    modeBanner,
    offline,
    h("div", { class: "pos-search" },
      h("div", { class: "input-icon" }, icon("search"), searchInput),
      h("span", { class: "kbd kbd-hint" }, "F2"),
      results),
    banner,
    list,
    totals);
  replace(container, left, side);

  // ------------------------------------------------------------- state
  function setSale(sale, fresh = null) {
    st.sale = sale;
    st.fresh = fresh;
    const lines = sale?.lines ?? [];
    if (fresh) st.selected = fresh;
    else if (!lines.some((l) => l.line_no === st.selected)) st.selected = lines.at(-1)?.line_no ?? null;
    drawCart();
    st.side?.update?.(sale);
  }

  function drawCart() {
    renderLines(list, st.sale, {
      selected: st.selected,
      fresh: st.fresh,
      onSelect: (n) => {
        st.selected = n;
        st.fresh = null;
        drawCart();
      },
      onStep: st.mode === "sell" && st.sale?.status === "open" && st.sale.kind === "sale"
        ? (n, by) => enqueue(() => stepLine(n, by))
        : null,
    });
    renderTotals(totals, st.sale, currency);
    if (st.mode === "sell") drawSell();
    revealLine(list, st.selected);
  }

  function selectedLine() {
    return st.sale?.lines.find((l) => l.line_no === st.selected) ?? null;
  }

  async function ensureSale() {
    if (st.sale && st.sale.status === "open") return st.sale;
    const sale = await sales.open(session.register.id);
    st.sale = sale;
    return sale;
  }

  // ----------------------------------------------------------- banners
  let bannerTimer = null;
  function say(kind, text, detail, actionButton) {
    clearTimeout(bannerTimer);
    banner.className = `scan-banner is-${kind}`;
    replace(banner, icon(kind === "error" ? "alert" : kind === "ok" ? "check" : "barcode"),
      h("span", { class: "grow" }, text, detail ? h("span", { class: "detail" }, detail) : null),
      actionButton ?? null);
    banner.hidden = false;
    if (kind !== "error") bannerTimer = setTimeout(() => { banner.hidden = true; }, 4000);
  }
  function hush() {
    clearTimeout(bannerTimer);
    banner.hidden = true;
  }
  function showError(err) {
    if (err instanceof ApiError && err.status === 401) return;
    beepError();
    say("error", errorText(err));
  }
  function setOffline(waiting) {
    offline.hidden = !waiting;
    const el = document.getElementById("pos-connection");
    if (el) {
      el.classList.toggle("is-offline", waiting);
      el.textContent = waiting ? t("pos.offline") : t("pos.online");
    }
  }

  // ---------------------------------------------------------- scanning
  async function handleCode(code, enterAt, retried = false) {
    closeResults();
    if (st.mode === "pay" && st.side?.scan?.(code)) return;
    if (st.mode === "return") return st.side.scan(code, enterAt);
    if (st.mode === "done") toSell();
    if (isReceiptNumber(code) && !(st.sale?.lines?.length) && await startReturn(code, true)) return;
    if (st.mode === "pay") toSell();
    const started = performance.now();
    await ensureSale();
    const before = st.sale;
    try {
      const after = await sales.addCode(before.id, code);
      const answered = performance.now();
      hush();
      setSale(after, changedLine(before, after));
      const drawn = performance.now();
      await afterPaint();
      if (enterAt !== undefined) scanShown(enterAt, [started, answered, drawn]);
      beepOk();
    } catch (err) {
      if (err instanceof ApiError && err.code === "not_found" && !retried) {
        // The server no longer has this open sale (it stopped before saving it): start a new
        // one with this scan, and say so.
        saleDropped();
        setSale(null);
        await handleCode(code, enterAt, true);
        say("error", t("pos.sale.lost"));
        return;
      }
      if (err instanceof ApiError && (err.code === "unknown_code" || err.code === "invalid_code")) {
        beepError();
        if (isReceiptNumber(code) && err.code === "unknown_code") {
          say("error", t("pos.return.finish_first"));
          return;
        }
        // The reason in the page's language (the server's English message is for programs).
        const reason = err.code === "invalid_code" && hasMessage(`scan_reason.${err.details?.reason}`)
          ? t(`scan_reason.${err.details.reason}`)
          : null;
        say("error", err.code === "invalid_code" ? t("pos.scan.invalid", { code }) : t("pos.scan.unknown", { code }),
          reason,
          h("button", { type: "button", class: "btn btn-secondary", id: "scan-search", onclick: () => searchFor(code) },
            icon("search"), t("pos.scan.search")));
        return;
      }
      throw err;
    }
  }

  async function addItem(item, started = performance.now()) {
    closeResults();
    searchInput.value = "";
    let quantity;
    if (item.sold_by_weight) {
      quantity = await askNumber({ title: t("pos.weight.title", { name: item.name }), kind: "weight", unit: item.unit, id: "weight-dialog" });
      if (quantity === undefined) return;
      started = performance.now();
    }
    if (st.mode === "done" || st.mode === "pay") toSell();
    await ensureSale();
    const before = st.sale;
    // The sellable item: a variant's own id (a search hit's `product_id` is its parent's).
    const after = await sales.addItem(before.id, item.item_id ?? item.product_id, quantity);
    hush();
    setSale(after, changedLine(before, after));
    beepOk();
    await afterPaint();
    busy(started);
  }

  const stopScanner = listenForScans({
    isPaused: () => ctx.isLocked() || isDialogOpen() || !container.isConnected,
    onScan: (code, { enterAt }) => enqueue(() => handleCode(code, enterAt)),
  });

  // ------------------------------------------------------------ search
  let hits = [];
  let active = -1;
  let searchSeq = 0;
  function closeResults() {
    results.hidden = true;
    searchInput.setAttribute("aria-expanded", "false");
    hits = [];
    active = -1;
  }
  function drawResults() {
    if (!hits.length) {
      replace(results, h("li", { class: "search-empty", role: "presentation" }, t("pos.search.none")));
    } else {
      replace(results, hits.map((hit, i) => h("li", {
        role: "option",
        id: `hit-${i}`,
        dataset: { itemId: hit.item_id },
        "aria-selected": String(i === active),
        onpointerdown: (e) => e.preventDefault(),
        onclick: () => enqueue(() => addItem(hit)),
      },
      h("span", { class: "hit-name" }, hit.name),
      h("span", { class: "hit-sub" }, hit.sku, hit.sold_by_weight ? ` · ${t("pos.cart.weighed")}` : "",
        // On hand at the selling location, read with the page of hits (null without stock_read).
        typeof hit.on_hand === "string"
          ? h("span", { class: `hit-stock${hit.on_hand.startsWith("-") ? " is-negative" : ""}`, dataset: { onHand: hit.on_hand } },
            ` · ${t("pos.search.on_hand", { qty: stockQty(hit.on_hand, hit.unit) })}`)
          : null),
      h("span", { class: "hit-price" }, formatMoney(hit.price), hit.sold_by_weight ? `/${hit.unit}` : ""))));
    }
    results.hidden = false;
    searchInput.setAttribute("aria-expanded", "true");
  }
  const runSearch = debounce(async () => {
    const q = searchInput.value.trim();
    const seq = ++searchSeq;
    if (!q) return closeResults();
    try {
      const body = await api("GET", `/api/v1/catalog/search?q=${encodeURIComponent(q)}&limit=8`);
      if (seq !== searchSeq) return;
      hits = body?.items ?? [];
      active = hits.length ? 0 : -1;
      drawResults();
    } catch (err) {
      if (seq === searchSeq) showError(err);
    }
  }, 60);
  searchInput.addEventListener("input", () => runSearch());
  searchInput.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!hits.length) return;
      event.preventDefault();
      active = (active + (event.key === "ArrowDown" ? 1 : -1) + hits.length) % hits.length;
      drawResults();
      results.querySelector(`#hit-${active}`)?.scrollIntoView({ block: "nearest" });
    } else if (event.key === "Enter") {
      event.preventDefault();
      event.stopPropagation();
      const q = searchInput.value.trim();
      if (!q) return goPay();
      runSearch.cancel();
      if (hits[active]) {
        const hit = hits[active];
        enqueue(() => addItem(hit));
      } else {
        // Typed by hand from the label: take it as a code.
        searchInput.value = "";
        enqueue(() => handleCode(q));
      }
    } else if (event.key === "Escape") {
      searchInput.value = "";
      closeResults();
      searchInput.blur();
    }
  });
  searchInput.addEventListener("blur", () => setTimeout(closeResults, 150));
  function searchFor(text) {
    hush();
    searchInput.value = /^\d+$/.test(text) ? "" : text;
    searchInput.focus();
    if (searchInput.value) runSearch();
  }

  // -------------------------------------------------------- quick keys
  async function loadQuickKeys() {
    try {
      const body = await api("GET", "/api/v1/store/quick-keys");
      st.quickKeys = (body?.groups ?? []).filter((g) => g.keys?.length);
    } catch {
      st.quickKeys = [];
    }
    if (st.mode === "sell") drawSell(true);
  }

  function quickPanel() {
    const groups = st.quickKeys;
    if (!groups.length) {
      return h("div", { class: "quick" }, h("p", { class: "quick-empty" }, t("pos.quick.none")));
    }
    const g = groups[Math.min(st.group, groups.length - 1)];
    return h("div", { class: "quick", id: "quick-keys" },
      h("div", { class: "quick-tabs", role: "tablist" },
        groups.map((grp, i) => h("button", {
          type: "button",
          class: "quick-tab",
          role: "tab",
          "aria-selected": String(grp === g),
          onclick: () => {
            st.group = i;
            drawSell(true);
          },
        }, grp.name))),
      h("div", { class: "quick-grid", role: "tabpanel" },
        g.keys.map((k) => h("button", {
          type: "button",
          class: `qkey qk-${k.colour || "slate"}`,
          dataset: { productId: k.product_id },
          onclick: () => {
            const started = performance.now();
            enqueue(() => addItem({ ...k, item_id: k.product_id, name: k.label || k.name }, started));
          },
        },
        h("span", { class: "qk-label" }, k.label || k.name),
        h("span", { class: "qk-price" }, formatMoney(k.price), k.sold_by_weight ? `/${k.unit}` : "")))));
  }

  // ----------------------------------------------------------- actions
  const hasLines = () => st.sale?.status === "open" && st.sale.lines.some((l) => !l.voided);
  const lineOk = () => Boolean(selectedLine() && !selectedLine().voided);
  const hasPayments = () => Boolean(st.sale?.status === "open" && st.sale.payments?.some((p) => !p.voided_by && p.tendered.amount > 0));

  const ACTIONS = [
    { id: "act-qty", key: "F3", label: "pos.act.quantity", when: lineOk, run: changeQuantity },
    { id: "act-price", key: "F4", label: "pos.act.price", when: lineOk, run: changePrice },
    { id: "act-discount", key: "F6", label: "pos.act.discount", when: lineOk, run: lineDiscount },
    { id: "act-void", key: "F8", label: "pos.act.void", when: lineOk, run: voidLine, danger: true },
    { id: "act-sale-discount", key: "F7", label: "pos.act.sale_discount", when: hasLines, run: saleDiscount },
    // A sale with tenders cannot be parked (the money is taken): say so on the button.
    { id: "act-park", key: "F9", label: "pos.act.park", when: () => hasLines() && !hasPayments(), why: () => (hasPayments() ? t("pos.park.has_payments") : null), run: park },
    { id: "act-parked", key: "F10", label: "pos.act.parked", when: () => !hasLines(), run: resumeParked },
    { id: "act-return", key: "F5", label: "pos.act.return", when: () => !hasLines(), run: () => startReturn(null) },
    { id: "act-menu", key: "F12", label: "pos.act.menu", when: () => true, run: menu },
    { id: "act-help", key: "F1", label: "pos.act.help", when: () => true, run: help },
    { id: "act-no-sale", key: null, label: "pos.act.no_sale", when: () => !hasLines(), run: () => noSale(ctx, { say }) },
  ];

  // The sell panel is built once per visit; cart changes only refresh its states.
  let sellBuilt = false;
  const actionButtons = new Map();
  const payButton = h("button", { type: "button", class: "btn-pay", id: "pay", onclick: () => goPay() },
    h("span", { class: "pay-label" }, t("pos.pay"), " ", h("span", { class: "kbd" }, t("pos.key.enter"))),
    h("span", { class: "pay-amount", id: "pay-amount" }));
  const cancelAction = { id: "act-cancel", key: "Ctrl+Del", label: "pos.act.cancel", when: () => Boolean(st.sale?.lines?.length) && st.sale.status === "open", run: cancelSale };

  function buildSell() {
    actionButtons.clear();
    const buttons = [...ACTIONS, cancelAction].map((a) => {
      const b = h("button", {
        type: "button",
        class: `act${a.danger ? " is-danger" : ""}`,
        id: a.id,
        onclick: () => enqueue(a.run),
      }, h("span", {}, t(a.label)), a.key ? h("span", { class: "kbd" }, a.key) : null);
      actionButtons.set(a, b);
      return b;
    });
    replace(side,
      h("section", { class: "pos-panel" }, quickPanel()),
      h("div", { class: "actions", id: "actions" }, buttons),
      payButton);
    sellBuilt = true;
  }

  function drawSell(rebuild = false) {
    if (rebuild || !sellBuilt || !side.contains(payButton)) buildSell();
    for (const [a, b] of actionButtons) {
      b.disabled = !a.when();
      const why = a.why?.() ?? null;
      let note = b.querySelector(".act-why");
      if (why && !note) {
        note = h("span", { class: "act-why", id: `${a.id}-why` });
        b.firstElementChild.append(note);
      }
      if (note) note.textContent = why ?? "";
      if (why) b.title = why;
      else b.removeAttribute("title");
    }
    payButton.disabled = !hasLines();
    payButton.lastElementChild.textContent = formatMoney(st.sale?.status === "open" ? st.sale.total : { amount: 0, currency });
  }

  /** One more or one less of a line (at one, "less" offers to void it). */
  async function stepLine(lineNo, by) {
    const line = st.sale?.lines.find((l) => l.line_no === lineNo);
    if (!line || line.voided || line.sold_by_weight) return;
    const started = performance.now();
    const [whole, frac = ""] = String(line.quantity).split(".");
    if (/[1-9]/.test(frac)) return changeQuantity();
    const next = Number.parseInt(whole, 10) + by;
    if (next <= 0) return voidLine();
    const after = await withApproval(ctx, (approval) => sales.updateLine(st.sale.id, lineNo, { quantity: String(next), approval }));
    if (after) setSale(after, lineNo);
    await afterPaint();
    busy(started);
  }

  async function changeQuantity() {
    const line = selectedLine();
    if (!line) return;
    const q = await askNumber({
      title: line.sold_by_weight ? t("pos.weight.title", { name: line.description }) : t("pos.qty.title", { name: line.description }),
      kind: line.sold_by_weight ? "weight" : "quantity",
      unit: line.sold_by_weight ? line.unit : null,
      initial: quantityText(line.quantity),
      id: "qty-dialog",
    });
    if (q === undefined) return;
    if (isLargeJump(line.quantity, q)) {
      const to = formatQuantity(q, line.sold_by_weight);
      const ok = await confirmAction({
        title: t("pos.qty.confirm_title"),
        message: t("pos.qty.confirm_body", {
          name: line.description,
          from: formatQuantity(quantityText(line.quantity), line.sold_by_weight),
          to,
        }),
        confirmLabel: t("pos.qty.confirm_ok", { to }),
        id: "qty-confirm-dialog",
      });
      if (!ok) return;
    }
    const after = await withApproval(ctx, (approval) => sales.updateLine(st.sale.id, line.line_no, { quantity: q, approval }));
    if (after) setSale(after, line.line_no);
  }

  async function changePrice() {
    const line = selectedLine();
    if (!line) return;
    const amount = await askNumber({ title: t("pos.price.title", { name: line.description }), kind: "money", currency, unit: currency, id: "price-dialog" });
    if (amount === undefined) return;
    const after = await withApproval(ctx, (approval) => sales.updateLine(st.sale.id, line.line_no, { price_override: amount, approval }));
    if (after) setSale(after, line.line_no);
  }

  async function lineDiscount() {
    const line = selectedLine();
    if (!line) return;
    const d = await askDiscount({ title: t("pos.discount.line_title", { name: line.description }), currency, current: line.discount, allowClear: Boolean(line.discount) });
    if (!d) return;
    const patch = d.clear ? { clear_discount: true } : { discount: d };
    const after = await withApproval(ctx, (approval) => sales.updateLine(st.sale.id, line.line_no, { ...patch, approval }));
    if (after) setSale(after, line.line_no);
  }

  async function saleDiscount() {
    const d = await askDiscount({ title: t("pos.discount.sale_title"), currency, current: st.sale.discount, allowClear: Boolean(st.sale.discount), id: "sale-discount-dialog" });
    if (!d) return;
    const body = d.clear ? { discount: null } : { discount: d };
    const after = await withApproval(ctx, (approval) => sales.setDiscount(st.sale.id, { ...body, approval }));
    if (after) setSale(after);
  }

  async function voidLine() {
    const line = selectedLine();
    if (!line) return;
    const ok = await confirmAction({ title: t("pos.void.title"), message: t("pos.void.body", { name: line.description }), confirmLabel: t("pos.act.void"), danger: true, id: "void-dialog" });
    if (!ok) return;
    setSale(await sales.voidLine(st.sale.id, line.line_no), line.line_no);
  }

  async function park() {
    await sales.park(st.sale.id);
    saleDropped();
    setSale(null);
    say("info", t("pos.park.done"));
  }

  async function resumeParked() {
    const chosen = await showParked(ctx);
    if (!chosen) return;
    const sale = await sales.resume(chosen.id, session.register.id);
    toSell();
    setSale(sale);
    say("ok", t("pos.park.resumed"));
  }

  async function cancelSale() {
    if (!st.sale) return;
    const reason = await askReason({ title: t("pos.cancel.title"), reasons: CANCEL_REASONS, id: "cancel-dialog" });
    if (!reason) return;
    // Someone else's sale: a manager's PIN when the cashier may not cancel it.
    const cancelled = await withApproval(ctx, (approval) => sales.cancel(st.sale.id, { reason, approval }));
    if (cancelled === undefined) return;
    saleDropped();
    setSale(null);
    toSell();
    say("info", t("pos.cancel.done"));
  }

  function help() {
    return showShortcuts([
      ["F2", t("pos.search.placeholder")],
      ...ACTIONS.filter((a) => a.key).map((a) => [a.key, t(a.label)]),
      ["Ctrl+Del", t("pos.act.cancel")],
      [t("pos.key.enter"), t("pos.pay")],
      ["↑ ↓", t("pos.help.select_line")],
      ["+ −", t("pos.help.step")],
      ["Esc", t("pos.help.back")],
    ]);
  }

  async function menu() {
    await openMenu(ctx, {
      sale: () => st.sale,
      setSale,
      say,
      showError,
      hasLines,
    });
  }

  // ----------------------------------------------------------- returns
  async function startReturn(code, fromScan = false) {
    if (hasLines()) {
      say("error", t("pos.return.finish_first"));
      return fromScan;
    }
    const found = code ?? await askReceipt();
    if (found === undefined) return false;
    try {
      mountSide("return", mountReturn(side, {
        ctx,
        receipt: found,
        setSale: (s, fresh) => setSale(s, fresh),
        setOffline,
        say,
        showError,
        finished: (sale, since) => finishSale(sale, since),
        leave: () => {
          setSale(null);
          toSell();
        },
        modeBanner,
      }));
      await st.side.ready;
      return true;
    } catch (err) {
      if (fromScan && err instanceof ApiError && (err.status === 404 || err.status === 403)) {
        toSell();
        return false; // not a receipt after all: sell it as a code
      }
      toSell();
      showError(err);
      return true;
    }
  }

  // ---------------------------------------------------------- payment
  function mountSide(mode, panel) {
    st.side?.unmount?.();
    st.mode = mode;
    st.side = panel;
  }

  function toSell() {
    if (st.mode === "done") setSale(null);
    st.side?.unmount?.();
    st.side = null;
    st.mode = "sell";
    modeBanner.hidden = true;
    drawSell(true);
  }

  function goPay() {
    if (!hasLines() || st.mode !== "sell") return;
    const started = performance.now();
    closeResults();
    mountSide("pay", mountPayment(side, {
      ctx,
      sale: st.sale,
      setSale,
      setOffline,
      showError,
      back: () => toSell(),
      finished: (sale, since) => finishSale(sale, since),
    }));
    afterPaint().then(() => busy(started));
  }

  function finishSale(sale, since) {
    mountSide("done", mountDone(side, {
      ctx,
      sale,
      since,
      showError,
      next: () => toSell(),
    }));
    st.sale = sale;
    st.selected = null;
    st.fresh = null;
    drawCart();
  }

  // ---------------------------------------------------------- keyboard
  function onKey(event) {
    if (ctx.isLocked() || isDialogOpen() || !container.isConnected) return;
    const inSearch = event.target === searchInput;
    if (event.key === "F2") {
      event.preventDefault();
      searchInput.focus();
      searchInput.select();
      return;
    }
    if (st.mode === "pay" || st.mode === "done" || st.mode === "return") {
      if (st.side?.key?.(event)) {
        event.preventDefault();
        return;
      }
      if (st.mode !== "done") return;
      // Any other key after a sale: the receipt panel gives way to the next sale.
      if (ACTIONS.some((a) => a.key && a.key === event.key)) toSell();
      else return;
    }
    if (event.ctrlKey && event.key === "Delete") {
      event.preventDefault();
      enqueue(cancelSale);
      return;
    }
    const action = ACTIONS.find((a) => a.key && a.key === event.key);
    if (action) {
      event.preventDefault();
      if (action.when()) enqueue(action.run);
      return;
    }
    if (inSearch) return;
    if ((event.key === "+" || event.key === "-") && st.selected && hasLines() && !stopScanner.inBurst()) {
      event.preventDefault();
      enqueue(() => stepLine(st.selected, event.key === "+" ? 1 : -1));
      return;
    }
    if (event.key === "Enter" && !(event.target instanceof HTMLButtonElement)) {
      event.preventDefault();
      goPay();
    } else if ((event.key === "ArrowDown" || event.key === "ArrowUp") && st.sale?.lines?.length) {
      event.preventDefault();
      const lines = st.sale.lines;
      const at = Math.max(0, lines.findIndex((l) => l.line_no === st.selected));
      const next = Math.min(lines.length - 1, Math.max(0, at + (event.key === "ArrowDown" ? 1 : -1)));
      st.selected = lines[next].line_no;
      st.fresh = null;
      drawCart();
    }
  }
  window.addEventListener("keydown", onKey);

  // -------------------------------------------------------------- start
  async function start() {
    drawCart();
    loadQuickKeys();
    // A sale left open on this register (a reload, a crash) comes back.
    try {
      const body = await sales.listOpen();
      const mine = (body?.items ?? []).filter((s) => s.status === "open" && s.register_id === session.register.id
        && s.cashier_id === session.user.id);
      const current = mine[0];
      if (current) {
        if (current.kind === "return") {
          // A return left half-done: show it again.
          mountSide("return", mountReturn(side, {
            ctx, existing: current, setSale, setOffline, say, showError,
            finished: (sale, since) => finishSale(sale, since),
            leave: () => { setSale(null); toSell(); },
            modeBanner,
          }));
        } else {
          setSale(current);
          if (current.payments?.length) goPay();
        }
      }
    } catch (err) {
      showError(err);
    }
  }
  start();

  return {
    unmount() {
      stopScanner();
      window.removeEventListener("keydown", onKey);
      st.side?.unmount?.();
    },
    focus() {
      list.focus();
    },
    async beforeSignOut() {
      if (st.mode === "pay" && st.sale?.payments?.length) {
        say("error", t("pos.signout.paying"));
        return false;
      }
      if (hasLines() && st.mode === "sell") {
        await sales.park(st.sale.id).catch(() => {});
      }
      return true;
    },
  };
}

/** "12.000" -> "12", "1.250" -> "1.25 kg": a level as the till shows it. */
function stockQty(text, unit) {
  const shown = text.includes(".") ? text.replace(/0+$/, "").replace(/\.$/, "") : text;
  return unit && unit !== "each" ? `${shown} ${unit}` : shown;
}
