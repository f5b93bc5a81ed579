import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useMutation, useQuery } from "urql";
import { Button } from "../../components/Button.tsx";
import { Dialog } from "../../components/Dialog.tsx";
import { TextField } from "../../components/fields.tsx";
import { Form, useZodForm } from "../../components/form.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ResponsiveTable } from "../../components/ResponsiveTable.tsx";
import { EmptyState, LoadError, Loading } from "../../components/states.tsx";
import { useToast } from "../../components/Toast.tsx";
import type { ResultOf } from "../../graphql/graphql.ts";
import { useFormat } from "../../i18n/format.ts";
import { NotFoundPage } from "../static/NotFoundPage.tsx";
import { AssessmentActions } from "./AssessmentActions.tsx";
import { NewAssessmentForm } from "./NewAssessmentForm.tsx";
import { payerGlobalId } from "./money.ts";
import { FinancePayerQuery, LinkPayerAccountMutation, UnlinkPayerAccountMutation, UpdatePayerMutation } from "./operations.ts";
import { PayerForm } from "./PayerForm.tsx";
import { linkSchema } from "./schemas.ts";
import { StatusBadge } from "./StatusBadge.tsx";

type Data = ResultOf<typeof FinancePayerQuery>;
export type ClerkPayer = NonNullable<Data["financePayer"]>;
export type ClerkAssessment = ClerkPayer["assessments"][number];
export type TownAccount = Data["municipality"]["bankAccounts"][number];

/** /urad/poplatky/:id: one payer with its linked accounts and assessments; issuing, cancelling, cash payments. */
export function PayerPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const [{ data, error, fetching }, reexecute] = useQuery({ query: FinancePayerQuery, variables: { id: payerGlobalId(id) } });
  const refresh = () => reexecute({ requestPolicy: "network-only" });
  if (!data) return error && !fetching ? <LoadError onRetry={refresh} /> : <Loading lines={6} />;
  const payer = data.financePayer;
  if (!payer) return <NotFoundPage />;
  return (
    <div className="flex flex-col gap-6">
      <p>
        <Link to="/urad/poplatky">{t("accountClerk.backToPayers")}</Link>
      </p>
      <PageHeading>{payer.name}</PageHeading>
      <PayerDetails payer={payer} />
      <LinkedAccounts payer={payer} />
      <Assessments payer={payer} onChanged={refresh} />
      <section aria-labelledby="new-assessment-heading" className="flex flex-col gap-3 rounded-lg border border-line bg-surface p-4">
        <h2 id="new-assessment-heading" className="text-xl font-semibold">
          {t("accountClerk.newAssessment")}
        </h2>
        <NewAssessmentForm payerId={payer.id} accounts={data.municipality.bankAccounts} onCreated={refresh} />
      </section>
    </div>
  );
}

function PayerDetails({ payer }: { payer: ClerkPayer }) {
  const { t } = useTranslation();
  const format = useFormat();
  const toast = useToast();
  const [editing, setEditing] = useState(false);
  const [, updatePayer] = useMutation(UpdatePayerMutation);
  return (
    <section aria-labelledby="payer-heading" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="payer-heading" className="text-xl font-semibold">
          {t("accountClerk.payerDetails")}
        </h2>
        <Button variant="secondary" onClick={() => setEditing(true)}>
          {t("accountClerk.editPayer")}
        </Button>
      </div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-lg border border-line bg-surface p-4">
        <dt className="font-medium text-ink-muted">{t("accountClerk.fields.kind")}</dt>
        <dd>{t(`accountClerk.payerKind.${payer.kind}`)}</dd>
        <dt className="font-medium text-ink-muted">{t("accountClerk.fields.address")}</dt>
        <dd className="min-w-0 break-words">{payer.address ?? "–"}</dd>
        <dt className="font-medium text-ink-muted">{t("accountClerk.fields.externalId")}</dt>
        <dd className="min-w-0 break-words">{payer.externalId ?? "–"}</dd>
        <dt className="font-medium text-ink-muted">{t("accountClerk.fields.directDebit")}</dt>
        <dd>{t(payer.directDebit ? "accountClerk.yes" : "accountClerk.no")}</dd>
        <dt className="font-medium text-ink-muted">{t("accountClerk.fields.totalDue")}</dt>
        <dd>{format.money(payer.totalDue)}</dd>
      </dl>
      <Dialog open={editing} title={t("accountClerk.editPayer")} onClose={() => setEditing(false)}>
        <PayerForm
          initial={{
            name: payer.name,
            kind: payer.kind,
            address: payer.address ?? "",
            externalId: payer.externalId ?? "",
            directDebit: payer.directDebit,
          }}
          submitLabel={t("common.save")}
          onSubmit={async (input) => {
            const result = await updatePayer({ id: payer.id, input });
            const answer = result.data?.updatePayer;
            if (answer?.__typename !== "UpdatePayerSuccess") return answer ?? result.error;
            toast(t("accountClerk.toast.payerSaved"));
            setEditing(false);
            return null;
          }}
        />
      </Dialog>
    </section>
  );
}

function LinkedAccounts({ payer }: { payer: ClerkPayer }) {
  const { t } = useTranslation();
  const format = useFormat();
  const toast = useToast();
  const [, link] = useMutation(LinkPayerAccountMutation);
  const [unlinkState, unlink] = useMutation(UnlinkPayerAccountMutation);
  const form = useZodForm(linkSchema, { email: "" });
  const submit = form.handleSubmit(async ({ email }) => {
    const result = await link({ payerId: payer.id, email });
    const answer = result.data?.linkPayerAccount;
    if (answer?.__typename !== "LinkPayerAccountSuccess") return form.fail(answer ?? result.error);
    toast(t("accountClerk.toast.linked", { email }));
    form.reset({ email: "" });
  });
  return (
    <section aria-labelledby="links-heading" className="flex flex-col gap-3">
      <h2 id="links-heading" className="text-xl font-semibold">
        {t("accountClerk.linkedAccounts")}
      </h2>
      {payer.linkedAccounts.length === 0 ? (
        <p className="text-ink-muted">{t("accountClerk.noLinkedAccounts")}</p>
      ) : (
        <ul className="flex flex-col gap-2">
          {payer.linkedAccounts.map((account) => (
            <li
              key={account.email}
              className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-line bg-surface p-3"
            >
              <span className="min-w-0 break-words">
                <span className="font-medium">{account.fullName}</span> ({account.email}) –{" "}
                {t(`accountClerk.linkMethod.${account.method}`, { date: format.date(account.linkedAt) })}
              </span>
              <Button
                variant="secondary"
                busy={unlinkState.fetching}
                aria-label={t("accountClerk.unlinkNamed", { email: account.email })}
                onClick={async () => {
                  const result = await unlink({ payerId: payer.id, email: account.email });
                  if (result.data?.unlinkPayerAccount.__typename === "UnlinkPayerAccountSuccess") toast(t("accountClerk.toast.unlinked"));
                  else
                    toast(
                      result.data?.unlinkPayerAccount && "message" in result.data.unlinkPayerAccount
                        ? result.data.unlinkPayerAccount.message
                        : t("errors.unexpected"),
                      "error",
                    );
                }}
              >
                {t("accountClerk.unlink")}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <Form onSubmit={submit} error={form.formError} label={t("accountClerk.linkAccount")}>
        <div className="grid gap-3 sm:grid-cols-[1fr_auto] sm:items-start">
          <TextField
            type="email"
            label={t("accountClerk.linkEmail")}
            hint={t("accountClerk.linkHint")}
            autoComplete="off"
            required
            {...form.bind("email")}
          />
          <Button type="submit" busy={form.submitting} className="sm:mt-7">
            {t("accountClerk.linkAccount")}
          </Button>
        </div>
      </Form>
    </section>
  );
}

function Assessments({ payer, onChanged }: { payer: ClerkPayer; onChanged: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section aria-labelledby="assessments-heading" className="flex flex-col gap-3">
      <h2 id="assessments-heading" className="text-xl font-semibold">
        {t("accountClerk.assessments")}
      </h2>
      {payer.assessments.length === 0 ? (
        <EmptyState title={t("accountClerk.noAssessments")} />
      ) : (
        <ResponsiveTable
          caption={t("accountClerk.assessments")}
          rows={payer.assessments}
          rowKey={(row) => row.id}
          columns={[
            {
              header: t("accountClerk.fields.subject"),
              cell: (row) => (
                <span className="flex flex-col">
                  <span className="font-medium break-words">{row.subject}</span>
                  <span className="text-sm text-ink-muted">
                    {t(`accountClerk.kind.${row.kind}`)}, {row.year}
                    {row.installments.length > 1 && `, ${t("accountClerk.installmentCountShort", { count: row.installments.length })}`}
                  </span>
                  {row.lifecycleReason && <span className="text-sm text-ink-muted">{row.lifecycleReason}</span>}
                </span>
              ),
            },
            { header: t("accountClerk.fields.variableSymbol"), cell: (row) => row.variableSymbol, nowrap: true },
            {
              header: t("accountClerk.fields.amount"),
              cell: (row) => (
                <span className="flex flex-col">
                  <span className="whitespace-nowrap">{format.money(row.amount)}</span>
                  <span className="text-sm whitespace-nowrap text-ink-muted">
                    {t("accountClerk.paidShort", { amount: format.money(row.paid) })}
                  </span>
                </span>
              ),
            },
            {
              header: t("accountClerk.fields.remaining"),
              cell: (row) => (
                <span className="flex flex-col">
                  <span className="whitespace-nowrap">{format.money(row.remaining)}</span>
                  {row.nextDueDate && (
                    <span className="text-sm whitespace-nowrap text-ink-muted">
                      {t("accountClerk.dueShort", { date: format.date(row.nextDueDate) })}
                    </span>
                  )}
                </span>
              ),
            },
            { header: t("accountClerk.fields.status"), cell: (row) => <StatusBadge status={row.status} overdue={row.isOverdue} /> },
            { header: t("common.actions"), cell: (row) => <AssessmentActions assessment={row} onChanged={onChanged} /> },
          ]}
        />
      )}
    </section>
  );
}
