import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useQuery } from "urql";
import { buttonClass } from "../../components/Button.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { LoadError, Loading } from "../../components/states.tsx";
import { homePathFor } from "../auth/roles.ts";
import { useSession } from "../auth/session.tsx";
import { NoticeTeaser } from "../notices/NoticeTeaser.tsx";
import { MunicipalityQuery } from "../shell/operations.ts";

/**
 * The town's front page. Public sections appear here as they are built; until then only what exists is linked
 * (sign-in, registration, accessibility statement), never placeholders.
 */
export function HomePage() {
  const { t } = useTranslation();
  const { viewer } = useSession();
  const [{ data, error }, reexecute] = useQuery({ query: MunicipalityQuery });
  const municipality = data?.municipality;

  return (
    <div className="flex flex-col gap-8">
      <div className="flex flex-col gap-4">
        {/* As tall as the logo from the start, so the text below does not move when the town's data arrives. */}
        <div className="flex min-h-16 items-center gap-4">
          {municipality?.branding.logoUrl && (
            <img
              src={municipality.branding.logoUrl}
              alt={t("home.logoAlt", { name: municipality.name })}
              className="size-16 object-contain"
            />
          )}
          <PageHeading>{municipality?.name ?? t("app.name")}</PageHeading>
        </div>
        <p className="text-lg">{t("home.intro")}</p>
        <div className="flex flex-wrap gap-3">
          {viewer ? (
            <>
              <Link to={homePathFor(viewer.role)} className={buttonClass("primary", "no-underline")}>
                {t("home.toAccount")}
              </Link>
              {homePathFor(viewer.role) !== "/osobni-ucet" && (
                <Link to="/osobni-ucet" className={buttonClass("secondary", "no-underline")}>
                  {t("nav.personalAccount")}
                </Link>
              )}
            </>
          ) : (
            <>
              <Link to="/prihlaseni" className={buttonClass("primary", "no-underline")}>
                {t("nav.login")}
              </Link>
              <Link to="/registrace" className={buttonClass("secondary", "no-underline")}>
                {t("nav.register")}
              </Link>
            </>
          )}
        </div>
      </div>

      {!municipality && (error ? <LoadError onRetry={() => reexecute({ requestPolicy: "network-only" })} /> : <Loading />)}
      {municipality && (
        <div className="grid gap-4 md:grid-cols-2">
          <section aria-labelledby="contact-heading" className="rounded-lg border border-line bg-surface p-5">
            <h2 id="contact-heading" className="mb-3 text-xl font-semibold">
              {t("home.contact")}
            </h2>
            <address className="flex flex-col gap-1 not-italic">
              <span>{municipality.name}</span>
              <span>{municipality.street}</span>
              <span>
                {municipality.postalCode} {municipality.city}
              </span>
              <span>
                {t("home.ico")}: {municipality.ico}
              </span>
              <a href={`mailto:${municipality.email}`}>{municipality.email}</a>
              {municipality.phone && <a href={`tel:${municipality.phone.replace(/\s/g, "")}`}>{municipality.phone}</a>}
              {municipality.website && <a href={municipality.website}>{municipality.website}</a>}
            </address>
          </section>
          {municipality.bankAccounts.length > 0 && (
            <section aria-labelledby="bank-heading" className="rounded-lg border border-line bg-surface p-5">
              <h2 id="bank-heading" className="mb-3 text-xl font-semibold">
                {t("home.bankAccounts")}
              </h2>
              <ul className="flex flex-col gap-3">
                {[...municipality.bankAccounts]
                  .sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary))
                  .map((account) => (
                    <li key={account.id}>
                      <p className="font-medium">{account.label}</p>
                      <p>
                        {t("home.accountNumber")}: <span className="font-mono">{account.accountNumber}</span>
                      </p>
                      <p>
                        IBAN: <span className="font-mono">{account.iban}</span>
                      </p>
                    </li>
                  ))}
              </ul>
            </section>
          )}
        </div>
      )}
      {/*
        The latest notices come after the town's own data and only once it is there: mounted together with the
        contact cards they move nothing already on screen, and their titles (up to three lines on a phone) arrive
        after a query of their own, so above the fold they would be the page's largest, and latest, paint.
      */}
      {(municipality || error) && <NoticeTeaser />}
    </div>
  );
}
