import { useTranslation } from 'react-i18next';

/**
 * Shown when a page cannot even be rendered, typically a code chunk that failed to load while offline or after
 * a deployment removed it. Outside the layout, so it uses a plain reload link rather than router state.
 */
export function RouteError() {
  const { t } = useTranslation();
  return (
    <main className="mx-auto flex max-w-xl flex-col gap-4 p-6">
      <h1 className="text-2xl font-bold">{t('errors.pageFailed')}</h1>
      <p>{t('errors.pageFailedText')}</p>
      <p>
        <a href={window.location.href}>{t('common.reload')}</a>
      </p>
    </main>
  );
}
