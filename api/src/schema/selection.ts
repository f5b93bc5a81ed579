import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from "graphql";

/**
 * Whether the operation asks for the fields `path` below the field being resolved, looking through
 * fragments (named and inline). Directives are not evaluated: a field under @skip counts as asked,
 * which only means its data is read without being needed. For resolvers that read ahead in one
 * statement what a nested field would otherwise fetch on its own.
 */
export function selects(info: GraphQLResolveInfo, path: readonly string[]): boolean {
  let level = info.fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
  for (const [depth, name] of path.entries()) {
    const next: SelectionSetNode[] = [];
    let found = false;
    const visit = (set: SelectionSetNode) => {
      for (const selection of set.selections) {
        if (selection.kind === Kind.FIELD) {
          if (selection.name.value !== name) continue;
          found = true;
          if (selection.selectionSet) next.push(selection.selectionSet);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          visit(selection.selectionSet);
        } else {
          const fragment = info.fragments[selection.name.value];
          if (fragment) visit(fragment.selectionSet);
        }
      }
    };
    level.forEach(visit);
    if (!found) return false;
    if (depth === path.length - 1) return true;
    level = next;
  }
  return false;
}
