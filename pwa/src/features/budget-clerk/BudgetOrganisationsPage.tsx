import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import { z } from "zod";
import { Button } from "../../components/Button.tsx";
import { Checkbox, Select, TextField } from "../../components/fields.tsx";
import { Form, useZodForm } from "../../components/form.tsx";
import { EmptyState, LoadError, Loading } from "../../components/states.tsx";
import { useToast } from "../../components/Toast.tsx";
import type { ResultOf } from "../../graphql/graphql.ts";
import { BudgetClerkFrame } from "./BudgetClerkPages.tsx";
import {
  BudgetOrganisationsAdminQuery,
  SaveBudgetOrganisationMutation,
  SetBudgetOrganisationMemberMutation,
  type BudgetOrganisationFields,
} from "./operations.ts";

type Organisation = ResultOf<typeof BudgetOrganisationFields>;
const KINDS = ["TOWN", "DISTRICT", "CONTRIBUTORY"] as const;

const organisationSchema = z.object({
  kind: z.enum(KINDS),
  code: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{0,29}$/, "budgetClerk.validation.code"),
  name: z.string().trim().min(1, "validation.required").max(200, "validation.tooLong"),
  ico: z
    .string()
    .trim()
    .refine((value) => value === "" || /^\d{8}$/.test(value), "budgetClerk.validation.ico"),
});

/**
 * /urad/rozpocet/organizace: the town, its districts and příspěvkové organizace whose data the budget shows, and
 * who uploads each one's data. The server checks every value again (codes unique in the town, the IČO's checksum,
 * an account that exists).
 */
export function BudgetOrganisationsPage() {
  const { t } = useTranslation();
  const [result, reexecute] = useQuery({ query: BudgetOrganisationsAdminQuery });
  const organisations = result.data?.budgetOrganisations;
  return (
    <BudgetClerkFrame title={t("budgetClerk.organisations.title")}>
      <p>{t("budgetClerk.organisations.intro")}</p>
      {!organisations && (result.error ? <LoadError onRetry={() => reexecute({ requestPolicy: "network-only" })} /> : <Loading />)}
      {organisations && organisations.length === 0 && <EmptyState title={t("budgetClerk.organisations.none")} />}
      {organisations && (
        <ul className="flex flex-col gap-4">
          {organisations.map((organisation) => (
            <li key={organisation.id}>
              <OrganisationCard organisation={organisation} />
            </li>
          ))}
        </ul>
      )}
      <section aria-labelledby="new-organisation" className="flex flex-col gap-3 rounded-lg border border-line bg-surface p-4">
        <h2 id="new-organisation" className="text-xl font-semibold">
          {t("budgetClerk.organisations.add")}
        </h2>
        <OrganisationForm organisation={null} />
      </section>
    </BudgetClerkFrame>
  );
}

function OrganisationCard({ organisation }: { organisation: Organisation }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const headingId = `organisation-${organisation.id}`;
  return (
    <section
      aria-labelledby={headingId}
      className="flex flex-col gap-3 rounded-lg border border-line bg-surface p-4"
      data-organisation={organisation.code}
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 id={headingId} className="text-lg font-semibold">
            {organisation.name}
          </h2>
          <p className="text-sm text-ink-muted">
            {t(`budgetClerk.kind.${organisation.kind}`)} · {t("budgetClerk.organisations.codeLabel")} {organisation.code}
            {organisation.ico && ` · IČO ${organisation.ico}`}
            {organisation.consolidated ? ` · ${t("budgetClerk.organisations.consolidated")}` : ""}
          </p>
        </div>
        <Button variant="secondary" aria-expanded={editing} onClick={() => setEditing((value) => !value)}>
          {editing ? t("common.cancel") : t("common.edit")}
        </Button>
      </div>
      {editing && <OrganisationForm organisation={organisation} onSaved={() => setEditing(false)} />}
      <Members organisation={organisation} />
    </section>
  );
}

function OrganisationForm({ organisation, onSaved }: { organisation: Organisation | null; onSaved?: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const [, save] = useMutation(SaveBudgetOrganisationMutation);
  const [consolidated, setConsolidated] = useState(organisation?.consolidated ?? true);
  const empty = { kind: "CONTRIBUTORY" as const, code: "", name: "", ico: "" };
  const form = useZodForm(
    organisationSchema,
    organisation ? { kind: organisation.kind, code: organisation.code, name: organisation.name, ico: organisation.ico ?? "" } : empty,
  );
  const onSubmit = form.handleSubmit(async (values) => {
    const result = await save({
      input: { id: organisation?.id ?? null, ...values, ico: values.ico === "" ? null : values.ico, consolidated },
    });
    const answer = result.data?.saveBudgetOrganisation;
    if (answer?.__typename === "SaveBudgetOrganisationSuccess") {
      toast(t("budgetClerk.organisations.saved"));
      if (!organisation) form.reset(empty);
      onSaved?.();
      return;
    }
    form.fail(answer ?? result.error);
  });
  return (
    <Form onSubmit={onSubmit} error={form.formError} label={organisation ? organisation.name : t("budgetClerk.organisations.add")}>
      <div className="grid gap-4 sm:grid-cols-2">
        <Select
          label={t("budgetClerk.organisations.kindLabel")}
          options={KINDS.map((kind) => ({ value: kind, label: t(`budgetClerk.kind.${kind}`) }))}
          {...form.bind("kind")}
        />
        <TextField label={t("budgetClerk.organisations.name")} autoComplete="off" {...form.bind("name")} />
        <TextField
          label={t("budgetClerk.organisations.code")}
          hint={t("budgetClerk.organisations.codeHint")}
          autoComplete="off"
          {...form.bind("code")}
        />
        <TextField label="IČO" inputMode="numeric" autoComplete="off" {...form.bind("ico")} />
      </div>
      <Checkbox
        label={t("budgetClerk.organisations.consolidatedLabel")}
        hint={t("budgetClerk.organisations.consolidatedHint")}
        checked={consolidated}
        onChange={(event) => setConsolidated(event.target.checked)}
      />
      <Button type="submit" busy={form.submitting} className="self-start">
        {organisation ? t("common.save") : t("budgetClerk.organisations.create")}
      </Button>
    </Form>
  );
}

const memberSchema = z.object({ email: z.string().trim().email("validation.email") });

function Members({ organisation }: { organisation: Organisation }) {
  const { t } = useTranslation();
  const toast = useToast();
  const [, setMember] = useMutation(SetBudgetOrganisationMemberMutation);
  const form = useZodForm(memberSchema, { email: "" });
  const [problem, setProblem] = useState<string | null>(null);
  const members = organisation.members ?? [];

  const onAdd = form.handleSubmit(async ({ email }) => {
    const result = await setMember({ organisationId: organisation.id, email, member: true });
    const answer = result.data?.setBudgetOrganisationMember;
    if (answer?.__typename === "SetBudgetOrganisationMemberSuccess") {
      toast(t("budgetClerk.organisations.memberAdded", { email }));
      form.reset({ email: "" });
      return;
    }
    form.fail(answer ?? result.error);
  });

  async function remove(email: string) {
    setProblem(null);
    const result = await setMember({ organisationId: organisation.id, email, member: false });
    const answer = result.data?.setBudgetOrganisationMember;
    if (answer?.__typename === "SetBudgetOrganisationMemberSuccess") toast(t("budgetClerk.organisations.memberRemoved", { email }));
    else setProblem(answer && "message" in answer ? answer.message : t("errors.unexpected"));
  }

  return (
    <div className="flex flex-col gap-2 border-t border-line pt-3">
      <h3 className="font-semibold">{t("budgetClerk.organisations.members")}</h3>
      {members.length === 0 ? (
        <p className="text-ink-muted">{t("budgetClerk.organisations.noMembers")}</p>
      ) : (
        <ul className="flex flex-col gap-2">
          {members.map((member) => (
            <li key={member.userId} className="flex flex-wrap items-center justify-between gap-2">
              <span>
                {member.fullName} <span className="text-ink-muted">({member.email})</span>
              </span>
              <Button variant="link" onClick={() => void remove(member.email)}>
                {t("budgetClerk.organisations.removeMember", { name: member.fullName })}
              </Button>
            </li>
          ))}
        </ul>
      )}
      {problem && (
        <p role="alert" className="font-medium text-danger">
          {problem}
        </p>
      )}
      <Form onSubmit={onAdd} error={form.formError} label={t("budgetClerk.organisations.addMember")}>
        <div className="flex flex-col gap-2 sm:flex-row sm:items-end">
          <TextField
            className="sm:flex-1"
            label={t("budgetClerk.organisations.memberEmail")}
            hint={t("budgetClerk.organisations.memberHint")}
            type="email"
            autoComplete="off"
            {...form.bind("email")}
          />
          <Button type="submit" variant="secondary" busy={form.submitting} className="self-start sm:self-end">
            {t("budgetClerk.organisations.addMember")}
          </Button>
        </div>
      </Form>
    </div>
  );
}
