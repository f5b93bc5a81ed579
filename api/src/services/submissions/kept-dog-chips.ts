import { Prisma } from "../../generated/prisma/client.ts";
import type { Tx } from "./record-submission-event.ts";

/**
 * Which of these (normalised) chip numbers belong to a dog the town's registry keeps now (not ended), whoever its
 * holder is. With `lock`, first takes the town's dog-registry lock for the rest of the transaction, so two approvals
 * registering the same chip at once are decided one after the other: the second one sees the first one's dog (the
 * partial unique index "Dog_municipalityId_chipNumber_kept_key" stays the last word).
 */
export async function keptDogChips(
  db: Pick<Tx, "dog" | "$executeRaw">,
  municipalityId: string,
  chipNumbers: readonly (string | null | undefined)[],
  options: { lock?: boolean } = {},
): Promise<Set<string>> {
  const chips = [...new Set(chipNumbers.filter((chip): chip is string => typeof chip === "string" && chip !== ""))];
  if (options.lock) await db.$executeRaw(Prisma.sql`SELECT pg_advisory_xact_lock(hashtext(${`dog-chips:${municipalityId}`}))`);
  if (chips.length === 0) return new Set();
  const kept = await db.dog.findMany({
    where: { municipalityId, chipNumber: { in: chips }, endedOn: null },
    select: { chipNumber: true },
  });
  return new Set(kept.map((dog) => dog.chipNumber!));
}
