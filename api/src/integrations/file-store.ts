import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";

/** Bytes written to the store under a temporary name, hashed on the way: `commit` files them under their key. */
export interface StagedFile {
  storageKey: string;
  sha256: string;
  size: number;
  temporaryPath: string;
}

/**
 * The bytes of uploaded files, outside the web root (DATA_DIR/files), addressed by their SHA-256:
 * `ab/abcdef…` (the first two hex digits fan the files out over 256 directories). Names chosen by
 * users never reach the file system, so no name can escape the store; keys are checked against
 * that exact shape before any path is built from them. The same content uploaded twice is stored
 * once.
 */
export interface FileStore {
  /** The key and SHA-256 the bytes are (or would be) stored under. */
  keyOf(bytes: Uint8Array): { storageKey: string; sha256: string };
  /** Stores the bytes (if not stored yet) and returns their key and SHA-256. */
  put(bytes: Uint8Array, key?: { storageKey: string; sha256: string }): Promise<{ storageKey: string; sha256: string }>;
  /** Streams bytes into the store under a temporary name (never held in memory), hashing them. */
  stage(stream: Readable | WebReadableStream<Uint8Array> | ReadableStream<Uint8Array>): Promise<StagedFile>;
  /** Files staged bytes under their key (or drops them when that content is stored already). */
  commit(staged: StagedFile): Promise<void>;
  /** Deletes staged bytes that were not committed (nothing when they were). */
  discard(staged: StagedFile): Promise<void>;
  /** Deletes the stored bytes of a key (nothing when the key is malformed or already gone). */
  remove(storageKey: string): Promise<void>;
  /** A stream of the stored bytes, or null when the key is malformed or the file is missing. */
  open(storageKey: string): Promise<fs.ReadStream | null>;
  /** The absolute path of a stored file (or null for a malformed key); for backups and tests. */
  pathOf(storageKey: string): string | null;
}

const STORAGE_KEY = /^([0-9a-f]{2})\/([0-9a-f]{64})$/;

export function fileStoreDirectory(dataDir: string): string {
  return path.join(dataDir, "files");
}

export function createFileStore(root: string): FileStore {
  const resolvedRoot = path.resolve(root);

  function pathOf(storageKey: string): string | null {
    const match = STORAGE_KEY.exec(storageKey);
    if (!match || !match[2]!.startsWith(match[1]!)) return null;
    const full = path.resolve(resolvedRoot, match[1]!, match[2]!);
    // Belt and braces: the pattern already rules out separators and dots.
    return full.startsWith(resolvedRoot + path.sep) ? full : null;
  }

  function keyOf(bytes: Uint8Array) {
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    return { storageKey: `${sha256.slice(0, 2)}/${sha256}`, sha256 };
  }

  return {
    pathOf,
    keyOf,
    async put(bytes, key = keyOf(bytes)) {
      const { storageKey, sha256 } = key;
      const target = pathOf(storageKey)!;
      if (fs.existsSync(target)) return { storageKey, sha256 };
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      // Write under a temporary name and rename: a reader never sees a half-written file, and two
      // concurrent uploads of the same content both end with the same complete file.
      const temporary = `${target}.${randomUUID()}.tmp`;
      await fs.promises.writeFile(temporary, bytes, { flag: "wx", mode: 0o640 });
      await fs.promises.rename(temporary, target);
      return { storageKey, sha256 };
    },
    async stage(stream) {
      const incoming = path.join(resolvedRoot, "incoming");
      await fs.promises.mkdir(incoming, { recursive: true });
      const temporaryPath = path.join(incoming, `${randomUUID()}.tmp`);
      const hash = createHash("sha256");
      let size = 0;
      const source = stream instanceof Readable ? stream : Readable.fromWeb(stream as WebReadableStream<Uint8Array>);
      const hashing = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          hash.update(chunk);
          size += chunk.length;
          callback(null, chunk);
        },
      });
      try {
        await pipeline(source, hashing, fs.createWriteStream(temporaryPath, { flags: "wx", mode: 0o640 }));
      } catch (error) {
        await fs.promises.rm(temporaryPath, { force: true });
        throw error;
      }
      const sha256 = hash.digest("hex");
      return { storageKey: `${sha256.slice(0, 2)}/${sha256}`, sha256, size, temporaryPath };
    },
    async commit(staged) {
      const target = pathOf(staged.storageKey)!;
      if (fs.existsSync(target)) return void (await fs.promises.rm(staged.temporaryPath, { force: true }));
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      await fs.promises.rename(staged.temporaryPath, target);
    },
    async discard(staged) {
      await fs.promises.rm(staged.temporaryPath, { force: true });
    },
    async remove(storageKey) {
      const full = pathOf(storageKey);
      if (full) await fs.promises.rm(full, { force: true });
    },
    async open(storageKey) {
      const full = pathOf(storageKey);
      if (!full) return null;
      try {
        const handle = await fs.promises.open(full, "r");
        return handle.createReadStream();
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
    },
  };
}
