/** True when a Prisma write failed on a unique constraint (P2002), e.g. two sign-ups racing. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && (error as { code: unknown }).code === "P2002";
}
