import { GraphQLError, Kind } from "graphql";
import { DateTime } from "luxon";
import { builder } from "../builder.ts";
import { BUSINESS_ZONE } from "../clock.ts";

/** A calendar date (no time, no zone), e.g. a posting date: "2026-11-26". */
export type CalendarDate = string;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function invalid(message: string): never {
  throw new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT" } });
}

builder.scalarType("DateTime", {
  description: "An instant, ISO 8601 with offset (serialized in UTC), e.g. 2026-11-26T13:00:00.000Z.",
  serialize: (value) => value.toISOString(),
  parseValue: (value) => {
    if (typeof value !== "string") invalid("DateTime must be an ISO 8601 string.");
    const parsed = DateTime.fromISO(value, { setZone: true });
    if (!parsed.isValid || !/[zZ]|[+-]\d{2}:?\d{2}$/.test(value)) invalid("DateTime must be ISO 8601 with a time zone offset.");
    return parsed.toJSDate();
  },
});

builder.scalarType("Date", {
  description: `A calendar date, YYYY-MM-DD, meant in the ${BUSINESS_ZONE} time zone.`,
  serialize: (value) => value,
  parseValue: (value) => {
    if (typeof value !== "string" || !ISO_DATE.test(value) || !DateTime.fromISO(value).isValid) invalid("Date must be YYYY-MM-DD.");
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
  if (!MONEY.test(text)) invalid('Money must be a decimal string with at most 2 decimals, e.g. "1234.50".');
  const negative = text.startsWith("-");
  const [whole = "0", fraction = ""] = text.replace("-", "").split(".");
  const minor = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, "0"));
  return negative ? -minor : minor;
}

builder.scalarType("Money", {
  description: 'An amount in CZK as a decimal string with two decimals, e.g. "1234.50". Never a float.',
  serialize: (value) => formatMoney(value),
  parseValue: (value) => {
    if (typeof value !== "string") invalid('Money must be a string such as "1234.50".');
    return parseMoney(value);
  },
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) invalid('Money must be a string such as "1234.50".');
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
    if (!isFileLike(value)) invalid("Expected a file sent as a multipart upload.");
    return value;
  },
  parseLiteral: () => invalid("A file cannot be written inline; send it as a multipart upload."),
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
