import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { PageHeading } from "../../components/PageHeading.tsx";
import { KIND_ORDER, REGISTER_KINDS } from "./kinds.ts";

/** /registry: what the three public registers are, with a way into each. */
export function RegistersPage() {
  const { t } = useTranslation();
  return (
    <div className="flex flex-col gap-6">
      <PageHeading>{t("registers.title")}</PageHeading>
      <p className="text-lg">{t("registers.intro")}</p>
      <ul className="grid gap-4 md:grid-cols-3">
        {KIND_ORDER.map((kind) => (
          <li key={kind} className="flex flex-col gap-2 rounded-lg border border-line bg-surface p-5">
            <h2 className="text-xl font-semibold">
              <Link to={`/${REGISTER_KINDS[kind].path}`}>{t(`registers.kind.${kind}.title`)}</Link>
            </h2>
            <p className="text-ink-muted">{t(`registers.kind.${kind}.intro`)}</p>
          </li>
        ))}
      </ul>
      <p className="text-ink-muted">{t("registers.openData")}</p>
    </div>
  );
}
