import { NavLink } from "react-router";

export interface TabNavItem {
  to: string;
  label: string;
  /** Active only on exactly this path (not on the paths below it). */
  end?: boolean;
}

/** A row of links between an area's pages, the current one marked (aria-current, as NavLink sets it). */
export function TabNav({ label, items }: { label: string; items: ReadonlyArray<TabNavItem> }) {
  return (
    <nav aria-label={label}>
      <ul className="flex flex-wrap gap-2">
        {items.map((item) => (
          <li key={item.to}>
            <NavLink
              to={item.to}
              end={item.end ?? false}
              className={({ isActive }) =>
                `inline-flex min-h-11 items-center rounded-md border px-4 no-underline ${
                  isActive ? "border-brand bg-brand font-semibold text-on-brand" : "border-line bg-surface text-ink hover:bg-page"
                }`
              }
            >
              {item.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
