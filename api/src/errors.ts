import type { z } from "zod";
import { translate, type Locale, type MessageKey, type MessageParams } from "./i18n/messages.ts";

/**
 * Expected failures. Services throw these; the GraphQL layer returns them as members of a result
 * union (errors plugin), worded in the request's language when the `message` field is resolved.
 */
export abstract class AppError extends Error {
  abstract readonly code: string;
  readonly messageKey: MessageKey;
  readonly params: MessageParams;
  constructor(messageKey: MessageKey, params: MessageParams = {}) {
    super(translate("en", messageKey, params));
    this.messageKey = messageKey;
    this.params = params;
  }
  localizedMessage(locale: Locale): string {
    return translate(locale, this.messageKey, this.params);
  }
}

export interface FieldIssue {
  /** Path of the input field, e.g. ["email"] or ["rows", "3", "ico"]. */
  path: string[];
  code: string;
  messageKey: MessageKey;
  params?: MessageParams;
}

export class ValidationError extends AppError {
  readonly code = "VALIDATION";
  readonly issues: FieldIssue[];
  constructor(issues: FieldIssue[]) {
    super("error.validation");
    this.issues = issues;
  }
  static field(field: string, messageKey: MessageKey, code = "INVALID", params?: MessageParams): ValidationError {
    return new ValidationError([{ path: [field], code, messageKey, ...(params ? { params } : {}) }]);
  }
}

export class NotFoundError extends AppError {
  readonly code = "NOT_FOUND";
  constructor() {
    super("error.notFound");
  }
}

export class ForbiddenError extends AppError {
  readonly code = "FORBIDDEN";
  constructor() {
    super("error.forbidden");
  }
}

/** Someone else changed the record first (optimistic concurrency): reload and decide again. */
export class ConflictError extends AppError {
  readonly code = "CONFLICT";
  constructor(messageKey: MessageKey = "error.conflict") {
    super(messageKey);
  }
}

export class InvalidCredentialsError extends AppError {
  readonly code = "INVALID_CREDENTIALS";
  constructor() {
    super("error.invalidCredentials");
  }
}

export class TooManyAttemptsError extends AppError {
  readonly code = "TOO_MANY_ATTEMPTS";
  readonly retryAfterSeconds: number;
  /** `messageKey`: "error.tooManyRequests" where the refused requests were not failures (e-mail limits). */
  constructor(retryAfterSeconds: number, messageKey: "error.tooManyAttempts" | "error.tooManyRequests" = "error.tooManyAttempts") {
    super(messageKey, { minutes: Math.max(1, Math.ceil(retryAfterSeconds / 60)) });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/**
 * Validates input with a zod schema whose custom messages are message keys
 * (`z.string().email({ message: "field.email" })`), and throws a ValidationError naming each field.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(
    result.error.issues.map((issue) => {
      const { messageKey, params } = issueMessage(issue);
      return { path: issue.path.map(String), code: issue.code.toUpperCase(), messageKey, params };
    }),
  );
}

function issueMessage(issue: z.core.$ZodIssue): { messageKey: MessageKey; params: MessageParams } {
  if (issue.message.startsWith("field.")) return { messageKey: issue.message as MessageKey, params: limits(issue) };
  switch (issue.code) {
    case "too_big":
      return { messageKey: "field.tooLong", params: { max: Number(issue.maximum) } };
    case "too_small":
      return Number(issue.minimum) <= 1 && issue.origin === "string"
        ? { messageKey: "field.required", params: {} }
        : { messageKey: "field.tooShort", params: { min: Number(issue.minimum) } };
    case "invalid_type":
      return { messageKey: issue.input === undefined || issue.input === null ? "field.required" : "field.invalid", params: {} };
    default:
      return { messageKey: "field.invalid", params: {} };
  }
}

function limits(issue: z.core.$ZodIssue): MessageParams {
  if (issue.code === "too_big") return { max: Number(issue.maximum) };
  if (issue.code === "too_small") return { min: Number(issue.minimum) };
  return {};
}
