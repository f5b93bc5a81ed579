import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ADMIN_SECTIONS } from "./AdminLayout.tsx";

export function AdminHomePage() {
  const { t } = useTranslation();
  return (
    <div className="flex flex-col gap-4">
      <PageHeading>{t("admin.title")}</PageHeading>
      <ul className="grid gap-3 sm:grid-cols-2">
        {ADMIN_SECTIONS.map((section) => (
          <li key={section.path} className="rounded-lg border border-line bg-surface p-4">
            <Link to={section.path} className="font-semibold">
              {t(section.title)}
            </Link>
            <p className="text-ink-muted">{t(section.description)}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
