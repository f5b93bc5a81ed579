import type { DogFeeTariff } from "@portal/forms";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useMutation } from "urql";
import { Button } from "../../components/Button.tsx";
import { Checkbox, TextArea, TextField } from "../../components/fields.tsx";
import { useToast } from "../../components/Toast.tsx";
import { useFormat } from "../../i18n/format.ts";
import { fromHaler, parseMoneyInput, toHaler } from "../account-clerk/money.ts";
import {
  blankAssessment,
  effectInput,
  issuesAssessment,
  initialForm,
  installmentPreview,
  recomputeDogFee,
  typedAmount,
  type EffectForm,
  type ProposedEffect,
} from "./effect-model.ts";
import { ApproveSubmissionMutation } from "./operations.ts";
import type { Conflict, Review } from "./ReviewPage.tsx";
import { canRecompute } from "./review-model.ts";

type FieldErrors = Record<string, string>;

/**
 * The approval: what it will do in the town's records (payer, dogs, the assessment computed from the year's
 * tariff, recalculated assessments), every part editable before the clerk confirms it. The dog fee follows the
 * clerk's changes (dates, exemptions, the reduced rate) until the clerk types an amount of their own.
 */
export function EffectPanel({
  submission,
  effect,
  warnings,
  tariff,
  onConflict,
  onApproved,
}: {
  submission: Review;
  effect: ProposedEffect;
  /** What the clerk should know, worded by the API (a missing tariff, a paid assessment). */
  warnings: readonly string[];
  tariff: DogFeeTariff | null;
  onConflict: (conflict: Conflict) => void;
  onApproved: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const toast = useToast();
  const [, approve] = useMutation(ApproveSubmissionMutation);
  const [form, setForm] = useState<EffectForm>(() => initialForm(effect));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const recomputable = canRecompute(effect, tariff);
  const dogFee = recomputable ? recomputeDogFee(tariff, effect.dogs, form) : null;
  const computedAmount = dogFee?.amount ?? effect.assessment?.amount ?? null;
  const money = (haler: number) => format.money(fromHaler(haler));

  /** Changes of what the fee depends on carry the amount along, unless the clerk has typed one. */
  function update(change: (draft: EffectForm) => EffectForm) {
    setForm((current) => {
      const next = change(current);
      if (!recomputable || !next.assessment || next.assessment.amountEdited) return next;
      const fee = recomputeDogFee(tariff, effect.dogs, next);
      return fee ? { ...next, assessment: { ...next.assessment, amount: typedAmount(fee.amount) } } : next;
    });
  }
  const error = (path: string) => errors[path];
  const clear = (path: string) => setErrors(({ [path]: _cleared, ...rest }) => rest);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: FieldErrors = {};
    if (form.assessment) {
      const amount = parseMoneyInput(form.assessment.amount);
      if (!amount) found["assessment.amount"] = t("submissionsClerk.validation.amount");
      else if (amount.startsWith("-") || toHaler(amount) <= 0) found["assessment.amount"] = t("submissionsClerk.validation.amountPositive");
      if (!/^\d{4}-\d{2}-\d{2}$/.test(form.assessment.dueDate)) found["assessment.dueDate"] = t("submissionsClerk.validation.date");
      if (!/^([1-9]|1[0-2])$/.test(form.assessment.installmentCount))
        found["assessment.installmentCount"] = t("submissionsClerk.validation.installmentCount");
      if (!form.assessment.subject.trim()) found["assessment.subject"] = t("validation.required");
    }
    form.dogs.forEach((dog, index) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(dog.keptFrom)) found[`dogs.${index}.keptFrom`] = t("submissionsClerk.validation.date");
    });
    form.endingDogs.forEach((dog, index) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(dog.endedOn)) found[`endingDogs.${index}.endedOn`] = t("submissionsClerk.validation.date");
    });
    form.adjustments.forEach((adjustment, index) => {
      const amount = parseMoneyInput(adjustment.newAmount);
      if (amount === null || amount.startsWith("-")) found[`adjustments.${index}.newAmount`] = t("submissionsClerk.validation.amount");
    });
    if (!effect.payerExists && needsPayer(effect, form) && !form.payerName.trim()) found.payerName = t("validation.required");
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setFormError(t("submissionsClerk.effect.fixErrors"));
      const first = event.currentTarget.querySelector<HTMLElement>(`[name="${Object.keys(found)[0]}"]`);
      first?.focus();
      return;
    }
    setBusy(true);
    setFormError(null);
    try {
      const result = await approve({
        input: {
          id: submission.id,
          expectedRevision: submission.revision,
          note: form.note.trim() || null,
          effect: effectInput(effect, form),
        },
      });
      const answer = result.data?.approveSubmission;
      if (answer?.__typename === "ApproveSubmissionSuccess") {
        toast(t("submissionsClerk.toast.approved"));
        onApproved();
        return;
      }
      if (answer?.__typename === "ConflictError") return onConflict({ message: answer.message });
      if (answer && "message" in answer) {
        const fieldErrors: FieldErrors = {};
        for (const fieldError of ("fieldErrors" in answer ? answer.fieldErrors : null) ?? []) {
          // ["input", "effect", "assessment", "amount"] -> "assessment.amount"
          const path = fieldError.path.filter((part) => part !== "input" && part !== "effect").join(".");
          fieldErrors[path] ??= fieldError.message;
        }
        setErrors(fieldErrors);
        setFormError(answer.message);
      } else {
        setFormError(result.error?.networkError ? t("errors.network") : t("errors.unexpected"));
      }
    } finally {
      setBusy(false);
    }
  }

  const preview = installmentPreview(form.assessment);
  return (
    <form noValidate onSubmit={submit} aria-label={t("submissionsClerk.effect.title")} className="flex flex-col gap-4" data-testid="effect">
      <h3 className="text-lg font-semibold">{t("submissionsClerk.effect.title")}</h3>
      <div role="alert" className="empty:hidden rounded-md border-2 border-danger bg-surface p-3 font-medium text-danger">
        {formError}
      </div>
      {warnings.length > 0 && (
        <ul className="flex flex-col gap-1 rounded-md border-2 border-accent p-3" data-testid="effect-warnings">
          {warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      )}
      {effect.kind === "NONE" && <p>{t("submissionsClerk.effect.none")}</p>}

      {needsPayer(effect, form) && (
        <fieldset className="flex flex-col gap-3">
          <legend className="font-semibold">{t("submissionsClerk.effect.payer")}</legend>
          {effect.payerExists ? (
            <p>{t("submissionsClerk.effect.existingPayer", { name: effect.payerName ?? "" })}</p>
          ) : (
            <div className="grid gap-3 sm:grid-cols-2">
              <TextField
                label={t("submissionsClerk.effect.payerName")}
                name="payerName"
                required
                maxLength={200}
                value={form.payerName}
                error={error("payerName")}
                onChange={(event) => {
                  clear("payerName");
                  setForm({ ...form, payerName: event.target.value });
                }}
              />
              <TextField
                label={t("submissionsClerk.effect.payerAddress")}
                name="payerAddress"
                maxLength={300}
                value={form.payerAddress}
                error={error("payerAddress")}
                onChange={(event) => {
                  clear("payerAddress");
                  setForm({ ...form, payerAddress: event.target.value });
                }}
              />
              <p className="text-sm text-ink-muted sm:col-span-2">
                {t("submissionsClerk.effect.linkAccount", { email: submission.citizen?.email ?? "" })}
              </p>
            </div>
          )}
        </fieldset>
      )}

      {effect.kind === "DOG_REGISTRATION" && (
        <fieldset className="flex flex-col gap-3">
          <legend className="font-semibold">{t("submissionsClerk.effect.dogs")}</legend>
          {effect.dogs.map((dog, index) => (
            <div key={index} className="grid gap-3 rounded-md border border-line p-3 sm:grid-cols-2" data-testid="effect-dog">
              <p className="sm:col-span-2">
                <span className="font-medium">{dog.name}</span>
                {dog.breed && `, ${dog.breed}`}
                {dog.chipNumber && (
                  <span className="block text-sm text-ink-muted">
                    {t("submissionsClerk.effect.chip")}: <span className="font-mono">{dog.chipNumber}</span>
                  </span>
                )}
                {error(`dogs.${index}.chipNumber`) && (
                  <span role="alert" className="block text-sm font-medium text-danger">
                    {error(`dogs.${index}.chipNumber`)}
                  </span>
                )}
              </p>
              <TextField
                type="date"
                label={t("submissionsClerk.effect.keptFromNamed", { name: dog.name })}
                name={`dogs.${index}.keptFrom`}
                required
                value={form.dogs[index]!.keptFrom}
                error={error(`dogs.${index}.keptFrom`)}
                onChange={(event) => {
                  clear(`dogs.${index}.keptFrom`);
                  update((draft) => ({
                    ...draft,
                    dogs: draft.dogs.map((d, i) => (i === index ? { ...d, keptFrom: event.target.value } : d)),
                  }));
                }}
              />
              <Checkbox
                label={t("submissionsClerk.effect.exemptNamed", { name: dog.name })}
                name={`dogs.${index}.exempt`}
                checked={form.dogs[index]!.exempt}
                onChange={(event) =>
                  update((draft) => ({
                    ...draft,
                    dogs: draft.dogs.map((d, i) => (i === index ? { ...d, exempt: event.target.checked } : d)),
                  }))
                }
              />
            </div>
          ))}
          <Checkbox
            label={t("submissionsClerk.effect.pensioner")}
            hint={t(effect.pensioner ? "submissionsClerk.effect.pensionerClaimed" : "submissionsClerk.effect.pensionerNotClaimed")}
            name="pensioner"
            checked={form.pensioner}
            onChange={(event) => update((draft) => ({ ...draft, pensioner: event.target.checked }))}
          />
          {!recomputable && effect.assessment && (
            <div className="flex flex-col gap-1 rounded-md bg-page p-3" data-testid="dog-fee">
              <ul>
                {effect.dogs.map((dog, index) => (
                  <li key={index}>{t("submissionsClerk.effect.dogFee", { name: dog.name, amount: money(dog.fee) })}</li>
                ))}
              </ul>
              <p>{t("submissionsClerk.effect.notRecomputed")}</p>
            </div>
          )}
          {tariff && dogFee && (
            <div className="flex flex-col gap-1 rounded-md bg-page p-3" aria-live="polite" data-testid="dog-fee">
              <p className="font-medium">{t("submissionsClerk.effect.computation", { year: tariff.year })}</p>
              <ul>
                {dogFee.lines.map((line, index) => (
                  <li key={index}>
                    {t("submissionsClerk.effect.line", {
                      name: line.name ?? "",
                      rate: t(`submissionsClerk.effect.rate.${line.rate}`),
                      months: line.months,
                      annual: money(line.annualRate),
                      amount: money(line.amount),
                    })}
                  </li>
                ))}
              </ul>
              <p className="font-semibold">{t("submissionsClerk.effect.computedTotal", { amount: money(dogFee.amount) })}</p>
            </div>
          )}
        </fieldset>
      )}

      {effect.kind === "DOG_DEREGISTRATION" && effect.endingDogs.length > 0 && (
        <fieldset className="flex flex-col gap-3">
          <legend className="font-semibold">{t("submissionsClerk.effect.dogsEnded")}</legend>
          {effect.endingDogs.map((dog, index) => (
            <div key={dog.dogId} className="grid gap-3 rounded-md border border-line p-3 sm:grid-cols-2">
              <p>
                <span className="font-medium">{dog.name}</span>
                {dog.chipNumber && <span className="block font-mono text-sm text-ink-muted">{dog.chipNumber}</span>}
              </p>
              <TextField
                type="date"
                label={t("submissionsClerk.effect.endedOnNamed", { name: dog.name })}
                name={`endingDogs.${index}.endedOn`}
                required
                value={form.endingDogs[index]!.endedOn}
                error={error(`endingDogs.${index}.endedOn`)}
                onChange={(event) => {
                  clear(`endingDogs.${index}.endedOn`);
                  setForm({ ...form, endingDogs: form.endingDogs.map((d, i) => (i === index ? { endedOn: event.target.value } : d)) });
                }}
              />
            </div>
          ))}
        </fieldset>
      )}

      {issuesAssessment(effect) && !form.assessment && (
        <div className="flex flex-col items-start gap-2">
          <p>{t("submissionsClerk.effect.noAssessment")}</p>
          <Button variant="secondary" onClick={() => setForm({ ...form, assessment: blankAssessment(effect, pragueToday()) })}>
            {t("submissionsClerk.effect.addAssessment")}
          </Button>
        </div>
      )}
      {form.assessment && (
        <fieldset className="flex flex-col gap-3">
          <legend className="font-semibold">{t("submissionsClerk.effect.assessment")}</legend>
          <Button variant="link" className="self-start" onClick={() => setForm({ ...form, assessment: null })}>
            {t("submissionsClerk.effect.dropAssessment")}
          </Button>
          <div className="grid gap-3 sm:grid-cols-2">
            <TextField
              label={t("submissionsClerk.effect.subject")}
              name="assessment.subject"
              className="sm:col-span-2"
              required
              maxLength={200}
              value={form.assessment.subject}
              error={error("assessment.subject")}
              onChange={(event) => {
                clear("assessment.subject");
                setForm({ ...form, assessment: { ...form.assessment!, subject: event.target.value } });
              }}
            />
            <TextField
              label={t("submissionsClerk.effect.amount")}
              hint={
                computedAmount !== null && parseMoneyInput(form.assessment.amount) !== fromHaler(computedAmount)
                  ? t("submissionsClerk.effect.amountChanged", { computed: money(computedAmount) })
                  : t("submissionsClerk.effect.amountHint")
              }
              name="assessment.amount"
              inputMode="decimal"
              autoComplete="off"
              required
              value={form.assessment.amount}
              error={error("assessment.amount")}
              onChange={(event) => {
                clear("assessment.amount");
                setForm({ ...form, assessment: { ...form.assessment!, amount: event.target.value, amountEdited: true } });
              }}
            />
            <TextField
              type="date"
              label={t("submissionsClerk.effect.dueDate")}
              name="assessment.dueDate"
              required
              value={form.assessment.dueDate}
              error={error("assessment.dueDate")}
              onChange={(event) => {
                clear("assessment.dueDate");
                setForm({ ...form, assessment: { ...form.assessment!, dueDate: event.target.value } });
              }}
            />
            <TextField
              type="number"
              min={1}
              max={12}
              label={t("submissionsClerk.effect.installmentCount")}
              name="assessment.installmentCount"
              required
              value={form.assessment.installmentCount}
              error={error("assessment.installmentCount")}
              onChange={(event) => {
                clear("assessment.installmentCount");
                setForm({ ...form, assessment: { ...form.assessment!, installmentCount: event.target.value } });
              }}
            />
          </div>
          {preview.length > 0 && (
            <ol
              className="flex flex-col gap-1"
              aria-live="polite"
              aria-label={t("submissionsClerk.effect.installments")}
              data-testid="installments"
            >
              {preview.map((installment, index) => (
                <li key={index}>
                  {t("submissionsClerk.effect.installmentLine", {
                    position: index + 1,
                    amount: money(installment.amount),
                    date: format.date(installment.dueDate),
                  })}
                </li>
              ))}
            </ol>
          )}
        </fieldset>
      )}

      {effect.adjustments.length > 0 && (
        <fieldset className="flex flex-col gap-3">
          <legend className="font-semibold">{t("submissionsClerk.effect.adjustments")}</legend>
          <p className="text-sm text-ink-muted">{t("submissionsClerk.effect.creditHint")}</p>
          {effect.adjustments.map((adjustment, index) => (
            <div key={adjustment.assessmentId} className="grid gap-3 rounded-md border border-line p-3 sm:grid-cols-2">
              <p>
                <span className="font-medium">{adjustment.subject}</span>
                <span className="block text-sm text-ink-muted">
                  VS {adjustment.variableSymbol} · {t("submissionsClerk.effect.currentAmount", { amount: money(adjustment.currentAmount) })}
                </span>
              </p>
              <TextField
                label={t("submissionsClerk.effect.newAmountNamed", { vs: adjustment.variableSymbol })}
                hint={t("submissionsClerk.effect.newAmountHint")}
                name={`adjustments.${index}.newAmount`}
                inputMode="decimal"
                autoComplete="off"
                required
                value={form.adjustments[index]!.newAmount}
                error={error(`adjustments.${index}.newAmount`)}
                onChange={(event) => {
                  clear(`adjustments.${index}.newAmount`);
                  setForm({ ...form, adjustments: form.adjustments.map((a, i) => (i === index ? { newAmount: event.target.value } : a)) });
                }}
              />
            </div>
          ))}
        </fieldset>
      )}

      <TextArea
        label={t("submissionsClerk.effect.note")}
        hint={t("submissionsClerk.effect.noteHint")}
        name="note"
        rows={2}
        maxLength={1000}
        value={form.note}
        error={error("note")}
        onChange={(event) => setForm({ ...form, note: event.target.value })}
      />
      <Button type="submit" busy={busy} className="self-start">
        {t(effect.kind === "NONE" ? "submissionsClerk.effect.approveNone" : "submissionsClerk.effect.approve")}
      </Button>
    </form>
  );
}

function needsPayer(effect: ProposedEffect, form: EffectForm): boolean {
  return effect.dogs.length > 0 || form.assessment !== null;
}

/** Today in the town, YYYY-MM-DD. */
const pragueToday = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Prague" }).format(new Date());
