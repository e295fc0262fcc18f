// Timesheets (#/timesheets): the pay period's hours of everyone the signed-in manager
// manages (and their own), regular and overtime, pay and commission as the server computes
// them (GET /api/v1/timesheets), with what stops a period from being paid (a shift still
// open, a day without a rate), previous and next periods, and the payroll CSV export.

import { api, query } from "../common/api.js";
import { errorText, h, icon, replace } from "../common/dom.js";
import { formatDate, formatMoney, t, tn } from "../common/i18n.js";
import { pageHeader } from "./ui.js";

/** Hours and minutes of a number of seconds (`7:30`). */
function hm(secs) {
  const minutes = Math.round(secs / 60);
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, "0")}`;
}

/** The day `days` after an ISO date (`YYYY-MM-DD`). */
function shift(date, days) {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function status(row) {
  if (!row.problems.length) return h("span", { class: "badge badge-success" }, t("timesheets.ready"));
  return h("div", { class: "timesheet-problems" }, row.problems.map((p) =>
    h("span", { class: "badge badge-warning", title: p.message }, t(`timesheets.problem.${p.code}`))));
}

function table(sheet) {
  const rows = sheet.employees.map((e) => h("tr", { dataset: { user: e.login } },
    h("td", {},
      h("div", { class: "cell-strong" }, e.display_name),
      h("div", { class: "muted small" }, e.rate ? t("timesheets.rate_is", { rate: formatMoney(e.rate) }) : e.login)),
    h("td", { class: "num" }, hm(e.regular_secs)),
    h("td", { class: "num" }, hm(e.overtime_secs)),
    h("td", { class: "num" }, formatMoney({ amount: e.regular_pay.amount + e.overtime_pay.amount, currency: e.gross_pay.currency })),
    h("td", { class: "num" }, formatMoney(e.commission)),
    h("td", { class: "num cell-strong" }, formatMoney(e.gross_pay)),
    h("td", {}, status(e))));
  return h("div", { class: "table-wrap card" }, h("table", { class: "table", id: "timesheets-table" },
    h("caption", { class: "sr-only" }, t("timesheets.title")),
    h("thead", {}, h("tr", {},
      h("th", { scope: "col" }, t("timesheets.employee")),
      h("th", { scope: "col", class: "num" }, t("timesheets.regular")),
      h("th", { scope: "col", class: "num" }, t("timesheets.overtime")),
      h("th", { scope: "col", class: "num" }, t("timesheets.pay")),
      h("th", { scope: "col", class: "num" }, t("timesheets.commission")),
      h("th", { scope: "col", class: "num" }, t("timesheets.gross")),
      h("th", { scope: "col" }, t("timesheets.status")))),
    h("tbody", {}, rows)));
}

export function mount(container, ctx) {
  ctx.setTitle(t("timesheets.title"));
  let date = null;
  let controller = null;
  const period = h("span", { class: "crumb", id: "timesheets-period" });
  const body = h("div", { class: "page-body", id: "timesheets-body" });
  const exportLink = h("a", { class: "btn btn-secondary", id: "timesheets-export" }, icon("download"), t("timesheets.export"));
  const prev = h("button", { type: "button", class: "btn btn-secondary", id: "timesheets-prev", title: t("timesheets.previous"), "aria-label": t("timesheets.previous") }, icon("left"));
  const next = h("button", { type: "button", class: "btn btn-secondary", id: "timesheets-next", title: t("timesheets.next"), "aria-label": t("timesheets.next") }, icon("right"));
  let shown = null;
  prev.onclick = () => shown && load(shift(shown.period_start, -1));
  next.onclick = () => shown && load(shift(shown.period_end, 1));

  async function load(day) {
    controller?.abort();
    controller = new AbortController();
    date = day;
    try {
      const sheet = await api("GET", `/api/v1/timesheets${query({ date })}`, undefined, { signal: controller.signal });
      shown = sheet;
      replace(period, t("timesheets.period", { from: formatDate(sheet.period_start), to: formatDate(sheet.period_end) }));
      exportLink.href = `/api/v1/payroll/export${query({ date: sheet.period_start })}`;
      exportLink.download = `payroll-${sheet.period_start}-${sheet.period_end}.csv`;
      const blocked = sheet.employees.filter((e) => e.problems.length).length;
      replace(body,
        blocked ? h("div", { class: "alert alert-warning", id: "timesheets-blocked", role: "status" }, tn("timesheets.blocked", blocked)) : null,
        sheet.employees.length ? table(sheet) : h("p", { class: "muted" }, t("timesheets.none")));
    } catch (err) {
      if (err.name === "AbortError") return;
      replace(body, h("div", { class: "alert alert-error", role: "alert" }, errorText(err)));
    }
  }

  container.append(
    pageHeader({ title: t("timesheets.title"), subtitle: period, actions: [prev, next, exportLink] }),
    body);
  load(date);
  return { unmount: () => controller?.abort() };
}
