import net from "node:net";
import type { Readable } from "node:stream";

/** What the antivirus said about a file. */
export type ScanVerdict = { clean: true } | { clean: false; signature: string };

export interface VirusScanner {
  /** Streams the bytes to the scanner; throws when it cannot be reached or answers nonsense (the check is retried). */
  scan(stream: Readable): Promise<ScanVerdict>;
}

/** Largest chunk sent in one INSTREAM frame (clamd's StreamMaxLength still limits the whole file). */
const CHUNK = 64 * 1024;

/**
 * ClamAV's clamd over TCP with its INSTREAM command (https://docs.clamav.net/manual/Usage/Scanning.html#clamd):
 * `zINSTREAM\0`, then frames of a 4-byte big-endian length and that many bytes, then a zero-length frame; clamd
 * answers `stream: OK\0` or `stream: <signature> FOUND\0` (or `... ERROR\0`, e.g. when the stream is over its
 * StreamMaxLength). Each scan opens its own connection.
 */
export function createClamdScanner(address: string, timeoutMs: number): VirusScanner {
  const separator = address.lastIndexOf(":");
  const host = address.slice(0, separator);
  const port = Number(address.slice(separator + 1));
  return {
    scan(stream) {
      return new Promise<ScanVerdict>((resolve, reject) => {
        const socket = net.connect({ host, port });
        const reply: Buffer[] = [];
        let settled = false;
        const finish = (error: Error | null, verdict?: ScanVerdict) => {
          if (settled) return;
          settled = true;
          socket.destroy();
          stream.destroy();
          if (error) reject(error);
          else resolve(verdict!);
        };
        socket.setTimeout(timeoutMs, () => finish(new Error(`clamd at ${address} did not answer within ${timeoutMs} ms`)));
        socket.on("error", (error) => finish(new Error(`clamd at ${address}: ${error.message}`)));
        socket.on("data", (chunk: Buffer) => reply.push(chunk));
        socket.on("end", () => {
          try {
            finish(null, parseClamdReply(Buffer.concat(reply).toString("utf8")));
          } catch (error) {
            finish(error as Error);
          }
        });
        socket.on("connect", async () => {
          try {
            socket.write("zINSTREAM\0");
            for await (const data of stream) {
              const buffer = Buffer.isBuffer(data) ? data : Buffer.from(data as Uint8Array);
              for (let offset = 0; offset < buffer.length; offset += CHUNK) {
                const part = buffer.subarray(offset, offset + CHUNK);
                const length = Buffer.alloc(4);
                length.writeUInt32BE(part.length);
                if (!socket.write(Buffer.concat([length, part]))) await new Promise((r) => socket.once("drain", r));
              }
            }
            socket.write(Buffer.alloc(4));
          } catch (error) {
            finish(error as Error);
          }
        });
      });
    },
  };
}

/** "stream: OK" -> clean; "stream: Eicar-Signature FOUND" -> infected; anything else is an error. */
export function parseClamdReply(reply: string): ScanVerdict {
  const text = reply.replace(/\0/g, "").trim();
  if (/^stream: OK$/.test(text)) return { clean: true };
  const found = /^stream: (.+) FOUND$/.exec(text);
  if (found) return { clean: false, signature: found[1]! };
  throw new Error(`clamd answered: ${text.slice(0, 200) || "(nothing)"}`);
}
