import { LRUCache } from "lru-cache";
import { DateTime } from "luxon";
import { BUSINESS_ZONE, type Clock } from "../../clock.ts";
import type { PublicCache } from "../../context.ts";
import { scopedToMunicipality } from "../../db/tenant.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { nextBoardChange } from "./next-board-change.ts";

export interface PublicCacheOptions {
  prisma: PrismaClient;
  clock: Clock;
  /** The longest an answer is kept; 0 turns the cache off. */
  ttlSeconds: number;
  /** How many answers are kept at most (the least recently used go first). */
  maxEntries?: number;
}

/** Where a cacheable request's answer lives, fixed before the answer is computed. */
export interface PublicCacheScope {
  /** Prefix of the cache keys of this municipality's current generation. */
  keyPrefix: string;
  /** An answer computed from now on is true until this moment (ms since the epoch), or forever (null). */
  validUntil: number | null;
}

export interface PublicResponseCache<Value extends object> extends PublicCache {
  readonly enabled: boolean;
  readonly ttlMs: number;
  /** Call before computing an answer: its key prefix and how long it may be kept. */
  scope(municipalityId: string): Promise<PublicCacheScope>;
  /** How long an answer computed within `scope` may be kept from now: never past `validUntil`. 0: do not keep it. */
  lifetime(scope: Pick<PublicCacheScope, "validUntil">, requestedMs: number): number;
  get(key: string): Value | undefined;
  /** Keeps an answer unless its municipality was invalidated since its scope was taken. */
  set(key: string, value: Value, lifetimeMs: number): void;
  /** Drops every answer of every municipality. */
  clear(): void;
}

interface BoardState {
  generation: number;
  nextChange: Promise<number | null>;
  /** Settled value of `nextChange`, once known. */
  settled?: number | null;
}

/**
 * The cache of anonymous public GraphQL answers, per municipality. An answer is kept at most the
 * configured TTL and never past the notice board's next scheduled change (a posting or take-down
 * moment) nor past midnight in Prague (the registers' day-based flags), measured on the injected clock. `invalidate` (called by every mutation that changes
 * what the public sees) drops the municipality's answers and starts a new generation, so an answer
 * that was being computed while the data changed is never stored under a key anyone still asks for.
 */
export function createPublicCache<Value extends object>(options: PublicCacheOptions): PublicResponseCache<Value> {
  const { prisma, clock } = options;
  const ttlMs = options.ttlSeconds * 1000;
  // Bounded by count (least recently used first); expiry is checked on every read against the
  // injected clock, so tests can move time.
  const entries = new LRUCache<string, { value: Value; expiresAt: number }>({ max: options.maxEntries ?? 1000 });
  const generations = new Map<string, number>();
  const boards = new Map<string, BoardState>();

  function generationOf(municipalityId: string): number {
    return generations.get(municipalityId) ?? 0;
  }

  function boardState(municipalityId: string): BoardState {
    const generation = generationOf(municipalityId);
    const now = clock.now().getTime();
    const known = boards.get(municipalityId);
    // Reused while it is of the current generation and its next change is still ahead.
    if (known && known.generation === generation && (known.settled === undefined || known.settled === null || known.settled > now)) {
      return known;
    }
    const state: BoardState = {
      generation,
      nextChange: nextBoardChange(scopedToMunicipality(prisma, municipalityId), new Date(now)).then((moment) => moment?.getTime() ?? null),
    };
    state.nextChange.then(
      (value) => void (state.settled = value),
      () => void (boards.get(municipalityId) === state && boards.delete(municipalityId)),
    );
    boards.set(municipalityId, state);
    return state;
  }

  return {
    enabled: ttlMs > 0,
    ttlMs,
    async scope(municipalityId) {
      const state = boardState(municipalityId);
      return { keyPrefix: `${municipalityId}:${state.generation}:`, validUntil: await state.nextChange };
    },
    lifetime({ validUntil }, requestedMs) {
      const now = clock.now();
      const untilChange = validUntil === null ? Infinity : validUntil - now.getTime();
      // Day-based flags (the registr smluv deadlines, "overdue") turn at Prague midnight.
      const untilMidnight = DateTime.fromJSDate(now, { zone: BUSINESS_ZONE }).plus({ days: 1 }).startOf("day").toMillis() - now.getTime();
      return Math.max(0, Math.floor(Math.min(requestedMs, ttlMs, untilChange, untilMidnight)));
    },
    get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.expiresAt > clock.now().getTime()) return entry.value;
      entries.delete(key);
      return undefined;
    },
    set(key, value, lifetimeMs) {
      if (lifetimeMs <= 0) return;
      const [municipalityId, generation] = key.split(":", 2);
      if (municipalityId === undefined || Number(generation) !== generationOf(municipalityId)) return;
      entries.set(key, { value, expiresAt: clock.now().getTime() + lifetimeMs });
    },
    clear() {
      for (const municipalityId of new Set([...generations.keys(), ...boards.keys()])) void this.invalidate(municipalityId);
      entries.clear();
    },
    async invalidate(municipalityId) {
      generations.set(municipalityId, generationOf(municipalityId) + 1);
      boards.delete(municipalityId);
      const prefix = `${municipalityId}:`;
      for (const key of [...entries.keys()]) if (key.startsWith(prefix)) entries.delete(key);
    },
  };
}
