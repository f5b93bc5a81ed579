import nodemailer, { type Transporter } from "nodemailer";
import type { Logger } from "pino";
import type { PrismaClient } from "../generated/prisma/client.ts";

export interface MailMessage {
  municipalityId: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/** The one way the portal sends e-mail. Every message is recorded in the outbox table first. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
  readonly transport: "smtp" | "outbox";
}

/**
 * With SMTP configured, messages are recorded and then handed to nodemailer; without it they stay in
 * the outbox, where an admin (and the tests) can read them, so the demo needs no mail server.
 */
export function createMailer(options: { prisma: PrismaClient; smtpUrl?: string | undefined; from: string; logger: Logger }): Mailer {
  const transporter: Transporter | null = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : null;
  return {
    transport: transporter ? "smtp" : "outbox",
    async send(message) {
      const record = await options.prisma.outboxMessage.create({
        data: {
          municipalityId: message.municipalityId,
          toAddress: message.to,
          subject: message.subject,
          textBody: message.text,
          htmlBody: message.html ?? null,
          transport: transporter ? "smtp" : "outbox",
        },
      });
      if (!transporter) return;
      try {
        await transporter.sendMail({
          from: options.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
        });
        await options.prisma.outboxMessage.update({ where: { id: record.id }, data: { sentAt: new Date() } });
      } catch (error) {
        // The message stays in the outbox with its error; sending must not fail the user's action.
        options.logger.error({ err: error, outboxId: record.id }, "sending e-mail failed");
        await options.prisma.outboxMessage.update({ where: { id: record.id }, data: { error: String(error) } });
      }
    },
  };
}
