// Back office entry point: session, shell (side navigation), hash routing.
//
// Routes: #/products (list, with its filters in the hash query),
// #/products/new, #/products/<id>, #/import, #/quick-keys, #/till, #/staff, #/sales,
// #/sales/<id>, #/closures. Each view module exports
// `mount(container, ctx, route)` returning `{unmount?, isDirty?}`.

import { api, setUnauthenticatedHandler } from "../common/api.js";
import { confirmDialog, errorText, h, icon, replace } from "../common/dom.js";
import { LOCALES, addMessages, getLocale, setLocale, setStoreContext, t } from "../common/i18n.js";
import * as closuresView from "./closures.js";
import { historyMessages } from "./history-messages.js";
import * as importView from "./import.js";
import { renderLogin } from "./login.js";
import { messages } from "./messages.js";
import * as productView from "./product-form.js";
import * as productsView from "./products.js";
import * as quickKeysView from "./quick-keys.js";
import * as salesView from "./sales.js";
import * as staffView from "./staff.js";
import * as tillSettingsView from "./till-settings.js";

addMessages(messages);
addMessages(historyMessages);

const root = document.getElementById("app");
let session = null; // {user, store}
let view = null; // the mounted view: {unmount?, isDirty?}
let mainEl = null;
let shownHash = null; // the hash the mounted view was built for
let lookups = {}; // cached category and supplier lists for this session

// ---------------------------------------------------------------- session

async function boot() {
  setUnauthenticatedHandler(() => {
    if (session) endSession({ notice: t("login.session_expired") });
  });
  window.addEventListener("hashchange", onHashChange);
  window.addEventListener("caisse:localechange", onLocaleChange);
  window.addEventListener("beforeunload", (event) => {
    if (view?.isDirty?.()) event.preventDefault();
  });
  await loadSession();
}

async function loadSession() {
  try {
    const me = await api("GET", "/api/v1/auth/me");
    startSession(me);
  } catch (err) {
    if (err.status === 401) showLogin();
    else showFatal(err);
  }
}

function startSession(me) {
  session = { user: me.user, store: me.store ?? {} };
  lookups = {};
  setStoreContext(session.store);
  renderShell();
  route(true);
}

function endSession({ notice } = {}) {
  unmountView();
  session = null;
  lookups = {};
  showLogin(notice);
}

function showLogin(notice, values) {
  unmountView();
  document.title = `${t("login.title")} · ${t("app.name")}`;
  renderLogin(root, {
    notice,
    values,
    localeSwitch,
    onSignedIn: () => loadSession(),
  });
}

function showFatal(err) {
  document.title = t("app.name");
  replace(
    root,
    h("div", { class: "auth-page" },
      h("div", { class: "card auth-card" },
        h("div", { class: "card-body" },
          h("h1", {}, t("app.unavailable_title")),
          h("div", { class: "alert alert-error", role: "alert" }, icon("alert"), h("span", {}, errorText(err))),
          h("button", { type: "button", class: "btn btn-primary", onclick: () => loadSession() },
            t("common.retry"))))),
  );
}

async function signOut() {
  if (view?.isDirty?.() && !(await confirmLeave())) return;
  try {
    await api("POST", "/api/v1/auth/logout");
  } catch (err) {
    if (err.status !== 401) console.warn("logout failed", err);
  }
  endSession();
}

// ------------------------------------------------------------------ shell

function initials(text) {
  const words = String(text || "?").trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? words[0][0] + words[1][0] : (words[0] ?? "?").slice(0, 2);
  return letters.toUpperCase();
}

function navLink(hash, iconName, label, id) {
  return h("a", { href: hash, id, dataset: { route: hash } }, icon(iconName), h("span", {}, label));
}

/** The EN/FR select used on the shell and on the sign-in page. */
function localeSwitch() {
  const select = h(
    "select",
    { id: "locale-switch", class: "select", "aria-label": t("locale.label") },
    LOCALES.map((code) => h("option", { value: code, lang: code }, t(`locale.${code}`))),
  );
  select.value = getLocale();
  select.addEventListener("change", async () => {
    const wanted = select.value;
    if (view?.isDirty?.() && !(await confirmLeave())) {
      select.value = getLocale();
      return;
    }
    setLocale(wanted);
  });
  return select;
}

function renderShell() {
  const { user, store } = session;
  mainEl = h("main", { class: "main", id: "main", tabindex: "-1" });
  const roleLabel = t(`role.${user.role}`);
  replace(
    root,
    h("div", { class: "app-shell" },
      h("aside", { class: "sidebar", "aria-label": t("nav.label") },
        h("div", { class: "brand" },
          h("div", { class: "brand-mark", "aria-hidden": "true" }, initials(store.name || t("app.name"))),
          h("div", { class: "brand-text" },
            h("span", { class: "brand-name", id: "shop-name" }, store.name || t("app.name")),
            h("span", { class: "brand-sub" }, t("nav.back_office")))),
        h("nav", { class: "nav" },
          h("div", { class: "nav-section" }, t("nav.catalog")),
          navLink("#/products", "box", t("nav.products"), "nav-products"),
          navLink("#/import", "upload", t("nav.import"), "nav-import"),
          navLink("#/quick-keys", "grid", t("nav.quick_keys"), "nav-quick-keys"),
          navLink("#/till", "drawer", t("nav.till_settings"), "nav-till-settings"),
          session.user.role !== "cashier" ? navLink("#/staff", "user", t("nav.staff"), "nav-staff") : null,
          session.user.role !== "cashier" ? h("div", { class: "nav-section" }, t("nav.history")) : null,
          session.user.role !== "cashier" ? navLink("#/sales", "receipt", t("nav.sales"), "nav-sales") : null,
          session.user.role !== "cashier" ? navLink("#/closures", "chart", t("nav.closures"), "nav-closures") : null,
          h("div", { class: "nav-section" }, t("nav.developers")),
          h("a", { href: "/api/docs", id: "nav-api-docs", target: "_blank", rel: "noopener" },
            icon("book"), h("span", {}, t("nav.api_docs")))),
        h("div", { class: "sidebar-footer" },
          h("div", { class: "user-block" },
            h("div", { class: "avatar", "aria-hidden": "true" }, initials(user.display_name || user.login)),
            h("div", { class: "user-text" },
              h("span", { class: "user-name", id: "user-name", title: user.login },
                user.display_name || user.login),
              h("span", { class: "user-role", id: "user-role" }, roleLabel))),
          localeSwitch(),
          h("button", { type: "button", class: "btn btn-secondary btn-block", id: "signout", onclick: signOut },
            icon("logout"), t("nav.sign_out")))),
      mainEl),
  );
}

function markNav(name) {
  for (const link of root.querySelectorAll(".nav a[data-route]")) {
    const active = (name === "import" && link.id === "nav-import")
      || (name === "quickKeys" && link.id === "nav-quick-keys")
      || (name === "tillSettings" && link.id === "nav-till-settings")
      || (name === "staff" && link.id === "nav-staff")
      || ((name === "sales" || name === "sale") && link.id === "nav-sales")
      || (name === "closures" && link.id === "nav-closures")
      || ((name === "products" || name === "product") && link.id === "nav-products");
    if (active) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
}

// ---------------------------------------------------------------- routing

function parseRoute(hash) {
  const raw = hash.replace(/^#/, "");
  const [path, search = ""] = raw.split("?");
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(search);
  if (parts[0] === "products" && parts.length === 1) return { name: "products", params };
  if (parts[0] === "products" && parts.length === 2) {
    return { name: "product", id: parts[1] === "new" ? null : parts[1], params };
  }
  if (parts[0] === "import" && parts.length === 1) return { name: "import", params };
  if (parts[0] === "quick-keys" && parts.length === 1) return { name: "quickKeys", params };
  if (parts[0] === "till" && parts.length === 1) return { name: "tillSettings", params };
  if (parts[0] === "staff" && parts.length === 1) return { name: "staff", params };
  if (parts[0] === "sales" && parts.length === 1) return { name: "sales", params };
  if (parts[0] === "sales" && parts.length === 2) return { name: "sale", id: parts[1], params };
  if (parts[0] === "closures" && parts.length === 1) return { name: "closures", params };
  return null;
}

const VIEWS = {
  products: productsView, product: productView, import: importView, quickKeys: quickKeysView, tillSettings: tillSettingsView,
  staff: staffView, sales: salesView, sale: salesView, closures: closuresView,
};

function unmountView() {
  try {
    view?.unmount?.();
  } catch (err) {
    console.error(err);
  }
  view = null;
}

function route(force = false) {
  if (!session) return;
  const parsed = parseRoute(location.hash);
  if (!parsed) {
    history.replaceState(null, "", "#/products");
    return route(true);
  }
  if (!force && location.hash === shownHash) return;
  unmountView();
  shownHash = location.hash;
  markNav(parsed.name);
  mainEl.replaceChildren();
  view = VIEWS[parsed.name].mount(mainEl, context(), parsed) ?? {};
  window.scrollTo(0, 0);
}

let leaving = false;
async function onHashChange() {
  if (!session || leaving) return;
  if (view?.isDirty?.() && location.hash !== shownHash) {
    const target = location.hash;
    history.replaceState(null, "", shownHash); // stay put while asking
    leaving = true;
    const ok = await confirmLeave();
    leaving = false;
    if (!ok) return;
    history.pushState(null, "", target);
  }
  route();
}

function onLocaleChange() {
  if (session) {
    renderShell();
    route(true);
  } else {
    const login = root.querySelector("#login")?.value;
    showLogin(undefined, { login });
  }
}

function confirmLeave() {
  return confirmDialog({
    title: t("common.unsaved_title"),
    message: t("common.unsaved_body"),
    confirmLabel: t("common.discard"),
    cancelLabel: t("common.keep_editing"),
    danger: true,
  });
}

/** What views get: the session, permissions and shared helpers. */
function context() {
  const { user, store } = session;
  return {
    user,
    store,
    currency: store.currency || "EUR",
    canEdit: user.role === "owner" || user.role === "manager",
    setTitle(title) {
      document.title = `${title} · ${store.name || t("app.name")}`;
    },
    /** Goes to a hash; `replace` swaps the history entry and skips the unsaved-changes check. */
    navigate(hash, { replace: swap = false } = {}) {
      if (swap) {
        history.replaceState(null, "", hash);
        route(true);
      } else {
        location.hash = hash;
      }
    },
    /** Records view state in the hash (list filters) without re-rendering. */
    replaceHash(hash) {
      history.replaceState(null, "", hash);
      shownHash = location.hash;
    },
    categories: () => cachedList("categories", "/api/v1/categories"),
    suppliers: () => cachedList("suppliers", "/api/v1/suppliers"),
  };
}

function cachedList(name, path) {
  lookups[name] ??= api("GET", path)
    .then((body) => body?.items ?? [])
    .catch((err) => {
      delete lookups[name];
      throw err;
    });
  return lookups[name];
}

boot();
