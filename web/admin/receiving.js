// Receiving a delivery by scanning (#/receiving/:id), made for a phone (360 px wide) with a
// Bluetooth scanner: the scanner types the code and Enter into the focused field; every scan
// is sent at once (in order, one at a time), beeps, flashes, and updates the running list from
// the answer alone (no reload of the order). The counts live on the server: reloading the
// page, or another phone, shows the same. Tap a line to correct its count. "Review" shows the
// over- and under-deliveries, unordered items and unknown codes before confirming; confirming
// sends one Idempotency-Key, kept in this tab until it is answered, so a retry never books
// the receipt twice.

import { api } from "../common/api.js";
import { errorText, h, icon, openDialog, replace, toast } from "../common/dom.js";
import { t } from "../common/i18n.js";
import { pageHeader, textInput } from "./ui.js";


/** thousandths of a decimal string ("1.500" → 1500). */
function milli(text) {
  const [int, frac = ""] = String(text ?? "0").split(".");
  const sign = int.startsWith("-") ? -1 : 1;
  return sign * (Math.abs(Number.parseInt(int, 10) || 0) * 1000 + Number.parseInt((frac + "000").slice(0, 3), 10));
}
function qty(m) {
  const s = (Math.abs(m) / 1000).toFixed(3).replace(/\.?0+$/, "");
  return m < 0 ? `-${s}` : s;
}
function stateOf(expected, counted) {
  if (counted === 0 && expected > 0) return "missing";
  if (counted < expected) return "short";
  if (counted > expected) return "over";
  return "complete";
}
const BADGE = { complete: "badge-success", short: "badge-warning", over: "badge-danger", missing: "badge-neutral" };

let audio = null;
function beep(ok) {
  try {
    audio ??= new AudioContext();
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.frequency.value = ok ? 1320 : 330;
    gain.gain.value = 0.08;
    osc.connect(gain).connect(audio.destination);
    osc.start();
    osc.stop(audio.currentTime + (ok ? 0.08 : 0.25));
  } catch {
    // no sound here: the flash says it
  }
}

export function mount(container, ctx, route) {
  ctx.setTitle(t("receiving.title"));
  const root = h("div", { class: "page-body" }, h("div", { class: "loading" }, t("common.loading")));
  container.append(root);
  let session = null;
  let last = null;
  let queue = Promise.resolve();
  let disposed = false;
  const keyName = `caisse.receive.${route.id}.key`;

  const input = textInput("receive-scan", { autocomplete: "off", autocapitalize: "off", spellcheck: "false", enterkeyhint: "send", placeholder: t("receiving.scan_here"), "aria-label": t("receiving.scan_here") });
  const flash = h("div", { class: "rcv-flash", id: "receive-flash", role: "status", "aria-live": "polite" }, t("receiving.ready"));
  const chips = h("div", { class: "rcv-chips", id: "receive-summary" });
  const list = h("ol", { class: "rcv-list", id: "receive-lines" });
  const extra = h("div", { id: "receive-extra" });
  const form = h("form", { class: "rcv-scan", id: "receive-form", onsubmit: (e) => {
    e.preventDefault();
    const code = input.value.trim();
    input.value = "";
    if (code) enqueue(code);
  } }, input, h("button", { type: "submit", class: "btn btn-primary", "aria-label": t("receiving.count") }, icon("barcode")));
  const review = h("button", { type: "button", class: "btn btn-primary", id: "receive-review", onclick: () => openReview() }, icon("check"), t("receiving.review"));

  // The scanner types into whatever has focus: keep it on the scan field.
  const refocus = () => setTimeout(() => {
    if (!disposed && !document.querySelector("dialog[open]") && document.activeElement !== input) input.focus();
  }, 0);
  input.addEventListener("blur", refocus);

  load();

  async function load() {
    try {
      session = await api("GET", `/api/v1/receiving/${route.id}`);
      draw();
    } catch (err) {
      replace(root, h("div", { class: "alert alert-error" }, errorText(err)));
    }
  }

  function enqueue(code) {
    queue = queue.then(() => send(code));
  }

  async function send(code) {
    try {
      const a = await api("POST", `/api/v1/receiving/${route.id}/scans`, { code });
      apply(a);
    } catch (err) {
      show("bad", errorText(err), false);
      // The answer may have been lost after the count: show the server's counts.
      if (err.code === "network_error") await load();
    }
  }

  function show(kind, text, ok) {
    flash.className = `rcv-flash ${kind}`;
    void flash.offsetWidth;
    flash.classList.add("pulse");
    flash.textContent = text;
    beep(ok);
  }

  function apply(a) {
    if (a.result === "unknown") {
      const u = session.unknown.find((x) => x.code === a.code);
      if (u) u.scans = a.scans;
      else session.unknown.unshift({ code: a.code, scans: a.scans });
      last = null;
      show("bad", t("receiving.unknown", { code: a.code }), false);
    } else if (a.result === "unordered") {
      const u = session.unordered.find((x) => x.item_id === a.item_id);
      if (u) u.counted = a.counted;
      else session.unordered.unshift({ item_id: a.item_id, sku: a.sku, name: a.name, counted: a.counted });
      last = a.item_id;
      show("bad", t("receiving.unordered", { name: a.name }), false);
    } else {
      const l = session.lines.find((x) => x.line_no === a.line_no);
      if (l) {
        l.counted = a.counted;
        l.state = a.state;
        l.difference = qty(milli(a.counted) - milli(a.expected));
      }
      last = a.item_id;
      const text = `${a.name}: ${qty(milli(a.counted))} / ${qty(milli(a.expected))}`;
      show(a.state === "over" ? "warn" : "ok", a.state === "over" ? `${text} — ${t("receiving.state.over")}` : text, a.state !== "over");
    }
    draw();
  }

  function summary() {
    const n = (s) => session.lines.filter((l) => l.state === s).length;
    return { complete: n("complete"), short: n("short"), over: n("over"), missing: n("missing"), unordered: session.unordered.length, unknown: session.unknown.length };
  }

  function draw() {
    const s = summary();
    const closed = session.status !== "open";
    // Once confirmed, the order's expectations have moved on: show what was received only.
    chips.hidden = closed;
    replace(chips, ...["complete", "short", "over", "missing", "unordered", "unknown"].map((k) => h("span", { class: `badge ${BADGE[k] ?? "badge-danger"}`, dataset: { count: k } }, `${t(`receiving.state.${k}`)} ${s[k]}`)));
    // The line scanned last first, then the order's order.
    const lines = [...session.lines].sort((a, b) => (b.item_id === last) - (a.item_id === last) || a.line_no - b.line_no);
    replace(list, ...lines.map((l) => h("li", {
      class: `rcv-line${l.item_id === last ? " last" : ""}`, dataset: { itemId: l.item_id, state: l.state }, tabindex: "-1",
      onclick: () => correct(l),
    },
    h("span", { class: "rcv-name" }, l.name),
    h("span", { class: "rcv-count" }, closed ? qty(milli(l.counted)) : `${qty(milli(l.counted))} / ${qty(milli(l.expected))}`),
    h("span", { class: "rcv-sku" }, l.sku),
    closed ? h("span", {}) : h("span", {}, h("span", { class: `badge ${BADGE[l.state]}` }, t(`receiving.state.${l.state}`))))));
    replace(extra,
      session.unordered.length ? h("h2", { class: "rcv-h" }, t("receiving.unordered_title")) : null,
      session.unordered.length ? h("ul", { class: "rcv-list", id: "receive-unordered" }, session.unordered.map((u) => h("li", { class: "rcv-line", dataset: { itemId: u.item_id }, onclick: () => correct(u) }, h("span", { class: "rcv-name" }, u.name), h("span", { class: "rcv-count" }, qty(milli(u.counted))), h("span", { class: "rcv-sku" }, u.sku)))) : null,
      session.unknown.length ? h("h2", { class: "rcv-h" }, t("receiving.unknown_title")) : null,
      session.unknown.length ? h("ul", { class: "rcv-list", id: "receive-unknown" }, session.unknown.map((u) => h("li", { class: "rcv-line" }, h("span", { class: "rcv-name mono" }, u.code), h("span", { class: "rcv-count" }, `× ${u.scans}`)))) : null);
    if (!root.contains(form)) {
      replace(root, h("div", { class: "rcv" },
        pageHeader({ title: t("receiving.heading", { number: session.po_number }), titleId: "receive-title", subtitle: h("p", { class: "muted" }, session.supplier_name) }),
        closed ? h("div", { class: "alert alert-success", id: "receive-done" }, t("receiving.confirmed")) : form,
        closed ? null : flash,
        chips, list, extra,
        closed ? back() : h("div", { class: "rcv-bar" }, review)));
      if (!closed) input.focus();
    }
  }

  // Buyers go back to the order; whoever only receives (a cashier the store lets receive)
  // goes back to the deliveries still expected.
  function back() {
    return ctx.can("purchasing")
      ? h("a", { class: "btn btn-secondary", id: "receive-back", href: `#/purchase-orders/${session.po_id}` }, t("receiving.back"))
      : h("a", { class: "btn btn-secondary", id: "receive-back", href: "#/deliveries" }, t("receiving.back_deliveries"));
  }

  async function correct(line) {
    if (session.status !== "open") return;
    const box = textInput("receive-correct", { inputmode: "decimal", value: qty(milli(line.counted)) });
    const value = await openDialog({
      title: line.name,
      id: "receive-correct-dialog",
      body: h("div", { class: "stack" }, h("label", { for: "receive-correct" }, t("receiving.counted")), box),
      actions: (close) => [
        h("button", { type: "button", class: "btn btn-secondary", onclick: () => close() }, t("common.cancel")),
        h("button", { type: "button", class: "btn btn-primary", id: "receive-correct-save", onclick: () => close(box.value.trim()) }, t("purchasing.save")),
      ],
    });
    if (value !== undefined) {
      try {
        session = await api("PUT", `/api/v1/receiving/${route.id}/counts/${line.item_id}`, { quantity: value || "0" });
        draw();
      } catch (err) {
        toast(errorText(err), { kind: "error" });
      }
    }
    refocus();
  }

  async function openReview() {
    await queue;
    const s = summary();
    const diff = session.lines.filter((l) => l.state !== "complete");
    const go = await openDialog({
      title: t("receiving.review_title"),
      id: "receive-review-dialog",
      body: h("div", { class: "stack", id: "receive-review-body" },
        h("p", {}, t("receiving.review_counts", s)),
        diff.length ? h("ul", { class: "plain-list" }, diff.map((l) => h("li", { dataset: { state: l.state } },
          h("span", { class: `badge ${BADGE[l.state]}` }, t(`receiving.state.${l.state}`)), " ", l.name, ` ${milli(l.difference) > 0 ? "+" : ""}${qty(milli(l.difference))}`))) : h("p", {}, t("receiving.all_complete")),
        s.unordered ? h("p", { class: "muted" }, t("receiving.unordered_note", { n: s.unordered })) : null,
        s.unknown ? h("p", { class: "muted" }, t("receiving.unknown_note", { n: s.unknown })) : null),
      actions: (close) => [
        h("button", { type: "button", class: "btn btn-secondary", onclick: () => close(false) }, t("receiving.keep_scanning")),
        h("button", { type: "button", class: "btn btn-primary", id: "receive-confirm", onclick: () => close(true) }, icon("check"), t("receiving.confirm")),
      ],
    });
    if (!go) return refocus();
    let key = sessionStorage.getItem(keyName);
    if (!key) {
      // (randomUUID needs a secure context; a shop's LAN address may not be one.)
      key = [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, "0")).join("");
      sessionStorage.setItem(keyName, key);
    }
    try {
      const receipt = await api("POST", `/api/v1/receiving/${route.id}/confirm`, {}, { headers: { "Idempotency-Key": key } });
      sessionStorage.removeItem(keyName);
      toast(t("receiving.received", { status: t(`purchasing.status.${receipt.po_status}`) }), { kind: "success" });
      session = await api("GET", `/api/v1/receiving/${route.id}`);
      replace(root);
      draw();
    } catch (err) {
      if (err.code !== "network_error" && err.code !== "idempotency_in_flight") sessionStorage.removeItem(keyName);
      toast(errorText(err), { kind: "error" });
      refocus();
    }
  }

  return { unmount: () => { disposed = true; } };
}
