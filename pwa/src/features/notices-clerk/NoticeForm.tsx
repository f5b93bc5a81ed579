import { useEffect, useMemo, useRef, useState, type ChangeEvent } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useMutation, useQuery } from "urql";
import { Button } from "../../components/Button.tsx";
import { fileInputClass, Select, TextArea, TextField } from "../../components/fields.tsx";
import { Form, useZodForm, type ErrorResult } from "../../components/form.tsx";
import { useToast } from "../../components/Toast.tsx";
import { useFormat } from "../../i18n/format.ts";
import { fileTypeLabel, formatFileSize, NOTICE_CATEGORIES, noticeUuid } from "../notices/notice-model.ts";
import {
  initialValues,
  noticeFormSchema,
  plannedPostedAt,
  takeDownMomentOf,
  toNoticeInput,
  withFormFieldNames,
  type FormMode,
  type NoticeFormValues,
} from "./notice-form-model.ts";
import {
  ApproveNoticeMutation,
  CreateNoticeMutation,
  NoticeWindowQuery,
  ProposeNoticeMutation,
  ReviseNoticeMutation,
  UpdateNoticeMutation,
  UploadFileMutation,
} from "./operations.ts";

type Intent = "save" | "approve" | "propose";

export interface EditableNotice {
  id: string;
  status: string;
  title: string;
  description: string;
  category: NoticeFormValues["category"];
  originator: string;
  originatorIco?: string | null;
  referenceNumber?: string | null;
  fileMark?: string | null;
  postedAt: string;
  relevantUntil: string;
  attachments: ReadonlyArray<{ fileId: string; fileName: string; mimeType: string; size: number }>;
}

/** Where a failure that happened after navigating (create, then approve) is handed to the next page's form. */
export interface FormFailureState {
  failure?: ErrorResult;
}

interface NoticeFormProps {
  mode: FormMode;
  notice: EditableNotice | null;
  townName: string;
  /** A failure to show at once (see FormFailureState). */
  initialFailure?: ErrorResult;
  /** Called after a successful revision (the page returns to its summary). */
  onDone?: () => void;
  /** The municipality's two-person rule: what one clerk proposes, another approves (Municipality.noticeTwoPersonRule). */
  twoPersonRule: boolean;
  /** The viewer proposed or last changed this proposal, so the rule bars them from approving it. */
  writtenByViewer?: boolean;
}

/** No secrets in this form; a constant, so the draft is written only when a value changes. */
const NO_SECRET_FIELDS: never[] = [];
const ACCEPTED_FILES = ".pdf,.docx,.xlsx,.odt,.ods,.png,.jpg,.jpeg,.webp";

/**
 * Creates, edits and corrects a notice. What the clerk types is kept in sessionStorage per notice (a reload or a
 * lost connection loses nothing) until it is saved; a failed request leaves every value in place and shows the
 * API's messages next to the fields.
 */
export function NoticeForm({ mode, notice, townName, initialFailure, onDone, twoPersonRule, writtenByViewer = false }: NoticeFormProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const toast = useToast();
  const navigate = useNavigate();
  const schema = useMemo(() => noticeFormSchema(mode), [mode]);
  const draftKey = `portal.noticeDraft.${mode}.${notice ? noticeUuid(notice.id) : "new"}`;
  const form = useZodForm(schema, initialValues(notice, townName), { draftKey, secretFields: NO_SECRET_FIELDS });
  const { values } = form;
  const intent = useRef<Intent>("save");

  const [, createNotice] = useMutation(CreateNoticeMutation);
  const [, updateNotice] = useMutation(UpdateNoticeMutation);
  const [, reviseNotice] = useMutation(ReviseNoticeMutation);
  const [, approveNotice] = useMutation(ApproveNoticeMutation);
  const [, proposeNotice] = useMutation(ProposeNoticeMutation);

  useEffect(() => {
    if (initialFailure) form.fail(withFormFieldNames(initialFailure));
    // Once, on mount: the failure belongs to the request that led here.
  }, []);

  // The legal minimum for this category and posting moment, as the API computes it.
  const planned = plannedPostedAt(values);
  const [{ data: windowData }] = useQuery({
    query: NoticeWindowQuery,
    variables: { category: values.category, postedAt: planned },
    pause: mode === "revise",
  });
  const minimum = windowData?.noticeWindow;
  const proposedRef = useRef<string | null>(null);
  useEffect(() => {
    // Propose the minimum until the clerk chooses a date of their own.
    if (!minimum || mode === "revise") return;
    const untouched = values.relevantUntil === "" || values.relevantUntil === proposedRef.current;
    proposedRef.current = minimum.minimumRelevantUntil;
    if (untouched && values.relevantUntil !== minimum.minimumRelevantUntil) form.setValue("relevantUntil", minimum.minimumRelevantUntil);
  }, [minimum?.minimumRelevantUntil]);
  const takeDownAt = takeDownMomentOf(values.relevantUntil);
  const belowMinimum = Boolean(minimum && values.relevantUntil && values.relevantUntil < minimum.minimumRelevantUntil);

  async function save(): Promise<{ id: string } | null> {
    const input = toNoticeInput(values, notice, townName);
    if (mode === "create") {
      const result = await createNotice({ input });
      const answer = result.data?.createNotice;
      if (answer?.__typename === "CreateNoticeSuccess") return answer.notice;
      form.fail(answer ? withFormFieldNames(answer) : result.error);
      return null;
    }
    const result = await updateNotice({ input: { id: notice!.id, notice: input } });
    const answer = result.data?.updateNotice;
    if (answer?.__typename === "UpdateNoticeSuccess") return answer.notice;
    form.fail(answer ? withFormFieldNames(answer) : result.error);
    return null;
  }

  const onSubmit = form.handleSubmit(async () => {
    if (mode === "revise") {
      const { postedAt: _ignored, ...content } = toNoticeInput(values, notice, townName);
      const result = await reviseNotice({ input: { id: notice!.id, reason: values.reason.trim(), notice: content } });
      const answer = result.data?.reviseNotice;
      if (answer?.__typename !== "ReviseNoticeSuccess") return form.fail(answer ? withFormFieldNames(answer) : result.error);
      form.clearDraft();
      toast(t("noticesClerk.toast.revised"));
      onDone?.();
      return;
    }
    const action = intent.current;
    const pendingUnchanged = notice?.status === "PENDING_APPROVAL" && action === "approve" && !isDirty(values, notice, townName);
    // Approving someone else's proposal as it stands must not record an edit (the two-person rule would see one).
    const saved = pendingUnchanged ? notice : await save();
    if (!saved) return;
    form.clearDraft();
    const detailPath = `/urad/uredni-deska/${noticeUuid(saved.id)}`;
    const goToDetail = (state?: FormFailureState) => {
      if (mode === "create") navigate(detailPath, { replace: true, state });
    };

    if (action === "save") {
      toast(t(mode === "create" ? "noticesClerk.toast.created" : "noticesClerk.toast.saved"));
      return goToDetail();
    }
    if (action === "propose") {
      const result = await proposeNotice({ input: { id: saved.id } });
      const answer = result.data?.proposeNotice;
      if (answer?.__typename !== "ProposeNoticeSuccess") {
        if (mode === "create") return goToDetail({ failure: answer ?? undefined });
        return form.fail(answer ?? result.error);
      }
      toast(t("noticesClerk.toast.proposed"));
      return goToDetail();
    }
    const result = await approveNotice({
      input: { id: saved.id, postedAt: planned, shortWindowReason: values.shortWindowReason.trim() || null },
    });
    const answer = result.data?.approveNotice;
    if (answer?.__typename !== "ApproveNoticeSuccess") {
      if (mode === "create") return goToDetail({ failure: answer ?? undefined });
      return form.fail(answer ? withFormFieldNames(answer) : result.error);
    }
    const scheduled = Date.parse(answer.notice.postedAt) > Date.now();
    toast(
      scheduled ? t("noticesClerk.toast.scheduled", { time: format.dateTime(answer.notice.postedAt) }) : t("noticesClerk.toast.posted"),
    );
    goToDetail();
  });

  // Under the two-person rule a clerk only proposes; someone who neither wrote, changed nor proposed the text approves
  // it as it stands (a change makes the changer one of its authors, whom the API then refuses as approver).
  const pending = notice?.status === "PENDING_APPROVAL";
  const edited = pending && isDirty(values, notice, townName);
  const canApprove = !twoPersonRule || (pending && !writtenByViewer && !edited);
  const ruleHint = !twoPersonRule
    ? "noticesClerk.form.twoPerson.off"
    : !pending
      ? "noticesClerk.form.twoPerson.propose"
      : writtenByViewer
        ? "noticesClerk.form.twoPerson.ownText"
        : edited
          ? "noticesClerk.form.twoPerson.edited"
          : "noticesClerk.form.twoPerson.review";

  const categoryOptions = NOTICE_CATEGORIES.map((category) => ({ value: category, label: t(`notices.category.${category}`) }));
  const submitWith = (next: Intent) => () => {
    intent.current = next;
  };

  return (
    <Form onSubmit={onSubmit} error={form.formError} label={t(`noticesClerk.form.label.${mode}`)}>
      {mode === "revise" && (
        <TextArea
          label={t("noticesClerk.fields.reason")}
          hint={t("noticesClerk.form.reasonHint")}
          required
          rows={3}
          {...form.bind("reason")}
        />
      )}
      <TextField label={t("noticesClerk.fields.title")} required maxLength={300} {...form.bind("title")} />
      <Select label={t("notices.fields.category")} options={categoryOptions} {...form.bind("category")} />
      <TextArea label={t("noticesClerk.fields.description")} rows={8} {...form.bind("description")} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label={t("notices.fields.originator")} hint={t("noticesClerk.form.originatorHint")} {...form.bind("originator")} />
        <TextField label={t("noticesClerk.fields.originatorIco")} inputMode="numeric" {...form.bind("originatorIco")} />
        <TextField label={t("notices.fields.referenceNumber")} maxLength={100} {...form.bind("referenceNumber")} />
        <TextField label={t("notices.fields.fileMark")} maxLength={100} {...form.bind("fileMark")} />
      </div>

      <Attachments value={values.attachments} error={form.error("attachments")} onChange={(next) => form.setValue("attachments", next)} />

      <fieldset className="flex flex-col gap-3 rounded-lg border border-line p-4">
        <legend className="px-1 font-semibold">{t("noticesClerk.form.window")}</legend>
        {mode !== "revise" && (
          <div className="flex flex-col gap-2">
            <p className="font-medium" id="posting-mode-label">
              {t("noticesClerk.fields.posting")}
            </p>
            <div role="radiogroup" aria-labelledby="posting-mode-label" className="flex flex-col gap-1 sm:flex-row sm:gap-6">
              {(["now", "scheduled"] as const).map((option) => (
                <label key={option} className="flex min-h-11 items-center gap-3">
                  <input
                    type="radio"
                    name="postingMode"
                    value={option}
                    className="size-5 accent-brand"
                    checked={values.postingMode === option}
                    onChange={() => form.setValue("postingMode", option)}
                  />
                  {t(`noticesClerk.form.posting.${option}`)}
                </label>
              ))}
            </div>
            {values.postingMode === "scheduled" && (
              <TextField
                type="datetime-local"
                label={t("noticesClerk.fields.postedAt")}
                hint={t("noticesClerk.form.postedAtHint")}
                required
                {...form.bind("postedAt")}
              />
            )}
          </div>
        )}
        <TextField
          type="date"
          label={t("notices.fields.relevantUntil")}
          hint={
            minimum
              ? t("noticesClerk.form.minimum", {
                  count: minimum.minimumDays,
                  date: format.date(minimum.minimumRelevantUntil),
                })
              : undefined
          }
          {...form.bind("relevantUntil")}
        />
        {minimum && values.relevantUntil !== minimum.minimumRelevantUntil && (
          <Button variant="link" className="self-start" onClick={() => form.setValue("relevantUntil", minimum.minimumRelevantUntil)}>
            {t("noticesClerk.form.useMinimum", { date: format.date(minimum.minimumRelevantUntil) })}
          </Button>
        )}
        {takeDownAt && <p aria-live="polite">{t("noticesClerk.form.takeDown", { time: format.dateTime(takeDownAt) })}</p>}
        {(belowMinimum || form.error("shortWindowReason")) && mode !== "revise" && (
          <TextArea
            label={t("noticesClerk.fields.shortWindowReason")}
            hint={t("noticesClerk.form.shortWindowHint")}
            rows={2}
            {...form.bind("shortWindowReason")}
          />
        )}
      </fieldset>

      <div className="flex flex-wrap gap-3">
        {mode === "revise" ? (
          <Button type="submit" busy={form.submitting}>
            {t("noticesClerk.actions.saveRevision")}
          </Button>
        ) : (
          <>
            <Button type="submit" variant="secondary" busy={form.submitting} onClick={submitWith("save")}>
              {t(mode === "create" ? "noticesClerk.actions.saveDraft" : "noticesClerk.actions.save")}
            </Button>
            {canApprove && (
              <Button type="submit" busy={form.submitting} onClick={submitWith("approve")}>
                {t(values.postingMode === "scheduled" ? "noticesClerk.actions.approveScheduled" : "noticesClerk.actions.approveNow")}
              </Button>
            )}
            {!pending && (
              <Button
                type="submit"
                variant={twoPersonRule ? "primary" : "secondary"}
                busy={form.submitting}
                onClick={submitWith("propose")}
              >
                {t("noticesClerk.actions.propose")}
              </Button>
            )}
          </>
        )}
      </div>
      {mode !== "revise" && (
        <p aria-live="polite" className="text-sm text-ink-muted">
          {t(ruleHint)}
        </p>
      )}
    </Form>
  );
}

function isDirty(values: NoticeFormValues, notice: EditableNotice, townName: string): boolean {
  const original = initialValues(notice, townName);
  return JSON.stringify({ ...values, shortWindowReason: "", reason: "" }) !== JSON.stringify(original);
}

/** Uploads each chosen file at once (GraphQL multipart), so the notice only refers to stored files. */
function Attachments({
  value,
  error,
  onChange,
}: {
  value: NoticeFormValues["attachments"];
  error?: string;
  onChange: (next: NoticeFormValues["attachments"]) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [, uploadFile] = useMutation(UploadFileMutation);
  const [uploading, setUploading] = useState<string[]>([]);
  const [uploadErrors, setUploadErrors] = useState<string[]>([]);
  const latest = useRef(value);
  latest.current = value;

  async function choose(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const files = [...(input.files ?? [])];
    input.value = "";
    setUploadErrors([]);
    setUploading(files.map((file) => file.name));
    for (const file of files) {
      const result = await uploadFile({ file });
      const answer = result.data?.uploadFile;
      if (answer?.__typename === "UploadFileSuccess") {
        latest.current = [...latest.current, answer.file];
        onChange(latest.current);
      } else {
        const message =
          answer && "message" in answer ? answer.message : t(result.error?.networkError ? "errors.network" : "errors.unexpected");
        const detail = answer && "fieldErrors" in answer ? answer.fieldErrors?.map((fieldError) => fieldError.message).join(" ") : "";
        setUploadErrors((current) => [...current, `${file.name}: ${detail || message}`]);
      }
      setUploading((current) => current.filter((name) => name !== file.name));
    }
  }

  const messages = [...uploadErrors, ...(error ? [error] : [])];
  return (
    <fieldset
      className="flex flex-col gap-2 rounded-lg border border-line p-4"
      aria-describedby={messages.length ? "attachment-errors" : undefined}
    >
      <legend className="px-1 font-semibold">{t("noticesClerk.fields.attachments")}</legend>
      {value.length > 0 && (
        <ul className="flex flex-col gap-2">
          {value.map((file) => (
            <li
              key={file.id}
              className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-line bg-surface px-3 py-2"
            >
              <span className="break-all">
                {file.fileName}{" "}
                <span className="text-sm text-ink-muted">
                  ({fileTypeLabel(file.mimeType)}, {formatFileSize(file.size, format.language)})
                </span>
              </span>
              <Button
                variant="link"
                aria-label={t("noticesClerk.form.removeFile", { name: file.fileName })}
                onClick={() => onChange(value.filter((other) => other.id !== file.id))}
              >
                {t("noticesClerk.form.remove")}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <label className="flex flex-col gap-1">
        <span className="font-medium">{t("noticesClerk.form.addFiles")}</span>
        <span className="text-sm text-ink-muted">{t("noticesClerk.form.filesHint")}</span>
        <input type="file" multiple accept={ACCEPTED_FILES} onChange={(event) => void choose(event)} className={fileInputClass} />
      </label>
      <p role="status" aria-live="polite" className="text-sm empty:hidden">
        {uploading.length > 0 ? t("noticesClerk.form.uploading", { names: uploading.join(", ") }) : ""}
      </p>
      {messages.length > 0 && (
        <div id="attachment-errors" className="text-sm font-medium text-danger">
          {messages.map((message) => (
            <p key={message}>{message}</p>
          ))}
        </div>
      )}
    </fieldset>
  );
}
