import type { BudgetView, Dimension, Side } from "./view-state.ts";

const SIDE_ENUM = { expenditure: "EXPENDITURE", revenue: "REVENUE", financing: "FINANCING" } as const satisfies Record<Side, string>;
const BY_ENUM = { department: "ORJ", action: "ORG", organisation: "ORGANISATION" } as const satisfies Record<
  Exclude<Dimension, "structure">,
  string
>;

/**
 * A view in the API's words: the side, the codes chosen so far, and what the next rows are (`by`). The page's
 * breakdown (department, action, organisation) is first a choice of one of them, then the classification below it.
 */
export function apiPath(view: BudgetView) {
  const key = view.dimension === "structure" ? null : view.key;
  return {
    side: SIDE_ENUM[view.side],
    by: view.dimension !== "structure" && view.key === null ? BY_ENUM[view.dimension] : ("CLASSIFICATION" as const),
    group: view.group,
    paragraf: view.paragraf,
    polozka: view.polozka,
    org: view.dimension === "action" ? key : view.org,
    orj: view.dimension === "department" ? key : null,
    organisation: view.dimension === "organisation" ? key : view.organisation,
  };
}
