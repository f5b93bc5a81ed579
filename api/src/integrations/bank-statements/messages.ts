// Czech and English wording of statement issues. Kept beside the parsers until the import service exists;
// the keys are meant to move into api/src/i18n/messages.ts (as "statement.*") with it.
import type { Locale } from "../../i18n/messages.ts";
import type { StatementIssue, StatementIssueCode } from "./types.ts";

const cs: Record<StatementIssueCode, string> = {
  "statement.tooLarge": "Soubor je příliš velký ({bytes} B, nejvýše {max} B).",
  "statement.empty": "Soubor neobsahuje žádný výpis.",
  "statement.encoding": "Soubor má nečekané kódování ({found}, očekáváno {expected}).",
  "statement.binary": "Soubor není textový výpis.",
  "statement.unknownFormat": "Neznámý formát: nahrajte výpis ve formátu GPC (ABO) nebo camt.053 (XML).",
  "statement.balanceMismatch":
    "Zůstatky nesouhlasí: počáteční {opening} + příjmy {credits} − výdaje {debits} = {expected}, výpis uvádí konečný zůstatek {closing} (v haléřích).",
  "statement.turnoverMismatch": "Obrat ({direction}) uvedený ve výpisu {stated} nesouhlasí se součtem položek {lines} (v haléřích).",
  "statement.statementNumber": "Neplatné číslo výpisu: „{value}“.",
  "statement.sequence": "Výpis číslo {number} nenavazuje na předchozí výpis číslo {previous}.",
  "statement.openingBalance": "Počáteční zůstatek {opening} nenavazuje na konečný zůstatek předchozího výpisu {previous} (v haléřích).",
  "statement.tooManyLines": "Výpis má víc než {max} položek.",
  "gpc.recordLength": "Věta má {length} znaků, formát GPC vyžaduje {expected}.",
  "gpc.recordType": "Neznámý typ věty „{value}“ (očekáváno 074, 075, 076–079).",
  "gpc.itemBeforeHeader": "Položka (075) před hlavičkou výpisu (074).",
  "gpc.textBeforeItem": "Doplňující text (076–079) bez předchozí položky (075).",
  "gpc.date": "Neplatné datum „{value}“ ({field}), očekáváno DDMMRR.",
  "gpc.amount": "Neplatná částka „{value}“.",
  "gpc.sign": "Neplatné znaménko „{value}“.",
  "gpc.postingCode": "Neznámý kód účtování „{value}“.",
  "gpc.account": "Neplatné číslo účtu „{value}“.",
  "camt.xml": "Soubor není platné XML ({detail}).",
  "camt.doctype": "XML s deklarací DOCTYPE nebo entitami nelze načíst.",
  "camt.notCamt053": "XML není výpis camt.053 (chybí BkToCstmrStmt).",
  "camt.missing": "Ve výpisu chybí {element}.",
  "camt.amount": "Neplatná částka „{value}“.",
  "camt.currency": "Měna {value} se liší od měny účtu {expected}.",
  "camt.date": "Neplatné datum ({element}).",
  "camt.direction": "Neplatný směr platby „{value}“ (očekáváno CRDT nebo DBIT).",
  "camt.balance": "Neplatný zůstatek ({type}).",
};

const en: Record<StatementIssueCode, string> = {
  "statement.tooLarge": "The file is too large ({bytes} B, at most {max} B).",
  "statement.empty": "The file contains no statement.",
  "statement.encoding": "The file has an unexpected encoding ({found}, expected {expected}).",
  "statement.binary": "The file is not a text statement.",
  "statement.unknownFormat": "Unknown format: upload a GPC (ABO) or camt.053 (XML) statement.",
  "statement.balanceMismatch":
    "Balances do not add up: opening {opening} + credits {credits} − debits {debits} = {expected}, the statement says closing {closing} (in haléře).",
  "statement.turnoverMismatch": "The {direction} turnover stated, {stated}, differs from the sum of the lines, {lines} (in haléře).",
  "statement.statementNumber": "Invalid statement number: “{value}”.",
  "statement.sequence": "Statement number {number} does not follow the previous statement, number {previous}.",
  "statement.openingBalance": "The opening balance {opening} differs from the previous statement's closing balance {previous} (in haléře).",
  "statement.tooManyLines": "The statement has more than {max} lines.",
  "gpc.recordLength": "The record has {length} characters; GPC requires {expected}.",
  "gpc.recordType": "Unknown record type “{value}” (expected 074, 075, 076–079).",
  "gpc.itemBeforeHeader": "A transaction (075) before the statement header (074).",
  "gpc.textBeforeItem": "Extra text (076–079) without a transaction (075) before it.",
  "gpc.date": "Invalid date “{value}” ({field}), expected DDMMYY.",
  "gpc.amount": "Invalid amount “{value}”.",
  "gpc.sign": "Invalid sign “{value}”.",
  "gpc.postingCode": "Unknown posting code “{value}”.",
  "gpc.account": "Invalid account number “{value}”.",
  "camt.xml": "The file is not well-formed XML ({detail}).",
  "camt.doctype": "XML with a DOCTYPE declaration or entities cannot be read.",
  "camt.notCamt053": "The XML is not a camt.053 statement (no BkToCstmrStmt).",
  "camt.missing": "The statement lacks {element}.",
  "camt.amount": "Invalid amount “{value}”.",
  "camt.currency": "Currency {value} differs from the account's currency {expected}.",
  "camt.date": "Invalid date ({element}).",
  "camt.direction": "Invalid direction “{value}” (expected CRDT or DBIT).",
  "camt.balance": "Invalid balance ({type}).",
};

const catalogues: Record<Locale, Record<StatementIssueCode, string>> = { cs, en };
const linePrefix: Record<Locale, string> = { cs: "Řádek {line}: ", en: "Line {line}: " };

/** "Řádek 12: Neplatná částka …" in the reader's language. */
export function statementIssueMessage(locale: Locale, issue: StatementIssue): string {
  const params: Record<string, string | number> = { ...issue.params, line: issue.line ?? "" };
  const template = (issue.line ? linePrefix[locale] : "") + catalogues[locale][issue.code];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}
