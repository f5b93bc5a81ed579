// Bank statements: one parsed shape for GPC/ABO and camt.053.
export { parseCamt053 } from "./camt053.ts";
export { parseGpc, type GpcOptions } from "./gpc.ts";
export { statementIssueMessage } from "./messages.ts";
export { detectStatementFormat, parseBankStatement } from "./parse-bank-statement.ts";
export { followsStatement } from "./common.ts";
export * from "./types.ts";
