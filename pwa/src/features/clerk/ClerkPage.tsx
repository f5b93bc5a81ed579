import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { PageHeading } from "../../components/PageHeading.tsx";
import { EmptyState } from "../../components/states.tsx";
import { AGENDAS, type Agenda } from "../auth/roles.ts";
import { useSession } from "../auth/session.tsx";

/** The pages of the agendas that have them; the others are listed without a link. */
const AGENDA_PAGES: Partial<Record<Agenda, string>> = {
  NOTICES: "/urad/uredni-deska",
  REGISTERS: "/urad/registry",
  FINANCE: "/urad/poplatky",
  BUDGET: "/urad/rozpocet",
  ALERTS: "/urad/upozorneni",
  SUBMISSIONS: "/urad/podani",
};

/** Further pages of an agenda, listed under its description. */
const AGENDA_MORE_PAGES: Partial<
  Record<
    Agenda,
    readonly {
      to: string;
      label: "clerk.financeStatements" | "clerk.financeCardPayments" | "clerk.financeSubmissions" | "clerk.submissionsTariffs";
    }[]
  >
> = {
  FINANCE: [
    { to: "/urad/platby", label: "clerk.financeStatements" },
    { to: "/urad/platby-kartou", label: "clerk.financeCardPayments" },
    { to: "/urad/podani?agenda=FINANCE", label: "clerk.financeSubmissions" },
    { to: "/urad/podani/sazby", label: "clerk.submissionsTariffs" },
  ],
};

/**
 * The clerk's desk. Agenda pages arrive with their features; until an agenda has pages, it is listed here as a
 * permission the clerk holds rather than linked to a page that does not exist.
 */
export function ClerkPage() {
  const { t } = useTranslation();
  const { viewer } = useSession();
  if (!viewer) return null;
  const agendas = AGENDAS.filter((agenda) => viewer.agendas.includes(agenda));
  return (
    <div className="flex flex-col gap-6">
      <PageHeading>{t("clerk.title")}</PageHeading>
      <p>{t("clerk.welcome", { name: viewer.fullName })}</p>
      <section aria-labelledby="agendas-heading" className="flex flex-col gap-3">
        <h2 id="agendas-heading" className="text-xl font-semibold">
          {t("clerk.agendas")}
        </h2>
        {agendas.length === 0 ? (
          <EmptyState title={t("clerk.noAgendas")}>{t("clerk.noAgendasHint")}</EmptyState>
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2">
            {agendas.map((agenda) => (
              <li key={agenda} className="rounded-lg border border-line bg-surface p-4">
                <p className="font-semibold">
                  {AGENDA_PAGES[agenda] ? <Link to={AGENDA_PAGES[agenda]}>{t(`agenda.${agenda}.name`)}</Link> : t(`agenda.${agenda}.name`)}
                </p>
                <p className="text-ink-muted">{t(`agenda.${agenda}.description`)}</p>
                {AGENDA_MORE_PAGES[agenda] && (
                  <ul className="mt-2 flex flex-col gap-1">
                    {AGENDA_MORE_PAGES[agenda].map((page) => (
                      <li key={page.to}>
                        <Link to={page.to}>{t(page.label)}</Link>
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      {viewer.role === "ADMIN" && (
        <p>
          <Link to="/sprava">{t("clerk.toAdmin")}</Link>
        </p>
      )}
    </div>
  );
}
