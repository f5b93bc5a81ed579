import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { Button } from "../../components/Button.tsx";
import { Dialog } from "../../components/Dialog.tsx";
import { TextField } from "../../components/fields.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ResponsiveTable } from "../../components/ResponsiveTable.tsx";
import { EmptyState, LoadError, Loading } from "../../components/states.tsx";
import type { ResultOf } from "../../graphql/graphql.ts";
import { useFormat } from "../../i18n/format.ts";
import { OutboxQuery } from "./operations.ts";

type OutboxMessage = ResultOf<typeof OutboxQuery>["outbox"]["edges"][number]["node"];

const PAGE_SIZE = 20;
const URL_PATTERN = /(https?:\/\/[^\s<>"]+)/g;

/** Plain-text e-mail with its links clickable, so a demo user can follow a verification link. */
function MessageBody({ text }: { text: string }) {
  return (
    <pre className="max-h-[60vh] overflow-auto rounded-md bg-page p-3 font-sans break-words whitespace-pre-wrap">
      {text.split(URL_PATTERN).map((part, index) =>
        index % 2 === 1 ? (
          <a key={index} href={part}>
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </pre>
  );
}

export function OutboxPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [filter, setFilter] = useState("");
  const [to, setTo] = useState<string | null>(null);
  const [after, setAfter] = useState<string | null>(null);
  const [{ data, fetching, error }, reexecute] = useQuery({ query: OutboxQuery, variables: { first: PAGE_SIZE, after, to } });
  const [reading, setReading] = useState<OutboxMessage | null>(null);
  const messages = data?.outbox.edges.map((edge) => edge.node) ?? [];

  function applyFilter(event: FormEvent) {
    event.preventDefault();
    setAfter(null);
    setTo(filter.trim() || null);
  }

  return (
    <div className="flex flex-col gap-4">
      <PageHeading>{t("admin.outbox.title")}</PageHeading>
      <p>{t("admin.outbox.description")}</p>
      <form role="search" onSubmit={applyFilter} className="flex flex-wrap items-end gap-3">
        <TextField label={t("admin.outbox.recipient")} type="search" value={filter} onChange={(event) => setFilter(event.target.value)} />
        <Button type="submit" variant="secondary">
          {t("admin.outbox.filter")}
        </Button>
      </form>
      {!data && (error ? <LoadError onRetry={() => reexecute({ requestPolicy: "network-only" })} /> : <Loading />)}
      {data && messages.length === 0 && <EmptyState title={t("admin.outbox.empty")} />}
      {messages.length > 0 && (
        <ResponsiveTable
          caption={t("admin.outbox.title")}
          rows={messages}
          rowKey={(message) => message.id}
          columns={[
            { header: t("admin.outbox.recipient"), cell: (message) => message.toAddress },
            {
              header: t("admin.outbox.subject"),
              cell: (message) => (
                <Button variant="link" className="text-left" onClick={() => setReading(message)}>
                  {message.subject}
                </Button>
              ),
            },
            { header: t("admin.created"), cell: (message) => format.dateTime(message.createdAt) },
            {
              header: t("admin.outbox.sent"),
              cell: (message) => (message.sentAt ? `${format.dateTime(message.sentAt)} (${message.transport})` : t("admin.outbox.notSent")),
            },
          ]}
        />
      )}
      {data?.outbox.pageInfo.hasNextPage && (
        <Button variant="secondary" busy={fetching} className="self-start" onClick={() => setAfter(data.outbox.pageInfo.endCursor)}>
          {t("common.loadMore")}
        </Button>
      )}
      <Dialog open={reading !== null} title={reading?.subject ?? ""} onClose={() => setReading(null)}>
        {reading && (
          <>
            <p>
              {t("admin.outbox.to")}: {reading.toAddress}
            </p>
            <MessageBody text={reading.textBody} />
          </>
        )}
      </Dialog>
    </div>
  );
}
