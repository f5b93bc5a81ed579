import nodemailer, { type Transporter } from "nodemailer";
import type { Clock } from "../clock.ts";
import type { OutboxMessage, PrismaClient } from "../generated/prisma/client.ts";
import { describeError } from "../jobs/job-queue.ts";

/**
 * The one way the portal sends e-mail: a job (see api/src/jobs/account-email.ts) records the message
 * in the outbox table, then hands it to `deliver`. Requests never send themselves; they enqueue.
 */
export interface Mailer {
  /** "smtp" when SMTP_URL is set; "outbox" keeps messages in the table, where admins (and tests) read them. */
  readonly transport: "smtp" | "outbox";
  /**
   * Sends one recorded message by SMTP and marks it sent; a message already sent, or kept in the
   * outbox, is left alone. Throws when the server refuses or cannot be reached (the job retries).
   */
  deliver(message: OutboxMessage): Promise<void>;
}

export function createMailer(options: { prisma: PrismaClient; clock: Clock; smtpUrl?: string | undefined; from: string }): Mailer {
  const transporter: Transporter | null = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : null;
  return {
    transport: transporter ? "smtp" : "outbox",
    async deliver(message) {
      if (!transporter || message.sentAt || message.transport !== "smtp") return;
      try {
        await transporter.sendMail({
          from: options.from,
          to: message.toAddress,
          subject: message.subject,
          text: message.textBody,
          html: message.htmlBody ?? undefined,
          // Notification e-mails carry List-Unsubscribe and List-Unsubscribe-Post (RFC 8058).
          headers: isHeaderRecord(message.headers) ? message.headers : undefined,
          // The same id on every attempt: a receiving server (or person) can tell a repeat of a message
          // whose acceptance we did not get to record from a new one.
          messageId: `<${message.id}@portal-obcana>`,
        });
      } catch (error) {
        await options.prisma.outboxMessage.update({ where: { id: message.id }, data: { error: describeError(error) } });
        throw error;
      }
      await options.prisma.outboxMessage.update({ where: { id: message.id }, data: { sentAt: options.clock.now(), error: null } });
    },
  };
}

function isHeaderRecord(value: unknown): value is Record<string, string> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === "string");
}
