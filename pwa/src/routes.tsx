import { createBrowserRouter, type RouteObject } from 'react-router';
import { ADMIN_ROLES, STAFF_ROLES } from './features/auth/roles.ts';
import { RequireViewer } from './features/auth/RequireViewer.tsx';
import { HomePage } from './features/home/HomePage.tsx';
import { AppLayout } from './features/shell/AppLayout.tsx';
import { NotFoundPage } from './features/static/NotFoundPage.tsx';
import { RouteError } from './features/static/RouteError.tsx';

/**
 * Readable Czech URLs. Everything but the home page is a separate chunk; the clerk and admin areas in
 * particular never reach a citizen's phone unless someone opens them.
 */
export const routes: RouteObject[] = [
  {
    element: <AppLayout />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'prihlaseni', lazy: () => import('./features/auth/LoginPage.tsx').then((m) => ({ Component: m.LoginPage })) },
      { path: 'registrace', lazy: () => import('./features/auth/RegisterPage.tsx').then((m) => ({ Component: m.RegisterPage })) },
      { path: 'overeni-emailu', lazy: () => import('./features/auth/VerifyEmailPage.tsx').then((m) => ({ Component: m.VerifyEmailPage })) },
      { path: 'zapomenute-heslo', lazy: () => import('./features/auth/RequestResetPage.tsx').then((m) => ({ Component: m.RequestResetPage })) },
      { path: 'obnova-hesla', lazy: () => import('./features/auth/ResetPasswordPage.tsx').then((m) => ({ Component: m.ResetPasswordPage })) },
      { path: 'pristupnost', lazy: () => import('./features/static/AccessibilityPage.tsx').then((m) => ({ Component: m.AccessibilityPage })) },
      {
        element: <RequireViewer />,
        children: [{ path: 'muj-ucet', lazy: () => import('./features/account/AccountPage.tsx').then((m) => ({ Component: m.AccountPage })) }],
      },
      {
        element: <RequireViewer roles={STAFF_ROLES} />,
        children: [{ path: 'urad', lazy: () => import('./features/clerk/ClerkPage.tsx').then((m) => ({ Component: m.ClerkPage })) }],
      },
      {
        path: 'sprava',
        element: <RequireViewer roles={ADMIN_ROLES} />,
        children: [
          {
            lazy: () => import('./features/admin/AdminLayout.tsx').then((m) => ({ Component: m.AdminLayout })),
            children: [
              { index: true, lazy: () => import('./features/admin/AdminHomePage.tsx').then((m) => ({ Component: m.AdminHomePage })) },
              { path: 'urednici', lazy: () => import('./features/admin/ClerksPage.tsx').then((m) => ({ Component: m.ClerksPage })) },
              { path: 'api-tokeny', lazy: () => import('./features/admin/ApiTokensPage.tsx').then((m) => ({ Component: m.ApiTokensPage })) },
              { path: 'odchozi-posta', lazy: () => import('./features/admin/OutboxPage.tsx').then((m) => ({ Component: m.OutboxPage })) },
            ],
          },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
