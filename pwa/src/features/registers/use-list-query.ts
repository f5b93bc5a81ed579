import { useMemo, useState } from "react";
import { useSearchParams } from "react-router";
import { readListQuery } from "./filters.ts";

export const PAGE_SIZE = 25;

/** The list's URL state and the variables of its query; the page (cursor) starts over whenever the filter changes. */
export function useListQuery() {
  const [searchParams, setSearchParams] = useSearchParams();
  const search = searchParams.toString();
  const query = useMemo(() => readListQuery(new URLSearchParams(search)), [search]);
  const [page, setPage] = useState<{ search: string; after: string | null }>({ search, after: null });
  const after = page.search === search ? page.after : null;
  const variables = useMemo(
    () => ({ first: PAGE_SIZE, after, filter: query.filter, orderBy: query.orderBy }),
    [after, query.filter, query.orderBy],
  );
  return {
    query,
    search,
    variables,
    loadPage: (cursor: string | null | undefined) => setPage({ search, after: cursor ?? null }),
    apply: (next: URLSearchParams) => setSearchParams(next),
    searchParams,
  };
}

export type ListState = ReturnType<typeof useListQuery>;
