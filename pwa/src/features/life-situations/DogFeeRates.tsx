import { computeDogFee, formatCzk, type DogFeeDog, type DogFeeTariff, type ProRataRule } from "@portal/forms";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { useLocale } from "./locale.ts";
import { DogFeeTariffsQuery } from "./operations.ts";
import { townToday } from "./form-state.ts";

type TariffRow = NonNullable<ReturnType<typeof useTariffs>>[number];

function useTariffs() {
  const [{ data }] = useQuery({ query: DogFeeTariffsQuery });
  return data?.dogFeeTariffs;
}

/** Money strings of the API ("1500.00") as integer haléře, without a float in between. */
function halere(amount: string): number {
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(amount);
  return match ? Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0")) : 0;
}

function toTariff(row: TariffRow): DogFeeTariff {
  return {
    year: row.year,
    firstDog: halere(row.firstDog),
    furtherDog: halere(row.furtherDog),
    pensionerFirstDog: halere(row.pensionerFirstDog),
    pensionerFurtherDog: halere(row.pensionerFurtherDog),
    proRata: row.proRata as ProRataRule,
  };
}

/** This year's tariff, or the newest one the town has set. */
function currentTariff(rows: readonly TariffRow[] | undefined): TariffRow | undefined {
  const year = Number(townToday().slice(0, 4));
  return rows?.find((row) => row.year === year) ?? rows?.[0];
}

/** The town's dog fee rates of the current year, on the guide page. */
export function DogFeeRates() {
  const { t } = useTranslation();
  const locale = useLocale();
  const row = currentTariff(useTariffs());
  if (!row) return null;
  const tariff = toTariff(row);
  const rates = [
    [t("lifeSituations.fee.firstDog"), tariff.firstDog],
    [t("lifeSituations.fee.furtherDog"), tariff.furtherDog],
    [t("lifeSituations.fee.pensionerFirstDog"), tariff.pensionerFirstDog],
    [t("lifeSituations.fee.pensionerFurtherDog"), tariff.pensionerFurtherDog],
  ] as const;
  return (
    <div className="rounded-md border border-line bg-surface p-3">
      <p className="font-semibold">{t("lifeSituations.fee.ratesTitle", { year: tariff.year })}</p>
      <dl className="mt-2 grid grid-cols-[1fr_auto] gap-x-4 gap-y-1">
        {rates.map(([label, amount]) => (
          <div key={label} className="contents">
            <dt>{label}</dt>
            <dd className="text-right tabular-nums">{formatCzk(amount, locale)}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

/**
 * The fee the dogs entered so far would cost this year, computed by the same rule the clerk's proposal and the
 * assessment use (@portal/forms computeDogFee). Announced politely as it changes.
 */
export function DogFeePreview({ dogs, pensioner }: { dogs: DogFeeDog[]; pensioner: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const row = currentTariff(useTariffs());
  const fee = useMemo(() => (row && dogs.length > 0 ? computeDogFee(toTariff(row), dogs, { pensioner }) : null), [row, dogs, pensioner]);
  if (!row) return null;
  return (
    <section aria-labelledby="fee-preview-title" className="rounded-lg border-2 border-brand bg-surface p-4">
      <h3 id="fee-preview-title" className="font-semibold">
        {t("lifeSituations.fee.previewTitle", { year: row.year })}
      </h3>
      <div aria-live="polite">
        {!fee ? (
          <p className="text-ink-muted">{t("lifeSituations.fee.previewEmpty")}</p>
        ) : (
          <>
            <ul className="mt-2 flex flex-col gap-1">
              {fee.lines.map((line, index) => (
                <li key={`${line.key}-${index}`} className="flex flex-wrap justify-between gap-x-4">
                  <span>
                    {line.name ?? t("lifeSituations.fee.dog")} · {t(`lifeSituations.fee.rate.${line.rate}`)} ·{" "}
                    {t("lifeSituations.fee.months", { count: line.months })}
                  </span>
                  <span className="tabular-nums">{formatCzk(line.amount, locale)}</span>
                </li>
              ))}
            </ul>
            <p className="mt-2 flex justify-between gap-4 border-t border-line pt-2 font-semibold">
              <span>{t("lifeSituations.fee.total")}</span>
              <span className="tabular-nums">{formatCzk(fee.total, locale)}</span>
            </p>
            <p className="mt-1 text-sm text-ink-muted">{t("lifeSituations.fee.previewNote")}</p>
          </>
        )}
      </div>
    </section>
  );
}
