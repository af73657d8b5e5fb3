import type { TurnContext } from 'botbuilder';
import type { Actor } from '../../../app/context.ts';
import { formatChangeKey } from '../../../domain/change/change-key.ts';
import { personalCard } from '../card-views.ts';
import { cardReply, errorReply, type InvokeBody, messageReply } from '../errors.ts';
import { onReleaseAction, releaseVerbOf } from '../release/actions.ts';
import { VERBS, type Verb } from '../render/adaptive-card.ts';
import type { ChangeRef } from '../render/card-inputs.ts';
import { calendarPageReply } from './calendar.ts';
import { onCardAction } from './card-actions.ts';
import { submitForm } from './change-form.ts';
import { scheduleForm } from './schedule-form.ts';
import type { TurnDeps } from './turn-deps.ts';
import { onUnregisteredAction } from './unregistered-actions.ts';

export const ADAPTIVE_CARD_ACTION = 'adaptiveCard/action';

interface ActionValue {
  readonly action?: {
    readonly type?: string;
    readonly verb?: string;
    readonly data?: Record<string, unknown>;
  };
  readonly trigger?: string;
}

/** The verbs that change something; the others only read. */
const WRITES = new Set<Verb>([
  'approve',
  'reject',
  'request_info',
  'start',
  'complete',
  'review',
  'cancel',
  'answer',
  'submit_change',
  'submit_edit',
  'register_unregistered',
  'ack_unregistered',
  'confirm_approve',
  'object',
]);
/** Votes bind to the version the voter saw, so their buttons must say which. */
const VERSIONED = new Set<Verb>([
  'approve',
  'reject',
  'request_info',
  'refresh',
  'confirm_approve',
  'object',
]);

const isVerb = (v: unknown): v is Verb => typeof v === 'string' && (VERBS as readonly string[]).includes(v);

/** The change a button refers to, from its data: references only, checked to be whole numbers. */
function refOf(verb: Verb, data: Readonly<Record<string, unknown>>): ChangeRef | null {
  const changeId = Number(data.changeId);
  const version = Number(data.version ?? 0);
  if (!Number.isSafeInteger(changeId) || changeId <= 0) return null;
  if (VERSIONED.has(verb) && (!Number.isSafeInteger(version) || version <= 0)) return null;
  return { changeId, version: Number.isSafeInteger(version) ? version : 0 };
}

export function readAction(context: TurnContext): {
  verb: Verb | null;
  data: Record<string, unknown>;
  isWrite: boolean;
} {
  const value = (context.activity.value ?? {}) as ActionValue;
  const verb = isVerb(value.action?.verb) ? value.action.verb : null;
  const data = value.action?.data && typeof value.action.data === 'object' ? value.action.data : {};
  return { verb, data, isWrite: verb !== null && WRITES.has(verb) };
}

/** A click Teams delivered twice: the work was done the first time, so the clicker just gets the current card. */
export function repeatedAction(context: TurnContext, deps: TurnDeps, actor: Actor): InvokeBody {
  const { verb, data } = readAction(context);
  const ref = verb ? refOf(verb, data) : null;
  if (!ref) return messageReply('Already done.');
  const audience =
    deps.ctx.repos.changes.get(ref.changeId)?.requesterId === actor.person.id ? 'requester' : 'cab';
  const card = personalCard(deps.ctx, ref.changeId, audience, actor.person);
  return card ? cardReply(card) : messageReply('Already done.');
}

/** An `adaptiveCard/action` invoke (Action.Execute or a card refresh) → the body Teams shows the clicker. */
export async function onAdaptiveCardAction(
  context: TurnContext,
  deps: TurnDeps,
  actor: Actor,
): Promise<InvokeBody> {
  const releaseVerb = releaseVerbOf(context);
  if (releaseVerb !== null) return onReleaseAction(context, deps, actor, releaseVerb);
  const { verb, data } = readAction(context);
  if (verb === null) return errorReply('This button is not supported.', 400);
  if (verb === 'submit_change' || verb === 'submit_edit') return submitForm(context, deps, actor, verb, data);
  if (verb === 'register_unregistered' || verb === 'ack_unregistered')
    return onUnregisteredAction(deps, actor, verb, data);
  if (verb === 'schedule_check' || verb === 'schedule_pick') return scheduleForm(context, deps, verb, data);
  if (verb === 'calendar_page') return calendarPageReply(context, deps, data);
  const ref = refOf(verb, data);
  if (ref === null) return errorReply('This card is missing its change reference.', 400);
  if (!deps.ctx.repos.changes.get(ref.changeId))
    return messageReply(`${formatChangeKey(ref.changeId)} does not exist.`);
  return onCardAction(context, deps, actor, verb, ref, data);
}
