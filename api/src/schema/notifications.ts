// Notifications: public alerts (list, detail, the current crisis banner), the clerks' alert desk (compose
// with topics × areas × channels, recipient counts, send now or schedule, delivery statistics), the
// citizen's preferences and consent history, push subscriptions and SMS phone verification, the town's
// reminder settings, and the citizen's communication history (one timeline of messages, assessments,
// payments and submissions). Resolvers check scope and call one service each (services/notifications).
import { dataloaderGetter } from "@pothos/plugin-dataloader";
import { decodeGlobalID, encodeGlobalID, resolveCursorConnection } from "@pothos/plugin-relay";
import { builder } from "../builder.ts";
import type { Context } from "../context.ts";
import { NotFoundError, TooManyAttemptsError, ValidationError } from "../errors.ts";
import {
  AlertSeverity,
  AlertStatus,
  ConsentSource,
  DeliveryStatus,
  MessageKind,
  NotificationAreaKind,
  NotificationChannel,
  OfficialDeliveryMethod,
} from "../generated/prisma/enums.ts";
import { isUuid } from "../services/accounts/account-rules.ts";
import { alertDeliveryStats, type AlertDeliveryStats } from "../services/notifications/alert-delivery-stats.ts";
import { AlertStateError } from "../services/notifications/alert-state-error.ts";
import { publicAlertWhere, seesAllAlerts } from "../services/notifications/alert-visibility.ts";
import { cancelAlert } from "../services/notifications/cancel-alert.ts";
import { confirmPhoneVerification } from "../services/notifications/confirm-phone-verification.ts";
import { countAlertRecipients, type RecipientCounts } from "../services/notifications/count-alert-recipients.ts";
import { createAlert } from "../services/notifications/create-alert.ts";
import { endAlert } from "../services/notifications/end-alert.ts";
import { getNotificationPreferences, type NotificationPreferences } from "../services/notifications/get-notification-preferences.ts";
import { getNotificationSettings } from "../services/notifications/get-notification-settings.ts";
import { alertListWhere, type AlertFilter } from "../services/notifications/alert-list-where.ts";
import { listCommunicationHistory, type TimelineEntry } from "../services/notifications/list-communication-history.ts";
import { listConsentHistory, type ConsentHistoryEntry } from "../services/notifications/list-consent-history.ts";
import { registerPushSubscription } from "../services/notifications/register-push-subscription.ts";
import { removePushSubscription } from "../services/notifications/remove-push-subscription.ts";
import { removeSmsPhone } from "../services/notifications/remove-sms-phone.ts";
import { setNotificationPreferences } from "../services/notifications/set-notification-preferences.ts";
import { setOfficialDelivery } from "../services/notifications/set-official-delivery.ts";
import { startPhoneVerification, type PhoneVerificationStarted } from "../services/notifications/start-phone-verification.ts";
import { TIMELINE_KINDS } from "../services/notifications/timeline-sources/index.ts";
import { updateAlert } from "../services/notifications/update-alert.ts";
import { updateNotificationSettings } from "../services/notifications/update-notification-settings.ts";
import { ErrorInterface } from "./errors.ts";
import { nodeLookup } from "./node-lookup.ts";
import { MAX_LIST_ITEMS } from "./request-limits.ts";

/** Clerks of the alerts agenda (admins have every agenda) and integrators whose token writes alerts. */
const ALERT_STAFF = { agenda: "ALERTS", apiScope: "alerts:write" } as const;
/** The reminder settings belong to the finance agenda (the reminders are about its assessments). */
const SETTINGS_STAFF = { agenda: "FINANCE" } as const;
const SIGNED_IN = { authenticated: true } as const;

/** A UUID from a global id of the given type, or null for anything malformed or of another type. */
function uuidOf(globalId: string, typename: string): string | null {
  try {
    const decoded = decodeGlobalID(globalId);
    return decoded.typename === typename && isUuid(decoded.id) ? decoded.id : null;
  } catch {
    return null;
  }
}

function localized(ctx: Context, cs: string, en: string | null | undefined): string {
  return ctx.locale === "en" && en ? en : cs;
}

// ---------------------------------------------------------------------------------------------
// Enums

export const NotificationChannelEnum = builder.enumType(NotificationChannel, {
  name: "NotificationChannel",
  description: "EMAIL, PUSH (web push to the citizen's devices), SMS (to a verified phone number).",
});
export const AlertSeverityEnum = builder.enumType(AlertSeverity, {
  name: "AlertSeverity",
  description: "INFO, WARNING, CRISIS (overrides quiet hours; push and SMS go first; shown as a banner on every page while valid).",
});
export const AlertStatusEnum = builder.enumType(AlertStatus, { name: "AlertStatus" });
export const NotificationAreaKindEnum = builder.enumType(NotificationAreaKind, { name: "NotificationAreaKind" });
export const MessageKindEnum = builder.enumType(MessageKind, { name: "MessageKind" });
export const DeliveryStatusEnum = builder.enumType(DeliveryStatus, { name: "DeliveryStatus" });
const ConsentSourceEnum = builder.enumType(ConsentSource, { name: "ConsentSource" });
export const OfficialDeliveryMethodEnum = builder.enumType(OfficialDeliveryMethod, {
  name: "OfficialDeliveryMethod",
  description: "How official documents are delivered (datová schránka, post, in person): separate from notification channels.",
});
export const TimelineEntryKindEnum = builder.enumType("TimelineEntryKind", {
  description: "MESSAGE (sent by the office), ASSESSMENT, PAYMENT, SUBMISSION (and its steps).",
  values: TIMELINE_KINDS,
});

// ---------------------------------------------------------------------------------------------
// Topics and areas

export const NotificationTopicRef = builder.prismaNode("NotificationTopic", {
  ...nodeLookup("NotificationTopic", () => ({ archivedAt: null })),
  description: "A subject of alerts (water outage, roadworks, crisis, council meeting, new notices of a category, ...).",
  fields: (t) => ({
    code: t.exposeString("code", { description: 'Stable identifier, e.g. "water-outage".' }),
    name: t.string({
      description: "In the request's language.",
      resolve: (topic, _args, ctx) => localized(ctx, topic.nameCs, topic.nameEn),
    }),
    description: t.string({ resolve: (topic, _args, ctx) => localized(ctx, topic.descriptionCs, topic.descriptionEn) }),
    isCrisis: t.exposeBoolean("isCrisis", { description: "Crisis alerts: they override quiet hours." }),
    noticeCategory: t.field({
      type: "String",
      nullable: true,
      description: "For a 'new notices' topic: the notice board category (NoticeCategory) it announces.",
      resolve: (topic) => topic.noticeCategory,
    }),
  }),
});

export const NotificationAreaRef = builder.prismaNode("NotificationArea", {
  ...nodeLookup("NotificationArea", () => ({ archivedAt: null })),
  description: "A part of the town alerts are aimed at: the whole town, a district (část obce) or a street.",
  fields: (t) => ({
    kind: t.expose("kind", { type: NotificationAreaKindEnum }),
    code: t.exposeString("code"),
    name: t.exposeString("name"),
    parentId: t.id({
      nullable: true,
      description: "A street's district.",
      resolve: (area) => (area.parentId ? encodeGlobalID("NotificationArea", area.parentId) : null),
    }),
  }),
});

// ---------------------------------------------------------------------------------------------
// Alerts

const RecipientCountsRef = builder.objectRef<RecipientCounts>("AlertRecipientCounts").implement({
  description: "How many would receive an alert now, per channel (citizens whose preferences match its topics and areas).",
  fields: (t) => ({
    email: t.exposeInt("email", { description: "Citizens with a verified e-mail who chose e-mail." }),
    sms: t.exposeInt("sms", { description: "Citizens with a verified phone number who chose SMS." }),
    push: t.exposeInt("push", { description: "Devices (push subscriptions) of citizens who chose push." }),
    pushCitizens: t.exposeInt("pushCitizens", { description: "Citizens behind those devices." }),
    citizens: t.exposeInt("citizens", { description: "Distinct citizens reached by at least one chosen channel." }),
  }),
});

const ChannelStatsRef = builder.objectRef<AlertDeliveryStats[number]>("ChannelDeliveryStats").implement({
  description: "Deliveries of one message by one channel, by status.",
  fields: (t) => ({
    channel: t.expose("channel", { type: NotificationChannelEnum }),
    total: t.exposeInt("total"),
    pending: t.exposeInt("pending", { description: "Waiting to be sent (quiet hours, queue)." }),
    sent: t.exposeInt("sent"),
    failed: t.exposeInt("failed", { description: "Failed at least once; being retried." }),
    dead: t.exposeInt("dead", { description: "Given up after the last retry (dead letters)." }),
    skipped: t.exposeInt("skipped", { description: "Nothing to send to any more (device gone, consent withdrawn)." }),
  }),
});

const deliveryStats = dataloaderGetter<string, AlertDeliveryStats, string>(
  {},
  (alertIds, context) => alertDeliveryStats(context as Context, alertIds),
  undefined,
  false,
);

export const AlertRef = builder.prismaNode("Alert", {
  // The public reaches only published alerts; clerks of the agenda see scheduled and cancelled ones too.
  ...nodeLookup("Alert", (ctx) => (seesAllAlerts(ctx) ? {} : publicAlertWhere())),
  description: "An alert of the town (outage, roadworks, crisis, ...): public once published, delivered to subscribers.",
  fields: (t) => ({
    severity: t.expose("severity", { type: AlertSeverityEnum }),
    title: t.string({
      description: "In the request's language (Czech when no English text).",
      resolve: (a, _args, ctx) => localized(ctx, a.titleCs, a.titleEn),
    }),
    body: t.string({ resolve: (a, _args, ctx) => localized(ctx, a.bodyCs, a.bodyEn) }),
    validFrom: t.expose("validFrom", { type: "DateTime" }),
    validTo: t.expose("validTo", { type: "DateTime", nullable: true, description: "Null: until further notice." }),
    isValid: t.boolean({
      description: "Within its validity now.",
      select: { validFrom: true, validTo: true },
      resolve: (a, _args, ctx) => {
        const now = ctx.clock.now().getTime();
        return a.validFrom.getTime() <= now && (!a.validTo || a.validTo.getTime() > now);
      },
    }),
    publishedAt: t.expose("publishedAt", { type: "DateTime", nullable: true }),
    topics: t.field({
      type: [NotificationTopicRef],
      select: { topics: { select: { topic: true } } },
      resolve: (a) => a.topics.map((link) => link.topic),
    }),
    areas: t.field({
      type: [NotificationAreaRef],
      description: "Empty: the whole town.",
      select: { areas: { select: { area: true } } },
      resolve: (a) => a.areas.map((link) => link.area),
    }),
    path: t.string({ description: "The alert's page in the portal.", resolve: (a) => alertPath(a.id) }),
    // For the alerts desk
    status: t.expose("status", { type: AlertStatusEnum, authScopes: ALERT_STAFF }),
    titleCs: t.exposeString("titleCs", { authScopes: ALERT_STAFF }),
    bodyCs: t.exposeString("bodyCs", { authScopes: ALERT_STAFF }),
    titleEn: t.exposeString("titleEn", { nullable: true, authScopes: ALERT_STAFF }),
    bodyEn: t.exposeString("bodyEn", { nullable: true, authScopes: ALERT_STAFF }),
    channels: t.field({ type: [NotificationChannelEnum], authScopes: ALERT_STAFF, resolve: (a) => a.channels }),
    scheduledAt: t.expose("scheduledAt", { type: "DateTime", authScopes: ALERT_STAFF }),
    sentAt: t.expose("sentAt", {
      type: "DateTime",
      nullable: true,
      authScopes: ALERT_STAFF,
      description: "When every delivery had been created (the fan-out finished).",
    }),
    cancelledAt: t.expose("cancelledAt", { type: "DateTime", nullable: true, authScopes: ALERT_STAFF }),
    createdAt: t.expose("createdAt", { type: "DateTime", authScopes: ALERT_STAFF }),
    deliveries: t.field({
      type: [ChannelStatsRef],
      authScopes: ALERT_STAFF,
      description: "Delivery statistics per channel.",
      resolve: (a, _args, ctx) => deliveryStats(ctx).load(a.id),
    }),
  }),
});

export function alertPath(alertId: string): string {
  return `/upozorneni/${alertId}`;
}

builder.objectType(AlertStateError, {
  name: "AlertStateError",
  description: "The alert's state does not allow this (e.g. editing an alert already sent, cancelling a published one).",
  interfaces: [ErrorInterface],
});

const AlertFilterInput = builder.inputType("AlertFilter", {
  fields: (t) => ({
    severity: t.field({ type: AlertSeverityEnum, required: false }),
    topicId: t.globalID({ for: NotificationTopicRef, required: false }),
    areaId: t.globalID({
      for: NotificationAreaRef,
      required: false,
      description: "Alerts for this area, its district or streets, or the whole town.",
    }),
    validOnly: t.boolean({ required: false, description: "Only alerts valid now." }),
  }),
});

type AlertFilterShape = typeof AlertFilterInput.$inferInput;

function alertFilter(filter: AlertFilterShape | null | undefined): AlertFilter {
  return {
    severity: filter?.severity ?? null,
    topicId: filter?.topicId?.id ?? null,
    areaId: filter?.areaId?.id ?? null,
    validOnly: filter?.validOnly ?? false,
  };
}

const ALERT_ORDER = [{ publishedAt: { sort: "desc", nulls: "first" } }, { scheduledAt: "desc" }, { id: "desc" }] as const;

builder.queryFields((t) => ({
  alerts: t.prismaConnection({
    type: "Alert",
    cursor: "id",
    description: "Published alerts, newest first. Public.",
    args: { filter: t.arg({ type: AlertFilterInput, required: false }) },
    resolve: async (query, _root, args, ctx) =>
      ctx.db.alert.findMany({
        ...query,
        where: await alertListWhere(ctx, { kind: "public" }, alertFilter(args.filter)),
        orderBy: [...ALERT_ORDER],
      }),
    totalCount: async (_root, args, ctx) =>
      ctx.db.alert.count({ where: await alertListWhere(ctx, { kind: "public" }, alertFilter(args.filter)) }),
  }),
  alert: t.prismaField({
    type: "Alert",
    nullable: true,
    description: "A published alert; null for anything else. Public.",
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, args, ctx) => {
      const id = uuidOf(String(args.id), "Alert");
      return id ? ctx.db.alert.findFirst({ ...query, where: { AND: [{ id }, seesAllAlerts(ctx) ? {} : publicAlertWhere()] } }) : null;
    },
  }),
  crisisAlert: t.prismaField({
    type: "Alert",
    nullable: true,
    description: "The newest published crisis alert valid now (the banner on every page), or null. Public.",
    resolve: (query, _root, _args, ctx) => {
      const now = ctx.clock.now();
      return ctx.db.alert.findFirst({
        ...query,
        where: {
          AND: [publicAlertWhere(), { severity: "CRISIS", validFrom: { lte: now }, OR: [{ validTo: null }, { validTo: { gt: now } }] }],
        },
        orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
      });
    },
  }),
  notificationTopics: t.prismaField({
    type: ["NotificationTopic"],
    description: "The town's alert topics, in the town's order. Public.",
    resolve: (query, _root, _args, ctx) =>
      ctx.db.notificationTopic.findMany({
        ...query,
        where: { archivedAt: null },
        orderBy: [{ position: "asc" }, { code: "asc" }],
        take: 200,
      }),
  }),
  notificationAreas: t.prismaField({
    type: ["NotificationArea"],
    description: "The town's areas: the whole town, its districts, its streets (by name). Public.",
    args: { kind: t.arg({ type: NotificationAreaKindEnum, required: false }) },
    resolve: (query, _root, args, ctx) =>
      ctx.db.notificationArea.findMany({
        ...query,
        where: { archivedAt: null, ...(args.kind ? { kind: args.kind } : {}) },
        orderBy: [{ kind: "asc" }, { name: "asc" }],
        take: 2000,
      }),
  }),
  allAlerts: t.prismaConnection({
    type: "Alert",
    cursor: "id",
    authScopes: ALERT_STAFF,
    description: "Every alert of the town (scheduled and cancelled included) for the alerts desk: scheduled first, then newest published.",
    args: {
      status: t.arg({ type: [AlertStatusEnum], required: false }),
      filter: t.arg({ type: AlertFilterInput, required: false }),
    },
    resolve: async (query, _root, args, ctx) =>
      ctx.db.alert.findMany({
        ...query,
        where: await alertListWhere(ctx, { kind: "all", statuses: args.status ?? null }, alertFilter(args.filter)),
        orderBy: [...ALERT_ORDER],
      }),
    totalCount: async (_root, args, ctx) =>
      ctx.db.alert.count({ where: await alertListWhere(ctx, { kind: "all", statuses: args.status ?? null }, alertFilter(args.filter)) }),
  }),
  alertRecipientCounts: t.field({
    type: RecipientCountsRef,
    authScopes: ALERT_STAFF,
    description: "How many citizens (and devices) an alert with these topics, areas, severity and channels would reach now.",
    args: { audience: t.arg({ type: AlertAudienceInput, required: true }) },
    resolve: (_root, { audience }, ctx) =>
      countAlertRecipients(ctx, {
        topicIds: audience.topicIds.map((id) => id.id),
        areaIds: audience.areaIds?.map((id) => id.id) ?? [],
        channels: audience.channels,
        severity: audience.severity,
      }),
  }),
}));

// ---------------------------------------------------------------------------------------------
// Alert mutations

const AlertAudienceInput = builder.inputType("AlertAudienceInput", {
  fields: (t) => ({
    severity: t.field({ type: AlertSeverityEnum }),
    topicIds: t.globalIDList({ for: NotificationTopicRef, description: "At least one topic." }),
    areaIds: t.globalIDList({ for: NotificationAreaRef, required: false, description: "Empty or omitted: the whole town." }),
    channels: t.field({ type: [NotificationChannelEnum], description: "At least one channel." }),
  }),
});

const AlertInput = builder.inputType("AlertInput", {
  description: "An alert's content, audience and timing.",
  fields: (t) => ({
    severity: t.field({ type: AlertSeverityEnum }),
    titleCs: t.string({ description: "Czech title, 1–150 characters." }),
    bodyCs: t.string({ description: "Czech text, 1–5 000 characters." }),
    titleEn: t.string({ required: false, description: "English title; omitted: Czech is shown." }),
    bodyEn: t.string({ required: false }),
    topicIds: t.globalIDList({ for: NotificationTopicRef, description: "At least one topic." }),
    areaIds: t.globalIDList({ for: NotificationAreaRef, required: false, description: "Empty or omitted: the whole town." }),
    channels: t.field({ type: [NotificationChannelEnum], description: "At least one channel." }),
    validFrom: t.field({ type: "DateTime", required: false, description: "Default: when it is sent." }),
    validTo: t.field({ type: "DateTime", required: false, description: "Omitted: until further notice." }),
    scheduledAt: t.field({ type: "DateTime", required: false, description: "Omitted: send now. A future moment schedules it." }),
  }),
});

type AlertInputShape = typeof AlertInput.$inferInput;

function alertContent(input: AlertInputShape) {
  return {
    ...input,
    topicIds: input.topicIds.map((id) => id.id),
    areaIds: input.areaIds?.map((id) => id.id) ?? [],
  };
}

const alertErrors = { types: [ValidationError, NotFoundError, AlertStateError], dataField: { name: "alert" } };

builder.mutationField("createAlert", (t) =>
  t.field({
    type: AlertRef,
    nullable: false,
    authScopes: ALERT_STAFF,
    description:
      "Composes an alert and sends it now (published at once, delivered to every matching subscriber) or schedules it. " +
      "The same idempotencyKey again answers the alert it created.",
    args: {
      input: t.arg({ type: AlertInput, required: true }),
      idempotencyKey: t.arg.string({ required: false, description: "The client's key for this compose (a UUID), against double submits." }),
    },
    errors: alertErrors,
    resolve: (_root, { input, idempotencyKey }, ctx) =>
      createAlert(ctx, { ...alertContent(input), idempotencyKey: idempotencyKey ?? null }),
  }),
);

builder.mutationField("updateAlert", (t) =>
  t.field({
    type: AlertRef,
    nullable: false,
    authScopes: ALERT_STAFF,
    description: "Changes a scheduled alert (content, audience, time). A published alert can only be ended.",
    args: { id: t.arg.globalID({ for: AlertRef, required: true }), input: t.arg({ type: AlertInput, required: true }) },
    errors: alertErrors,
    resolve: (_root, { id, input }, ctx) => updateAlert(ctx, id.id, alertContent(input)),
  }),
);

builder.mutationField("cancelAlert", (t) =>
  t.field({
    type: AlertRef,
    nullable: false,
    authScopes: ALERT_STAFF,
    description: "Cancels a scheduled alert: it is never sent nor public.",
    args: { id: t.arg.globalID({ for: AlertRef, required: true }) },
    errors: alertErrors,
    resolve: (_root, { id }, ctx) => cancelAlert(ctx, id.id),
  }),
);

builder.mutationField("endAlert", (t) =>
  t.field({
    type: AlertRef,
    nullable: false,
    authScopes: ALERT_STAFF,
    description: "Ends a published alert's validity now (e.g. the water is back): the crisis banner disappears; it stays in the list.",
    args: { id: t.arg.globalID({ for: AlertRef, required: true }) },
    errors: alertErrors,
    resolve: (_root, { id }, ctx) => endAlert(ctx, id.id),
  }),
);

// ---------------------------------------------------------------------------------------------
// The citizen's preferences

const SubscriptionRef = builder.objectRef<NotificationPreferences["subscriptions"][number]>("AlertSubscription").implement({
  description: "Alerts of this topic in this area by this channel.",
  fields: (t) => ({
    topicId: t.id({ resolve: (s) => encodeGlobalID("NotificationTopic", s.topicId) }),
    areaId: t.id({ resolve: (s) => encodeGlobalID("NotificationArea", s.areaId) }),
    channel: t.expose("channel", { type: NotificationChannelEnum }),
  }),
});

const PushDeviceRef = builder.objectRef<NotificationPreferences["pushDevices"][number]>("PushDevice").implement({
  description: "A browser or phone that receives push notifications.",
  fields: (t) => ({
    id: t.id({ resolve: (d) => encodeGlobalID("PushSubscription", d.id) }),
    userAgent: t.exposeString("userAgent", { nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    lastSuccessAt: t.expose("lastSuccessAt", { type: "DateTime", nullable: true }),
  }),
});

const NotificationPreferencesRef = builder.objectRef<NotificationPreferences>("NotificationPreferences").implement({
  description: "The signed-in citizen's notification choices and contacts.",
  fields: (t) => ({
    subscriptions: t.field({ type: [SubscriptionRef], resolve: (p) => p.subscriptions }),
    email: t.exposeString("email", { description: "Alerts and messages by e-mail go here." }),
    emailVerified: t.exposeBoolean("emailVerified"),
    smsPhone: t.exposeString("smsPhone", { nullable: true, description: "The verified phone number SMS go to (E.164)." }),
    smsPhoneVerified: t.exposeBoolean("smsPhoneVerified"),
    pendingSmsPhone: t.exposeString("pendingSmsPhone", { nullable: true, description: "A number waiting for its code." }),
    quietHoursStart: t.exposeString("quietHoursStart", { description: '"HH:mm", Prague time; non-crisis messages wait until the end.' }),
    quietHoursEnd: t.exposeString("quietHoursEnd"),
    reminderChannels: t.field({ type: [NotificationChannelEnum], description: "Due-date reminders.", resolve: (p) => p.reminderChannels }),
    paymentChannels: t.field({ type: [NotificationChannelEnum], description: "Payment confirmations.", resolve: (p) => p.paymentChannels }),
    submissionChannels: t.field({
      type: [NotificationChannelEnum],
      description: "Status changes of the citizen's submissions.",
      resolve: (p) => p.submissionChannels,
    }),
    pushDevices: t.field({ type: [PushDeviceRef], resolve: (p) => p.pushDevices }),
    officialDelivery: t.field({
      type: OfficialDeliveryMethodEnum,
      description: "The legal delivery of official documents; never changed by the notification choices.",
      resolve: (p) => p.officialDelivery,
    }),
    officialDeliveryAddress: t.exposeString("officialDeliveryAddress", { nullable: true }),
  }),
});

builder.queryField("myNotificationPreferences", (t) =>
  t.field({
    type: NotificationPreferencesRef,
    authScopes: SIGNED_IN,
    resolve: (_root, _args, ctx) => getNotificationPreferences(ctx, ctx.viewer!.userId),
  }),
);

const ConsentHistoryEntryRef = builder.objectRef<ConsentHistoryEntry>("ConsentHistoryEntry").implement({
  description: "One grant or withdrawal of consent to be notified (append-only).",
  fields: (t) => ({
    channel: t.expose("channel", { type: NotificationChannelEnum }),
    granted: t.exposeBoolean("granted"),
    topicName: t.exposeString("topicName", { nullable: true }),
    areaName: t.exposeString("areaName", { nullable: true }),
    messageKind: t.field({ type: MessageKindEnum, nullable: true, resolve: (e) => e.messageKind }),
    source: t.expose("source", { type: ConsentSourceEnum }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

builder.queryField("myConsentHistory", (t) =>
  t.field({
    type: [ConsentHistoryEntryRef],
    authScopes: SIGNED_IN,
    description: "The citizen's consent history, newest first.",
    args: { first: t.arg.int({ required: false, description: "At most 100 (default 50)." }) },
    resolve: (_root, args, ctx) => listConsentHistory(ctx, ctx.viewer!.userId, Math.min(Math.max(args.first ?? 50, 1), MAX_LIST_ITEMS)),
  }),
);

const AlertSubscriptionInput = builder.inputType("AlertSubscriptionInput", {
  fields: (t) => ({
    topicId: t.globalID({ for: NotificationTopicRef }),
    areaId: t.globalID({ for: NotificationAreaRef }),
    channel: t.field({ type: NotificationChannelEnum }),
  }),
});

const NotificationPreferencesInput = builder.inputType("NotificationPreferencesInput", {
  description: "The citizen's choices; each list replaces what was chosen before (every change is recorded as consent history).",
  fields: (t) => ({
    subscriptions: t.field({
      type: [AlertSubscriptionInput],
      extensions: { maxItems: MAX_LIST_ITEMS },
      description: "Topic × area × channel, at most 100. SMS needs a verified phone, push a registered device.",
    }),
    reminderChannels: t.field({ type: [NotificationChannelEnum] }),
    paymentChannels: t.field({ type: [NotificationChannelEnum] }),
    submissionChannels: t.field({ type: [NotificationChannelEnum] }),
    quietHoursStart: t.string({ required: false, description: '"HH:mm"; omitted: the town\'s default.' }),
    quietHoursEnd: t.string({ required: false }),
  }),
});

const preferenceErrors = { types: [ValidationError], dataField: { name: "preferences" } };

builder.mutationField("setNotificationPreferences", (t) =>
  t.field({
    type: NotificationPreferencesRef,
    nullable: false,
    authScopes: SIGNED_IN,
    args: { input: t.arg({ type: NotificationPreferencesInput, required: true }) },
    errors: preferenceErrors,
    resolve: (_root, { input }, ctx) =>
      setNotificationPreferences(ctx, {
        ...input,
        subscriptions: input.subscriptions.map((s) => ({ topicId: s.topicId.id, areaId: s.areaId.id, channel: s.channel })),
      }),
  }),
);

builder.mutationField("setOfficialDelivery", (t) =>
  t.field({
    type: NotificationPreferencesRef,
    nullable: false,
    authScopes: SIGNED_IN,
    description: "How official documents are delivered; separate from notifications (audited).",
    args: {
      method: t.arg({ type: OfficialDeliveryMethodEnum, required: true }),
      address: t.arg.string({ required: false, description: "Datová schránka id (7 characters) or postal address." }),
    },
    errors: preferenceErrors,
    resolve: (_root, args, ctx) => setOfficialDelivery(ctx, { method: args.method, address: args.address ?? null }),
  }),
);

const PushSubscriptionInput = builder.inputType("PushSubscriptionInput", {
  description: "The browser's PushSubscription (JSON): endpoint and keys.",
  fields: (t) => ({
    endpoint: t.string({ description: "https URL of the push service." }),
    p256dh: t.string({ description: "keys.p256dh, base64url." }),
    auth: t.string({ description: "keys.auth, base64url." }),
    expirationTime: t.field({ type: "DateTime", required: false }),
  }),
});

builder.mutationField("registerPushSubscription", (t) =>
  t.field({
    type: NotificationPreferencesRef,
    nullable: false,
    authScopes: SIGNED_IN,
    description: "Registers this device for push (after the citizen turned push on and the browser granted permission). Idempotent.",
    args: { input: t.arg({ type: PushSubscriptionInput, required: true }) },
    errors: { types: [ValidationError, TooManyAttemptsError], dataField: { name: "preferences" } },
    resolve: (_root, { input }, ctx) => registerPushSubscription(ctx, input),
  }),
);

builder.mutationField("removePushSubscription", (t) =>
  t.field({
    type: NotificationPreferencesRef,
    nullable: false,
    authScopes: SIGNED_IN,
    description: "Stops push to a device: by its endpoint (this browser) or its id (from the list of devices).",
    args: { endpoint: t.arg.string({ required: false }), id: t.arg.id({ required: false }) },
    errors: preferenceErrors,
    resolve: (_root, args, ctx) =>
      removePushSubscription(ctx, {
        endpoint: args.endpoint ?? null,
        id: args.id ? uuidOf(String(args.id), "PushSubscription") : null,
      }),
  }),
);

const PhoneVerificationStartedRef = builder.objectRef<PhoneVerificationStarted>("PhoneVerificationStarted").implement({
  fields: (t) => ({
    phone: t.exposeString("phone", { description: "The number (E.164) the code was sent to." }),
    expiresAt: t.expose("expiresAt", { type: "DateTime" }),
  }),
});

builder.mutationField("startPhoneVerification", (t) =>
  t.field({
    type: PhoneVerificationStartedRef,
    nullable: false,
    authScopes: SIGNED_IN,
    description: "Sends a 6-digit code by SMS to confirm the number SMS alerts go to (rate limited).",
    args: { phone: t.arg.string({ required: true }) },
    errors: { types: [ValidationError, TooManyAttemptsError], dataField: { name: "verification" } },
    resolve: (_root, args, ctx) => startPhoneVerification(ctx, args.phone),
  }),
);

builder.mutationField("confirmPhoneVerification", (t) =>
  t.field({
    type: NotificationPreferencesRef,
    nullable: false,
    authScopes: SIGNED_IN,
    description: "Confirms the number with the code received by SMS.",
    args: { code: t.arg.string({ required: true }) },
    errors: { types: [ValidationError, TooManyAttemptsError], dataField: { name: "preferences" } },
    resolve: (_root, args, ctx) => confirmPhoneVerification(ctx, args.code),
  }),
);

builder.mutationField("removeSmsPhone", (t) =>
  t.field({
    type: NotificationPreferencesRef,
    nullable: false,
    authScopes: SIGNED_IN,
    description: "Removes the phone number: no more SMS (SMS choices are withdrawn and recorded).",
    errors: preferenceErrors,
    resolve: (_root, _args, ctx) => removeSmsPhone(ctx),
  }),
);

// ---------------------------------------------------------------------------------------------
// Communication history

const TimelineDeliveryRef = builder.objectRef<TimelineEntry["deliveries"][number]>("TimelineDelivery").implement({
  fields: (t) => ({
    channel: t.expose("channel", { type: NotificationChannelEnum }),
    status: t.expose("status", { type: DeliveryStatusEnum }),
    sentAt: t.expose("sentAt", { type: "DateTime", nullable: true }),
  }),
});

const TimelineEntryRef = builder.objectRef<TimelineEntry>("TimelineEntry").implement({
  description: "One item of the citizen's communication history.",
  fields: (t) => ({
    id: t.exposeID("id", { description: 'Stable, e.g. "message:<uuid>", "payment:<uuid>".' }),
    kind: t.field({ type: TimelineEntryKindEnum, resolve: (e) => e.kind }),
    occurredAt: t.expose("occurredAt", { type: "DateTime" }),
    title: t.exposeString("title", { description: "In the request's language." }),
    summary: t.exposeString("summary"),
    path: t.exposeString("path", { nullable: true, description: "The portal page it is about." }),
    amount: t.field({ type: "Money", nullable: true, resolve: (e) => e.amount }),
    status: t.exposeString("status", {
      nullable: true,
      description: "The item's own status code (e.g. PAID, an assessment's; a submission's step).",
    }),
    messageKind: t.field({ type: MessageKindEnum, nullable: true, resolve: (e) => e.messageKind }),
    deliveries: t.field({
      type: [TimelineDeliveryRef],
      description: "For messages: each channel and its delivery status.",
      resolve: (e) => e.deliveries,
    }),
  }),
});

const TimelineFilterInput = builder.inputType("TimelineFilter", {
  fields: (t) => ({
    kinds: t.field({ type: [TimelineEntryKindEnum], required: false, description: "Only these kinds." }),
    channel: t.field({ type: NotificationChannelEnum, required: false, description: "Only messages sent by this channel." }),
    from: t.field({ type: "Date", required: false, description: "On or after this day (Prague time)." }),
    to: t.field({ type: "Date", required: false, description: "On or before this day (Prague time)." }),
  }),
});

const TimelineConnection = builder.connectionObject({ type: TimelineEntryRef, name: "TimelineConnection" });

builder.queryField("communicationHistory", (t) =>
  t.connection(
    {
      type: TimelineEntryRef,
      authScopes: SIGNED_IN,
      description:
        "The signed-in citizen's history with the office: messages (channel, delivery status), assessments, payments, submissions; newest first.",
      args: { filter: t.arg({ type: TimelineFilterInput, required: false }) },
      resolve: (_root, args, ctx) =>
        resolveCursorConnection<Promise<TimelineEntry[]>>({ args, toCursor: (entry) => entry.cursor }, (page) =>
          listCommunicationHistory(ctx, ctx.viewer!.userId, args.filter ?? {}, page),
        ),
    },
    TimelineConnection,
  ),
);

// ---------------------------------------------------------------------------------------------
// The town's notification settings

const NotificationSettingsRef = builder.objectRef<Awaited<ReturnType<typeof getNotificationSettings>>>("NotificationSettings").implement({
  description: "Reminders and quiet hours for the whole town.",
  fields: (t) => ({
    remindersEnabled: t.exposeBoolean("remindersEnabled"),
    reminderOffsetsDays: t.exposeIntList("reminderOffsetsDays", {
      description: "Days relative to an installment's due date: negative before (e.g. −14, −3), positive after (e.g. 7).",
    }),
    reminderSendHour: t.exposeInt("reminderSendHour", { description: "Prague local hour reminders are sent at (8 = 08:00)." }),
    reminderLateWindowDays: t.exposeInt("reminderLateWindowDays"),
    reminderMaxOverdueDays: t.exposeInt("reminderMaxOverdueDays", {
      description: "Installments overdue longer than this are never mentioned.",
    }),
    paymentConfirmationsEnabled: t.exposeBoolean("paymentConfirmationsEnabled"),
    quietHoursStart: t.exposeString("quietHoursStart"),
    quietHoursEnd: t.exposeString("quietHoursEnd"),
  }),
});

builder.queryField("notificationSettings", (t) =>
  t.field({
    type: NotificationSettingsRef,
    authScopes: { ...SETTINGS_STAFF, admin: true },
    resolve: (_root, _args, ctx) => getNotificationSettings(ctx.db, ctx.municipality.id),
  }),
);

const NotificationSettingsInput = builder.inputType("NotificationSettingsInput", {
  fields: (t) => ({
    remindersEnabled: t.boolean(),
    reminderOffsetsDays: t.intList({ extensions: { maxItems: 10 }, description: "1–10 distinct whole days between −366 and 366, not 0." }),
    reminderSendHour: t.int({ description: "0–23." }),
    reminderLateWindowDays: t.int({ description: "0–30." }),
    reminderMaxOverdueDays: t.int({ description: "1–3650." }),
    paymentConfirmationsEnabled: t.boolean(),
    quietHoursStart: t.string({ description: '"HH:mm".' }),
    quietHoursEnd: t.string({ description: '"HH:mm".' }),
  }),
});

builder.mutationField("updateNotificationSettings", (t) =>
  t.field({
    type: NotificationSettingsRef,
    nullable: false,
    authScopes: { ...SETTINGS_STAFF, admin: true },
    args: { input: t.arg({ type: NotificationSettingsInput, required: true }) },
    errors: { types: [ValidationError], dataField: { name: "settings" } },
    resolve: (_root, { input }, ctx) => updateNotificationSettings(ctx, input),
  }),
);
