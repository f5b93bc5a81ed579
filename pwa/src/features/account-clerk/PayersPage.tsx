import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import { useMutation, useQuery } from "urql";
import { Button } from "../../components/Button.tsx";
import { Dialog } from "../../components/Dialog.tsx";
import { TextField } from "../../components/fields.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ResponsiveTable } from "../../components/ResponsiveTable.tsx";
import { EmptyState, LoadError, Loading } from "../../components/states.tsx";
import { useToast } from "../../components/Toast.tsx";
import type { ResultOf } from "../../graphql/graphql.ts";
import { useFormat } from "../../i18n/format.ts";
import { payerUuid } from "./money.ts";
import { CreatePayerMutation, FinancePayersQuery } from "./operations.ts";
import { PayerForm } from "./PayerForm.tsx";

type Row = ResultOf<typeof FinancePayersQuery>["financePayers"]["nodes"][number];
const PAGE_SIZE = 50;

/** /urad/poplatky: the finance clerk's payers, searchable by name, external id or a variable symbol. */
export function PayersPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const search = (params.get("hledat") ?? "").trim();
  const [creating, setCreating] = useState(false);
  return (
    <div className="flex flex-col gap-5">
      <p>
        <Link to="/urad">{t("accountClerk.backToDesk")}</Link>
      </p>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <PageHeading>{t("accountClerk.title")}</PageHeading>
        <Button onClick={() => setCreating(true)}>{t("accountClerk.newPayer")}</Button>
      </div>
      <SearchForm key={search} search={search} onApply={(next) => setParams(next ? { hledat: next } : {})} />
      <PayerTable key={search} search={search} />
      <Dialog open={creating} title={t("accountClerk.newPayer")} onClose={() => setCreating(false)}>
        <NewPayer onDone={() => setCreating(false)} />
      </Dialog>
    </div>
  );
}

function SearchForm({ search, onApply }: { search: string; onApply: (search: string) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(search);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onApply(draft.trim());
  };
  return (
    <form
      role="search"
      aria-label={t("accountClerk.searchLabel")}
      noValidate
      onSubmit={submit}
      className="grid gap-3 rounded-lg border border-line bg-surface p-4 sm:grid-cols-[1fr_auto] sm:items-end"
    >
      <TextField
        type="search"
        label={t("accountClerk.search")}
        hint={t("accountClerk.searchHint")}
        name="search"
        value={draft}
        maxLength={100}
        onChange={(event) => setDraft(event.target.value)}
      />
      <Button type="submit">{t("accountClerk.searchSubmit")}</Button>
    </form>
  );
}

function PayerTable({ search }: { search: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [after, setAfter] = useState<string | null>(null);
  const [rows, setRows] = useState<Row[]>([]);
  const [{ data, error, fetching }, reexecute] = useQuery({
    query: FinancePayersQuery,
    variables: { search: search || null, first: PAGE_SIZE, after },
  });
  const page = data?.financePayers;
  const current = page ? [...(after ? rows : []), ...page.nodes] : rows;
  const unique = [...new Map(current.map((row) => [row.id, row])).values()];
  if (!page && rows.length === 0)
    return error && !fetching ? <LoadError onRetry={() => reexecute({ requestPolicy: "network-only" })} /> : <Loading />;
  return (
    <div className="flex flex-col gap-3">
      {unique.length === 0 ? (
        <EmptyState title={t(search ? "accountClerk.noMatch" : "accountClerk.empty")} />
      ) : (
        <ResponsiveTable
          caption={t("accountClerk.payers")}
          rows={unique}
          rowKey={(row) => row.id}
          columns={[
            {
              header: t("accountClerk.fields.name"),
              cell: (row) => (
                <Link to={`/urad/poplatky/${payerUuid(row.id)}`} className="break-words">
                  {row.name}
                </Link>
              ),
            },
            { header: t("accountClerk.fields.kind"), cell: (row) => t(`accountClerk.payerKind.${row.kind}`) },
            { header: t("accountClerk.fields.address"), cell: (row) => row.address ?? "–" },
            { header: t("accountClerk.fields.externalId"), cell: (row) => row.externalId ?? "–" },
            { header: t("accountClerk.fields.totalDue"), cell: (row) => format.money(row.totalDue), nowrap: true },
          ]}
        />
      )}
      {page?.pageInfo.hasNextPage && page.pageInfo.endCursor && (
        <Button
          variant="secondary"
          className="self-start"
          busy={fetching}
          onClick={() => {
            setRows(unique);
            setAfter(page.pageInfo.endCursor);
          }}
        >
          {t("common.loadMore")}
        </Button>
      )}
    </div>
  );
}

function NewPayer({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const navigate = useNavigate();
  const [, createPayer] = useMutation(CreatePayerMutation);
  return (
    <PayerForm
      initial={{ name: "", kind: "PERSON", address: "", externalId: "", directDebit: false }}
      submitLabel={t("accountClerk.createPayer")}
      onSubmit={async (input) => {
        const result = await createPayer({ input });
        const answer = result.data?.createPayer;
        if (answer?.__typename !== "CreatePayerSuccess") return answer ?? result.error;
        toast(t("accountClerk.toast.payerCreated"));
        onDone();
        navigate(`/urad/poplatky/${payerUuid(answer.payer.id)}`);
        return null;
      }}
    />
  );
}
