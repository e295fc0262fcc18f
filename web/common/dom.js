// Small DOM helpers shared by every Caisse screen.
//
// Elements are built with `h()`, which only ever sets text through
// textContent: data from the server is never parsed as HTML.

import { getLocale, hasMessage, t } from "./i18n.js";

/**
 * Builds an element: `h("button", {class: "btn", onclick: fn}, "Save")`.
 * Props: `class`, `dataset`, `text`, `on<event>` handlers, `value`/`checked`
 * (set as properties), booleans (present when true), anything else as an
 * attribute. Children: nodes, strings, numbers, arrays; null/false skipped.
 */
export function h(tag, props = {}, ...children) {
  const el = tag.startsWith("svg:")
    ? document.createElementNS("http://www.w3.org/2000/svg", tag.slice(4))
    : document.createElement(tag);
  const late = {};
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") el.setAttribute("class", value);
    else if (key === "dataset") Object.assign(el.dataset, value);
    else if (key === "text") el.textContent = value;
    else if (key === "value" || key === "checked") late[key] = value;
    else if (key.startsWith("on") && typeof value === "function") {
      el.addEventListener(key.slice(2).toLowerCase(), value);
    } else el.setAttribute(key, value === true ? "" : String(value));
  }
  append(el, children);
  Object.assign(el, late);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces all children of `el`. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** A 20 px line icon drawn from the small set below (`aria-hidden`). */
export function icon(name) {
  const svg = h("svg:svg", {
    class: "icon",
    viewBox: "0 0 24 24",
    width: "20",
    height: "20",
    "aria-hidden": "true",
    focusable: "false",
  });
  for (const d of ICONS[name] ?? []) svg.append(h("svg:path", { d }));
  return svg;
}

const ICONS = {
  box: ["M3 7.5 12 3l9 4.5v9L12 21l-9-4.5z", "M3 7.5 12 12l9-4.5", "M12 12v9"],
  user: ["M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8z", "M4 20a8 8 0 0 1 16 0"],
  upload: ["M12 16V4", "m7 9 5-5 5 5", "M4 15v4a1 1 0 0 0 1 1h14a1 1 0 0 0 1-1v-4"],
  download: ["M12 4v12", "m7 11 5 5 5-5", "M4 15v4a1 1 0 0 0 1 1h14a1 1 0 0 0 1-1v-4"],
  book: ["M4 5a2 2 0 0 1 2-2h13v16H6a2 2 0 0 0-2 2z", "M4 21V5", "M8 7h7"],
  search: ["M10.5 17a6.5 6.5 0 1 0 0-13 6.5 6.5 0 0 0 0 13z", "m15.5 15.5 5 5"],
  plus: ["M12 5v14", "M5 12h14"],
  x: ["m6 6 12 12", "M18 6 6 18"],
  left: ["m14 6-6 6 6 6"],
  right: ["m10 6 6 6-6 6"],
  logout: ["M15 4h3a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2h-3", "M10 8l-4 4 4 4", "M6 12h10"],
  check: ["m5 12 5 5 9-10"],
  alert: ["M12 3 2 20h20z", "M12 10v4", "M12 17.5v.5"],
  file: ["M6 3h8l5 5v13H6z", "M14 3v5h5"],
  lock: ["M6 11h12v10H6z", "M8.5 11V8a3.5 3.5 0 0 1 7 0v3"],
  barcode: ["M4 5v14", "M7 5v14", "M10 5v14", "M14 5v14", "M16 5v14", "M20 5v14", "M2 3h3", "M19 3h3", "M2 21h3", "M19 21h3"],
  backspace: ["M9 5h11a1 1 0 0 1 1 1v12a1 1 0 0 1-1 1H9l-6-7z", "m12 9 6 6", "m18 9-6 6"],
  card: ["M3 6h18v12H3z", "M3 10h18", "M7 15h4"],
  cash: ["M2 7h20v10H2z", "M12 14.5a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5z", "M6 10v4", "M18 10v4"],
  wallet: ["M4 7h15a1 1 0 0 1 1 1v11H5a1 1 0 0 1-1-1z", "M4 7V6a2 2 0 0 1 2-2h10v3", "M16 13h2"],
  pause: ["M8 5v14", "M16 5v14"],
  list: ["M8 6h12", "M8 12h12", "M8 18h12", "M4 6h.01", "M4 12h.01", "M4 18h.01"],
  receipt: ["M6 3h12v18l-3-2-3 2-3-2-3 2z", "M9 8h6", "M9 12h6", "M9 16h3"],
  printer: ["M6 9V3h12v6", "M6 18H4v-7h16v7h-2", "M6 14h12v7H6z"],
  percent: ["M19 5 5 19", "M7 9a2 2 0 1 0 0-4 2 2 0 0 0 0 4z", "M17 19a2 2 0 1 0 0-4 2 2 0 0 0 0 4z"],
  tag: ["M3 12V3h9l9 9-9 9z", "M7.5 7.5h.01"],
  trash: ["M4 7h16", "M10 11v6", "M14 11v6", "M6 7l1 13h10l1-13", "M9 7V4h6v3"],
  menu: ["M4 6h16", "M4 12h16", "M4 18h16"],
  undo: ["M9 14 4 9l5-5", "M4 9h11a5 5 0 0 1 0 10h-3"],
  hash: ["M5 9h14", "M5 15h14", "M10 4 8 20", "M16 4l-2 16"],
  drawer: ["M3 5h18v6H3z", "M3 11h18v8H3z", "M10 15h4", "M10 8h4"],
  chart: ["M4 20V10", "M10 20V4", "M16 20v-7", "M22 20H2"],
  monitor: ["M3 4h18v12H3z", "M8 20h8", "M12 16v4"],
  keyboard: ["M2 6h20v12H2z", "M6 10h.01", "M10 10h.01", "M14 10h.01", "M18 10h.01", "M7 14h10"],
  scale: ["M12 3v18", "M5 21h14", "M5 7h14", "m5 7-3 7a3 3 0 0 0 6 0z", "m19 7-3 7a3 3 0 0 0 6 0z"],
  grid: ["M4 4h7v7H4z", "M13 4h7v7h-7z", "M4 13h7v7H4z", "M13 13h7v7h-7z"],
  up: ["m6 14 6-6 6 6"],
  clock: ["M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z", "M12 7v5l3 2"],
  down: ["m6 10 6 6 6-6"],
};

/** Calls `fn` once `ms` have passed without another call; `.flush()` runs it now. */
export function debounce(fn, ms) {
  let timer = null;
  let lastArgs = [];
  const debounced = (...args) => {
    lastArgs = args;
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      fn(...lastArgs);
    }, ms);
  };
  debounced.flush = () => {
    clearTimeout(timer);
    timer = null;
    fn(...lastArgs);
  };
  debounced.cancel = () => clearTimeout(timer);
  return debounced;
}

// ----------------------------------------------------------------- toasts

function toastRegion() {
  let region = document.getElementById("toasts");
  if (!region) {
    region = h("div", { id: "toasts", class: "toasts", role: "status", "aria-live": "polite" });
    document.body.append(region);
  }
  return region;
}

/** Shows a short message at the corner: kind is "success", "error" or "info". */
export function toast(message, { kind = "info", timeout } = {}) {
  const item = h(
    "div",
    { class: `toast toast-${kind}`, role: kind === "error" ? "alert" : null },
    icon(kind === "success" ? "check" : kind === "error" ? "alert" : "box"),
    h("span", { class: "toast-text" }, message),
    h("button", {
      type: "button",
      class: "toast-close",
      "aria-label": t("common.close"),
      onclick: () => item.remove(),
    }, icon("x")),
  );
  const region = toastRegion();
  while (region.children.length >= 3) region.firstElementChild.remove();
  region.append(item);
  setTimeout(() => item.remove(), timeout ?? (kind === "error" ? 9000 : 4000));
  return item;
}

// ---------------------------------------------------------------- dialogs

/**
 * Opens a modal `<dialog>` and resolves with the value passed to `close`
 * (undefined when dismissed with Escape or the close button).
 * `body` is a Node, or a function `(close) => Node`; `actions` a function
 * `(close) => Node[]` for the footer buttons.
 */
export function openDialog({ title, body, actions, id, wide = false }) {
  return new Promise((resolve) => {
    let result;
    const close = (value) => {
      result = value;
      dialog.close();
    };
    const dialog = h(
      "dialog",
      { class: `dialog${wide ? " dialog-wide" : ""}`, id, "aria-labelledby": "dialog-title" },
      h(
        "header",
        { class: "dialog-header" },
        h("h2", { id: "dialog-title" }, title),
        h("button", {
          type: "button",
          class: "btn btn-icon btn-ghost",
          "aria-label": t("common.close"),
          onclick: () => close(undefined),
        }, icon("x")),
      ),
      h("div", { class: "dialog-body" }, typeof body === "function" ? body(close) : body),
      actions ? h("footer", { class: "dialog-footer" }, actions(close)) : null,
    );
    dialog.addEventListener("close", () => {
      dialog.remove();
      resolve(result);
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}

/** A yes/no question; resolves true when confirmed. */
export async function confirmDialog({ title, message, confirmLabel, cancelLabel, danger = false }) {
  const answer = await openDialog({
    title,
    body: h("p", {}, message),
    actions: (close) => [
      h("button", { type: "button", class: "btn btn-secondary", onclick: () => close(false) },
        cancelLabel ?? t("common.cancel")),
      h("button", {
        type: "button",
        class: `btn ${danger ? "btn-danger" : "btn-primary"}`,
        "data-test": "confirm-ok",
        onclick: () => close(true),
      }, confirmLabel),
    ],
  });
  return answer === true;
}

/**
 * A message for a person from any thrown error: the translation of the API
 * error code when there is one (`error.<code>`), otherwise the server's text.
 */
/** The label of a request field (`discount.percent` → "Remise"), or the field itself. */
export function fieldLabel(field) {
  const base = String(field ?? "").split(/[.[]/)[0];
  return hasMessage(`fieldname.${base}`) ? t(`fieldname.${base}`) : base;
}

/**
 * One field error of a `validation_failed` answer (`{field, code, params, reason}`) in the
 * page's language: by its code, or a plain "not valid" naming the field when the code has
 * no message here.
 */
export function fieldErrorText(e) {
  const params = { ...(e?.params ?? {}), field: fieldLabel(e?.field) };
  const key = `field.${e?.code}`;
  if (e?.code !== "invalid" && hasMessage(key)) return t(key, params);
  // The server's reason is English: shown as it is only to an English page.
  return getLocale() === "en" && e?.reason ? `${params.field}: ${e.reason}` : t("field.invalid", params);
}

export function errorText(err) {
  if (err?.name === "MoneyParseError") return err.localizedMessage;
  if (err?.name === "ApiError") {
    const key = `error.${err.code}`;
    if (err.code === "validation_failed" && Array.isArray(err.details?.errors) && err.details.errors.length) {
      return err.details.errors.map(fieldErrorText).join(" ");
    }
    if (err.code === "invalid_code" && hasMessage(`scan_reason.${err.details?.reason}`)) {
      return `${t(key)} ${t(`scan_reason.${err.details.reason}`)}`;
    }
    if (hasMessage(key)) return t(key, { status: err.status });
    if (err.message) return err.message;
    return t("error.unexpected", { status: err.status });
  }
  console.error(err);
  return t("error.unexpected", { status: "JS" });
}
