// Adjusting stock: #/stock/adjust books damage, theft, expiry, a correction or another reason
// at a location. Lines come from a scanner (a code then Enter: each scan takes one more out)
// or a search; each line's quantity is signed ("-2" takes two out, "3" puts three back).
// The request carries an Idempotency-Key kept until it is answered, so sending it again
// after a lost answer books it once. `?item=<id>` starts with that item.

import { api, query } from "../common/api.js";
import { debounce, errorText, h, icon, replace, toast } from "../common/dom.js";
import { t } from "../common/i18n.js";
import { formatQty, locationLabel, locations, parseQty, qtyInputText } from "./stock-ui.js";
import { clearFieldErrors, field, pageHeader, selectInput, setAlert, showApiFieldErrors, textInput } from "./ui.js";

const REASONS = ["damage", "theft", "expiry", "correction", "other"];

export function mount(container, ctx, route) {
  ctx.setTitle(t("stock.adjust_title"));
  const lines = []; // {item_id, sku, name, unit, input}
  let key = crypto.randomUUID();
  let dirty = false;

  const locationSelect = selectInput("adjust-location", []);
  const reasonSelect = selectInput("adjust-reason", REASONS.map((r) => ({ value: r, label: t(`stock.reason.${r}`) })));
  const note = textInput("adjust-note", { maxlength: "200" });
  const scan = textInput("adjust-scan", { type: "search", placeholder: t("stock.scan_placeholder"), spellcheck: "false" });
  const results = h("ul", { class: "adjust-results", id: "adjust-results", role: "listbox", hidden: true });
  const linesBody = h("tbody", {});
  const linesTable = h("table", { class: "table data-list adjust-lines", id: "adjust-lines" },
    h("thead", {}, h("tr", {},
      h("th", { scope: "col" }, t("stock.item")),
      h("th", { scope: "col" }, t("stock.sku")),
      h("th", { scope: "col" }, t("stock.quantity")),
      h("th", { scope: "col" }, ""))),
    linesBody);
  const alertBox = h("div", { class: "alert alert-error", role: "alert", hidden: true, id: "adjust-error" });
  const done = h("div", { id: "adjust-done", hidden: true, class: "alert alert-success", role: "status" });
  const submit = h("button", { type: "submit", class: "btn btn-primary", id: "adjust-submit" }, icon("check"), t("stock.adjust_submit"));

  const form = h("form", { class: "stack", id: "adjust-form", novalidate: true },
    h("section", { class: "card" }, h("div", { class: "card-body form-grid" },
      field({ name: "location_id", id: "adjust-location", label: t("stock.location"), control: locationSelect }),
      field({ name: "reason", id: "adjust-reason", label: t("stock.reason_label"), control: reasonSelect }),
      field({ name: "note", id: "adjust-note", label: t("stock.note"), control: note, span: true }))),
    h("section", { class: "card" },
      h("div", { class: "card-header" }, h("h2", {}, t("stock.lines"))),
      h("div", { class: "card-body stack" },
        field({ name: "lines", id: "adjust-scan", label: t("stock.scan_label"), control: h("div", { class: "adjust-search" }, scan, results), hint: t("stock.scan_hint") }),
        h("div", { class: "table-wrap" }, linesTable))),
    alertBox,
    done,
    h("div", {}, submit));

  // ------------------------------------------------------------------ lines
  function renderLines() {
    if (lines.length === 0) {
      replace(linesBody, h("tr", { class: "table-empty" }, h("td", { colspan: "4" }, t("stock.lines_none"))));
      return;
    }
    replace(linesBody, lines.map((line, index) => h("tr", { dataset: { row: "", itemId: line.item_id } },
      h("td", { class: "cell-strong", dataset: { label: t("stock.item") } }, line.name),
      h("td", { class: "mono", dataset: { label: t("stock.sku") } }, line.sku),
      h("td", { dataset: { label: t("stock.quantity") } }, h("div", { class: "input-group" }, line.input,
        line.unit !== "each" ? h("span", { class: "input-addon" }, line.unit) : null)),
      h("td", {}, h("button", {
        type: "button",
        class: "btn btn-secondary btn-sm",
        "aria-label": t("stock.remove_line"),
        onclick: () => {
          lines.splice(index, 1);
          renderLines();
        },
      }, icon("trash"))))));
  }

  /** Adds an item, or takes one more of it out when it is already listed. */
  function addItem(item) {
    dirty = true;
    done.hidden = true;
    const found = lines.find((l) => l.item_id === item.item_id);
    if (found) {
      let now;
      try {
        now = parseQty(found.input.value);
      } catch {
        now = "0";
      }
      found.input.value = qtyInputText(minusOne(now));
    } else {
      lines.push({
        item_id: item.item_id,
        sku: item.sku,
        name: item.name,
        unit: item.unit,
        input: textInput(`adjust-qty-${lines.length}`, { inputmode: "decimal", value: "-1", "aria-label": t("stock.quantity") }),
      });
    }
    renderLines();
  }

  // -------------------------------------------------------------- scan and search
  async function lookUp(code) {
    try {
      const found = await api("GET", `/api/v1/catalog/lookup${query({ code })}`);
      addItem(found.item);
      scan.value = "";
      hideResults();
    } catch (err) {
      if (err.code === "unknown_code" || err.status === 404 || err.status === 422) {
        await search(code);
      } else {
        setAlert(alertBox, errorText(err));
      }
    }
  }

  let searchSeq = 0;
  async function search(text) {
    const q = text.trim();
    const mine = ++searchSeq;
    if (!q) {
      hideResults();
      return;
    }
    try {
      const body = await api("GET", `/api/v1/catalog/search${query({ q, limit: 8 })}`);
      if (mine !== searchSeq) return;
      const items = body.items ?? [];
      results.hidden = false;
      replace(results, items.length
        ? items.map((item) => h("li", { role: "option" }, h("button", {
          type: "button",
          class: "adjust-hit",
          dataset: { itemId: item.item_id },
          onclick: () => {
            addItem(item);
            scan.value = "";
            hideResults();
            scan.focus();
          },
        }, h("span", {}, item.name), h("span", { class: "mono muted" }, ` ${item.sku}`))))
        : h("li", { class: "adjust-empty" }, t("stock.search_none")));
    } catch (err) {
      if (mine === searchSeq) setAlert(alertBox, errorText(err));
    }
  }

  function hideResults() {
    results.hidden = true;
    results.replaceChildren();
  }

  const later = debounce(() => search(scan.value), 150);
  scan.addEventListener("input", () => later());
  scan.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    later.cancel();
    const code = scan.value.trim();
    if (code) lookUp(code);
  });

  // ------------------------------------------------------------------ submit
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearFieldErrors(form);
    setAlert(alertBox);
    if (lines.length === 0) {
      setAlert(alertBox, t("stock.lines_none"));
      scan.focus();
      return;
    }
    let body;
    try {
      body = {
        location_id: locationSelect.value || undefined,
        reason: reasonSelect.value,
        note: note.value.trim() || undefined,
        lines: lines.map((l) => ({ item_id: l.item_id, quantity: parseQty(l.input.value) })),
      };
    } catch (err) {
      setAlert(alertBox, err.localizedMessage ?? errorText(err));
      return;
    }
    submit.disabled = true;
    try {
      const answer = await api("POST", "/api/v1/stock/adjustments", body, { headers: { "Idempotency-Key": key } });
      key = crypto.randomUUID();
      dirty = false;
      const names = new Map(lines.map((l) => [l.item_id, l]));
      replace(done, icon("check"), h("div", {},
        h("strong", {}, t("stock.adjust_done")),
        h("ul", {}, answer.lines.map((l) => {
          const line = names.get(l.item_id);
          return h("li", {}, `${line?.name ?? l.item_id}: ${formatQty(l.quantity, line?.unit)} → ${formatQty(l.on_hand_after, line?.unit)}`);
        }))));
      done.hidden = false;
      lines.length = 0;
      note.value = "";
      renderLines();
      toast(t("stock.adjust_done"), { kind: "success" });
      scan.focus();
    } catch (err) {
      // A validation error changes nothing: the same key may be sent again once fixed.
      const rest = showApiFieldErrors(form, err);
      if (rest.length) setAlert(alertBox, rest.join(" "));
    } finally {
      submit.disabled = false;
    }
  });

  container.append(
    pageHeader({
      title: t("stock.adjust_title"),
      crumb: h("a", { href: "#/stock", class: "crumb" }, icon("left"), t("stock.levels_title")),
      subtitle: h("span", { class: "crumb" }, t("stock.adjust_subtitle")),
    }),
    h("div", { class: "page-body" }, form));
  renderLines();

  Promise.all([locations(), api("GET", "/api/v1/stock/settings")]).then(([list, settings]) => {
    for (const l of list.filter((x) => x.active)) locationSelect.append(h("option", { value: l.id }, locationLabel(l)));
    locationSelect.value = settings.selling_location_id ?? list[0]?.id ?? "";
  }).catch((err) => setAlert(alertBox, errorText(err)));

  const first = route.params.get("item");
  if (first) {
    api("GET", `/api/v1/stock/${encodeURIComponent(first)}`)
      .then((v) => {
        addItem({ item_id: v.item_id, sku: v.sku, name: v.variant_name ? `${v.name} — ${v.variant_name}` : v.name, unit: v.unit });
        dirty = false; // asked for by the link, not typed: nothing to lose yet
      })
      .catch((err) => setAlert(alertBox, errorText(err)));
  }
  scan.focus();

  for (const control of [note, locationSelect, reasonSelect]) control.addEventListener("input", () => { dirty = true; });
  linesBody.addEventListener("input", () => { dirty = true; });
  return {
    isDirty: () => dirty && lines.length > 0,
    unmount: () => later.cancel(),
  };
}

/** "-2" -> "-3", "0.5" -> "-0.5": one unit less, on the decimal string. */
function minusOne(text) {
  const [whole, fraction = ""] = text.replace(/^\+/, "").split(".");
  const milli = BigInt(whole) * 1000n + (whole.startsWith("-") ? -1n : 1n) * BigInt((fraction + "000").slice(0, 3));
  const next = milli - 1000n;
  const sign = next < 0n ? "-" : "";
  const abs = next < 0n ? -next : next;
  return `${sign}${abs / 1000n}.${String(abs % 1000n).padStart(3, "0")}`;
}
