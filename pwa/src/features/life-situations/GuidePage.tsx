import { findFormDefinition, findLifeSituation, type LifeSituation, type Localized } from "@portal/forms";
import { useEffect, useId, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { buttonClass } from "../../components/Button.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { NotFoundPage } from "../static/NotFoundPage.tsx";
import { loginPathFor, useSession } from "../auth/session.tsx";
import { DogFeeRates } from "./DogFeeRates.tsx";
import { listLocalDrafts, type LocalDraft } from "./local-store.ts";
import { useLocale } from "./locale.ts";
import { CATALOGUE_PATH, formPath } from "./paths.ts";

/**
 * A life situation's guide, readable without login: who it is for, what you need, fees (the town's current dog fee
 * rates where they apply), deadlines, what happens after sending, the legal basis. Starting the form needs an
 * account; a draft in progress on this device is offered to continue.
 */
export function GuidePage() {
  const { slug = "" } = useParams();
  const situation = findLifeSituation(slug);
  if (!situation) return <NotFoundPage />;
  return <Guide situation={situation} />;
}

function Guide({ situation }: { situation: LifeSituation }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { viewer } = useSession();
  const definition = findFormDefinition(situation.formId)!;
  const drafts = useLocalDraftsOf(viewer?.id ?? null, situation.formId);
  const { guide } = situation;
  const list = (items: readonly Localized[]) => (
    <ul className="list-disc space-y-1 pl-6">
      {items.map((item) => (
        <li key={item.cs}>{item[locale]}</li>
      ))}
    </ul>
  );

  return (
    <div className="flex flex-col gap-6">
      <nav aria-label={t("lifeSituations.guide.breadcrumbs")}>
        <Link to={CATALOGUE_PATH}>{t("lifeSituations.catalogue.title")}</Link>
      </nav>
      <div className="flex flex-col gap-2">
        <PageHeading>{situation.title[locale]}</PageHeading>
        <p className="max-w-prose text-lg">{situation.summary[locale]}</p>
      </div>

      <div className="flex max-w-prose flex-col gap-3 rounded-lg border-2 border-brand bg-surface p-4">
        <h2 className="text-lg font-semibold">{definition.title[locale]}</h2>
        <p>
          {t("lifeSituations.guide.steps", {
            count: definition.steps.length,
            steps: definition.steps.map((s) => s.title[locale]).join(", "),
          })}
        </p>
        {viewer ? (
          <div className="flex flex-wrap gap-3">
            {drafts.map((draft) => (
              <Link key={draft.clientId} to={formPath(situation.slug, draft.clientId)} className={buttonClass("primary", "no-underline")}>
                {t("lifeSituations.guide.continueDraft")}
              </Link>
            ))}
            <Link to={formPath(situation.slug)} className={buttonClass(drafts.length > 0 ? "secondary" : "primary", "no-underline")}>
              {drafts.length > 0 ? t("lifeSituations.guide.startNew") : t("lifeSituations.guide.start")}
            </Link>
          </div>
        ) : (
          <>
            <p>{t("lifeSituations.guide.loginNeeded")}</p>
            <div className="flex flex-wrap gap-3">
              <Link to={loginPathFor(formPath(situation.slug))} className={buttonClass("primary", "no-underline")}>
                {t("lifeSituations.guide.loginToStart")}
              </Link>
              <Link to="/registrace" className={buttonClass("secondary", "no-underline")}>
                {t("nav.register")}
              </Link>
            </div>
          </>
        )}
      </div>

      <div className="grid gap-6 lg:grid-cols-2">
        <GuideSection title={t("lifeSituations.guide.whoFor")}>
          <p>{guide.whoFor[locale]}</p>
        </GuideSection>
        <GuideSection title={t("lifeSituations.guide.whatYouNeed")}>{list(guide.whatYouNeed)}</GuideSection>
        <GuideSection title={t("lifeSituations.guide.fees")}>
          {list(guide.fees)}
          {definition.preview === "dogFee" && <DogFeeRates />}
        </GuideSection>
        <GuideSection title={t("lifeSituations.guide.deadlines")}>{list(guide.deadlines)}</GuideSection>
        <GuideSection title={t("lifeSituations.guide.afterSending")}>
          <p>{guide.afterSending[locale]}</p>
        </GuideSection>
        <GuideSection title={t("lifeSituations.guide.legalBasis")}>
          {list(guide.legalBasis.map((reference) => reference.citation))}
        </GuideSection>
      </div>
    </div>
  );
}

function GuideSection({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="flex flex-col gap-2">
      <h2 id={id} className="text-xl font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** The signed-in user's drafts of this form kept on this device, newest first. */
export function useLocalDraftsOf(ownerId: string | null, formId: string): LocalDraft[] {
  const [drafts, setDrafts] = useState<LocalDraft[]>([]);
  useEffect(() => {
    if (!ownerId) return;
    let active = true;
    listLocalDrafts(ownerId).then(
      (all) =>
        active &&
        setDrafts(
          all
            .filter((d) => d.formId === formId)
            .sort((a, b) => b.updatedAt - a.updatedAt)
            .slice(0, 1),
        ),
      () => undefined,
    );
    return () => {
      active = false;
    };
  }, [ownerId, formId]);
  return drafts;
}
