// Back office entry point: session, shell (navigation built from the route table), hash
// routing. The pages are listed in routes.js; each page's module and messages are loaded
// the first time it is shown. A page's module exports `mount(container, ctx, route)`
// returning `{unmount?, isDirty?}`; `route` is `{entry, id, params, path}`.

import { api, setUnauthenticatedHandler } from "../common/api.js";
import { confirmDialog, errorText, h, icon, replace } from "../common/dom.js";
import { LOCALES, addMessages, getLocale, setLocale, setStoreContext, t } from "../common/i18n.js";
import { renderLogin } from "./login.js";
import shellMessages from "./messages/shell.js";
import { NAV_GROUPS, ROUTES, allowed, matchRoute } from "./routes.js";
import { mountAlertBadge, startStockFeed, stopStockFeed } from "./stock-feed.js";

addMessages(shellMessages);

const root = document.getElementById("app");
let session = null; // {user, store, permissions: Set of permission names}
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
  session = { user: me.user, store: me.store ?? {}, permissions: new Set(me.permissions ?? []) };
  lookups = {};
  setStoreContext(session.store);
  if (session.permissions.has("stock_read")) startStockFeed();
  renderShell();
  route(true);
}

function endSession({ notice } = {}) {
  unmountView();
  stopStockFeed();
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

function navLink(entry) {
  return h("a", { href: `#/${entry.path}`, id: `nav-${entry.id}`, dataset: { route: entry.id } },
    icon(entry.icon), h("span", {}, t(entry.label)));
}

/** The navigation: every page of the route table this user may see, by group. */
function navItems() {
  const items = [];
  for (const group of NAV_GROUPS) {
    const pages = ROUTES.filter((r) => r.nav === group && allowed(r, session.permissions));
    if (pages.length === 0) continue;
    items.push(h("div", { class: "nav-section" }, t(`nav.${group}`)), ...pages.map(navLink));
  }
  return items;
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
            h("span", { class: "brand-sub" }, t("nav.back_office"))),
          h("button", {
            type: "button", class: "btn btn-secondary nav-toggle", id: "nav-toggle",
            "aria-expanded": "false", "aria-controls": "nav", "aria-label": t("nav.menu"),
            onclick: toggleNav,
          }, icon("menu"))),
        h("nav", { class: "nav", id: "nav" },
          navItems(),
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
  if (session.permissions.has("stock_read")) {
    mountAlertBadge(root.querySelector("#nav-stock-alerts"), root.querySelector("#nav-toggle"));
  }
}

/** Opens or closes the navigation on a phone-sized screen (always shown on wider ones). */
function toggleNav(open) {
  const sidebar = root.querySelector(".sidebar");
  const button = root.querySelector("#nav-toggle");
  if (!sidebar || !button) return;
  const show = typeof open === "boolean" ? open : !sidebar.classList.contains("is-open");
  sidebar.classList.toggle("is-open", show);
  button.setAttribute("aria-expanded", String(show));
}

/** Marks the page's link (a detail page marks its list's). */
function markNav(entry) {
  const current = entry?.parent ?? entry?.id;
  for (const link of root.querySelectorAll(".nav a[data-route]")) {
    if (link.dataset.route === current) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  toggleNav(false);
}

// ---------------------------------------------------------------- routing

const loadedMessages = new Map(); // message file name -> promise of its loading

function loadMessages(name) {
  if (!loadedMessages.has(name)) {
    const loading = import(`./messages/${name}.js`).then((m) => addMessages(m.default));
    loading.catch(() => loadedMessages.delete(name));
    loadedMessages.set(name, loading);
  }
  return loadedMessages.get(name);
}

/** The first page of the navigation this user may see (where an unknown address leads). */
function homeRoute() {
  return ROUTES.find((r) => r.nav && allowed(r, session.permissions));
}

function unmountView() {
  try {
    view?.unmount?.();
  } catch (err) {
    console.error(err);
  }
  view = null;
}

let routing = 0; // counts navigations, so a slow module load never mounts a page left since

async function route(force = false) {
  if (!session) return;
  const matched = matchRoute(location.hash);
  if (!matched) {
    const home = homeRoute();
    history.replaceState(null, "", home ? `#/${home.path}` : "#/");
    if (home) return route(true);
  }
  if (!force && location.hash === shownHash) return;
  const mine = ++routing;
  unmountView();
  shownHash = location.hash;
  const entry = matched?.entry;
  markNav(entry);
  mainEl.replaceChildren(h("div", { class: "loading", id: "page-loading" }, h("div", { class: "spinner" }), t("common.loading")));
  if (!entry || !allowed(entry, session.permissions)) {
    showDenied(entry);
    return;
  }
  let page;
  try {
    [page] = await Promise.all([import(`./${entry.module}`), ...entry.messages.map(loadMessages)]);
  } catch (err) {
    console.error(err);
    if (mine === routing) showPageFailed();
    return;
  }
  if (mine !== routing || !session) return;
  mainEl.replaceChildren();
  view = page.mount(mainEl, context(), matched) ?? {};
  window.scrollTo(0, 0);
}

/** A page the user's role does not allow: said plainly, with the way back. */
function showDenied(entry) {
  const home = homeRoute();
  document.title = `${t("access.denied_title")} · ${session.store.name || t("app.name")}`;
  replace(mainEl,
    h("div", { class: "page-body" },
      h("section", { class: "card page-denied", id: "page-denied" },
        h("div", { class: "card-body stack" },
          h("h1", {}, t("access.denied_title")),
          h("p", {}, t("access.denied_body", { role: t(`role.${session.user.role}`) })),
          home
            ? h("p", {}, h("a", { class: "btn btn-primary", href: `#/${home.path}` }, t("access.go_home", { page: t(home.label) })))
            : null))));
  if (entry) console.info(`page ${entry.id} needs ${entry.permission}`);
}

function showPageFailed() {
  replace(mainEl,
    h("div", { class: "page-body" },
      h("div", { class: "alert alert-error", role: "alert", id: "page-failed" }, icon("alert"),
        h("span", {}, t("app.page_failed")),
        h("button", { type: "button", class: "btn btn-secondary", onclick: () => route(true) }, t("common.retry")))));
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
  const { user, store, permissions } = session;
  return {
    user,
    store,
    currency: store.currency || "EUR",
    /** Whether the server would allow this permission (`catalog_write`, …) to this session. */
    can: (permission) => permissions.has(permission),
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
    suppliers: () => cachedList("suppliers", "/api/v1/suppliers?per_page=200"),
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
