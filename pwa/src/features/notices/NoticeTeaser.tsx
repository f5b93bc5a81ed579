import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useQuery } from "urql";
import { useFormat } from "../../i18n/format.ts";
import { isOnBoard, noticePath } from "./notice-model.ts";
import { useNowUntil } from "./offline-notices.ts";
import { NoticeBoardQuery } from "./operations.ts";

const TEASER_SIZE = 5;

/** The home page's view of the notice board: the latest notices and the way to the whole board. */
export function NoticeTeaser() {
  const { t } = useTranslation();
  const format = useFormat();
  const [{ data }] = useQuery({ query: NoticeBoardQuery, variables: { first: TEASER_SIZE } });
  const notices = data?.noticeBoard.edges.map((edge) => edge.node) ?? [];
  const now = useNowUntil(notices.map((notice) => notice.takeDownAt));
  const shown = notices.filter((notice) => isOnBoard(notice, now));

  return (
    <section aria-labelledby="notice-teaser-heading" className="flex flex-col gap-3 rounded-lg border border-line bg-surface p-5">
      <h2 id="notice-teaser-heading" className="text-xl font-semibold">
        {t("notices.teaser.title")}
      </h2>
      {data && shown.length === 0 && <p>{t("notices.list.emptyBoard")}</p>}
      {shown.length > 0 && (
        <ul className="flex flex-col divide-y divide-line">
          {shown.map((notice) => (
            <li key={notice.id} className="flex flex-col py-2">
              <Link to={noticePath(notice.id)} className="font-medium break-words">
                {notice.title}
              </Link>
              <span className="text-sm text-ink-muted">
                {t(`notices.category.${notice.category}`)} · {t("notices.teaser.posted", { date: format.date(notice.postedAt) })}
              </span>
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to="/uredni-deska">{t("notices.teaser.all")}</Link>
      </p>
    </section>
  );
}
