import { Component, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { PageHeading } from "../../components/PageHeading.tsx";

/**
 * Catches a page that cannot render, typically a code chunk that failed to load offline or after a deployment
 * removed it. The layout keys it by path, so moving to another page tries again.
 */
export class PageErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override render() {
    return this.state.failed ? <PageFailed /> : this.props.children;
  }
}

function PageFailed() {
  const { t } = useTranslation();
  return (
    <div className="flex flex-col gap-4">
      <PageHeading>{t("errors.pageFailed")}</PageHeading>
      <p>{t("errors.pageFailedText")}</p>
      <p>
        <a href={window.location.href}>{t("common.reload")}</a>
      </p>
    </div>
  );
}
