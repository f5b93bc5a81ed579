/**
 * Whether an error from Prisma (over either driver adapter) is the violation of the named check or
 * constraint trigger. The adapters wrap the driver's error differently, so the text is searched.
 */
export function isCheckViolation(error: unknown, constraint: string): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    const record = current as { message?: unknown; cause?: unknown; meta?: unknown };
    const text = `${String(record.message ?? "")} ${JSON.stringify(record.meta ?? null)}`;
    if (text.includes(constraint) || /exceed or contradict its amount/.test(text)) return true;
    current = record.cause;
  }
  return false;
}
