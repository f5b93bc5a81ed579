import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../components/Button.tsx";
import { Select, TextField } from "../../components/fields.tsx";
import { EMPTY_FILTER, isDate, isFiltered, type NoticeFilterValues } from "./filters.ts";
import { NOTICE_CATEGORIES, type NoticeCategory } from "./notice-model.ts";

interface NoticeFiltersProps {
  /** The filters in force (from the URL); the form follows when they change by navigation (back button, link). */
  value: NoticeFilterValues;
  onApply: (next: NoticeFilterValues) => void;
  label: string;
}

/**
 * Search and filters of a notice list. Applied on submit (Enter in any field, or the button), which writes them to
 * the URL; nothing is fetched while typing, which matters on a phone's slow connection.
 */
export function NoticeFilters({ value, onApply, label }: NoticeFiltersProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(value);
  const [dateError, setDateError] = useState<string | undefined>();
  // Follow the URL without re-mounting: a keyboard user who just pressed Enter keeps focus where it was.
  const applied = JSON.stringify(value);
  useEffect(() => {
    setDraft(JSON.parse(applied) as NoticeFilterValues);
    setDateError(undefined);
  }, [applied]);
  const hasMore = Boolean(value.category || value.originator || value.postedFrom || value.postedTo);

  const set = (name: keyof NoticeFilterValues) => (event: { target: { value: string } }) => {
    setDraft((current) => ({ ...current, [name]: event.target.value }));
    if (name === "postedFrom" || name === "postedTo") setDateError(undefined);
  };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { postedFrom, postedTo } = draft;
    if ((postedFrom && !isDate(postedFrom)) || (postedTo && !isDate(postedTo))) return setDateError(t("notices.filters.invalidDate"));
    if (postedFrom && postedTo && postedFrom > postedTo) return setDateError(t("notices.filters.dateOrder"));
    onApply({ ...draft, search: draft.search.trim(), originator: draft.originator.trim() });
  }

  const categoryOptions = [
    { value: "", label: t("notices.filters.anyCategory") },
    ...NOTICE_CATEGORIES.map((category) => ({ value: category, label: t(`notices.category.${category}`) })),
  ];

  return (
    <form
      role="search"
      aria-label={label}
      noValidate
      onSubmit={submit}
      className="flex flex-col gap-3 rounded-lg border border-line bg-surface p-4"
    >
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <TextField
          className="flex-1"
          type="search"
          label={t("notices.filters.search")}
          hint={t("notices.filters.searchHint")}
          name="search"
          value={draft.search}
          onChange={set("search")}
          maxLength={200}
          enterKeyHint="search"
        />
        <div className="flex flex-wrap gap-3 sm:mb-6">
          <Button type="submit">{t("notices.filters.submit")}</Button>
          {isFiltered(value) && (
            <Button variant="secondary" onClick={() => onApply(EMPTY_FILTER)}>
              {t("notices.filters.clear")}
            </Button>
          )}
        </div>
      </div>
      <details open={hasMore || undefined} className="group">
        <summary className="min-h-11 cursor-pointer py-2 font-medium text-brand-text">{t("notices.filters.more")}</summary>
        <div className="grid gap-3 pt-2 sm:grid-cols-2">
          <Select
            label={t("notices.fields.category")}
            name="category"
            options={categoryOptions}
            value={draft.category}
            onChange={(event) => setDraft((current) => ({ ...current, category: event.target.value as NoticeCategory | "" }))}
          />
          <TextField
            label={t("notices.fields.originator")}
            name="originator"
            value={draft.originator}
            onChange={set("originator")}
            maxLength={200}
          />
          <TextField
            label={t("notices.filters.postedFrom")}
            type="date"
            name="postedFrom"
            value={draft.postedFrom}
            onChange={set("postedFrom")}
          />
          <TextField
            label={t("notices.filters.postedTo")}
            type="date"
            name="postedTo"
            value={draft.postedTo}
            onChange={set("postedTo")}
            error={dateError}
          />
          <Button type="submit" className="self-start sm:col-span-2">
            {t("notices.filters.submit")}
          </Button>
        </div>
      </details>
    </form>
  );
}
