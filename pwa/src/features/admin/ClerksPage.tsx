import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import { z } from "zod";
import { Button } from "../../components/Button.tsx";
import { Dialog } from "../../components/Dialog.tsx";
import { Checkbox, CheckboxGroup, Select, TextField } from "../../components/fields.tsx";
import { Form, useZodForm } from "../../components/form.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ResponsiveTable } from "../../components/ResponsiveTable.tsx";
import { EmptyState, LoadError, Loading } from "../../components/states.tsx";
import { useToast } from "../../components/Toast.tsx";
import type { ResultOf } from "../../graphql/graphql.ts";
import { useFormat } from "../../i18n/format.ts";
import { AGENDAS, type Agenda } from "../auth/roles.ts";
import { email, requiredText } from "../auth/schemas.ts";
import { ClerksQuery, CreateClerkMutation, UpdateClerkMutation } from "./operations.ts";

type Clerk = NonNullable<ResultOf<typeof ClerksQuery>["clerks"]["edges"][number]["node"]>;

const PAGE_SIZE = 50;
const staffRole = z.enum(["CLERK", "ADMIN"]);
const agendas = z.array(z.enum(AGENDAS as [Agenda, ...Agenda[]]));
const createClerkSchema = z.object({ fullName: requiredText, email, role: staffRole, agendas });
const updateClerkSchema = z.object({ role: staffRole, agendas, disabled: z.boolean() });

function useStaffOptions() {
  const { t } = useTranslation();
  return {
    roleOptions: staffRole.options.map((role) => ({ value: role, label: t(`role.${role}`) })),
    agendaOptions: AGENDAS.map((agenda) => ({ value: agenda, label: t(`agenda.${agenda}.name`) })),
  };
}

export function ClerksPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [after, setAfter] = useState<string | null>(null);
  const [{ data, fetching, error }, reexecute] = useQuery({ query: ClerksQuery, variables: { first: PAGE_SIZE, after } });
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Clerk | null>(null);
  const clerks = data?.clerks.edges.map((edge) => edge.node) ?? [];

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <PageHeading>{t("admin.clerks.title")}</PageHeading>
        <Button onClick={() => setCreating(true)}>{t("admin.clerks.create")}</Button>
      </div>
      {!data && (error ? <LoadError onRetry={() => reexecute({ requestPolicy: "network-only" })} /> : <Loading />)}
      {data && clerks.length === 0 && <EmptyState title={t("admin.clerks.empty")} />}
      {clerks.length > 0 && (
        <ResponsiveTable
          caption={t("admin.clerks.title")}
          rows={clerks}
          rowKey={(clerk) => clerk.id}
          columns={[
            { header: t("fields.fullName"), cell: (clerk) => clerk.fullName },
            { header: t("fields.email"), cell: (clerk) => clerk.email },
            { header: t("fields.role"), cell: (clerk) => t(`role.${clerk.role}`) },
            {
              header: t("fields.agendas"),
              cell: (clerk) => clerk.agendas.map((agenda) => t(`agenda.${agenda}.name`)).join(", ") || "—",
            },
            {
              header: t("admin.clerks.status"),
              cell: (clerk) => (clerk.disabled ? t("admin.clerks.disabled") : t("admin.clerks.active")),
            },
            { header: t("admin.created"), cell: (clerk) => format.date(clerk.createdAt) },
            {
              header: t("common.actions"),
              cell: (clerk) => (
                <Button variant="link" onClick={() => setEditing(clerk)} aria-label={t("admin.clerks.editNamed", { name: clerk.fullName })}>
                  {t("common.edit")}
                </Button>
              ),
            },
          ]}
        />
      )}
      {data?.clerks.pageInfo.hasNextPage && (
        <Button variant="secondary" busy={fetching} className="self-start" onClick={() => setAfter(data.clerks.pageInfo.endCursor)}>
          {t("common.loadMore")}
        </Button>
      )}
      <Dialog open={creating} title={t("admin.clerks.create")} onClose={() => setCreating(false)}>
        <CreateClerkForm onDone={() => setCreating(false)} />
      </Dialog>
      <Dialog open={editing !== null} title={t("admin.clerks.edit")} onClose={() => setEditing(null)}>
        {editing && <UpdateClerkForm key={editing.id} clerk={editing} onDone={() => setEditing(null)} />}
      </Dialog>
    </div>
  );
}

function CreateClerkForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const { roleOptions, agendaOptions } = useStaffOptions();
  const [, createClerk] = useMutation(CreateClerkMutation);
  const form = useZodForm(createClerkSchema, { fullName: "", email: "", role: "CLERK", agendas: [] });

  const onSubmit = form.handleSubmit(async (input) => {
    const result = await createClerk({ input });
    const answer = result.data?.createClerk;
    if (answer?.__typename !== "CreateClerkSuccess") return form.fail(answer ?? result.error);
    toast(t("admin.clerks.created", { email: input.email }));
    onDone();
  });

  return (
    <Form onSubmit={onSubmit} error={form.formError}>
      <TextField label={t("fields.fullName")} required {...form.bind("fullName")} />
      <TextField label={t("fields.email")} type="email" hint={t("admin.clerks.emailHint")} required {...form.bind("email")} />
      <Select label={t("fields.role")} options={roleOptions} {...form.bind("role")} />
      <CheckboxGroup
        label={t("fields.agendas")}
        options={agendaOptions}
        value={form.values.agendas}
        onChange={(value) => form.setValue("agendas", value as Agenda[])}
        error={form.error("agendas")}
      />
      <Button type="submit" busy={form.submitting}>
        {t("admin.clerks.create")}
      </Button>
    </Form>
  );
}

function UpdateClerkForm({ clerk, onDone }: { clerk: Clerk; onDone: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const { roleOptions, agendaOptions } = useStaffOptions();
  const [, updateClerk] = useMutation(UpdateClerkMutation);
  const form = useZodForm(updateClerkSchema, {
    role: clerk.role === "ADMIN" ? "ADMIN" : "CLERK",
    agendas: [...clerk.agendas],
    disabled: clerk.disabled,
  });

  const onSubmit = form.handleSubmit(async (input) => {
    const result = await updateClerk({ input: { id: clerk.id, ...input } });
    const answer = result.data?.updateClerk;
    if (answer?.__typename !== "UpdateClerkSuccess") return form.fail(answer ?? result.error);
    toast(t("admin.clerks.saved", { name: clerk.fullName }));
    onDone();
  });

  return (
    <Form onSubmit={onSubmit} error={form.formError}>
      <p>
        {clerk.fullName} ({clerk.email})
      </p>
      <Select label={t("fields.role")} options={roleOptions} {...form.bind("role")} />
      <CheckboxGroup
        label={t("fields.agendas")}
        options={agendaOptions}
        value={form.values.agendas}
        onChange={(value) => form.setValue("agendas", value as Agenda[])}
        error={form.error("agendas")}
      />
      <Checkbox
        label={t("admin.clerks.disableAccount")}
        hint={t("admin.clerks.disableHint")}
        checked={form.values.disabled}
        onChange={(event) => form.setValue("disabled", event.target.checked)}
        error={form.error("disabled")}
      />
      <Button type="submit" busy={form.submitting}>
        {t("common.save")}
      </Button>
    </Form>
  );
}
