import { parseCamt053 } from "./camt053.ts";
import { parseGpc, type GpcOptions } from "./gpc.ts";
import { StatementParseError, type ParsedStatements } from "./types.ts";

/** GPC files start with a `074` header; camt.053 is XML. Decided by content, never by the file name. */
export function detectStatementFormat(bytes: Uint8Array): "GPC" | "CAMT053" | null {
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  while (start < bytes.length && (bytes[start] === 0x20 || bytes[start] === 0x0a || bytes[start] === 0x0d || bytes[start] === 0x09))
    start++;
  const head = new TextDecoder("latin1").decode(bytes.subarray(start, start + 3));
  if (head === "074") return "GPC";
  if (head.startsWith("<")) return "CAMT053";
  return null;
}

/** Parses an uploaded statement file of either format; throws StatementParseError listing every issue. */
export function parseBankStatement(bytes: Uint8Array, options: GpcOptions = {}): ParsedStatements {
  const format = detectStatementFormat(bytes);
  if (format === "GPC") return parseGpc(bytes, options);
  if (format === "CAMT053") return parseCamt053(bytes, options);
  throw new StatementParseError([{ code: bytes.length === 0 ? "statement.empty" : "statement.unknownFormat", line: null }]);
}
