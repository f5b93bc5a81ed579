// What one GraphQL request may ask for, checked once per operation before anything runs:
// every list in the arguments has a cap, every string can be stored by PostgreSQL, and the
// document's cost (with list sizes counted) stays under GRAPHQL_MAX_COST. See docs/ARCHITECTURE.md
// ("Request limits").
import {
  GraphQLError,
  getNamedType,
  getNullableType,
  isCompositeType,
  isInputObjectType,
  isLeafType,
  isListType,
  type DocumentNode,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLSchema,
} from "graphql";
import { getComplexity, type ComplexityEstimator } from "graphql-query-complexity";
import { isAsyncIterable, type Plugin } from "graphql-yoga";
import { negotiateLocale, translate, type Locale, type MessageKey, type MessageParams } from "../i18n/messages.ts";

/** The documented maximum of items in any list argument or list input field, and of a connection page. */
export const MAX_LIST_ITEMS = 100;
/** A connection asked without `first`/`last` answers this many (Pothos' default page size). */
export const DEFAULT_PAGE_SIZE = 20;
/** What a list field without a size argument (a notice's attachments, a record's events) is assumed to hold. */
export const UNSIZED_LIST_ESTIMATE = 10;

/** The cap of one list argument or input field: its `maxItems` extension, else MAX_LIST_ITEMS. */
export function listCapOf(input: GraphQLArgument | GraphQLInputField): number {
  const declared = (input.extensions as { maxItems?: unknown } | undefined)?.maxItems;
  return typeof declared === "number" && declared > 0 ? Math.min(declared, MAX_LIST_ITEMS) : MAX_LIST_ITEMS;
}

/** Whether a field is a Relay connection (its page is sized by `first`/`last`). */
function isConnectionField(field: GraphQLField<unknown, unknown>): boolean {
  const type = getNamedType(field.type);
  return isCompositeType(type) && "getFields" in type && "pageInfo" in type.getFields() && "edges" in type.getFields();
}

/**
 * An input PostgreSQL text cannot hold (NUL) or that is not Unicode text (a lone surrogate half,
 * which JSON allows): refused everywhere, instead of a database error deep in a service.
 */
// eslint-disable-next-line no-control-regex
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** An argument that breaks a request limit: answered as BAD_USER_INPUT naming the argument. */
export class InputLimitError extends Error {
  readonly argument: string;
  readonly messageKey: MessageKey;
  readonly params: MessageParams;
  constructor(argument: string, messageKey: MessageKey, params: MessageParams = {}) {
    super(`${argument}: ${translate("en", messageKey, params)}`);
    this.argument = argument;
    this.messageKey = messageKey;
    this.params = params;
  }
  toGraphQLError(locale: Locale): GraphQLError {
    return new GraphQLError(
      translate(locale, "error.badArgument", { argument: this.argument, problem: translate(locale, this.messageKey, this.params) }),
      {
        extensions: { code: "BAD_USER_INPUT", argument: this.argument, reason: this.messageKey },
      },
    );
  }
}

/** Walks one coerced input value along its type: list caps and storable strings. */
function checkInputValue(value: unknown, type: GraphQLInputType, path: string, cap: number): void {
  if (value === null || value === undefined) return;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    if (!Array.isArray(value)) return;
    if (value.length > cap) throw new InputLimitError(path, "field.tooManyItems", { max: cap });
    value.forEach((item, index) => checkInputValue(item, nullable.ofType, `${path}.${index}`, MAX_LIST_ITEMS));
    return;
  }
  if (typeof value === "string") {
    if (UNSTORABLE.test(value)) throw new InputLimitError(path, "field.unstorableCharacters");
    return;
  }
  if (isInputObjectType(nullable) && typeof value === "object") {
    const fields = nullable.getFields();
    for (const [name, fieldValue] of Object.entries(value as Record<string, unknown>)) {
      const field = fields[name];
      if (field) checkInputValue(fieldValue, field.type, `${path}.${name}`, listCapOf(field));
    }
  }
}

/** Checks a field's coerced arguments; throws InputLimitError for the first one out of bounds. */
export function checkFieldArguments(field: GraphQLField<unknown, unknown>, args: Record<string, unknown>): void {
  for (const arg of field.args) {
    const value = args[arg.name];
    const path = `${field.name}.${arg.name}`;
    // A page size, of a connection or of a plain list (`deadLetterJobs(first:)`), is 0 to 100.
    if ((arg.name === "first" || arg.name === "last") && typeof value === "number") {
      if (value < 0 || value > MAX_LIST_ITEMS) throw new InputLimitError(path, "field.pageSize", { max: MAX_LIST_ITEMS });
    }
    checkInputValue(value, arg.type, path, listCapOf(arg));
  }
}

/** How many items a list field is expected to return, from its arguments. */
function listSize(field: GraphQLField<unknown, unknown>, args: Record<string, unknown>): number {
  const sized = (name: string) => (typeof args[name] === "number" ? Math.max(0, args[name]) : undefined);
  if (isConnectionField(field)) return Math.min(sized("first") ?? sized("last") ?? DEFAULT_PAGE_SIZE, MAX_LIST_ITEMS);
  if (!isListType(getNullableType(field.type))) return 1;
  const declared = (field.extensions as { maxItems?: unknown } | undefined)?.maxItems;
  const cap = typeof declared === "number" ? declared : Infinity;
  const limit = sized("limit") ?? sized("first") ?? sized("last");
  if (limit !== undefined) return Math.min(limit, cap);
  const idList = field.args.find((arg) => isListType(getNullableType(arg.type)) && arg.name === "ids");
  if (idList && Array.isArray(args[idList.name])) return (args[idList.name] as unknown[]).length;
  return Math.min(UNSIZED_LIST_ESTIMATE, cap);
}

/**
 * The cost of a field: each object it returns costs 1 plus its own selection, so a list multiplies
 * its selection by the number of items it returns; scalars come with their object and cost
 * nothing. The items of a connection are counted by the connection's `first`/`last`, once (its
 * `edges`/`nodes` count as one). Also checks the field's arguments (caps, storable strings) while
 * the document is walked anyway.
 */
export const costEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  checkFieldArguments(field, args);
  if (isLeafType(getNamedType(field.type))) return 0;
  const insideConnection = "getFields" in type && "pageInfo" in type.getFields() && (field.name === "edges" || field.name === "nodes");
  return (insideConnection ? 1 : listSize(field, args)) * (1 + childComplexity);
};

/** The cost of an operation with its variables; throws InputLimitError for an argument out of bounds. */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables?: Record<string, unknown> | null,
  operationName?: string | null,
): number {
  return getComplexity({
    schema,
    query: document,
    variables: variables ?? {},
    ...(operationName ? { operationName } : {}),
    estimators: [costEstimator],
  });
}

/**
 * Refuses an operation whose arguments break a limit or whose cost is above `maxCost`, before it
 * runs (no SQL, no resolver). Input the cost walk cannot read (a variable of the wrong type) is left
 * to execution, which answers it with GraphQL's own error. Also words our scalars' refusals (e.g.
 * a Date out of range) in the request's language.
 */
export function requestLimitsPlugin({ maxCost }: { maxCost: number }): Plugin<RequestContext> {
  return {
    onValidate({ context }) {
      return ({ result, setResult }) => {
        if (result.length) setResult(result.map((error) => localizeInputError(error, localeOf(context))));
      };
    },
    onExecute({ args, setResultAndStopExecution }) {
      const locale = localeOf(args.contextValue);
      let cost: number | null = null;
      try {
        cost = operationCost(args.schema, args.document, args.variableValues, args.operationName);
      } catch (error) {
        if (error instanceof InputLimitError) {
          setResultAndStopExecution({ errors: [error.toGraphQLError(locale)] });
          return;
        }
      }
      if (cost !== null && cost > maxCost) {
        setResultAndStopExecution({
          errors: [
            new GraphQLError(translate(locale, "error.tooCostly", { cost, max: maxCost }), {
              extensions: { code: "QUERY_TOO_COSTLY", cost, maxCost },
            }),
          ],
        });
        return;
      }
      return {
        onExecuteDone({ result, setResult }) {
          if (isAsyncIterable(result) || !result.errors?.length) return;
          setResult({ ...result, errors: result.errors.map((error) => localizeInputError(error, locale)) });
        },
      };
    },
  };
}

type RequestContext = { locale?: Locale; request?: Request };

/** Validation runs before the context is built: the locale then comes from the request itself. */
function localeOf(context: RequestContext): Locale {
  return context.locale ?? negotiateLocale(context.request?.headers.get("accept-language") ?? null);
}

/** Our scalars refuse input with a message key (see scalars.ts); GraphQL wraps it with the variable's path. */
function localizeInputError(error: GraphQLError, locale: Locale): GraphQLError {
  const original = error.originalError as (Error & { extensions?: { messageKey?: MessageKey } }) | undefined;
  const messageKey = original?.extensions?.messageKey ?? (error.extensions.messageKey as MessageKey | undefined);
  if (!messageKey) return error;
  const argument = / at "([^"]+)"/.exec(error.message)?.[1] ?? /^Variable "\$([^"]+)"/.exec(error.message)?.[1] ?? "";
  const problem = translate(locale, messageKey);
  return new GraphQLError(argument ? translate(locale, "error.badArgument", { argument, problem }) : problem, {
    nodes: error.nodes,
    path: error.path,
    extensions: { code: "BAD_USER_INPUT", ...(argument ? { argument } : {}), reason: messageKey },
  });
}
