import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { PageHeading } from "../../components/PageHeading.tsx";
import { useFormat } from "../../i18n/format.ts";
import { MunicipalityQuery } from "../shell/operations.ts";

/** Update together with the statement's content: the law asks for the date the statement was prepared. */
const STATEMENT_PREPARED_ON = "2026-11-26";

/**
 * Prohlášení o přístupnosti required by zákon č. 99/2019 Sb., structured after the EU model accessibility
 * statement (Commission Implementing Decision (EU) 2018/1523): compliance status, non-accessible content,
 * preparation, feedback contact, enforcement procedure.
 */
export function AccessibilityPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [{ data }] = useQuery({ query: MunicipalityQuery });
  const municipality = data?.municipality;
  const name = municipality?.name ?? t("accessibility.theMunicipality");

  return (
    <article className="flex max-w-3xl flex-col gap-4">
      <PageHeading>{t("accessibility.title")}</PageHeading>
      <p>{t("accessibility.intro", { name })}</p>

      <h2 className="mt-4 text-xl font-semibold">{t("accessibility.statusTitle")}</h2>
      <p>{t("accessibility.status")}</p>

      <h2 className="mt-4 text-xl font-semibold">{t("accessibility.nonAccessibleTitle")}</h2>
      <ul className="list-disc pl-6">
        <li>{t("accessibility.nonAccessibleAudit")}</li>
        <li>{t("accessibility.nonAccessibleDocuments")}</li>
      </ul>

      <h2 className="mt-4 text-xl font-semibold">{t("accessibility.preparationTitle")}</h2>
      <p>{t("accessibility.preparation", { date: format.date(STATEMENT_PREPARED_ON) })}</p>

      <h2 className="mt-4 text-xl font-semibold">{t("accessibility.feedbackTitle")}</h2>
      <p>{t("accessibility.feedback", { name })}</p>
      {municipality && (
        <ul className="list-disc pl-6">
          <li>
            {t("fields.email")}: <a href={`mailto:${municipality.email}`}>{municipality.email}</a>
          </li>
          {municipality.phone && (
            <li>
              {t("fields.phone")}: {municipality.phone}
            </li>
          )}
          <li>
            {t("accessibility.address")}: {municipality.street}, {municipality.postalCode} {municipality.city}
          </li>
        </ul>
      )}

      <h2 className="mt-4 text-xl font-semibold">{t("accessibility.enforcementTitle")}</h2>
      <p>{t("accessibility.enforcement")}</p>
      <address className="not-italic">
        {t("accessibility.ministry")}
        <br />
        Nad Štolou 936/3, 170 34 Praha 7
        <br />
        <a href="mailto:posta@mvcr.cz">posta@mvcr.cz</a>
      </address>
    </article>
  );
}
