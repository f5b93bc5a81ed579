import { offlineExchange } from "@urql/exchange-graphcache";
import { makeDefaultStorage, type DefaultStorage } from "@urql/exchange-graphcache/default-storage";
import { Client, fetchExchange, mapExchange, type CombinedError } from "urql";
import { readCookie } from "../cookies.ts";
import { cacheConfig } from "./cache.ts";
import { reportNetworkFailure, reportSuccessfulResponse } from "./network-status.ts";

export const CSRF_COOKIE = "portal_csrf";
/**
 * Sent with every request: the API refuses a POST without it (or without a JSON content type), so a
 * form on another site cannot log a visitor in or out, register or upload (a form cannot set headers).
 */
export const PREFLIGHT_HEADER = "x-portal-csrf";
const CACHE_DB_NAME = "portal-graphcache";

export interface PortalClientOptions {
  /** The UI language sent as Accept-Language, so the API localizes its error messages. */
  getLanguage: () => string;
  /** Called when the API says the session is gone (expired, revoked, logged out elsewhere). */
  onUnauthenticated: () => void;
  /** The offline cache's storage; the session owner keeps it to clear it on logout. */
  storage: DefaultStorage;
}

/** The offline cache's storage, which also tells when graphcache has loaded what it stored (see session.tsx). */
export interface CacheStorage extends DefaultStorage {
  /** Resolves once graphcache has read the stored data back into memory (also when IndexedDB is unavailable). */
  readonly hydrated: Promise<void>;
  isHydrated(): boolean;
}

export function isUnauthenticated(error: CombinedError): boolean {
  return error.graphQLErrors.some((graphQLError) => graphQLError.extensions?.code === "UNAUTHENTICATED");
}

/** The IndexedDB store behind the offline cache; it holds the signed-in user's data, so logout clears it. */
export function createCacheStorage(): CacheStorage {
  let done = false;
  let markHydrated = () => {};
  const hydrated = new Promise<void>((resolve) => (markHydrated = resolve));
  const storage = makeDefaultStorage({
    idbName: CACHE_DB_NAME,
    maxAge: 7,
    onCacheHydrated: () => {
      done = true;
      markHydrated();
    },
  });
  return Object.assign(storage, { hydrated, isHydrated: () => done });
}

/** The one urql client factory: same-origin cookies, CSRF header, language header, offline cache. */
export function createPortalClient({ getLanguage, onUnauthenticated, storage }: PortalClientOptions): Client {
  return new Client({
    url: "/graphql",
    requestPolicy: "cache-and-network",
    fetchOptions: () => {
      const headers: Record<string, string> = { "Accept-Language": getLanguage(), [PREFLIGHT_HEADER]: "1" };
      const csrf = readCookie(CSRF_COOKIE);
      if (csrf) headers["x-csrf-token"] = csrf;
      return { credentials: "same-origin", headers };
    },
    exchanges: [
      offlineExchange({ ...cacheConfig, storage }),
      // Between the cache and the network, so it sees only what the API (or its absence) actually answered.
      mapExchange({
        onResult(result) {
          if (result.error?.networkError) reportNetworkFailure();
          else reportSuccessfulResponse();
          return result;
        },
        onError(error) {
          if (isUnauthenticated(error)) onUnauthenticated();
        },
      }),
      fetchExchange,
    ],
  });
}
