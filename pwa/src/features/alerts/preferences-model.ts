/**
 * The preferences page edits alert subscriptions as "these places" × "these topics by these channels", which is
 * how a citizen thinks of them; the API stores topic × area × channel triples. Pure functions between the two.
 */
export type ChannelName = "EMAIL" | "PUSH" | "SMS";
export const CHANNEL_ORDER: readonly ChannelName[] = ["PUSH", "SMS", "EMAIL"];
/** The API's cap on one list (schema request limits). */
export const MAX_SUBSCRIPTIONS = 100;

export interface Triple {
  topicId: string;
  areaId: string;
  channel: ChannelName;
}

export interface AlertChoices {
  /** Areas the citizen wants alerts for; the town's own area means "everywhere". */
  areaIds: string[];
  /** Per topic, the channels wanted. */
  channels: Record<string, ChannelName[]>;
}

export function choicesFromTriples(triples: readonly Triple[], townAreaId: string | null): AlertChoices {
  const areaIds = [...new Set(triples.map((triple) => triple.areaId))];
  const channels: Record<string, ChannelName[]> = {};
  for (const { topicId, channel } of triples) {
    const list = (channels[topicId] ??= []);
    if (!list.includes(channel)) list.push(channel);
  }
  for (const topicId of Object.keys(channels)) channels[topicId] = sortChannels(channels[topicId]!);
  return { areaIds: areaIds.length > 0 ? areaIds : townAreaId ? [townAreaId] : [], channels };
}

export function triplesFromChoices(choices: AlertChoices): Triple[] {
  const triples: Triple[] = [];
  for (const areaId of choices.areaIds) {
    for (const [topicId, channels] of Object.entries(choices.channels)) {
      for (const channel of channels) triples.push({ topicId, areaId, channel });
    }
  }
  return triples;
}

export function sortChannels(channels: readonly ChannelName[]): ChannelName[] {
  return CHANNEL_ORDER.filter((channel) => channels.includes(channel));
}

export function toggle<T>(list: readonly T[], value: T, on: boolean): T[] {
  return on ? (list.includes(value) ? [...list] : [...list, value]) : list.filter((item) => item !== value);
}

/** Drops channels the citizen cannot receive (no verified phone, no device), so a save never asks for them. */
export function withoutUnavailable(choices: AlertChoices, unavailable: readonly ChannelName[]): AlertChoices {
  return {
    areaIds: choices.areaIds,
    channels: Object.fromEntries(
      Object.entries(choices.channels).map(([topicId, channels]) => [
        topicId,
        channels.filter((channel) => !unavailable.includes(channel)),
      ]),
    ),
  };
}

/** "HH:mm", 00:00–23:59. */
export function isClockTime(value: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(value);
}
