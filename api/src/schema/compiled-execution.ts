import { useGraphQlJit } from "@envelop/graphql-jit";
import { Kind, type DocumentNode } from "graphql";

/**
 * Root fields whose answers are executed by compiled resolvers (graphql-jit) instead of the standard executor.
 * The personal account is the largest private answer (every assessment with its installments, payments and
 * payment instructions: thousands of fields for a household), and the standard executor's per-field cost
 * dominated it (bench/account: 0.44 of a raw pg handler; compiled, 0.64).
 */
const COMPILED_ROOT_FIELDS = new Set(["personalAccount"]);

/**
 * Only a query without variables whose every root field is listed: the compiled executor coerces variables
 * and reports some input errors differently from graphql-js, and every other operation keeps the standard
 * executor's behaviour (and its error messages, which tests and integrators rely on). Arguments written in the
 * document are checked by validation before execution, as for any operation.
 */
export function isCompiledOperation(document: DocumentNode): boolean {
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (operations.length !== 1) return false;
  const [operation] = operations;
  if (operation!.operation !== "query" || (operation!.variableDefinitions?.length ?? 0) > 0) return false;
  const roots = operation!.selectionSet.selections;
  return (
    roots.length > 0 &&
    roots.every(
      (s) => s.kind === Kind.FIELD && (s.name.value === "__typename" || COMPILED_ROOT_FIELDS.has(s.name.value)) && !s.directives?.length,
    ) &&
    roots.some((s) => s.kind === Kind.FIELD && COMPILED_ROOT_FIELDS.has(s.name.value))
  );
}

export function compiledExecutionPlugin() {
  return useGraphQlJit({}, { enableIf: (args) => isCompiledOperation(args.document) });
}
