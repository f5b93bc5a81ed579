import { Suspense, useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { NavLink, Outlet, useLocation } from "react-router";
import { useQuery } from "urql";
import { applyBranding } from "../../components/branding.ts";
import { OfflineBanner } from "../../components/OfflineBanner.tsx";
import { Loading } from "../../components/states.tsx";
import { ToastProvider } from "../../components/Toast.tsx";
import { UpdatePrompt } from "../../components/UpdatePrompt.tsx";
import { LanguageSwitch } from "../account/LanguageSwitch.tsx";
import { CrisisBanner } from "../alerts/CrisisBanner.tsx";
import { ADMIN_ROLES, STAFF_ROLES } from "../auth/roles.ts";
import { SessionProvider, useSession } from "../auth/session.tsx";
import { PageErrorBoundary } from "../static/PageErrorBoundary.tsx";
import { MunicipalityQuery } from "./operations.ts";

export function AppLayout() {
  return (
    <SessionProvider>
      <ToastProvider>
        <Shell />
      </ToastProvider>
    </SessionProvider>
  );
}

function Shell() {
  const { t } = useTranslation();
  const [{ data }] = useQuery({ query: MunicipalityQuery });
  const municipality = data?.municipality;
  const { pathname } = useLocation();

  useEffect(() => {
    if (municipality) applyBranding(municipality.branding);
  }, [municipality]);

  return (
    <>
      {/* At least a screen tall, so the footer starts below the fold and never jumps as the page's data arrives. */}
      <div className="flex min-h-dvh flex-col">
        <a href="#main" className="sr-only z-50 bg-surface px-4 py-3 font-semibold focus:not-sr-only focus:fixed focus:top-2 focus:left-2">
          {t("shell.skipToContent")}
        </a>
        <UpdatePrompt />
        <OfflineBanner />
        <CrisisBanner />
        <header className="bg-brand text-on-brand">
          <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-3 px-4 py-3">
            <NavLink to="/" className="mr-auto flex items-center gap-3 text-inherit no-underline">
              <img
                src={municipality?.branding.logoUrl ?? "/icons/icon-192.png"}
                alt=""
                width={40}
                height={40}
                className="size-10 object-contain"
              />
              <span className="text-lg font-semibold">{municipality?.name ?? t("app.name")}</span>
            </NavLink>
            <MainMenu />
          </div>
        </header>
        <main id="main" tabIndex={-1} className="mx-auto w-full max-w-5xl flex-1 px-4 py-6 focus:shadow-none focus:outline-none">
          <PageErrorBoundary key={pathname}>
            <Suspense fallback={<Loading />}>
              <Outlet />
            </Suspense>
          </PageErrorBoundary>
        </main>
      </div>
      <footer className="border-t border-line bg-surface">
        <div className="mx-auto flex max-w-5xl flex-col gap-2 px-4 py-6 text-sm sm:flex-row sm:justify-between">
          {municipality && (
            <p>
              {municipality.name}, {municipality.street}, {municipality.postalCode} {municipality.city}
            </p>
          )}
          <NavLink to="/pristupnost">{t("accessibility.link")}</NavLink>
        </div>
      </footer>
    </>
  );
}

/** On phones a disclosure button opens the menu; from `sm` up the links are always shown. */
function MainMenu() {
  const { t } = useTranslation();
  const { viewer } = useSession();
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const { pathname } = useLocation();
  useEffect(() => setOpen(false), [pathname]);

  const linkClass = ({ isActive }: { isActive: boolean }) =>
    `block rounded-md px-3 py-2 text-inherit no-underline hover:underline ${isActive ? "font-bold underline" : ""}`;

  return (
    <nav aria-label={t("shell.mainMenu")} className="contents">
      <button
        type="button"
        className="min-h-11 rounded-md border border-current px-3 sm:hidden"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((value) => !value)}
        onKeyDown={(event) => event.key === "Escape" && setOpen(false)}
      >
        {t("shell.menu")}
      </button>
      <ul id={menuId} className={`${open ? "flex" : "hidden"} w-full flex-col gap-1 sm:flex sm:w-auto sm:flex-row sm:items-center`}>
        <li>
          <NavLink to="/uredni-deska" className={linkClass}>
            {t("notices.nav")}
          </NavLink>
        </li>
        <li>
          <NavLink to="/registry" className={linkClass}>
            {t("registers.nav")}
          </NavLink>
        </li>
        <li>
          <NavLink to="/rozpocet" className={linkClass}>
            {t("budget.nav")}
          </NavLink>
        </li>
        <li>
          <NavLink to="/upozorneni" className={linkClass}>
            {t("alerts.nav")}
          </NavLink>
        </li>
        <li>
          <NavLink to="/zivotni-situace" className={linkClass}>
            {t("nav.lifeSituations")}
          </NavLink>
        </li>
        {viewer ? (
          <>
            <li>
              <NavLink to="/osobni-ucet" className={linkClass}>
                {t("nav.personalAccount")}
              </NavLink>
            </li>
            <li>
              <NavLink to="/moje-podani" className={linkClass}>
                {t("nav.mySubmissions")}
              </NavLink>
            </li>
            <li>
              <NavLink to="/muj-ucet" className={linkClass}>
                {t("nav.account")}
              </NavLink>
            </li>
            {STAFF_ROLES.includes(viewer.role) && (
              <li>
                <NavLink to="/urad" className={linkClass}>
                  {t("nav.clerk")}
                </NavLink>
              </li>
            )}
            {ADMIN_ROLES.includes(viewer.role) && (
              <li>
                <NavLink to="/sprava" className={linkClass}>
                  {t("nav.admin")}
                </NavLink>
              </li>
            )}
          </>
        ) : (
          <>
            <li>
              <NavLink to="/prihlaseni" className={linkClass}>
                {t("nav.login")}
              </NavLink>
            </li>
            <li>
              <NavLink to="/registrace" className={linkClass}>
                {t("nav.register")}
              </NavLink>
            </li>
          </>
        )}
        <li>
          <LanguageSwitch />
        </li>
      </ul>
    </nav>
  );
}
