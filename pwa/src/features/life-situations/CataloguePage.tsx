import { LIFE_SITUATION_CATEGORIES, lifeSituations, type LifeSituation, type LifeSituationCategory } from "@portal/forms";
import { useId, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { TextField } from "../../components/fields.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { EmptyState } from "../../components/states.tsx";
import { useLocale } from "./locale.ts";
import { guidePath, matchesSearch } from "./paths.ts";

/** Životní situace: the public catalogue of what a citizen can settle online, grouped, searchable, without login. */
export function CataloguePage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [searchParams, setSearchParams] = useSearchParams();
  const query = searchParams.get("hledat") ?? "";
  const shown = useMemo(() => lifeSituations.filter((situation) => matchesSearch(situation, query)), [query]);
  const categories = (Object.keys(LIFE_SITUATION_CATEGORIES) as LifeSituationCategory[])
    .map((category) => ({ category, situations: shown.filter((s) => s.category === category) }))
    .filter((group) => group.situations.length > 0);

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-2">
        <PageHeading>{t("lifeSituations.catalogue.title")}</PageHeading>
        <p className="max-w-prose text-ink-muted">{t("lifeSituations.catalogue.intro")}</p>
      </div>
      <div role="search" className="max-w-md">
        <TextField
          type="search"
          label={t("lifeSituations.catalogue.search")}
          hint={t("lifeSituations.catalogue.searchHint")}
          value={query}
          onChange={(event) => setSearchParams(event.target.value ? { hledat: event.target.value } : {}, { replace: true })}
        />
      </div>
      <p role="status" className="sr-only">
        {t("lifeSituations.catalogue.found", { count: shown.length })}
      </p>
      {categories.length === 0 && <EmptyState title={t("lifeSituations.catalogue.nothingFound")} />}
      {categories.map(({ category, situations }) => (
        <CategorySection key={category} title={LIFE_SITUATION_CATEGORIES[category][locale]} situations={situations} />
      ))}
    </div>
  );
}

function CategorySection({ title, situations }: { title: string; situations: LifeSituation[] }) {
  const locale = useLocale();
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-3">
      <h2 id={headingId} className="text-xl font-semibold">
        {title}
      </h2>
      <ul className="grid gap-3 md:grid-cols-2">
        {situations.map((situation) => (
          <li key={situation.slug} className="flex flex-col gap-2 rounded-lg border border-line bg-surface p-4">
            <h3 className="text-lg font-semibold">
              <Link to={guidePath(situation.slug)}>{situation.title[locale]}</Link>
            </h3>
            <p className="text-ink-muted">{situation.summary[locale]}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
