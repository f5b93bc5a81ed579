import { useTranslation } from "react-i18next";
import { NavLink, Outlet } from "react-router";

export const ADMIN_SECTIONS = [
  { path: "/sprava/obec", title: "settings.title", description: "settings.description" },
  { path: "/sprava/urednici", title: "admin.clerks.title", description: "admin.clerks.description" },
  { path: "/sprava/api-tokeny", title: "admin.apiTokens.title", description: "admin.apiTokens.description" },
  { path: "/sprava/odchozi-posta", title: "admin.outbox.title", description: "admin.outbox.description" },
  { path: "/sprava/neuspesne-ulohy", title: "admin.deadLetters.title", description: "admin.deadLetters.summary" },
  { path: "/sprava/predani-podani", title: "submissionsClerk.delivery.navTitle", description: "submissionsClerk.delivery.summary" },
] as const;

export function AdminLayout() {
  const { t } = useTranslation();
  return (
    <div className="flex flex-col gap-6">
      <nav aria-label={t("admin.menu")}>
        <ul className="flex flex-wrap gap-2">
          {ADMIN_SECTIONS.map((section) => (
            <li key={section.path}>
              <NavLink
                to={section.path}
                className={({ isActive }) =>
                  `inline-block rounded-md border border-line px-3 py-2 no-underline ${isActive ? "bg-brand text-on-brand" : "bg-surface"}`
                }
              >
                {t(section.title)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}
