import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useClient, useMutation } from "urql";
import { Button } from "../../components/Button.tsx";
import { useToast } from "../../components/Toast.tsx";
import { useFormat } from "../../i18n/format.ts";
import type { Preferences } from "./NotificationPreferencesPage.tsx";
import { RegisterPushSubscriptionMutation, RemovePushSubscriptionMutation, WebPushPublicKeyQuery } from "./preferences-operations.ts";
import {
  currentSubscription,
  disablePush,
  enablePush,
  PushPermissionDenied,
  pushSupport,
  type SubscriptionKeys,
} from "./push-subscription.ts";

type DeviceState = "checking" | "unsupported" | "off" | "on" | "denied";

/**
 * Push on this device. The browser's permission prompt appears only when the citizen presses "turn on" here
 * (enablePush): never on a visit, never from a page load. A device already subscribed is re-registered silently on
 * each visit, so a subscription the browser renewed reaches the portal.
 */
export function PushDeviceSection({ preferences, onChange }: { preferences: Preferences; onChange: (next: Preferences) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const toast = useToast();
  const client = useClient();
  const [state, setState] = useState<DeviceState>("checking");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [, register] = useMutation(RegisterPushSubscriptionMutation);
  const [, remove] = useMutation(RemovePushSubscriptionMutation);

  const save = async (keys: SubscriptionKeys): Promise<boolean> => {
    const result = await register({
      input: { endpoint: keys.endpoint, p256dh: keys.p256dh, auth: keys.auth, expirationTime: keys.expiresAt },
    });
    const answer = result.data?.registerPushSubscription;
    if (answer?.__typename === "RegisterPushSubscriptionSuccess") {
      onChange(answer.preferences);
      return true;
    }
    setError(answer && "message" in answer ? answer.message : t("errors.network"));
    return false;
  };

  useEffect(() => {
    let cancelled = false;
    const support = pushSupport();
    if (support !== "supported") {
      setState(support);
      return;
    }
    void currentSubscription().then(async (keys) => {
      if (cancelled) return;
      setState(keys && Notification.permission === "granted" ? "on" : "off");
      if (keys && Notification.permission === "granted") await save(keys);
    });
    return () => {
      cancelled = true;
    };
    // Once per visit of the page (save only reads the mutation and callbacks of the first render).
  }, []);

  async function turnOn() {
    setBusy(true);
    setError(null);
    try {
      const key = await client.query(WebPushPublicKeyQuery, {}, { requestPolicy: "network-only" }).toPromise();
      if (!key.data) throw new Error("no key");
      const keys = await enablePush(key.data.webPushPublicKey);
      if (await save(keys)) {
        setState("on");
        toast(t("alerts.push.enabled"));
      }
    } catch (failure) {
      if (failure instanceof PushPermissionDenied) {
        setState(Notification.permission === "denied" ? "denied" : "off");
        setError(t("alerts.push.permissionDenied"));
      } else {
        setError(t("alerts.push.failed"));
      }
    } finally {
      setBusy(false);
    }
  }

  async function turnOff() {
    setBusy(true);
    setError(null);
    try {
      const endpoint = await disablePush();
      if (endpoint) {
        const result = await remove({ endpoint });
        const answer = result.data?.removePushSubscription;
        if (answer?.__typename === "RemovePushSubscriptionSuccess") onChange(answer.preferences);
      }
      setState("off");
      toast(t("alerts.push.disabled"));
    } catch {
      setError(t("alerts.push.failed"));
    } finally {
      setBusy(false);
    }
  }

  async function removeDevice(id: string) {
    const result = await remove({ id });
    const answer = result.data?.removePushSubscription;
    if (answer?.__typename === "RemovePushSubscriptionSuccess") {
      onChange(answer.preferences);
      toast(t("alerts.push.deviceRemoved"));
    } else setError(answer && "message" in answer ? answer.message : t("errors.network"));
  }

  return (
    <div className="flex flex-col gap-3 rounded-lg border border-line bg-surface p-4">
      <h3 className="font-semibold">{t("alerts.channel.PUSH")}</h3>
      <p>{t("alerts.push.explain")}</p>
      <p role="status" className="font-medium">
        {state !== "checking" && t(`alerts.push.state.${state}`)}
      </p>
      {state === "off" && (
        <Button className="self-start" busy={busy} onClick={() => void turnOn()}>
          {t("alerts.push.turnOn")}
        </Button>
      )}
      {state === "on" && (
        <Button variant="secondary" className="self-start" busy={busy} onClick={() => void turnOff()}>
          {t("alerts.push.turnOff")}
        </Button>
      )}
      {error && (
        <p role="alert" className="font-medium text-danger">
          {error}
        </p>
      )}
      {preferences.pushDevices.length > 0 && (
        <div className="flex flex-col gap-2">
          <h4 className="font-medium">{t("alerts.push.devices")}</h4>
          <ul className="flex flex-col gap-2">
            {preferences.pushDevices.map((device) => (
              <li key={device.id} className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-line p-3">
                <span className="min-w-0 break-words">
                  {describeDevice(device.userAgent) ?? t("alerts.push.unknownDevice")}
                  <span className="block text-sm text-ink-muted">
                    {t("alerts.push.since", { time: format.dateTime(device.createdAt) })}
                    {device.lastSuccessAt && ` · ${t("alerts.push.lastDelivered", { time: format.dateTime(device.lastSuccessAt) })}`}
                  </span>
                </span>
                <Button variant="secondary" onClick={() => void removeDevice(device.id)}>
                  {t("alerts.push.removeDevice")}
                </Button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

/** "Chrome on Android" from a user agent string, enough for a citizen to recognise a device. */
function describeDevice(userAgent: string | null): string | null {
  if (!userAgent) return null;
  const browser = /Edg\//.test(userAgent)
    ? "Edge"
    : /Firefox\//.test(userAgent)
      ? "Firefox"
      : /Chrome\//.test(userAgent)
        ? "Chrome"
        : /Safari\//.test(userAgent)
          ? "Safari"
          : null;
  const system = /Android/.test(userAgent)
    ? "Android"
    : /iPhone|iPad/.test(userAgent)
      ? "iOS"
      : /Windows/.test(userAgent)
        ? "Windows"
        : /Mac OS X/.test(userAgent)
          ? "macOS"
          : /Linux/.test(userAgent)
            ? "Linux"
            : null;
  return browser && system ? `${browser} · ${system}` : (browser ?? system);
}
