import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation } from "urql";
import { z } from "zod";
import { Button } from "../../../components/Button.tsx";
import { Dialog } from "../../../components/Dialog.tsx";
import { Form, useZodForm } from "../../../components/form.tsx";
import { useToast } from "../../../components/Toast.tsx";
import type { ResultOf } from "../../../graphql/graphql.ts";
import { useFormat } from "../../../i18n/format.ts";
import { TextArea } from "../../../components/fields.tsx";
import { PublishRegisterEntryMutation, UnpublishRegisterEntryMutation, type RegistryFields } from "./operations.ts";

export type EntryStatus = "DRAFT" | "PUBLISHED" | "UNPUBLISHED";
type Registry = ResultOf<typeof RegistryFields>;

const BADGE: Record<EntryStatus, string> = {
  DRAFT: "border-line bg-page text-ink",
  PUBLISHED: "border-success bg-success text-white",
  UNPUBLISHED: "border-danger bg-surface text-danger",
};

export function StatusBadge({ status }: { status: EntryStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`inline-block rounded-full border px-2 py-0.5 text-sm font-semibold whitespace-nowrap ${BADGE[status]}`}>
      {t(`registers.status.${status}`)}
    </span>
  );
}

/**
 * Where a contract or order stands with the registr smluv (over 50 000 Kč excluding VAT, 30 days from
 * signing or ordering; unpublished after three months it is cancelled from the start). Overdue and cancelled ones stand
 * out in colour and in words, so the warning does not depend on colour alone.
 */
export function RegistryStatus({ registry }: { registry: Registry }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!registry.requiresRegistry) return <span className="text-ink-muted">{t("registers.registry.notRequiredShort")}</span>;
  if (registry.registryPublishedOn || registry.registryId) {
    return (
      <span>{t("registers.registry.done", { date: registry.registryPublishedOn ? format.date(registry.registryPublishedOn) : "—" })}</span>
    );
  }
  const deadline = registry.registryDeadline ? format.date(registry.registryDeadline) : "—";
  if (registry.registryCancelled) {
    return (
      <strong className="inline-block rounded-md bg-danger px-2 py-0.5 text-white">
        {t("registers.registry.cancelled", { date: registry.registryVoidDate ? format.date(registry.registryVoidDate) : "—" })}
      </strong>
    );
  }
  if (registry.registryOverdue) {
    return (
      <strong className="inline-block rounded-md bg-danger px-2 py-0.5 text-white">{t("registers.registry.overdue", { deadline })}</strong>
    );
  }
  return (
    <span className="inline-block rounded-md border-2 border-accent px-2 py-0.5 font-medium">
      {t("registers.registry.pending", { deadline })}
    </span>
  );
}

interface Entry {
  id: string;
  number: string;
  status: EntryStatus;
}

/** Publish (drafts and withdrawn entries) or withdraw with a reason (published ones). */
export function PublishActions({ entry, compact = false }: { entry: Entry; compact?: boolean }) {
  const { t } = useTranslation();
  const toast = useToast();
  const [{ fetching: publishing }, publish] = useMutation(PublishRegisterEntryMutation);
  const [withdrawing, setWithdrawing] = useState(false);
  const variant = compact ? "link" : "primary";

  async function onPublish() {
    const result = await publish({ id: entry.id });
    const answer = result.data?.publishRegisterEntry;
    if (answer?.__typename === "PublishRegisterEntrySuccess") toast(t("registers.clerk.published", { number: entry.number }));
    else toast(answer && "message" in answer ? answer.message : t("errors.unexpected"), "error");
  }

  return (
    <>
      {entry.status === "PUBLISHED" ? (
        <Button
          variant={compact ? "link" : "secondary"}
          onClick={() => setWithdrawing(true)}
          aria-label={compact ? t("registers.clerk.unpublishNamed", { number: entry.number }) : undefined}
        >
          {t("registers.clerk.unpublish")}
        </Button>
      ) : (
        <Button
          variant={variant}
          busy={publishing}
          onClick={() => void onPublish()}
          aria-label={compact ? t("registers.clerk.publishNamed", { number: entry.number }) : undefined}
        >
          {t("registers.clerk.publish")}
        </Button>
      )}
      <Dialog
        open={withdrawing}
        title={t("registers.clerk.unpublishTitle", { number: entry.number })}
        onClose={() => setWithdrawing(false)}
      >
        {withdrawing && <UnpublishForm entry={entry} onDone={() => setWithdrawing(false)} />}
      </Dialog>
    </>
  );
}

const reasonSchema = z.object({ reason: z.string().trim().min(1, "validation.required").max(1000, "validation.tooLong") });

function UnpublishForm({ entry, onDone }: { entry: Entry; onDone: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const [, unpublish] = useMutation(UnpublishRegisterEntryMutation);
  const form = useZodForm(reasonSchema, { reason: "" });

  const onSubmit = form.handleSubmit(async ({ reason }) => {
    const result = await unpublish({ id: entry.id, reason });
    const answer = result.data?.unpublishRegisterEntry;
    if (answer?.__typename !== "UnpublishRegisterEntrySuccess") return form.fail(answer ?? result.error);
    toast(t("registers.clerk.unpublished", { number: entry.number }));
    onDone();
  });

  return (
    <Form onSubmit={onSubmit} error={form.formError}>
      <p>{t("registers.clerk.unpublishText")}</p>
      <TextArea label={t("registers.clerk.reason")} required {...form.bind("reason")} />
      <div className="flex flex-wrap gap-3">
        <Button type="submit" variant="danger" busy={form.submitting}>
          {t("registers.clerk.unpublishConfirm")}
        </Button>
        <Button variant="secondary" onClick={onDone}>
          {t("common.cancel")}
        </Button>
      </div>
    </Form>
  );
}
