// The back office's pages: one entry per page, and nothing else to edit to add one (besides
// its module and its message file). The shell builds the navigation from this table, opens
// the page a URL names, loads its module and its messages when it is first shown, and shows
// a page only to a user whose permissions (sent by the server in /auth/me) hold its
// `permission`.
//
// Fields (one entry a line: web_messages.rs and api_me_permissions.rs read this file):
//   id          unique name (its navigation link is #nav-<id>)
//   path        after "#/"; ":id" matches one segment (given to the page as route.id)
//   label       its name in the navigation and the window title (a key of messages/shell.js)
//   nav         the navigation group it is listed in (see NAV_GROUPS); none for a detail page
//   icon        its navigation icon (common/dom.js)
//   permission  what the user needs to see it (the server's Permission, in snake_case, or
//               one of the names /auth/me adds from the store's settings: `receive`, `count`)
//   api         the guarded call that loads the page: the server allows it exactly when the
//               user holds `permission` (api_me_permissions.rs checks this for every role)
//   module      the page's module in web/admin, exporting mount(container, ctx, route)
//   messages    its message files in web/admin/messages (each with English and French)

export const NAV_GROUPS = ["catalog", "stock", "purchasing", "shop", "history"];

export const ROUTES = [
  { id: "products", path: "products", label: "nav.products", nav: "catalog", icon: "box", permission: "catalog_read", api: "GET /products", module: "products.js", messages: ["products", "product"] },
  { id: "product-new", path: "products/new", label: "nav.products", parent: "products", permission: "catalog_write", api: "POST /products", module: "product-form.js", messages: ["product", "products"] },
  { id: "product", path: "products/:id", label: "nav.products", parent: "products", permission: "catalog_read", api: "GET /products/{id}", module: "product-form.js", messages: ["product", "products"] },
  { id: "import", path: "import", label: "nav.import", nav: "catalog", icon: "upload", permission: "catalog_read", api: "GET /catalog/export", module: "import.js", messages: ["import"] },
  { id: "quick-keys", path: "quick-keys", label: "nav.quick_keys", nav: "catalog", icon: "grid", permission: "catalog_read", api: "GET /store/quick-keys", module: "quick-keys.js", messages: ["quick-keys"] },
  { id: "stock", path: "stock", label: "nav.stock_levels", nav: "stock", icon: "list", permission: "stock_read", api: "GET /stock", module: "stock-levels.js", messages: ["stock"] },
  { id: "stock-item", path: "stock/items/:id", label: "nav.stock_levels", parent: "stock", permission: "stock_read", api: "GET /stock/{id}", module: "stock-item.js", messages: ["stock"] },
  { id: "stock-alerts", path: "stock/alerts", label: "nav.stock_alerts", nav: "stock", icon: "alert", permission: "stock_read", api: "GET /stock/alerts", module: "stock-alerts.js", messages: ["stock"] },
  { id: "stock-adjust", path: "stock/adjust", label: "nav.stock_adjust", nav: "stock", icon: "scale", permission: "stock_manage", api: "POST /stock/adjustments", module: "stock-adjust.js", messages: ["stock"] },
  { id: "stock-reports", path: "stock/reports", label: "nav.stock_reports", nav: "stock", icon: "chart", permission: "stock_manage", api: "GET /stock/reports/valuation", module: "stock-reports.js", messages: ["stock", "stock-reports"] },
  { id: "stock-settings", path: "stock/settings", label: "nav.stock_settings", nav: "stock", icon: "grid", permission: "stock_read", api: "GET /stock/settings", module: "stock-settings.js", messages: ["stock"] },
  { id: "counts", path: "counts", label: "nav.counts", nav: "stock", icon: "barcode", permission: "stock_read", api: "GET /stock/counts", module: "counts.js", messages: ["counts"] },
  { id: "count", path: "counts/:id", label: "nav.counts", parent: "counts", permission: "stock_read", api: "GET /stock/counts/{id}", module: "count.js", messages: ["counts"] },
  { id: "transfers", path: "transfers", label: "nav.transfers", nav: "stock", icon: "right", permission: "stock_manage", api: "GET /stock/transfers", module: "transfers.js", messages: ["transfers"] },
  { id: "transfer", path: "transfers/:id", label: "nav.transfers", parent: "transfers", permission: "stock_manage", api: "GET /stock/transfers/{id}", module: "transfer.js", messages: ["transfers"] },
  { id: "suppliers", path: "suppliers", label: "nav.suppliers", nav: "purchasing", icon: "box", permission: "catalog_read", api: "GET /suppliers", module: "suppliers.js", messages: ["purchasing"] },
  { id: "supplier-new", path: "suppliers/new", label: "nav.suppliers", parent: "suppliers", permission: "purchasing", api: "POST /suppliers", module: "supplier.js", messages: ["purchasing"] },
  { id: "supplier", path: "suppliers/:id", label: "nav.suppliers", parent: "suppliers", permission: "catalog_read", api: "GET /suppliers/{id}", module: "supplier.js", messages: ["purchasing"] },
  { id: "purchase-orders", path: "purchase-orders", label: "nav.purchase_orders", nav: "purchasing", icon: "file", permission: "purchasing", api: "GET /purchase-orders", module: "purchase-orders.js", messages: ["purchasing"] },
  { id: "purchase-order", path: "purchase-orders/:id", label: "nav.purchase_orders", parent: "purchase-orders", permission: "receive", api: "GET /purchase-orders/{id}", module: "purchase-order.js", messages: ["purchasing"] },
  { id: "deliveries", path: "deliveries", label: "nav.deliveries", nav: "purchasing", icon: "barcode", permission: "receive", api: "GET /deliveries", module: "deliveries.js", messages: ["purchasing"] },
  { id: "receiving", path: "receiving/:id", label: "nav.deliveries", parent: "deliveries", permission: "receive", api: "GET /receiving/{id}", module: "receiving.js", messages: ["purchasing"] },
  { id: "suggestions", path: "suggestions", label: "nav.suggestions", nav: "purchasing", icon: "chart", permission: "purchasing", api: "GET /stock/suggestions", module: "suggestions.js", messages: ["purchasing"] },
  { id: "till-settings", path: "till", label: "nav.till_settings", nav: "shop", icon: "drawer", permission: "sell", api: "GET /registers", module: "till-settings.js", messages: ["till"] },
  { id: "devices", path: "devices", label: "nav.devices", nav: "shop", icon: "lock", permission: "registers_manage", api: "GET /devices", module: "devices.js", messages: ["devices"] },
  { id: "staff", path: "staff", label: "nav.staff", nav: "shop", icon: "user", permission: "users_manage", api: "GET /users", module: "staff.js", messages: ["staff"] },
  { id: "timesheets", path: "timesheets", label: "nav.timesheets", nav: "shop", icon: "clock", permission: "users_manage", api: "GET /payroll/settings", module: "timesheets.js", messages: ["timesheets"] },
  { id: "sales", path: "sales", label: "nav.sales", nav: "history", icon: "receipt", permission: "reports_all_registers", api: "GET /sales", module: "sales.js", messages: ["sales"] },
  { id: "sale", path: "sales/:id", label: "nav.sales", parent: "sales", permission: "reports_all_registers", api: "GET /sales/{id}/journal", module: "sale.js", messages: ["sales"] },
  { id: "closures", path: "closures", label: "nav.closures", nav: "history", icon: "chart", permission: "reports_all_registers", api: "GET /closures", module: "closures.js", messages: ["closures", "sales"] },
];

/** The entry and its `:id` for a hash such as `#/products/42?q=x`, or null. */
export function matchRoute(hash) {
  const raw = String(hash ?? "").replace(/^#\/?/, "");
  const [path, search = ""] = raw.split("?");
  const parts = path.split("/").filter(Boolean);
  for (const entry of ROUTES) {
    const pattern = entry.path.split("/");
    if (pattern.length !== parts.length) continue;
    let id = null;
    const ok = pattern.every((segment, i) => {
      if (segment === ":id") {
        id = decodeURIComponent(parts[i]);
        return true;
      }
      return segment === parts[i];
    });
    if (ok) return { entry, id, params: new URLSearchParams(search), path };
  }
  return null;
}

/** Whether a user holding `permissions` (a Set of names) may see the page. */
export function allowed(entry, permissions) {
  return permissions.has(entry.permission);
}
