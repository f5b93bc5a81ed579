import {
  collectAttachments,
  dogFeeInputFromRegistration,
  issueMessage,
  findFormDefinition,
  findLifeSituation,
  prefillValues,
  summarize,
  validateForm,
  type AttachmentValue,
  type FormDefinition,
  type FormValues,
  type LifeSituation,
} from "@portal/forms";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { stringifyDocument, useClient, useMutation } from "urql";
import { Button } from "../../components/Button.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { LoadError, Loading } from "../../components/states.tsx";
import { useNetworkStatus } from "../../graphql/network-status.ts";
import { useFormat } from "../../i18n/format.ts";
import { useSession, type Viewer } from "../auth/session.tsx";
import { NotFoundPage } from "../static/NotFoundPage.tsx";
import { DogFeePreview } from "./DogFeeRates.tsx";
import { ErrorSummary, type FieldMessage } from "./ErrorSummary.tsx";
import { FieldsProvider, FormFields, type FieldsContext } from "./FormFields.tsx";
import {
  getIn,
  pathKey,
  setIn,
  stepIssues,
  stepsOf,
  SUMMARY_STEP,
  townToday,
  upgradeDraft,
  type DraftUpgrade,
  type Path,
} from "./form-state.ts";
import {
  deleteLocalDraft,
  deleteLocalFile,
  deleteOutboxEntry,
  localFilesOf,
  putLocalFile,
  readLocalDraft,
  writeLocalDraft,
  type LocalDraft,
} from "./local-store.ts";
import { useLocale } from "./locale.ts";
import {
  FormDraftsQuery,
  SaveFormDraftMutation,
  SubmitFormMutation,
  UploadFormAttachmentMutation,
  DeleteFormDraftMutation,
} from "./operations.ts";
import { flushNow, queueSubmission } from "./outbox.ts";
import { guidePath, MY_SUBMISSIONS_PATH, submissionPath } from "./paths.ts";
import { SummaryView } from "./SummaryView.tsx";

const LOCAL_SAVE_DELAY_MS = 300;
const SERVER_SAVE_DELAY_MS = 1500;

/**
 * The form of a life situation: steps rendered from the shared definition, validated as the citizen leaves each
 * step (the same rules the API applies at submit), a summary to confirm, then sending. The draft's id is in the
 * URL (?koncept=…): every change is written to the device at once and to the server shortly after, so a reload, a
 * crash, going offline or signing in again on another device resumes where the citizen was. Sending offline
 * queues the submission; it goes out when the connection returns (page or service worker), exactly once.
 */
export function FormPage() {
  const { slug = "" } = useParams();
  const situation = findLifeSituation(slug);
  const definition = situation && findFormDefinition(situation.formId);
  const [searchParams, setSearchParams] = useSearchParams();
  const clientId = searchParams.get("koncept");
  const { viewer } = useSession();

  useEffect(() => {
    if (definition && !clientId) setSearchParams({ koncept: crypto.randomUUID() }, { replace: true });
  }, [definition, clientId, setSearchParams]);

  if (!situation || !definition) return <NotFoundPage />;
  if (!clientId || !viewer) return <Loading />;
  return <FormLoader key={clientId} situation={situation} definition={definition} clientId={clientId} viewer={viewer} />;
}

interface Loaded {
  values: FormValues;
  currentStep: string | null;
  serverRevision: number | null;
  upgrade: DraftUpgrade;
}

/** Picks the copy to resume: unsent changes on this device win; otherwise the newer server copy; else a new draft. */
function FormLoader({
  situation,
  definition,
  clientId,
  viewer,
}: {
  situation: LifeSituation;
  definition: FormDefinition;
  clientId: string;
  viewer: Viewer;
}) {
  const client = useClient();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let active = true;
    (async () => {
      const local = await readLocalDraft(clientId, viewer.id).catch(() => undefined);
      const answer = await client.query(FormDraftsQuery, {}, { requestPolicy: "network-only" }).toPromise();
      const server = answer.data?.formDrafts.find((draft) => draft.clientId === clientId) ?? null;
      let chosen: { values: FormValues; formVersion: string; currentStep: string | null; serverRevision: number | null };
      if (local && (!local.synced || !server || server.revision <= (local.serverRevision ?? 0))) {
        chosen = {
          values: local.values,
          formVersion: local.formVersion,
          currentStep: local.currentStep,
          serverRevision: local.serverRevision ?? server?.revision ?? null,
        };
      } else if (server) {
        chosen = {
          values: server.values as FormValues,
          formVersion: server.formVersion,
          currentStep: server.currentStep ?? null,
          serverRevision: server.revision,
        };
      } else {
        chosen = { values: prefillValues(definition, viewer), formVersion: definition.version, currentStep: null, serverRevision: null };
      }
      const upgrade = upgradeDraft(definition, chosen.formVersion, chosen.values, townToday());
      if (active) setLoaded({ values: chosen.values, currentStep: chosen.currentStep, serverRevision: chosen.serverRevision, upgrade });
    })().catch(() => active && setFailed(true));
    return () => {
      active = false;
    };
  }, [client, clientId, definition, viewer]);

  if (failed) return <LoadError onRetry={() => window.location.reload()} />;
  if (!loaded) return <Loading lines={6} />;
  return <FormEditor situation={situation} definition={definition} clientId={clientId} ownerId={viewer.id} loaded={loaded} />;
}

type SaveState = "IDLE" | "LOCAL" | "SAVING" | "SAVED" | "OFFLINE" | "CONFLICT";

function FormEditor({
  situation,
  definition,
  clientId,
  ownerId,
  loaded,
}: {
  situation: LifeSituation;
  definition: FormDefinition;
  clientId: string;
  ownerId: string;
  loaded: Loaded;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const format = useFormat();
  const navigate = useNavigate();
  const { online } = useNetworkStatus();
  const today = useMemo(townToday, []);
  const blocked = loaded.upgrade.kind === "BLOCKED";
  const [confirmUpgrade, setConfirmUpgrade] = useState(loaded.upgrade.kind === "CONFIRM");
  const [values, setValues] = useState<FormValues>(loaded.upgrade.kind === "BLOCKED" ? loaded.values : loaded.upgrade.values);
  const steps = stepsOf(definition, values);
  const stepIds = [...steps.map((s) => s.id), SUMMARY_STEP];
  const [stepId, setStepId] = useState(() =>
    loaded.currentStep && stepIds.includes(loaded.currentStep) ? loaded.currentStep : stepIds[0]!,
  );
  const step = steps.find((s) => s.id === stepId);
  const stepIndex = stepIds.indexOf(stepId);
  const [attempt, setAttempt] = useState(0);
  const [checkedSteps, setCheckedSteps] = useState<ReadonlySet<string>>(new Set());
  const [serverIssues, setServerIssues] = useState<FieldMessage[]>([]);
  const [sendError, setSendError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  // --- Saving: the device at once, the server shortly after -------------------------------------------------------
  const [saveState, setSaveState] = useState<SaveState>("IDLE");
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const revision = useRef(loaded.serverRevision);
  const changeCounter = useRef(0);
  const [, saveDraft] = useMutation(SaveFormDraftMutation);
  const draftRecord = useCallback(
    (synced: boolean): LocalDraft => ({
      clientId,
      ownerId,
      formId: definition.id,
      slug: situation.slug,
      formVersion: definition.version,
      values,
      currentStep: stepId,
      updatedAt: Date.now(),
      serverRevision: revision.current,
      synced,
    }),
    [clientId, ownerId, definition, situation.slug, values, stepId],
  );
  const dirty = useRef(false);
  // Set once the draft is sent, queued or abandoned: nothing may write it back to the device after that.
  const finished = useRef(false);
  const latestRecord = useRef(draftRecord);
  latestRecord.current = draftRecord;
  const [saveNonce, setSaveNonce] = useState(0);

  useEffect(() => {
    if (blocked || !dirty.current) return;
    const change = ++changeCounter.current;
    setSaveState("LOCAL");
    const local = setTimeout(() => void writeLocalDraft(draftRecord(false)), LOCAL_SAVE_DELAY_MS);
    const server = setTimeout(async () => {
      if (!navigator.onLine) return setSaveState("OFFLINE");
      setSaveState("SAVING");
      const result = await saveDraft({
        input: {
          clientId,
          formId: definition.id,
          formVersion: definition.version,
          values,
          currentStep: stepId,
          expectedRevision: revision.current,
        },
      });
      if (change !== changeCounter.current) return;
      const saved = result.data?.saveFormDraft;
      if (saved?.__typename === "SaveFormDraftSuccess") {
        revision.current = saved.draft.revision;
        await writeLocalDraft({ ...draftRecord(true), serverRevision: saved.draft.revision });
        setSavedAt(Date.now());
        setSaveState("SAVED");
      } else if (saved?.__typename === "ConflictError") {
        setSaveState("CONFLICT");
      } else {
        setSaveState("OFFLINE");
      }
    }, SERVER_SAVE_DELAY_MS);
    return () => {
      clearTimeout(local);
      clearTimeout(server);
    };
  }, [values, stepId, blocked, draftRecord, saveDraft, clientId, definition, online, saveNonce]);

  // Whatever is pending reaches the device before the page goes away (reload, closing the tab, a phone's app switch).
  useEffect(() => {
    const flush = () => dirty.current && !finished.current && void writeLocalDraft(draftRecord(saveState === "SAVED"));
    const onHide = () => document.visibilityState === "hidden" && flush();
    window.addEventListener("pagehide", flush);
    document.addEventListener("visibilitychange", onHide);
    return () => {
      window.removeEventListener("pagehide", flush);
      document.removeEventListener("visibilitychange", onHide);
    };
  }, [draftRecord, saveState]);

  // Leaving the page inside the app (a link, or the login page after the session expired) also keeps the last keys.
  useEffect(
    () => () => {
      if (dirty.current && !finished.current) void writeLocalDraft(latestRecord.current(false));
    },
    [],
  );

  /** Another device saved the draft meanwhile: keep this copy (overwrite) or continue with the server's. */
  const keepMine = () => {
    revision.current = null;
    setSaveNonce((n) => n + 1);
  };
  const loadTheirs = async () => {
    finished.current = true;
    await deleteLocalDraft(clientId);
    window.location.reload();
  };

  const update = useCallback((path: Path, value: unknown) => {
    dirty.current = true;
    setValues((current) => setIn(current, path, value));
    setServerIssues((current) => current.filter((issue) => !issue.path.startsWith(pathKey(path))));
  }, []);

  // --- Attachments ----------------------------------------------------------------------------------------------
  const [pendingFiles, setPendingFiles] = useState<ReadonlySet<string>>(new Set());
  const [fileMessages, setFileMessages] = useState<ReadonlyMap<string, string>>(new Map());
  const [, uploadAttachment] = useMutation(UploadFormAttachmentMutation);
  useEffect(() => {
    void localFilesOf(clientId).then(
      (files) => setPendingFiles(new Set(files.map((f) => f.id))),
      () => undefined,
    );
  }, [clientId]);

  const uploadOne = useCallback(
    async (id: string, file: File): Promise<"UPLOADED" | "OFFLINE" | string> => {
      if (!navigator.onLine) return "OFFLINE";
      const result = await uploadAttachment({ id, file });
      const answer = result.data?.uploadFormAttachment;
      if (answer?.__typename === "UploadFormAttachmentSuccess") return "UPLOADED";
      if (result.error?.networkError || !answer) return "OFFLINE";
      return "message" in answer ? answer.message : t("errors.unexpected");
    },
    [uploadAttachment, t],
  );

  const addFiles = useCallback(
    (path: Path, files: File[]) => {
      const key = pathKey(path);
      setFileMessages((current) => new Map([...current].filter(([k]) => k !== key)));
      void (async () => {
        for (const file of files) {
          const attachment: AttachmentValue = {
            id: crypto.randomUUID(),
            fileName: file.name,
            size: file.size,
            mimeType: file.type || "application/octet-stream",
          };
          const outcome = await uploadOne(attachment.id, file);
          if (outcome === "OFFLINE") {
            // Kept on the device and uploaded with the submission when the connection returns.
            await putLocalFile({ ...attachment, ownerId, clientId, blob: file });
            setPendingFiles((current) => new Set(current).add(attachment.id));
          } else if (outcome !== "UPLOADED") {
            setFileMessages((current) => new Map(current).set(key, `${file.name}: ${outcome}`));
            continue;
          }
          dirty.current = true;
          setValues((current) => setIn(current, path, [...((getIn(current, path) as AttachmentValue[] | undefined) ?? []), attachment]));
        }
      })();
    },
    [uploadOne, ownerId, clientId],
  );

  const removeFile = useCallback(
    (path: Path, id: string) => {
      update(
        path,
        ((getIn(values, path) as AttachmentValue[] | undefined) ?? []).filter((file) => file.id !== id),
      );
      void deleteLocalFile(id);
    },
    [update, values],
  );

  // --- Steps ----------------------------------------------------------------------------------------------------
  const currentIssues = useMemo((): FieldMessage[] => {
    const localized = (issues: ReturnType<typeof stepIssues>) =>
      issues.map((issue) => ({ path: issue.path, message: issueMessage(issue, locale) }));
    const serverHere = serverIssues.filter(
      (issue) => stepId === SUMMARY_STEP || step?.fields.some((f) => issue.path.split(".")[0] === f.name),
    );
    if (stepId === SUMMARY_STEP) return [...localized(validateForm(definition, values, { today }).issues), ...serverHere];
    if (!checkedSteps.has(stepId)) return serverHere;
    return [...localized(stepIssues(definition, values, stepId, today)), ...serverHere];
  }, [stepId, checkedSteps, definition, values, today, serverIssues, step, locale]);

  const goTo = (next: string) => {
    setStepId(next);
    setAttempt(0);
    dirty.current = true;
    window.scrollTo({ top: 0 });
  };

  const next = () => {
    setCheckedSteps((current) => new Set(current).add(stepId));
    const issues = stepIssues(definition, values, stepId, today);
    if (issues.length > 0) {
      setAttempt((a) => a + 1);
      return;
    }
    goTo(stepIds[stepIndex + 1]!);
  };

  // --- Sending --------------------------------------------------------------------------------------------------
  const [, submitForm] = useMutation(SubmitFormMutation);
  const [, deleteDraft] = useMutation(DeleteFormDraftMutation);
  const send = async () => {
    const { values: cleaned, issues } = validateForm(definition, values, { today });
    if (issues.length > 0) {
      setAttempt((a) => a + 1);
      return;
    }
    setSending(true);
    setSendError(null);
    try {
      const attachmentIds = collectAttachments(definition, cleaned).map((found) => found.file.id);
      const variables = {
        input: {
          formId: definition.id,
          formVersion: definition.version,
          values: cleaned,
          draftClientId: clientId,
          // One draft is one submission: a double click, a retry after a lost answer or the offline queue's replay
          // all carry the same key, and the API answers them with the first submission.
          idempotencyKey: clientId,
        },
      };
      const queue = async () => {
        await writeLocalDraft(draftRecord(false));
        finished.current = true;
        await queueSubmission({
          idempotencyKey: clientId,
          ownerId,
          clientId,
          slug: situation.slug,
          formId: definition.id,
          formVersion: definition.version,
          title: definition.title,
          values: cleaned,
          attachmentIds,
          submitRequest: { query: stringifyDocument(SubmitFormMutation), variables },
          uploadQuery: stringifyDocument(UploadFormAttachmentMutation),
        });
        navigate(`${MY_SUBMISSIONS_PATH}?cekajici=1`);
      };
      if (!navigator.onLine || pendingFiles.size > 0) {
        // Files chosen offline go first; the queue uploads them, then sends.
        if (navigator.onLine) {
          await queue();
          await flushNow(ownerId);
          return;
        }
        await queue();
        return;
      }
      const result = await submitForm(variables);
      const answer = result.data?.submitForm;
      if (!answer) {
        if (result.error?.networkError) await queue();
        else setSendError(t("errors.unexpected"));
        return;
      }
      if (answer.__typename === "SubmitFormSuccess") {
        finished.current = true;
        await Promise.all([deleteLocalDraft(clientId), deleteOutboxEntry(clientId)]);
        void deleteDraft({ clientId });
        navigate(`${submissionPath(answer.submission.id)}?odeslano=1`);
        return;
      }
      setSendError(answer.message);
      if (answer.__typename === "ValidationError") {
        setServerIssues(answer.fieldErrors.map((fieldError) => ({ path: serverPath(fieldError.path), message: fieldError.message })));
      }
    } finally {
      setSending(false);
    }
  };

  const fields: FieldsContext = {
    values,
    setValue: update,
    issues: firstByPath(currentIssues),
    addFiles,
    removeFile,
    pendingFiles,
    fileMessages,
  };

  if (blocked) {
    return (
      <div className="flex flex-col gap-4">
        <PageHeading>{definition.title[locale]}</PageHeading>
        <div role="alert" className="flex max-w-prose flex-col gap-3 rounded-md border-2 border-danger bg-surface p-4">
          <p className="font-semibold">{t("lifeSituations.form.majorChange")}</p>
          <p>{t("lifeSituations.form.majorChangeText")}</p>
          <div className="flex flex-wrap gap-3">
            <Button
              onClick={async () => {
                finished.current = true;
                await deleteLocalDraft(clientId);
                void deleteDraft({ clientId });
                navigate(`/zivotni-situace/${situation.slug}/formular?koncept=${crypto.randomUUID()}`, { replace: true });
              }}
            >
              {t("lifeSituations.form.startAgain")}
            </Button>
          </div>
        </div>
        <details className="max-w-prose">
          <summary>{t("lifeSituations.form.oldValues")}</summary>
          <pre className="mt-2 overflow-auto rounded-md bg-surface p-3 text-sm">{JSON.stringify(values, null, 2)}</pre>
        </details>
      </div>
    );
  }

  return (
    <div className="flex flex-col gap-6">
      <nav aria-label={t("lifeSituations.guide.breadcrumbs")} className="flex flex-wrap gap-x-2">
        <Link to={guidePath(situation.slug)}>{situation.title[locale]}</Link>
      </nav>
      <div className="flex flex-col gap-2">
        <PageHeading>{definition.title[locale]}</PageHeading>
        <SaveStatus state={saveState} savedAt={savedAt === null ? null : format.dateTime(savedAt)} />
        {saveState === "CONFLICT" && (
          <div className="flex flex-wrap gap-3">
            <Button variant="secondary" onClick={keepMine}>
              {t("lifeSituations.form.keepMine")}
            </Button>
            <Button variant="secondary" onClick={() => void loadTheirs()}>
              {t("lifeSituations.form.loadTheirs")}
            </Button>
          </div>
        )}
      </div>

      {confirmUpgrade && loaded.upgrade.kind === "CONFIRM" && (
        <div role="alert" className="flex max-w-prose flex-col gap-3 rounded-md border-2 border-brand bg-surface p-4">
          <p className="font-semibold">{t("lifeSituations.form.minorChange")}</p>
          <p>{t("lifeSituations.form.minorChangeText", { count: loaded.upgrade.dropped.length })}</p>
          <div>
            <Button
              onClick={() => {
                dirty.current = true;
                setConfirmUpgrade(false);
              }}
            >
              {t("lifeSituations.form.confirmChange")}
            </Button>
          </div>
        </div>
      )}

      <ol aria-label={t("lifeSituations.form.progress")} className="flex flex-wrap gap-2 text-sm">
        {stepIds.map((id, index) => {
          const title = id === SUMMARY_STEP ? t("lifeSituations.form.summary") : steps.find((s) => s.id === id)!.title[locale];
          const current = id === stepId;
          const reachable = index < stepIndex;
          return (
            <li
              key={id}
              aria-current={current ? "step" : undefined}
              className={`rounded-full border px-3 py-1 ${current ? "border-brand bg-brand text-on-brand" : "border-line bg-surface"}`}
            >
              <span className="sr-only">{t("lifeSituations.form.stepOf", { step: index + 1, count: stepIds.length })} </span>
              {reachable ? (
                <button type="button" className="underline" onClick={() => goTo(id)}>
                  {title}
                </button>
              ) : (
                title
              )}
            </li>
          );
        })}
      </ol>

      <form
        noValidate
        aria-labelledby="form-step-title"
        className="flex max-w-3xl flex-col gap-5"
        onSubmit={(event) => {
          event.preventDefault();
          if (stepId === SUMMARY_STEP) void send();
          else next();
        }}
      >
        <h2 id="form-step-title" className="text-xl font-semibold">
          {t("lifeSituations.form.stepHeading", {
            step: stepIndex + 1,
            count: stepIds.length,
            title: step ? step.title[locale] : t("lifeSituations.form.summary"),
          })}
        </h2>
        {(stepId === SUMMARY_STEP || checkedSteps.has(stepId) || serverIssues.length > 0) && (
          <ErrorSummary issues={currentIssues} attempt={attempt} />
        )}
        {sendError && (
          <p role="alert" className="rounded-md border-2 border-danger bg-surface p-3 font-medium text-danger">
            {sendError}
          </p>
        )}
        {step?.guide && <p className="rounded-md border-l-4 border-brand bg-surface p-3">{step.guide[locale]}</p>}
        <FieldsProvider value={fields}>{step && <FormFields fields={step.fields} />}</FieldsProvider>
        {definition.preview === "dogFee" && (stepId === "dogs" || stepId === "discounts" || stepId === SUMMARY_STEP) && (
          <DogFeePreview {...dogFeeInputFromRegistration(values)} />
        )}
        {stepId === SUMMARY_STEP && (
          <>
            <p>{t("lifeSituations.form.summaryIntro")}</p>
            <SummaryView
              summary={summarize(definition, validateForm(definition, values, { today }).values)}
              editAction={(id, title) => (
                <Button variant="link" onClick={() => goTo(id)}>
                  {t("lifeSituations.form.editSection", { section: title })}
                </Button>
              )}
            />
            {!online && <p className="rounded-md border-l-4 border-brand bg-surface p-3">{t("lifeSituations.form.offlineSend")}</p>}
          </>
        )}
        <div className="flex flex-wrap gap-3">
          {stepIndex > 0 && (
            <Button variant="secondary" onClick={() => goTo(stepIds[stepIndex - 1]!)}>
              {t("lifeSituations.form.back")}
            </Button>
          )}
          {stepId === SUMMARY_STEP ? (
            <Button type="submit" busy={sending}>
              {online ? t("lifeSituations.form.send") : t("lifeSituations.form.sendLater")}
            </Button>
          ) : (
            <Button type="submit">{t("lifeSituations.form.next")}</Button>
          )}
        </div>
      </form>
    </div>
  );
}

function SaveStatus({ state, savedAt }: { state: SaveState; savedAt: string | null }) {
  const { t } = useTranslation();
  const text =
    state === "SAVED" && savedAt
      ? t("lifeSituations.form.savedServer", { time: savedAt })
      : state === "SAVING"
        ? t("lifeSituations.form.saving")
        : state === "LOCAL"
          ? t("lifeSituations.form.savedDevice")
          : state === "OFFLINE"
            ? t("lifeSituations.form.savedOffline")
            : state === "CONFLICT"
              ? t("lifeSituations.form.conflict")
              : t("lifeSituations.form.autosave");
  return (
    <p role="status" className={`text-sm ${state === "CONFLICT" ? "font-medium text-danger" : "text-ink-muted"}`}>
      {text}
    </p>
  );
}

/** The API reports field errors under the input: ["input", "values", "dogs", "0", "chipNumber"] -> "dogs.0.chipNumber". */
function serverPath(path: readonly string[]): string {
  const index = path.indexOf("values");
  return (index >= 0 ? path.slice(index + 1) : path.slice(-1)).join(".");
}

/** One message per field: the first one found. */
function firstByPath(messages: readonly FieldMessage[]): ReadonlyMap<string, string> {
  const byPath = new Map<string, string>();
  for (const { path, message } of messages) if (!byPath.has(path)) byPath.set(path, message);
  return byPath;
}
