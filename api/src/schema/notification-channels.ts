// Notification channels: what a browser needs to subscribe to web push. (Subscriptions, preferences and
// phone verification are in notifications.ts; the channels themselves are api/src/integrations.)
import { builder } from "../builder.ts";
import { getWebPushPublicKey } from "../services/notification-channels/get-web-push-public-key.ts";

builder.queryField("webPushPublicKey", (t) =>
  t.string({
    description:
      "The town's VAPID public key (base64url, uncompressed P-256): the `applicationServerKey` for `PushManager.subscribe`. Generated on first start and stored.",
    resolve: (_root, _args, ctx) => getWebPushPublicKey(ctx),
  }),
);
