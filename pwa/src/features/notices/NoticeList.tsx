import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useClient, useQuery } from "urql";
import { Button } from "../../components/Button.tsx";
import { EmptyState, LoadError, Loading } from "../../components/states.tsx";
import type { ResultOf } from "../../graphql/graphql.ts";
import { useNetworkStatus } from "../../graphql/network-status.ts";
import { useFormat } from "../../i18n/format.ts";
import { isOnBoard, isTakenDown, noticePath } from "./notice-model.ts";
import { pruneOfflineNotices, useNowUntil } from "./offline-notices.ts";
import { NoticeArchiveQuery, NoticeBoardQuery } from "./operations.ts";

export type NoticeListKind = "board" | "archive";
type BoardNotice = NonNullable<ResultOf<typeof NoticeBoardQuery>["noticeBoard"]["edges"][number]["node"]>;
type ArchivedNotice = NonNullable<ResultOf<typeof NoticeArchiveQuery>["noticeArchive"]["edges"][number]["node"]>;
type ListedNotice = BoardNotice & Partial<Pick<ArchivedNotice, "withdrawnAt">>;

export const PAGE_SIZE = 20;
const UPDATED_KEY = "portal.notices.listUpdatedAt";

/** When each list (kind and filters) last came from the API, so an offline copy can say how old it is. */
function readUpdatedAt(listKey: string): number | null {
  try {
    const value = (JSON.parse(localStorage.getItem(UPDATED_KEY) ?? "{}") as Record<string, number>)[listKey];
    return typeof value === "number" ? value : null;
  } catch {
    return null;
  }
}

function writeUpdatedAt(listKey: string, at: number) {
  try {
    const all = JSON.parse(localStorage.getItem(UPDATED_KEY) ?? "{}") as Record<string, number>;
    const kept = Object.entries({ ...all, [listKey]: at })
      .sort(([, a], [, b]) => b - a)
      .slice(0, 20);
    localStorage.setItem(UPDATED_KEY, JSON.stringify(Object.fromEntries(kept)));
  } catch {
    // Without storage the banner still gives the app-wide time of the last update.
  }
}

interface NoticeListProps {
  kind: NoticeListKind;
  filter: Record<string, string | undefined> | undefined;
  /** Identifies the list in the URL (kind + query string); a new value starts again from the first page. */
  listKey: string;
  filtered: boolean;
}

/**
 * A paged notice list: each page is its own query (cache-and-network), so every page shown is refreshed from the
 * API, and an offline copy holds exactly the pages the visitor opened. "Load more" follows the Relay cursor.
 */
export function NoticeList({ kind, filter, listKey, filtered }: NoticeListProps) {
  const [cursors, setCursors] = useState<ReadonlyArray<string | null>>([null]);
  return (
    <div className="flex flex-col gap-3">
      {cursors.map((after, index) => (
        <NoticePage
          key={after ?? "first"}
          kind={kind}
          filter={filter}
          after={after}
          first={index === 0}
          last={index === cursors.length - 1}
          listKey={listKey}
          filtered={filtered}
          onLoadMore={(cursor) => setCursors((current) => [...current, cursor])}
        />
      ))}
    </div>
  );
}

interface NoticePageProps extends NoticeListProps {
  after: string | null;
  first: boolean;
  last: boolean;
  onLoadMore: (cursor: string) => void;
}

function NoticePage({ kind, filter, after, first, last, listKey, filtered, onLoadMore }: NoticePageProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const client = useClient();
  const { online } = useNetworkStatus();
  const variables = { first: PAGE_SIZE, after, filter };
  const [board, reloadBoard] = useQuery({ query: NoticeBoardQuery, variables, pause: kind !== "board" });
  const [archive, reloadArchive] = useQuery({ query: NoticeArchiveQuery, variables, pause: kind !== "archive" });
  const result = kind === "board" ? board : archive;
  const reload = kind === "board" ? reloadBoard : reloadArchive;
  const connection = kind === "board" ? board.data?.noticeBoard : archive.data?.noticeArchive;
  const notices: ListedNotice[] = connection?.edges.map((edge) => edge.node) ?? [];
  const now = useNowUntil(kind === "board" ? notices.map((notice) => notice.takeDownAt) : []);
  const [updatedAt, setUpdatedAt] = useState(() => readUpdatedAt(listKey));

  // A fresh answer from the API (not the cached copy shown meanwhile, nor the offline fallback).
  const fromNetwork = Boolean(result.data) && !result.stale && !result.error && result.operation?.context.meta?.cacheOutcome !== "hit";
  useEffect(() => {
    if (!fromNetwork || !first) return;
    const at = Date.now();
    writeUpdatedAt(listKey, at);
    setUpdatedAt(at);
    // The refreshed board replaced the cached one; now drop attachments of notices that have left it.
    if (kind === "board") void pruneOfflineNotices(client, { online: true });
  }, [fromNetwork, first, listKey, kind, client, result.data]);

  if (!connection) {
    if (result.error && !result.fetching) return <LoadError onRetry={() => reload({ requestPolicy: "network-only" })} />;
    return <Loading />;
  }

  // The board never shows a notice past its take-down moment, even from a cached answer (device clock).
  const shown = kind === "board" ? notices.filter((notice) => isOnBoard(notice, now)) : notices;

  return (
    <>
      {first && !online && (
        <p className="rounded-md border border-line bg-surface px-4 py-3" role="note">
          {updatedAt
            ? t(kind === "board" ? "notices.offline.boardCopy" : "notices.offline.archiveCopy", { time: format.dateTime(updatedAt) })
            : t("notices.offline.noCopyTime")}{" "}
          {kind === "board" && t("notices.offline.takenDownHidden")}
        </p>
      )}
      {first && shown.length === 0 && (
        <EmptyState
          title={t(filtered ? "notices.list.noMatch" : kind === "board" ? "notices.list.emptyBoard" : "notices.list.emptyArchive")}
        >
          {filtered ? t("notices.list.noMatchHint") : null}
        </EmptyState>
      )}
      {shown.length > 0 && (
        <ul className="flex flex-col gap-3" aria-label={t(kind === "board" ? "notices.list.boardLabel" : "notices.list.archiveLabel")}>
          {shown.map((notice) => (
            <NoticeCard key={notice.id} notice={notice} kind={kind} now={now} />
          ))}
        </ul>
      )}
      {last && connection.pageInfo.hasNextPage && connection.pageInfo.endCursor && (
        <Button variant="secondary" className="self-start" onClick={() => onLoadMore(connection.pageInfo.endCursor!)}>
          {t("common.loadMore")}
        </Button>
      )}
    </>
  );
}

export function NoticeCard({ notice, kind, now }: { notice: ListedNotice; kind: NoticeListKind; now: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const archived = kind === "archive" || isTakenDown(notice, now);
  return (
    <li className="rounded-lg border border-line bg-surface p-4">
      <article className="flex flex-col gap-2">
        <h2 className="text-lg font-semibold break-words">
          <Link to={noticePath(notice.id)}>{notice.title}</Link>
        </h2>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr_auto_1fr]">
          <dt className="text-ink-muted">{t("notices.fields.category")}</dt>
          <dd>{t(`notices.category.${notice.category}`)}</dd>
          <dt className="text-ink-muted">{t("notices.fields.originator")}</dt>
          <dd className="min-w-0 break-words">{notice.originator}</dd>
          <dt className="text-ink-muted">{t("notices.fields.postedAt")}</dt>
          <dd>{format.date(notice.postedAt)}</dd>
          {archived ? (
            <>
              <dt className="text-ink-muted">{t(notice.withdrawn ? "notices.fields.withdrawnAt" : "notices.fields.takenDownAt")}</dt>
              <dd>{format.date(notice.withdrawnAt ?? notice.takeDownAt)}</dd>
            </>
          ) : (
            <>
              <dt className="text-ink-muted">{t("notices.fields.relevantUntil")}</dt>
              <dd>{format.date(notice.relevantUntil)}</dd>
            </>
          )}
        </dl>
      </article>
    </li>
  );
}
