/**
 * What an integrator's API token may do. A token carries any subset; mutations for integrators
 * declare the scope they need (`authScopes: { apiScope: "notices:write" }`).
 */
export const API_TOKEN_SCOPES = [
  "notices:write",
  "registers:write",
  "finance:write",
  "budget:write",
  "grants:write",
  "alerts:write",
  "submissions:read",
  "payments:read",
  "assessments:write",
  "assessments:read",
] as const;

export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];
