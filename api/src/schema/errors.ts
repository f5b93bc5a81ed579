import { builder } from "../builder.ts";
import {
  AppError,
  ConflictError,
  ForbiddenError,
  InvalidCredentialsError,
  NotFoundError,
  TooManyAttemptsError,
  ValidationError,
  type FieldIssue,
} from "../errors.ts";
import { translate } from "../i18n/messages.ts";

// Expected failures as schema types: every one implements `Error`, so a client can always ask
// `... on Error { message code }` and add fragments for the details it cares about.
export const ErrorInterface = builder.interfaceRef<AppError>("Error").implement({
  description: "An expected failure, worded in the request's language.",
  fields: (t) => ({
    message: t.string({ resolve: (error, _args, ctx) => error.localizedMessage(ctx.locale) }),
    code: t.exposeString("code"),
  }),
});

export const FieldErrorRef = builder.objectRef<FieldIssue>("FieldError").implement({
  description: "A problem with one input field.",
  fields: (t) => ({
    path: t.exposeStringList("path", { description: 'Path of the input field, e.g. ["email"].' }),
    code: t.exposeString("code"),
    message: t.string({ resolve: (issue, _args, ctx) => translate(ctx.locale, issue.messageKey, issue.params) }),
  }),
});

builder.objectType(ValidationError, {
  name: "ValidationError",
  interfaces: [ErrorInterface],
  fields: (t) => ({ fieldErrors: t.field({ type: [FieldErrorRef], resolve: (error) => error.issues }) }),
});

builder.objectType(NotFoundError, { name: "NotFoundError", interfaces: [ErrorInterface] });
builder.objectType(ConflictError, { name: "ConflictError", interfaces: [ErrorInterface] });
builder.objectType(ForbiddenError, { name: "ForbiddenError", interfaces: [ErrorInterface] });
builder.objectType(InvalidCredentialsError, { name: "InvalidCredentialsError", interfaces: [ErrorInterface] });
builder.objectType(TooManyAttemptsError, {
  name: "TooManyAttemptsError",
  interfaces: [ErrorInterface],
  fields: (t) => ({ retryAfterSeconds: t.exposeInt("retryAfterSeconds") }),
});
