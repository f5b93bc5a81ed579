import { useTranslation } from "react-i18next";
import { Navigate, Outlet, useLocation } from "react-router";
import { PageHeading } from "../../components/PageHeading.tsx";
import { Loading } from "../../components/states.tsx";
import type { Role } from "./roles.ts";
import { loginPathFor, useSession } from "./session.tsx";

/**
 * Guards an area of the app. Anonymous visitors (including a session that just expired) go to the login page
 * and come back afterwards; signed-in users without the role see a plain refusal. The API enforces the same
 * rules; this only keeps people from landing on pages that cannot work for them.
 */
export function RequireViewer({ roles }: { roles?: readonly Role[] }) {
  const { t } = useTranslation();
  const { viewer, loading } = useSession();
  const location = useLocation();

  if (loading) return <Loading />;
  if (!viewer) return <Navigate to={loginPathFor(location.pathname + location.search)} replace />;
  if (roles && !roles.includes(viewer.role)) {
    return (
      <>
        <PageHeading>{t("forbidden.title")}</PageHeading>
        <p className="mt-4">{t("forbidden.text")}</p>
      </>
    );
  }
  return <Outlet />;
}
