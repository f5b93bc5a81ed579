import { Link, useLocation } from "react-router";

export interface QueryTab {
  /** Path with the query string that selects the tab, e.g. "/upozorneni?vse=1". */
  to: string;
  label: string;
}

/**
 * Tabs that differ only in the query string (NavLink compares paths alone and would mark every one of them as
 * current). The current tab is the one whose query string equals the page's.
 */
export function QueryTabs({ label, items }: { label: string; items: ReadonlyArray<QueryTab> }) {
  const { pathname, search } = useLocation();
  const current = pathname + search;
  return (
    <nav aria-label={label}>
      <ul className="flex flex-wrap gap-2">
        {items.map((item) => {
          const active = item.to === current;
          return (
            <li key={item.to}>
              <Link
                to={item.to}
                aria-current={active ? "page" : undefined}
                className={`inline-flex min-h-11 items-center rounded-md border px-4 no-underline ${
                  active ? "border-brand bg-brand font-semibold text-on-brand" : "border-line bg-surface text-ink hover:bg-page"
                }`}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
