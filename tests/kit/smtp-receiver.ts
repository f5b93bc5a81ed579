import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

/** One e-mail the receiver accepted, parsed as a mail client would read it. */
export interface ReceivedEmail {
  to: string[];
  from: string;
  raw: string;
  parsed: ParsedMail;
  subject: string;
  text: string;
  html: string;
  /** Lower-case header name -> value as sent (unfolded). */
  header(name: string): string | undefined;
}

/**
 * A real SMTP server (smtp-server) on a local port: the portal connects, authenticates and sends as
 * it would to the town's mail server. `refuse(attempt)` decides per message (451, temporary).
 */
export async function startSmtpReceiver() {
  const received: ReceivedEmail[] = [];
  const state = { refuse: (_attempt: number) => false, attempts: 0 };
  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onAuth: (_auth, _session, callback) => callback(null, { user: "portal" }),
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        state.attempts++;
        if (state.refuse(state.attempts)) {
          callback(Object.assign(new Error("Mailbox temporarily unavailable"), { responseCode: 451 }));
          return;
        }
        const raw = Buffer.concat(chunks).toString("utf8");
        simpleParser(raw).then(
          (parsed) => {
            const headerLines = new Map(
              parsed.headerLines.map((line) => [line.key.toLowerCase(), line.line.replace(/^[^:]+:\s*/, "").replace(/\r?\n\s+/g, " ")]),
            );
            received.push({
              to: session.envelope.rcptTo.map((r) => r.address),
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
              raw,
              parsed,
              subject: parsed.subject ?? "",
              text: parsed.text ?? "",
              html: typeof parsed.html === "string" ? parsed.html : "",
              header: (name) => headerLines.get(name.toLowerCase()),
            });
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    received,
    state,
    port,
    /** An SMTP_URL with credentials (they must never show in errors an admin reads). */
    url: `smtp://portal:smtp-secret@127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
