import { lazy } from "react";
import { Navigate, Route, Routes } from "react-router";
import { ADMIN_ROLES, STAFF_ROLES } from "./features/auth/roles.ts";
import { RequireViewer } from "./features/auth/RequireViewer.tsx";
import { HomePage } from "./features/home/HomePage.tsx";
import { AppLayout } from "./features/shell/AppLayout.tsx";
import { NotFoundPage } from "./features/static/NotFoundPage.tsx";
import { loadRemainingTexts } from "./i18n/setup.ts";

// Every page but the home page is its own chunk; the clerk and admin areas in particular never reach a
// citizen's phone unless someone opens them. (Declarative routes rather than a data router: the data router
// alone would cost ~20 KB gzipped of the home page's 150 KB budget, for loaders this app does not use.)
// A page renders once its code and the texts outside the shell's core set (i18n/setup.ts) are there, both fetched
// in parallel.
const page = <K extends string>(load: () => Promise<Record<K, React.ComponentType>>, name: K) =>
  lazy(() => Promise.all([load(), loadRemainingTexts()]).then(([module]) => ({ default: module[name] })));

const LoginPage = page(() => import("./features/auth/LoginPage.tsx"), "LoginPage");
const RegisterPage = page(() => import("./features/auth/RegisterPage.tsx"), "RegisterPage");
const VerifyEmailPage = page(() => import("./features/auth/VerifyEmailPage.tsx"), "VerifyEmailPage");
const RequestResetPage = page(() => import("./features/auth/RequestResetPage.tsx"), "RequestResetPage");
const ResetPasswordPage = page(() => import("./features/auth/ResetPasswordPage.tsx"), "ResetPasswordPage");
const AccessibilityPage = page(() => import("./features/static/AccessibilityPage.tsx"), "AccessibilityPage");
const AccountPage = page(() => import("./features/account/AccountPage.tsx"), "AccountPage");
const PersonalAccountPage = page(() => import("./features/account/PersonalAccountPage.tsx"), "PersonalAccountPage");
const AssessmentDetailPage = page(() => import("./features/account/AssessmentDetailPage.tsx"), "AssessmentDetailPage");
const ClaimPayerPage = page(() => import("./features/account/ClaimPayerPage.tsx"), "ClaimPayerPage");
const ClerkPage = page(() => import("./features/clerk/ClerkPage.tsx"), "ClerkPage");
const AdminLayout = page(() => import("./features/admin/AdminLayout.tsx"), "AdminLayout");
const AdminHomePage = page(() => import("./features/admin/AdminHomePage.tsx"), "AdminHomePage");
const ClerksPage = page(() => import("./features/admin/ClerksPage.tsx"), "ClerksPage");
const ApiTokensPage = page(() => import("./features/admin/ApiTokensPage.tsx"), "ApiTokensPage");
const OutboxPage = page(() => import("./features/admin/OutboxPage.tsx"), "OutboxPage");
const DeadLettersPage = page(() => import("./features/admin/DeadLettersPage.tsx"), "DeadLettersPage");
const MunicipalitySettingsPage = page(() => import("./features/admin/MunicipalitySettingsPage.tsx"), "MunicipalitySettingsPage");
const RegistersPage = page(() => import("./features/registers/RegistersPage.tsx"), "RegistersPage");
const ContractsPage = page(() => import("./features/registers/RegisterListPages.tsx"), "ContractsPage");
const InvoicesPage = page(() => import("./features/registers/RegisterListPages.tsx"), "InvoicesPage");
const PurchaseOrdersPage = page(() => import("./features/registers/RegisterListPages.tsx"), "PurchaseOrdersPage");
const ContractDetailPage = page(() => import("./features/registers/RegisterDetailPages.tsx"), "ContractDetailPage");
const InvoiceDetailPage = page(() => import("./features/registers/RegisterDetailPages.tsx"), "InvoiceDetailPage");
const PurchaseOrderDetailPage = page(() => import("./features/registers/RegisterDetailPages.tsx"), "PurchaseOrderDetailPage");
const ClerkContractsPage = page(() => import("./features/registers/clerk/ClerkRegisterListPages.tsx"), "ClerkContractsPage");
const ClerkInvoicesPage = page(() => import("./features/registers/clerk/ClerkRegisterListPages.tsx"), "ClerkInvoicesPage");
const ClerkPurchaseOrdersPage = page(() => import("./features/registers/clerk/ClerkRegisterListPages.tsx"), "ClerkPurchaseOrdersPage");
const ContractFormPage = page(() => import("./features/registers/clerk/EntryFormPages.tsx"), "ContractFormPage");
const InvoiceFormPage = page(() => import("./features/registers/clerk/EntryFormPages.tsx"), "InvoiceFormPage");
const PurchaseOrderFormPage = page(() => import("./features/registers/clerk/EntryFormPages.tsx"), "PurchaseOrderFormPage");
const RegisterImportPage = page(() => import("./features/registers/clerk/RegisterImportPage.tsx"), "RegisterImportPage");
const BankStatementsPage = page(() => import("./features/payments-clerk/PaymentsClerkPages.tsx"), "BankStatementsPage");
const StatementImportPage = page(() => import("./features/payments-clerk/PaymentsClerkPages.tsx"), "StatementImportPage");
const UnpairedPaymentsPage = page(() => import("./features/payments-clerk/PaymentsClerkPages.tsx"), "UnpairedPaymentsPage");
const PaymentDetailPage = page(() => import("./features/payments-clerk/PaymentsClerkPages.tsx"), "PaymentDetailPage");
const NoticeBoardPage = page(() => import("./features/notices/NoticeBoardPage.tsx"), "NoticeBoardPage");
const NoticeArchivePage = page(() => import("./features/notices/NoticeBoardPage.tsx"), "NoticeArchivePage");
const NoticeDetailPage = page(() => import("./features/notices/NoticeDetailPage.tsx"), "NoticeDetailPage");
const ClerkNoticesPage = page(() => import("./features/notices-clerk/ClerkNoticesPage.tsx"), "ClerkNoticesPage");
const NewNoticePage = page(() => import("./features/notices-clerk/ClerkNoticePage.tsx"), "NewNoticePage");
const ClerkNoticePage = page(() => import("./features/notices-clerk/ClerkNoticePage.tsx"), "ClerkNoticePage");
const CardPaymentReturnPage = page(() => import("./features/payments/CardPaymentReturnPage.tsx"), "CardPaymentReturnPage");
const ClerkCardPaymentsPage = page(() => import("./features/payments/ClerkCardPaymentsPage.tsx"), "ClerkCardPaymentsPage");
const PayersPage = page(() => import("./features/account-clerk/PayersPage.tsx"), "PayersPage");
const PayerPage = page(() => import("./features/account-clerk/PayerPage.tsx"), "PayerPage");
const BudgetPage = page(() => import("./features/budget/BudgetPage.tsx"), "BudgetPage");
const OrganisationUploadPage = page(() => import("./features/budget-clerk/OrganisationUploadPage.tsx"), "OrganisationUploadPage");
const BudgetDataSetsPage = page(() => import("./features/budget-clerk/BudgetClerkPages.tsx"), "BudgetDataSetsPage");
const BudgetImportPage = page(() => import("./features/budget-clerk/BudgetClerkPages.tsx"), "BudgetImportPage");
const BudgetOrganisationsPage = page(() => import("./features/budget-clerk/BudgetOrganisationsPage.tsx"), "BudgetOrganisationsPage");
const BudgetDataSetPage = page(() => import("./features/budget-clerk/BudgetClerkPages.tsx"), "BudgetDataSetPage");
const AlertsPage = page(() => import("./features/alerts/AlertsPage.tsx"), "AlertsPage");
const AlertDetailPage = page(() => import("./features/alerts/AlertDetailPage.tsx"), "AlertDetailPage");
const UnsubscribePage = page(() => import("./features/alerts/UnsubscribePage.tsx"), "UnsubscribePage");
const NotificationPreferencesPage = page(() => import("./features/alerts/NotificationPreferencesPage.tsx"), "NotificationPreferencesPage");
const CommunicationHistoryPage = page(() => import("./features/history/CommunicationHistoryPage.tsx"), "CommunicationHistoryPage");
const ClerkAlertsPage = page(() => import("./features/alerts-clerk/ClerkAlertsPage.tsx"), "ClerkAlertsPage");
const NewAlertPage = page(() => import("./features/alerts-clerk/NewAlertPage.tsx"), "NewAlertPage");
const ClerkAlertPage = page(() => import("./features/alerts-clerk/ClerkAlertPage.tsx"), "ClerkAlertPage");
const CataloguePage = page(() => import("./features/life-situations/CataloguePage.tsx"), "CataloguePage");
const GuidePage = page(() => import("./features/life-situations/GuidePage.tsx"), "GuidePage");
const LifeSituationFormPage = page(() => import("./features/life-situations/FormPage.tsx"), "FormPage");
const MySubmissionsPage = page(() => import("./features/life-situations/MySubmissionsPage.tsx"), "MySubmissionsPage");
const SubmissionPage = page(() => import("./features/life-situations/SubmissionPage.tsx"), "SubmissionPage");
const SubmissionQueuePage = page(() => import("./features/submissions-clerk/QueuePage.tsx"), "SubmissionQueuePage");
const SubmissionReviewPage = page(() => import("./features/submissions-clerk/ReviewPage.tsx"), "SubmissionReviewPage");
const DogFeeTariffsPage = page(() => import("./features/submissions-clerk/TariffsPage.tsx"), "TariffsPage");
const SubmissionDeliveriesPage = page(() => import("./features/submissions-clerk/DeliveriesPage.tsx"), "SubmissionDeliveriesPage");

/** Readable Czech URLs; tests and links rely on them, so change them only with redirects. */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<AppLayout />}>
        <Route index element={<HomePage />} />
        <Route path="prihlaseni" element={<LoginPage />} />
        <Route path="registrace" element={<RegisterPage />} />
        <Route path="overeni-emailu" element={<VerifyEmailPage />} />
        <Route path="zapomenute-heslo" element={<RequestResetPage />} />
        <Route path="obnova-hesla" element={<ResetPasswordPage />} />
        <Route path="pristupnost" element={<AccessibilityPage />} />
        <Route path="registry" element={<RegistersPage />} />
        <Route path="smlouvy" element={<ContractsPage />} />
        <Route path="smlouvy/:id" element={<ContractDetailPage />} />
        <Route path="faktury" element={<InvoicesPage />} />
        <Route path="faktury/:id" element={<InvoiceDetailPage />} />
        <Route path="objednavky" element={<PurchaseOrdersPage />} />
        <Route path="objednavky/:id" element={<PurchaseOrderDetailPage />} />
        <Route path="uredni-deska" element={<NoticeBoardPage />} />
        <Route path="uredni-deska/archiv" element={<NoticeArchivePage />} />
        <Route path="uredni-deska/:id" element={<NoticeDetailPage />} />
        <Route path="rozpocet" element={<BudgetPage />} />
        <Route path="upozorneni" element={<AlertsPage />} />
        <Route path="upozorneni/:id" element={<AlertDetailPage />} />
        <Route path="odhlaseni-upozorneni" element={<UnsubscribePage />} />
        <Route path="zivotni-situace" element={<CataloguePage />} />
        <Route path="zivotni-situace/:slug" element={<GuidePage />} />
        <Route element={<RequireViewer />}>
          <Route path="muj-ucet" element={<AccountPage />} />
          <Route path="platba/:orderId" element={<CardPaymentReturnPage />} />
          <Route path="osobni-ucet" element={<PersonalAccountPage />} />
          <Route path="osobni-ucet/pripojit" element={<ClaimPayerPage />} />
          <Route path="osobni-ucet/:id" element={<AssessmentDetailPage />} />
          <Route path="rozpocet/organizace" element={<OrganisationUploadPage />} />
          <Route path="muj-ucet/upozorneni" element={<NotificationPreferencesPage />} />
          <Route path="historie-komunikace" element={<CommunicationHistoryPage />} />
          <Route path="zivotni-situace/:slug/formular" element={<LifeSituationFormPage />} />
          <Route path="moje-podani" element={<MySubmissionsPage />} />
          <Route path="moje-podani/:id" element={<SubmissionPage />} />
        </Route>
        <Route element={<RequireViewer roles={STAFF_ROLES} />}>
          <Route path="urad" element={<ClerkPage />} />
          <Route path="urad/registry" element={<Navigate to="/urad/registry/smlouvy" replace />} />
          <Route path="urad/registry/smlouvy" element={<ClerkContractsPage />} />
          <Route path="urad/registry/smlouvy/:id" element={<ContractFormPage />} />
          <Route path="urad/registry/faktury" element={<ClerkInvoicesPage />} />
          <Route path="urad/registry/faktury/:id" element={<InvoiceFormPage />} />
          <Route path="urad/registry/objednavky" element={<ClerkPurchaseOrdersPage />} />
          <Route path="urad/registry/objednavky/:id" element={<PurchaseOrderFormPage />} />
          <Route path="urad/registry/import" element={<RegisterImportPage />} />
          <Route path="urad/platby" element={<BankStatementsPage />} />
          <Route path="urad/platby/import" element={<StatementImportPage />} />
          <Route path="urad/platby/nesparovane" element={<UnpairedPaymentsPage />} />
          <Route path="urad/platby/platba/:id" element={<PaymentDetailPage />} />
          <Route path="urad/uredni-deska" element={<ClerkNoticesPage />} />
          <Route path="urad/uredni-deska/nova" element={<NewNoticePage />} />
          <Route path="urad/uredni-deska/:id" element={<ClerkNoticePage />} />
          <Route path="urad/platby-kartou" element={<ClerkCardPaymentsPage />} />
          <Route path="urad/poplatky" element={<PayersPage />} />
          <Route path="urad/poplatky/:id" element={<PayerPage />} />
          <Route path="urad/rozpocet" element={<BudgetDataSetsPage />} />
          <Route path="urad/rozpocet/import" element={<BudgetImportPage />} />
          <Route path="urad/rozpocet/organizace" element={<BudgetOrganisationsPage />} />
          <Route path="urad/rozpocet/:id" element={<BudgetDataSetPage />} />
          <Route path="urad/upozorneni" element={<ClerkAlertsPage />} />
          <Route path="urad/upozorneni/nove" element={<NewAlertPage />} />
          <Route path="urad/upozorneni/:id" element={<ClerkAlertPage />} />
          <Route path="urad/podani" element={<SubmissionQueuePage />} />
          <Route path="urad/podani/sazby" element={<DogFeeTariffsPage />} />
          <Route path="urad/podani/:id" element={<SubmissionReviewPage />} />
        </Route>
        <Route path="sprava" element={<RequireViewer roles={ADMIN_ROLES} />}>
          <Route element={<AdminLayout />}>
            <Route index element={<AdminHomePage />} />
            <Route path="urednici" element={<ClerksPage />} />
            <Route path="api-tokeny" element={<ApiTokensPage />} />
            <Route path="odchozi-posta" element={<OutboxPage />} />
            <Route path="neuspesne-ulohy" element={<DeadLettersPage />} />
            <Route path="obec" element={<MunicipalitySettingsPage />} />
            <Route path="predani-podani" element={<SubmissionDeliveriesPage />} />
          </Route>
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
