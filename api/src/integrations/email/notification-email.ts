import { translate, type Locale } from "../../i18n/messages.ts";

/**
 * The notification e-mail (alerts, reminders, payment confirmations, submission status): one
 * localized template with a plain-text part (what many citizens' clients show, and what screen
 * readers read best) and an HTML part with the same content. Every text the clerk or a service wrote
 * is escaped; the only links are the portal's own.
 */
export interface NotificationEmailInput {
  locale: Locale;
  town: string;
  severity: "INFO" | "WARNING" | "CRISIS";
  subject: string;
  body: string;
  /** Absolute URL of the page the message is about. */
  link: string;
  /** Absolute URL of the citizen's notification settings. */
  preferencesUrl: string;
  /** Absolute URL of the one-click unsubscribe (RFC 8058); null for messages one cannot unsubscribe from. */
  unsubscribeUrl: string | null;
  /** An alert the citizen subscribed to (true) or a message about their own account (false). */
  subscribed: boolean;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
  /** List-Unsubscribe and List-Unsubscribe-Post (RFC 2369, RFC 8058), when one can unsubscribe. */
  headers: Record<string, string>;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** A subject is one line: no header injection through a clerk's title, and a length mail clients show. */
function subjectLine(subject: string, prefix: string | null): string {
  const clean = subject
    .replace(/[\r\n\t]+/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 200);
  return prefix ? `${prefix}: ${clean}` : clean;
}

export function renderNotificationEmail(input: NotificationEmailInput): RenderedEmail {
  const t = (key: Parameters<typeof translate>[1], params = {}) => translate(input.locale, key, { town: input.town, ...params });
  const prefix =
    input.severity === "CRISIS" ? t("mail.notification.crisis") : input.severity === "WARNING" ? t("mail.notification.warning") : null;
  const subject = subjectLine(input.subject, prefix);
  const why = input.subscribed ? t("mail.notification.why") : t("mail.notification.whyPersonal");
  const body = input.body.replace(/\r\n?/g, "\n").trim();

  const text = [
    subject,
    "",
    body,
    "",
    `${t("mail.notification.open")}: ${input.link}`,
    "",
    "-- ",
    why,
    `${t("mail.notification.preferences")}: ${input.preferencesUrl}`,
    ...(input.unsubscribeUrl ? [`${t("mail.notification.unsubscribe")}: ${input.unsubscribeUrl}`] : []),
    t("mail.notification.legal"),
  ].join("\n");

  const accent = input.severity === "CRISIS" ? "#b91c1c" : input.severity === "WARNING" ? "#b45309" : "#1d4ed8";
  const paragraphs = body
    .split(/\n{2,}/)
    .map((p) => `<p style="margin:0 0 16px">${escapeHtml(p).replace(/\n/g, "<br>")}</p>`)
    .join("\n");
  const link = (href: string, label: string) => `<a href="${escapeHtml(href)}" style="color:#1d4ed8">${escapeHtml(label)}</a>`;
  const html = `<!doctype html>
<html lang="${input.locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:0;background:#f4f4f5;font-family:Arial,Helvetica,sans-serif;color:#18181b;font-size:16px;line-height:1.5">
<div style="max-width:600px;margin:0 auto;padding:24px 16px">
<div style="background:#ffffff;border-top:6px solid ${accent};border-radius:6px;padding:24px">
<p style="margin:0 0 8px;color:#52525b;font-size:14px">${escapeHtml(input.town)}</p>
<h1 style="margin:0 0 16px;font-size:22px;line-height:1.3;color:${input.severity === "INFO" ? "#18181b" : accent}">${escapeHtml(subject)}</h1>
${paragraphs}
<p style="margin:24px 0 0"><a href="${escapeHtml(input.link)}" style="display:inline-block;background:${accent};color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:bold">${escapeHtml(t("mail.notification.open"))}</a></p>
</div>
<div style="padding:16px 8px;color:#52525b;font-size:13px">
<p style="margin:0 0 8px">${escapeHtml(why)}</p>
<p style="margin:0 0 8px">${link(input.preferencesUrl, t("mail.notification.preferences"))}${input.unsubscribeUrl ? ` · ${link(input.unsubscribeUrl, t("mail.notification.unsubscribe"))}` : ""}</p>
<p style="margin:0">${escapeHtml(t("mail.notification.legal"))}</p>
</div>
</div>
</body>
</html>`;

  const headers: Record<string, string> = input.unsubscribeUrl
    ? { "List-Unsubscribe": `<${input.unsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" }
    : {};
  return { subject, text, html, headers };
}
