import { GraphQLError, Kind, valueFromASTUntyped } from "graphql";
import { DateTime } from "luxon";
import { builder } from "../builder.ts";
import { BUSINESS_ZONE } from "../clock.ts";
import { translate, type MessageKey } from "../i18n/messages.ts";

/** A calendar date (no time, no zone), e.g. a posting date: "2026-11-26". */
export type CalendarDate = string;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Years a Date or DateTime may have. PostgreSQL has no year 0 and JavaScript's Date ends in
 * +275760: outside four-digit years an input would only fail deep in a service (a 500).
 */
export const YEAR_RANGE = { min: 1000, max: 9999 } as const;

/**
 * Refuses a scalar's input. The message key travels in the extensions; the request-limits plugin
 * words it in the request's language with the argument's path (see request-limits.ts).
 */
function invalid(messageKey: MessageKey): never {
  throw new GraphQLError(translate("en", messageKey), { extensions: { code: "BAD_USER_INPUT", messageKey } });
}

const inYearRange = (parsed: DateTime) => parsed.year >= YEAR_RANGE.min && parsed.year <= YEAR_RANGE.max;

builder.scalarType("DateTime", {
  description: "An instant, ISO 8601 with offset (serialized in UTC), e.g. 2026-11-26T13:00:00.000Z.",
  serialize: (value) => value.toISOString(),
  parseValue: (value) => {
    if (typeof value !== "string") invalid("field.dateTime");
    const parsed = DateTime.fromISO(value, { setZone: true });
    if (!parsed.isValid || !/([zZ]|[+-]\d{2}:?\d{2})$/.test(value) || !inYearRange(parsed)) invalid("field.dateTime");
    return parsed.toJSDate();
  },
});

builder.scalarType("Date", {
  description: `A calendar date, YYYY-MM-DD, meant in the ${BUSINESS_ZONE} time zone.`,
  serialize: (value) => value,
  parseValue: (value) => {
    if (typeof value !== "string" || !ISO_DATE.test(value)) invalid("field.dateRange");
    const parsed = DateTime.fromISO(value);
    if (!parsed.isValid || !inYearRange(parsed)) invalid("field.dateRange");
    return value;
  },
});

const MONEY = /^-?\d{1,13}(\.\d{1,2})?$/;

/** Integer haléře to the wire format "1234.50". */
export function formatMoney(minorUnits: bigint | number): string {
  const value = BigInt(minorUnits);
  const sign = value < 0n ? "-" : "";
  const abs = value < 0n ? -value : value;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, "0")}`;
}

/** "1234.5" to 123450n haléře; exact, never through a float. */
export function parseMoney(text: string): bigint {
  if (!MONEY.test(text)) invalid("field.money");
  const negative = text.startsWith("-");
  const [whole = "0", fraction = ""] = text.replace("-", "").split(".");
  const minor = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, "0"));
  return negative ? -minor : minor;
}

builder.scalarType("Money", {
  description: 'An amount in CZK as a decimal string with two decimals, e.g. "1234.50". Never a float.',
  serialize: (value) => formatMoney(value),
  parseValue: (value) => {
    if (typeof value !== "string") invalid("field.money");
    return parseMoney(value);
  },
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) invalid("field.money");
    return parseMoney(ast.value);
  },
});

builder.scalarType("File", {
  description: "A file uploaded with the GraphQL multipart request (https://github.com/jaydenseric/graphql-multipart-request-spec).",
  serialize: () => {
    throw new GraphQLError("File is an input-only scalar.");
  },
  parseValue: (value) => {
    // Behind Fastify the multipart parser (@whatwg-node) hands over its own File class, which is
    // not an instance of the global File: accept anything shaped like one.
    if (!isFileLike(value)) invalid("field.file");
    return value;
  },
  parseLiteral: () => invalid("field.file"),
});

function isFileLike(value: unknown): value is File {
  if (value instanceof File) return true;
  const candidate = value as Partial<File> | null;
  return (
    typeof candidate === "object" &&
    candidate !== null &&
    typeof candidate.name === "string" &&
    typeof candidate.size === "number" &&
    typeof candidate.arrayBuffer === "function"
  );
}

// eslint-disable-next-line no-control-regex
const UNSTORABLE_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const JSON_MAX_DEPTH = 12;

/**
 * A JSON input PostgreSQL can store: no NUL and no lone surrogate in any key or string (jsonb refuses them, which
 * would be a 500 deep in a service), nested at most 12 levels (a form is a few levels deep).
 */
function checkJson(value: unknown, depth = 0): unknown {
  if (depth > JSON_MAX_DEPTH) invalid("field.invalid");
  if (typeof value === "string") {
    if (UNSTORABLE_TEXT.test(value)) invalid("field.unstorableCharacters");
  } else if (Array.isArray(value)) {
    for (const item of value) checkJson(item, depth + 1);
  } else if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (UNSTORABLE_TEXT.test(key)) invalid("field.unstorableCharacters");
      checkJson(item, depth + 1);
    }
  } else if (typeof value === "number" && !Number.isFinite(value)) {
    invalid("field.invalid");
  }
  return value;
}

builder.scalarType("JSON", {
  description:
    "A JSON value: a form's values or summary, shaped by the form definition (@portal/forms). The server validates it " +
    "against the definition; NUL characters, lone surrogates and nesting deeper than 12 levels are refused.",
  serialize: (value) => value,
  parseValue: (value) => checkJson(value),
  parseLiteral: (ast) => checkJson(valueFromASTUntyped(ast)),
});
