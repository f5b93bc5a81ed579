import { sha256 } from "../lib/tokens.ts";

/**
 * The access code printed on a paper assessment, with which a citizen claims its payer in the portal.
 * Printed in groups ("K7M2-Q9XP"); typed in any case, with or without spaces and dashes. Only its hash
 * is stored; guessing is stopped by the claim's rate limit, not by the hash.
 */
export function normalizeAccessCode(code: string): string {
  return code
    .normalize("NFKC")
    .toUpperCase()
    .replace(/[\s-]+/g, "");
}

export function hashAccessCode(code: string): string {
  return sha256(`assessment-access-code:${normalizeAccessCode(code)}`);
}
