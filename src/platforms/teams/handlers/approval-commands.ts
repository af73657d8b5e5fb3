import type { TurnContext } from 'botbuilder';
import {
  emailIn,
  personByTeamsAccount,
  runDelegate,
  runUndelegate,
} from '../../../app/approval/delegate-command.ts';
import { explainStoredChange } from '../../../app/approval/explain-change.ts';
import { objectToChange } from '../../../app/approval/objection-window.ts';
import type { Actor } from '../../../app/context.ts';
import type { PersonRecord } from '../../../domain/change/change.ts';
import { formatChangeKey, parseChangeKey } from '../../../domain/change/change-key.ts';
import { renderExplainCard } from '../render/explain-card.ts';
import { replyWith, type TurnDeps } from './turn-deps.ts';

/** The first person @mentioned in the message other than the bot, if Changeboard knows them. */
function mentionedPerson(context: TurnContext, deps: TurnDeps): PersonRecord | null {
  const botId = context.activity.recipient?.id;
  for (const entity of context.activity.entities ?? []) {
    const mentioned = (entity as { type?: string; mentioned?: { id?: string; aadObjectId?: string } })
      .mentioned;
    if (entity.type !== 'mention' || !mentioned?.id || mentioned.id === botId) continue;
    const person =
      personByTeamsAccount(deps.ctx, mentioned.id) ??
      (mentioned.aadObjectId ? personByTeamsAccount(deps.ctx, mentioned.aadObjectId) : null);
    if (person) return person;
  }
  return null;
}

/**
 * The approval commands beyond the manifest's list: `delegate`, `undelegate` and `object`. Returns false
 * when `typed` (the command's words) is none of them, so the ordinary commands run.
 */
export async function onApprovalCommand(
  context: TurnContext,
  deps: TurnDeps,
  actor: Actor,
  typed: readonly string[],
): Promise<boolean> {
  const { ctx } = deps;
  const verb = typed[0]?.toLowerCase();
  if (verb === 'delegate' || verb === 'undelegate') {
    // "delegate @Bea until …": the mention's text is gone from the command, its account is in the entities.
    const mentioned = mentionedPerson(context, deps);
    const [, ...afterVerb] = typed;
    const [who = '', ...period] = mentioned || afterVerb[0] === 'until' ? ['', ...afterVerb] : afterVerb;
    const email = emailIn(who);
    const delegate = mentioned ?? (email ? ctx.repos.people.findByEmail(email) : null);
    const done =
      verb === 'undelegate'
        ? { ok: true as const, value: runUndelegate(ctx, actor) }
        : runDelegate(ctx, actor, delegate, who.slice(0, 60), period);
    await replyWith(context, deps, done.ok ? done.value : done.error.message);
    return true;
  }
  if (verb === 'object') {
    const [, key = '', ...reason] = typed;
    const id = parseChangeKey(key);
    if (id === null) {
      await replyWith(context, deps, 'Which change? Type "object CHG-12 <reason>".');
      return true;
    }
    const version = ctx.repos.changes.get(id)?.version ?? 0;
    const done = objectToChange(ctx, actor, { changeId: id, version, reason: reason.join(' ') });
    await replyWith(
      context,
      deps,
      done.ok ? `You objected to ${formatChangeKey(id)}; it now needs a normal vote.` : done.error.message,
    );
    return true;
  }
  return false;
}

/** `explain CHG-n`: only in the person's own chat, since an explanation names voters and tallies. */
export async function explainInTeams(context: TurnContext, deps: TurnDeps, changeId: number): Promise<void> {
  const key = formatChangeKey(changeId);
  if (context.activity.conversation?.conversationType !== 'personal') {
    await replyWith(
      context,
      deps,
      `I explain changes privately: send me "explain ${key}" in our personal chat.`,
    );
    return;
  }
  const view = explainStoredChange(deps.ctx, changeId);
  await replyWith(context, deps, view ? renderExplainCard(view) : `${key} does not exist.`);
}
