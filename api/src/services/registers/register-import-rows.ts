import { translate, type MessageKey, type MessageParams } from "../../i18n/messages.ts";
import type { EntryData } from "./register-rules.ts";

// How an import's preview is kept in RegisterImport (JSON columns) until the clerk decides.

/** One problem of one line; `message` is worded when read, in the reader's language. */
export interface ImportProblem {
  line: number;
  /** The column's header as written in the file (null when the problem is the whole line). */
  column: string | null;
  field: string | null;
  code: string;
  messageKey: MessageKey;
  params?: MessageParams;
}

/** A valid row, normalised; amounts as strings of haléře (JSON has no bigint). */
export interface StoredImportRow {
  line: number;
  data: Record<string, string | null>;
}

export function storeRow(line: number, data: EntryData): StoredImportRow {
  return {
    line,
    data: Object.fromEntries(Object.entries(data).map(([key, value]) => [key, typeof value === "bigint" ? value.toString() : value])),
  };
}

const AMOUNT_FIELDS = new Set(["amountWithoutVat", "amountWithVat"]);

export function restoreRow(row: StoredImportRow): EntryData {
  return Object.fromEntries(
    Object.entries(row.data).map(([key, value]) => [key, AMOUNT_FIELDS.has(key) && value !== null ? BigInt(value) : value]),
  ) as unknown as EntryData;
}

/** Whether a stored message key still exists in the catalogue. */
export function isMessageKey(key: string): key is MessageKey {
  try {
    return typeof translate("cs", key as MessageKey) === "string";
  } catch {
    return false;
  }
}
