import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { PageHeading } from "../../components/PageHeading.tsx";
import { filterFromParams, filterToParams, isFiltered, toApiFilter, type NoticeFilterValues } from "./filters.ts";
import { BOARD_FEEDS } from "./notice-model.ts";
import { NoticeFilters } from "./NoticeFilters.tsx";
import { NoticeList, type NoticeListKind } from "./NoticeList.tsx";

/** Úřední deska: the notices posted now, newest first; no login needed. */
export function NoticeBoardPage() {
  return <NoticeListPage kind="board" />;
}

/** The archive: notices taken down at the end of their window or withdrawn early. */
export function NoticeArchivePage() {
  return <NoticeListPage kind="archive" />;
}

function NoticeListPage({ kind }: { kind: NoticeListKind }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filter = filterFromParams(params);
  const query = filterToParams(filter).toString();
  const listKey = `${kind}?${query}`;

  // Each applied search is its own history entry: the back button returns to the previous one.
  const apply = (next: NoticeFilterValues) => setParams(filterToParams(next));

  return (
    <div className="flex flex-col gap-5">
      {kind === "board" && (
        // React places it in <head>: browsers and feed readers discover the board's feed from this page.
        <link rel="alternate" type="application/rss+xml" title={t("notices.feeds.rssTitle")} href={BOARD_FEEDS.rss} />
      )}
      {kind === "board" && (
        <link rel="alternate" type="application/atom+xml" title={t("notices.feeds.atomTitle")} href={BOARD_FEEDS.atom} />
      )}
      <div className="flex flex-col gap-2">
        <PageHeading>{t(kind === "board" ? "notices.board.title" : "notices.archive.title")}</PageHeading>
        <p>{t(kind === "board" ? "notices.board.intro" : "notices.archive.intro")}</p>
        <p>
          {kind === "board" ? (
            <Link to="/uredni-deska/archiv">{t("notices.archive.link")}</Link>
          ) : (
            <Link to="/uredni-deska">{t("notices.board.link")}</Link>
          )}
        </p>
      </div>
      <NoticeFilters
        value={filter}
        onApply={apply}
        label={t(kind === "board" ? "notices.filters.boardLabel" : "notices.filters.archiveLabel")}
      />
      <NoticeList key={listKey} kind={kind} filter={toApiFilter(filter)} listKey={listKey} filtered={isFiltered(filter)} />
      {kind === "board" && <BoardOutputs />}
    </div>
  );
}

/** The same board for machines: feeds for readers, OFN open data for the national catalogue and anyone else. */
function BoardOutputs() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="board-outputs-heading" className="flex flex-col gap-2 border-t border-line pt-4">
      <h2 id="board-outputs-heading" className="text-lg font-semibold">
        {t("notices.feeds.heading")}
      </h2>
      <ul className="flex flex-wrap gap-x-6 gap-y-2">
        <li>
          <a href={BOARD_FEEDS.rss} type="application/rss+xml">
            {t("notices.feeds.rss")}
          </a>
        </li>
        <li>
          <a href={BOARD_FEEDS.atom} type="application/atom+xml">
            {t("notices.feeds.atom")}
          </a>
        </li>
        <li>
          <a href={BOARD_FEEDS.openData} type="application/ld+json">
            {t("notices.feeds.openData")}
          </a>
        </li>
      </ul>
    </section>
  );
}
