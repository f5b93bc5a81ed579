import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import { z } from "zod";
import { Button } from "../../components/Button.tsx";
import { ConfirmActions, Dialog } from "../../components/Dialog.tsx";
import { CheckboxGroup, TextField } from "../../components/fields.tsx";
import { Form, useZodForm } from "../../components/form.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ResponsiveTable } from "../../components/ResponsiveTable.tsx";
import { EmptyState, LoadError, Loading } from "../../components/states.tsx";
import { useToast } from "../../components/Toast.tsx";
import type { ResultOf } from "../../graphql/graphql.ts";
import { useFormat } from "../../i18n/format.ts";
import { endOfTownDay } from "../../town-time.ts";
import { requiredText } from "../auth/schemas.ts";
import { ApiTokensQuery, CreateApiTokenMutation, RevokeApiTokenMutation } from "./operations.ts";

type ApiToken = ResultOf<typeof ApiTokensQuery>["apiTokens"][number];

const createTokenSchema = z.object({
  name: requiredText,
  scopes: z.array(z.string()).min(1, "validation.chooseOne"),
  /** A date from <input type="date">; the token expires at the end of that day in the town's time zone. */
  expiresOn: z.string(),
});

export function ApiTokensPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [{ data, error }, reexecute] = useQuery({ query: ApiTokensQuery });
  const [creating, setCreating] = useState(false);
  const [createdToken, setCreatedToken] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);

  const status = (token: ApiToken) => {
    if (token.revokedAt) return t("admin.apiTokens.revokedOn", { date: format.date(token.revokedAt) });
    if (token.expiresAt && Date.parse(token.expiresAt) < Date.now()) return t("admin.apiTokens.expired");
    return t("admin.apiTokens.active");
  };

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <PageHeading>{t("admin.apiTokens.title")}</PageHeading>
        <Button onClick={() => setCreating(true)}>{t("admin.apiTokens.create")}</Button>
      </div>
      <p>{t("admin.apiTokens.description")}</p>
      {!data && (error ? <LoadError onRetry={() => reexecute({ requestPolicy: "network-only" })} /> : <Loading />)}
      {data && data.apiTokens.length === 0 && <EmptyState title={t("admin.apiTokens.empty")} />}
      {data && data.apiTokens.length > 0 && (
        <ResponsiveTable
          caption={t("admin.apiTokens.title")}
          rows={data.apiTokens}
          rowKey={(token) => token.id}
          columns={[
            { header: t("fields.name"), cell: (token) => token.name },
            { header: t("admin.apiTokens.prefix"), cell: (token) => <code>{token.prefix}…</code> },
            { header: t("fields.scopes"), cell: (token) => token.scopes.join(", ") },
            { header: t("admin.created"), cell: (token) => format.date(token.createdAt) },
            {
              header: t("admin.apiTokens.lastUsed"),
              cell: (token) => (token.lastUsedAt ? format.dateTime(token.lastUsedAt) : t("admin.apiTokens.neverUsed")),
            },
            {
              header: t("admin.apiTokens.expires"),
              cell: (token) => (token.expiresAt ? format.date(token.expiresAt) : t("admin.apiTokens.noExpiry")),
            },
            { header: t("admin.clerks.status"), cell: status },
            {
              header: t("common.actions"),
              cell: (token) =>
                !token.revokedAt && (
                  <Button
                    variant="link"
                    onClick={() => setRevoking(token)}
                    aria-label={t("admin.apiTokens.revokeNamed", { name: token.name })}
                  >
                    {t("admin.apiTokens.revoke")}
                  </Button>
                ),
            },
          ]}
        />
      )}
      <Dialog open={creating} title={t("admin.apiTokens.create")} onClose={() => setCreating(false)}>
        <CreateTokenForm
          scopes={data?.apiTokenScopes ?? []}
          onCreated={(token) => {
            setCreating(false);
            setCreatedToken(token);
          }}
        />
      </Dialog>
      <Dialog open={createdToken !== null} title={t("admin.apiTokens.createdTitle")} onClose={() => setCreatedToken(null)}>
        {createdToken && <CreatedToken token={createdToken} />}
      </Dialog>
      <Dialog open={revoking !== null} title={t("admin.apiTokens.revokeTitle")} onClose={() => setRevoking(null)}>
        {revoking && <RevokeToken token={revoking} onDone={() => setRevoking(null)} />}
      </Dialog>
    </div>
  );
}

function CreateTokenForm({ scopes, onCreated }: { scopes: readonly string[]; onCreated: (token: string) => void }) {
  const { t } = useTranslation();
  const [, createApiToken] = useMutation(CreateApiTokenMutation);
  const form = useZodForm(createTokenSchema, { name: "", scopes: [], expiresOn: "" });

  const onSubmit = form.handleSubmit(async ({ expiresOn, ...input }) => {
    const expiresAt = expiresOn ? endOfTownDay(expiresOn) : null;
    const result = await createApiToken({ input: { ...input, expiresAt } });
    const answer = result.data?.createApiToken;
    if (answer?.__typename !== "CreateApiTokenSuccess") return form.fail(answer ?? result.error);
    onCreated(answer.token);
  });

  return (
    <Form onSubmit={onSubmit} error={form.formError}>
      <TextField label={t("fields.name")} hint={t("admin.apiTokens.nameHint")} required {...form.bind("name")} />
      <CheckboxGroup
        label={t("fields.scopes")}
        options={scopes.map((scope) => ({ value: scope, label: scope }))}
        value={form.values.scopes}
        onChange={(value) => form.setValue("scopes", value)}
        error={form.error("scopes")}
      />
      <TextField label={t("admin.apiTokens.expiresOn")} hint={t("admin.apiTokens.expiresHint")} type="date" {...form.bind("expiresOn")} />
      <Button type="submit" busy={form.submitting}>
        {t("admin.apiTokens.create")}
      </Button>
    </Form>
  );
}

/** The secret exists only in this dialog: the API stores a hash and cannot show it again. */
function CreatedToken({ token }: { token: string }) {
  const { t } = useTranslation();
  const toast = useToast();
  return (
    <div className="flex flex-col gap-3">
      <p>{t("admin.apiTokens.shownOnce")}</p>
      <TextField
        label={t("admin.apiTokens.token")}
        value={token}
        readOnly
        onFocus={(event) => event.target.select()}
        className="font-mono"
      />
      <Button
        className="self-start"
        onClick={() =>
          navigator.clipboard.writeText(token).then(
            () => toast(t("admin.apiTokens.copied")),
            () => toast(t("admin.apiTokens.copyFailed"), "error"),
          )
        }
      >
        {t("admin.apiTokens.copy")}
      </Button>
    </div>
  );
}

function RevokeToken({ token, onDone }: { token: ApiToken; onDone: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const [{ fetching }, revokeApiToken] = useMutation(RevokeApiTokenMutation);
  const [failure, setFailure] = useState<string | null>(null);

  async function revoke() {
    const result = await revokeApiToken({ input: { id: token.id } });
    const answer = result.data?.revokeApiToken;
    if (answer?.__typename !== "RevokeApiTokenSuccess") return setFailure(answer?.message ?? t("errors.unexpected"));
    toast(t("admin.apiTokens.revoked", { name: token.name }));
    onDone();
  }

  return (
    <ConfirmActions
      question={t("admin.apiTokens.revokeConfirm", { name: token.name })}
      confirmLabel={t("admin.apiTokens.revoke")}
      failure={failure}
      busy={fetching}
      onConfirm={() => void revoke()}
      onCancel={onDone}
    />
  );
}
