import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

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
