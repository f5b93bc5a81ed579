import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { PageHeading } from "../../components/PageHeading.tsx";
import { TabNav } from "../../components/TabNav.tsx";
import { useSession } from "../auth/session.tsx";

export const SUBMISSIONS_BASE = "/urad/podani";

/** Finance clerks (and admins) keep the fee tariffs; the API refuses anyone else's change. */
export function useKeepsTariffs(): boolean {
  const { viewer } = useSession();
  return viewer?.role === "ADMIN" || Boolean(viewer?.agendas.includes("FINANCE"));
}

/** The submissions clerk's places: the queue and the tariffs the approvals compute from. */
export function SubmissionsFrame({
  title,
  back,
  children,
}: {
  title: string;
  /** Where "back" leads (the desk by default; the queue from a submission). */
  back?: { to: string; label: string };
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const items = [
    { to: SUBMISSIONS_BASE, label: t("submissionsClerk.tabs.queue"), end: true },
    ...(useKeepsTariffs() ? [{ to: `${SUBMISSIONS_BASE}/sazby`, label: t("submissionsClerk.tabs.tariffs"), end: false }] : []),
  ];
  return (
    <div className="flex flex-col gap-5">
      <p>
        <Link to={back?.to ?? "/urad"}>{back?.label ?? t("submissionsClerk.backToDesk")}</Link>
      </p>
      <PageHeading>{title}</PageHeading>
      <TabNav label={t("submissionsClerk.tabs.label")} items={items} />
      {children}
    </div>
  );
}
