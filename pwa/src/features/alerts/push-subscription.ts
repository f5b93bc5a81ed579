/**
 * This device's web push subscription. Permission is asked ONLY from `enablePush`, which the preferences page
 * calls when the citizen turns push on (never on a visit): a prompt nobody asked for is what browsers punish with
 * quiet, permanent denials.
 */
export type PushSupport = "supported" | "unsupported" | "denied";

export interface SubscriptionKeys {
  endpoint: string;
  p256dh: string;
  auth: string;
  expiresAt: string | null;
}

export function pushSupport(): PushSupport {
  if (!("serviceWorker" in navigator) || !("PushManager" in window) || !("Notification" in window)) return "unsupported";
  return Notification.permission === "denied" ? "denied" : "supported";
}

async function registration(): Promise<ServiceWorkerRegistration> {
  // The worker is registered once the page is idle (components/UpdatePrompt.tsx); `ready` waits for it.
  return navigator.serviceWorker.ready;
}

export async function currentSubscription(): Promise<SubscriptionKeys | null> {
  if (pushSupport() === "unsupported") return null;
  const subscription = await (await registration()).pushManager.getSubscription();
  return subscription ? keysOf(subscription) : null;
}

export class PushPermissionDenied extends Error {
  override name = "PushPermissionDenied";
}

/**
 * Asks for permission (when not granted yet) and subscribes with the town's VAPID key. A subscription made with
 * another key (the town's keys were replaced) is dropped and made anew.
 */
export async function enablePush(vapidPublicKey: string): Promise<SubscriptionKeys> {
  const permission = Notification.permission === "granted" ? "granted" : await Notification.requestPermission();
  if (permission !== "granted") throw new PushPermissionDenied(permission);
  const { pushManager } = await registration();
  const applicationServerKey = base64UrlToBytes(vapidPublicKey);
  const existing = await pushManager.getSubscription();
  if (existing) {
    const key = existing.options.applicationServerKey;
    if (key && sameBytes(new Uint8Array(key), applicationServerKey)) return keysOf(existing);
    await existing.unsubscribe();
  }
  return keysOf(await pushManager.subscribe({ userVisibleOnly: true, applicationServerKey }));
}

/** Ends this device's subscription; answers its endpoint so the portal can forget it too. */
export async function disablePush(): Promise<string | null> {
  if (pushSupport() === "unsupported") return null;
  const subscription = await (await registration()).pushManager.getSubscription();
  if (!subscription) return null;
  await subscription.unsubscribe();
  return subscription.endpoint;
}

function keysOf(subscription: PushSubscription): SubscriptionKeys {
  const json = subscription.toJSON();
  const expiration = subscription.expirationTime;
  return {
    endpoint: subscription.endpoint,
    p256dh: json.keys?.p256dh ?? "",
    auth: json.keys?.auth ?? "",
    expiresAt: expiration ? new Date(expiration).toISOString() : null,
  };
}

export function base64UrlToBytes(value: string): Uint8Array<ArrayBuffer> {
  const base64 = value
    .replace(/-/g, "+")
    .replace(/_/g, "/")
    .padEnd(Math.ceil(value.length / 4) * 4, "=");
  const binary = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, index) => byte === b[index]);
}
