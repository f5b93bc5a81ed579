import { summaryLines, type FormSummary } from "@portal/forms";
import { DateTime } from "luxon";
import { BUSINESS_ZONE } from "../../clock.ts";
import type { Context } from "../../context.ts";
import { translate, type Locale } from "../../i18n/messages.ts";
import { renderPdf } from "../../lib/pdf.ts";
import { findSubmission } from "./find-submission.ts";

/**
 * The summary PDF of a submission, as frozen at submit (the stored summary, never re-rendered from today's
 * definition): the town, the number and time, then the sections of labelled values. For the citizen and the
 * reviewers of its agenda (findSubmission: anyone else gets NotFound).
 */
export async function renderSubmissionSummary(
  ctx: Context,
  submissionId: string,
  locale: Locale,
): Promise<{ pdf: Buffer; fileName: string }> {
  const submission = await findSubmission(ctx, submissionId);
  const summary = submission.summary as unknown as FormSummary;
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(locale, key, params);
  const time = DateTime.fromJSDate(submission.submittedAt, { zone: BUSINESS_ZONE })
    .setLocale(locale === "cs" ? "cs-CZ" : "en-GB")
    .toLocaleString(DateTime.DATETIME_MED);
  const title = t("pdf.summary.title", { number: submission.number });
  const pdf = await renderPdf(
    locale,
    { title: `${title} – ${ctx.municipality.name}`, author: ctx.municipality.name, now: submission.submittedAt },
    (doc) => {
      const left = doc.page.margins.left;
      const width = doc.page.width - left - doc.page.margins.right;
      doc.font("bold").fontSize(12).text(ctx.municipality.name, { width });
      doc.moveDown(0.8).font("bold").fontSize(18).text(title, { width });
      doc
        .font("regular")
        .fontSize(10)
        .text(t("pdf.summary.form", { form: summary.title[locale], version: submission.formVersion }), { width });
      doc.text(t("pdf.summary.submittedAt", { time }), { width }).moveDown(0.8);
      for (const line of summaryLines(summary, locale)) {
        const indent = left + line.depth * 14;
        if (line.value === undefined) {
          doc
            .moveDown(line.depth === 0 ? 0.6 : 0.3)
            .font("bold")
            .fontSize(line.depth === 0 ? 12 : 10)
            .text(line.label, indent, doc.y, { width: width - line.depth * 14 });
        } else {
          doc
            .font("regular")
            .fontSize(10)
            .text(`${line.label}: `, indent, doc.y, { width: width - line.depth * 14, continued: true });
          doc.font("bold").text(line.value);
        }
      }
      doc.moveDown(1.5).font("regular").fontSize(8).fillColor("#444444").text(t("pdf.summary.footer"), left, doc.y, { width });
    },
  );
  return { pdf, fileName: `podani-${submission.number}.pdf` };
}
