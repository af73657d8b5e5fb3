import { emailIn, runDelegate, runUndelegate } from '../../../app/approval/delegate-command.ts';
import { objectToChange } from '../../../app/approval/objection-window.ts';
import type { PersonRecord } from '../../../domain/change/change.ts';
import { formatChangeKey } from '../../../domain/change/change-key.ts';
import { escapeMrkdwn } from '../render/mrkdwn.ts';
import type { ListenerDeps } from './deps.ts';

/** `<@U123>` or `<@U123|bea>` (the command is escaped, see the manifest's should_escape). */
const MENTION = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/;

/** `/change delegate @someone [from …] until …`: the private reply (mrkdwn). */
export async function delegateReply(
  deps: ListenerDeps,
  userId: string,
  words: readonly string[],
): Promise<string> {
  const { ctx, identity, present } = deps;
  const [who = '', ...period] = words;
  const actor = await identity.actorFor(userId);
  const mention = MENTION.exec(who);
  const email = emailIn(who);
  let delegate: PersonRecord | null = null;
  if (mention) delegate = (await identity.actorFor(mention[1]!)).person;
  else if (email) delegate = ctx.repos.people.findByEmail(email);
  // Raw: the refusal is escaped once, where it is presented.
  const done = runDelegate(ctx, actor, delegate, who.slice(0, 60), period);
  return done.ok ? `:handshake: ${escapeMrkdwn(done.value)}` : present.refusal(done.error);
}

export async function undelegateReply(deps: ListenerDeps, userId: string): Promise<string> {
  const actor = await deps.identity.actorFor(userId);
  return `:handshake: ${escapeMrkdwn(runUndelegate(deps.ctx, actor))}`;
}

/** `/change object CHG-n <reason>`: the private reply (mrkdwn). */
export async function objectReply(
  deps: ListenerDeps,
  userId: string,
  changeId: number,
  reason: string,
): Promise<string> {
  const actor = await deps.identity.actorFor(userId);
  const version = deps.ctx.repos.changes.get(changeId)?.version ?? 0;
  const done = objectToChange(deps.ctx, actor, { changeId, version, reason });
  return done.ok
    ? `:raised_hand: You objected to ${formatChangeKey(changeId)}; it now needs a normal vote.`
    : deps.present.refusal(done.error);
}
