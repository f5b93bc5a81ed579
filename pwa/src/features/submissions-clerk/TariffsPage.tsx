import { DOG_FEE_LEGAL_MAXIMUM } from "@portal/forms";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import { Button } from "../../components/Button.tsx";
import { Select, TextField } from "../../components/fields.tsx";
import { Form, useZodForm } from "../../components/form.tsx";
import { ResponsiveTable } from "../../components/ResponsiveTable.tsx";
import { EmptyState, LoadError, Loading } from "../../components/states.tsx";
import { useToast } from "../../components/Toast.tsx";
import type { ResultOf } from "../../graphql/graphql.ts";
import { useFormat } from "../../i18n/format.ts";
import { fromHaler, parseMoneyInput } from "../account-clerk/money.ts";
import { DogFeeTariffsQuery, SaveDogFeeTariffMutation } from "./operations.ts";
import { dogTariffSchema, type DogTariffValues } from "./schemas.ts";
import { SubmissionsFrame, useKeepsTariffs } from "./SubmissionsFrame.tsx";

type Tariff = ResultOf<typeof DogFeeTariffsQuery>["dogFeeTariffs"][number];
const RATES = ["firstDog", "furtherDog", "pensionerFirstDog", "pensionerFurtherDog"] as const;
const PRO_RATA = ["STARTED_MONTHS", "FROM_NEXT_MONTH"] as const;

/** "1 500" for 1500.00: how a clerk types an amount back into the field. */
const typed = (amount: `${number}`) => amount.replace(/\.00$/, "").replace(".", ",");

function valuesOf(tariff: Tariff | undefined, year: number): DogTariffValues {
  if (!tariff)
    return {
      year: String(year),
      firstDog: "",
      furtherDog: "",
      pensionerFirstDog: "",
      pensionerFurtherDog: "",
      dueDate: `${year}-03-31`,
      installmentCount: "1",
      proRata: "STARTED_MONTHS",
    };
  return {
    year: String(tariff.year),
    firstDog: typed(tariff.firstDog),
    furtherDog: typed(tariff.furtherDog),
    pensionerFirstDog: typed(tariff.pensionerFirstDog),
    pensionerFurtherDog: typed(tariff.pensionerFurtherDog),
    dueDate: tariff.dueDate,
    installmentCount: String(tariff.installmentCount),
    proRata: tariff.proRata === "FROM_NEXT_MONTH" ? "FROM_NEXT_MONTH" : "STARTED_MONTHS",
  };
}

/** /urad/podani/sazby: the dog fee's yearly rates (the town's OZV), which approvals of dog registrations compute from. */
export function TariffsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [{ data, error, fetching }, reexecute] = useQuery({ query: DogFeeTariffsQuery });
  const thisYear = new Date().getFullYear();
  const [editing, setEditing] = useState<number | null>(null);
  const refresh = () => reexecute({ requestPolicy: "network-only" });
  const keepsTariffs = useKeepsTariffs();
  const tariffs = data?.dogFeeTariffs ?? [];
  const years = [...new Set([thisYear + 1, thisYear, ...tariffs.map((tariff) => tariff.year)])].sort((a, b) => b - a);
  const year = editing ?? thisYear;
  return (
    <SubmissionsFrame title={t("submissionsClerk.tariffs.title")}>
      <p className="max-w-3xl">{t("submissionsClerk.tariffs.intro")}</p>
      {!data && (error && !fetching ? <LoadError onRetry={refresh} /> : <Loading />)}
      {data && tariffs.length === 0 && <EmptyState title={t("submissionsClerk.tariffs.empty")} />}
      {tariffs.length > 0 && (
        <ResponsiveTable
          caption={t("submissionsClerk.tariffs.title")}
          rows={tariffs}
          rowKey={(row) => String(row.year)}
          columns={[
            { header: t("submissionsClerk.tariffs.year"), cell: (row) => <span className="font-medium">{row.year}</span> },
            ...RATES.map((rate) => ({
              header: t(`submissionsClerk.tariffs.${rate}`),
              cell: (row: Tariff) => format.money(row[rate]),
              nowrap: true,
            })),
            { header: t("submissionsClerk.tariffs.dueDate"), cell: (row) => format.date(row.dueDate), nowrap: true },
            { header: t("submissionsClerk.tariffs.installmentCount"), cell: (row) => String(row.installmentCount) },
            ...(keepsTariffs
              ? [
                  {
                    header: t("common.actions"),
                    cell: (row: Tariff) => (
                      <Button
                        variant="secondary"
                        onClick={() => setEditing(row.year)}
                        aria-label={t("submissionsClerk.tariffs.editYear", { year: row.year })}
                      >
                        {t("common.edit")}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
      {data && keepsTariffs && (
        <section aria-labelledby="tariff-form-heading" className="flex flex-col gap-3 rounded-lg border border-line bg-surface p-4">
          <h2 id="tariff-form-heading" className="text-xl font-semibold">
            {t("submissionsClerk.tariffs.formTitle")}
          </h2>
          <Select
            label={t("submissionsClerk.tariffs.year")}
            value={String(year)}
            onChange={(event) => setEditing(Number(event.target.value))}
            options={years.map((value) => ({
              value: String(value),
              label: tariffs.some((tariff) => tariff.year === value)
                ? String(value)
                : t("submissionsClerk.tariffs.newYear", { year: value }),
            }))}
          />
          <TariffForm key={year} year={year} tariff={tariffs.find((tariff) => tariff.year === year)} onSaved={refresh} />
        </section>
      )}
    </SubmissionsFrame>
  );
}

function TariffForm({ year, tariff, onSaved }: { year: number; tariff: Tariff | undefined; onSaved: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const toast = useToast();
  const [, save] = useMutation(SaveDogFeeTariffMutation);
  const form = useZodForm(dogTariffSchema, valuesOf(tariff, year));
  const submit = form.handleSubmit(async (values) => {
    const result = await save({
      input: {
        year: Number(values.year),
        firstDog: parseMoneyInput(values.firstDog)!,
        furtherDog: parseMoneyInput(values.furtherDog)!,
        pensionerFirstDog: parseMoneyInput(values.pensionerFirstDog)!,
        pensionerFurtherDog: parseMoneyInput(values.pensionerFurtherDog)!,
        dueDate: values.dueDate,
        installmentCount: Number(values.installmentCount),
        proRata: values.proRata,
      },
    });
    const answer = result.data?.saveDogFeeTariff;
    if (answer?.__typename !== "SaveDogFeeTariffSuccess") return form.fail(answer ?? result.error);
    toast(t("submissionsClerk.toast.tariffSaved", { year: values.year }));
    onSaved();
  });
  return (
    <Form onSubmit={submit} error={form.formError} label={t("submissionsClerk.tariffs.formLabel", { year })}>
      <div className="grid gap-4 sm:grid-cols-2">
        {RATES.map((rate) => (
          <TextField
            key={rate}
            label={t(`submissionsClerk.tariffs.${rate}`)}
            hint={t("submissionsClerk.tariffs.maximum", { amount: format.money(fromHaler(DOG_FEE_LEGAL_MAXIMUM[rate])) })}
            inputMode="decimal"
            autoComplete="off"
            required
            {...form.bind(rate)}
          />
        ))}
        <TextField
          type="date"
          label={t("submissionsClerk.tariffs.dueDate")}
          hint={t("submissionsClerk.tariffs.dueDateHint")}
          required
          {...form.bind("dueDate")}
        />
        <TextField
          type="number"
          min={1}
          max={12}
          label={t("submissionsClerk.tariffs.installmentCount")}
          hint={t("submissionsClerk.tariffs.installmentCountHint")}
          required
          {...form.bind("installmentCount")}
        />
        <Select
          label={t("submissionsClerk.tariffs.proRata")}
          hint={t("submissionsClerk.tariffs.proRataHint")}
          className="sm:col-span-2"
          options={PRO_RATA.map((rule) => ({ value: rule, label: t(`submissionsClerk.tariffs.proRataRule.${rule}`) }))}
          {...form.bind("proRata")}
        />
      </div>
      <Button type="submit" busy={form.submitting} className="self-start">
        {t("submissionsClerk.tariffs.save", { year })}
      </Button>
    </Form>
  );
}
