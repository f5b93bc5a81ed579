import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { useLocation, useNavigate } from "react-router";
import { Provider, useMutation, useQuery, type Client } from "urql";
import { createCacheStorage, createPortalClient, type CacheStorage } from "../../graphql/client.ts";
import type { ResultOf } from "../../graphql/graphql.ts";
import { currentLanguage } from "../../i18n/setup.ts";
import { CLEAR_USER_CACHES_MESSAGE, USER_CACHE_PREFIX } from "../../sw/cache-names.ts";
import { LogoutMutation, ViewerQuery } from "./operations.ts";

export type Viewer = NonNullable<ResultOf<typeof ViewerQuery>["viewer"]>;

interface Session {
  viewer: Viewer | null;
  /** True until the first answer about who is signed in (from the offline cache or the API). */
  loading: boolean;
  logout: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);
const ResetContext = createContext<(reason: "logout" | "expired") => Promise<void>>(async () => undefined);

export const LOGIN_PATH = "/prihlaseni";

/** Where the login page sends the user afterwards; only same-app paths, never another origin. */
export function safeNextPath(next: string | null): string | null {
  return next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith(LOGIN_PATH) ? next : null;
}

export function loginPathFor(path: string): string {
  return `${LOGIN_PATH}?next=${encodeURIComponent(path)}`;
}

/** Drops everything the previous user could have left behind on this device. */
async function clearUserData(storage: CacheStorage) {
  navigator.serviceWorker?.controller?.postMessage({ type: CLEAR_USER_CACHES_MESSAGE });
  const cacheNames = "caches" in window ? await caches.keys() : [];
  await Promise.all([
    storage.clear(),
    ...cacheNames.filter((name) => name.startsWith(USER_CACHE_PREFIX)).map((name) => caches.delete(name)),
  ]);
}

/**
 * Owns the urql client. Ending a session (logout or expiry) clears the offline cache and the service worker's
 * per-user caches and swaps in a fresh client, so no authenticated data outlives the session on this device.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  const location = useLocation();
  const pathRef = useRef(location.pathname + location.search);
  pathRef.current = location.pathname + location.search;
  const storage = useMemo(createCacheStorage, []);
  const resettingRef = useRef(false);

  const resetRef = useRef<(reason: "logout" | "expired") => Promise<void>>(async () => undefined);
  const makeClient = useCallback(
    (): Client =>
      createPortalClient({
        getLanguage: currentLanguage,
        storage,
        onUnauthenticated: () => void resetRef.current("expired"),
      }),
    [storage],
  );
  const [client, setClient] = useState(makeClient);

  resetRef.current = async (reason) => {
    if (resettingRef.current) return;
    resettingRef.current = true;
    try {
      await clearUserData(storage);
      setClient(makeClient());
      if (reason === "expired" && !pathRef.current.startsWith(LOGIN_PATH)) {
        navigate(loginPathFor(pathRef.current), { replace: true, state: { expired: true } });
      }
    } finally {
      resettingRef.current = false;
    }
  };

  return (
    <Provider value={client}>
      <ResetContext.Provider value={(reason) => resetRef.current(reason)}>
        <SessionState storage={storage}>{children}</SessionState>
      </ResetContext.Provider>
    </Provider>
  );
}

function SessionState({ storage, children }: { storage: CacheStorage; children: ReactNode }) {
  const [{ data, fetching, stale }] = useQuery({ query: ViewerQuery });
  // Offline, the network fails at once while graphcache is still reading its stored copy back: until it has, "no
  // viewer" only means "not known yet" (a clerk reopening the app offline must not be sent to the login page).
  const [hydrated, setHydrated] = useState(storage.isHydrated);
  useEffect(() => {
    if (!hydrated) void storage.hydrated.then(() => setHydrated(true));
  }, [storage, hydrated]);
  const [, logoutMutation] = useMutation(LogoutMutation);
  const reset = useContext(ResetContext);

  const logout = useCallback(async () => {
    // Even if the API cannot be reached, this device forgets the user.
    await logoutMutation({});
    await reset("logout");
  }, [logoutMutation, reset]);

  // A stored "no viewer" that the API is still being asked about is not an answer either: right after logging
  // in, a reload can read the copy saved before the login reached the offline store.
  const session = useMemo<Session>(
    () => ({
      viewer: data?.viewer ?? null,
      // (Offline no answer is coming: the stored copy is all there is.)
      loading: (data === undefined && fetching) || (!data?.viewer && (!hydrated || (stale && navigator.onLine))),
      logout,
    }),
    [data, fetching, stale, hydrated, logout],
  );
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession must be used inside <SessionProvider>");
  return session;
}
