import type { Activity } from 'botbuilder';
import type { ConversationKind } from '../../../db/conversation-refs-repo.ts';
import { isTimeZone } from '../forms/zoned-time.ts';

interface TeamsChannelData {
  readonly team?: { readonly id?: string; readonly name?: string };
  readonly channel?: { readonly id?: string; readonly name?: string };
  readonly tenant?: { readonly id?: string };
}

export const channelDataOf = (activity: Partial<Activity>): TeamsChannelData =>
  (activity.channelData ?? {}) as TeamsChannelData;

/** 'channel', 'groupChat' or 'personal' (the emulator sends no type: it is a personal chat). */
export function conversationKind(activity: Partial<Activity>): ConversationKind {
  const type = activity.conversation?.conversationType;
  if (type === 'channel' || channelDataOf(activity).channel?.id) return 'channel';
  if (type === 'groupChat' || (activity.conversation?.isGroup && type !== 'personal')) return 'groupChat';
  return 'personal';
}

/**
 * The conversation a message belongs to, without a thread suffix: in a channel, the channel's id (a reply in
 * a thread arrives as "19:…@thread.tacv2;messageid=123"); elsewhere the chat's id.
 */
export function baseConversationId(activity: Partial<Activity>): string {
  const channelId = channelDataOf(activity).channel?.id;
  if (channelId) return channelId;
  return (activity.conversation?.id ?? '').split(';')[0] ?? '';
}

/** The sender's IANA time zone (Teams sends `localTimezone` and a clientInfo entity), or the fallback. */
export function timeZoneOf(activity: Partial<Activity>, fallback: string): string {
  const candidates = [
    activity.localTimezone,
    ...(activity.entities ?? [])
      .filter((e) => e.type === 'clientInfo')
      .map((e) => (e as { timezone?: unknown }).timezone),
  ];
  for (const tz of candidates) if (typeof tz === 'string' && tz && isTimeZone(tz)) return tz;
  return fallback;
}

/** The tenant the activity comes from (needed to open chats and channel threads). */
export function tenantOf(activity: Partial<Activity>): string | null {
  return activity.conversation?.tenantId ?? channelDataOf(activity).tenant?.id ?? null;
}

/** A stable key for a delivery: Teams redelivers an activity with the same id in the same conversation. */
export function deliveryKey(activity: Partial<Activity>): string | null {
  if (!activity.id) return null;
  return `teams:${activity.conversation?.id ?? ''}:${activity.id}`;
}

/**
 * The id to put under a board's `channels.teams` to make this conversation a CAB channel: a team channel's id
 * (never a thread's), or a group chat's id; null in a personal chat.
 */
export function registrableConversation(
  activity: Partial<Activity>,
): { id: string; name: string | null } | null {
  const kind = conversationKind(activity);
  if (kind === 'personal') return null;
  const channel = channelDataOf(activity).channel;
  if (kind === 'channel') return channel?.id ? { id: channel.id, name: channel.name ?? null } : null;
  return { id: baseConversationId(activity), name: activity.conversation?.name ?? null };
}
