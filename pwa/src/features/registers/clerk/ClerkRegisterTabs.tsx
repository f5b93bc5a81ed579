import { useTranslation } from "react-i18next";
import { RegisterTabs } from "../parts.tsx";

export const CLERK_BASE = "/urad/registry";

/** The three registers and the import, under /urad/registry. */
export function ClerkRegisterTabs() {
  const { t } = useTranslation();
  return <RegisterTabs base={CLERK_BASE} extra={[{ to: `${CLERK_BASE}/import`, label: t("registers.import.tab") }]} />;
}
