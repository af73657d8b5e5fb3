import type { TurnContext } from 'botbuilder';
import { objectToChange } from '../../../app/approval/objection-window.ts';
import { stepUpPrompt } from '../../../app/approval/step-up-prompt.ts';
import type { Actor } from '../../../app/context.ts';
import { castVote } from '../../../app/use-cases/cast-vote.ts';
import {
  cancelChange,
  completeChange,
  recordReview,
  startImplementation,
} from '../../../app/use-cases/implementation.ts';
import { answerQuestion, requestInfo } from '../../../app/use-cases/questions.ts';
import type { CardPost } from '../../../db/card-posts-repo.ts';
import { formatChangeKey } from '../../../domain/change/change-key.ts';
import { OUTCOMES, type Outcome } from '../../../domain/change/types.ts';
import { type DomainError, fail, type Result } from '../../../domain/result.ts';
import type { CardAudience } from '../../../domain/views/change-card.ts';
import { baseConversationId } from '../bot/activity-info.ts';
import { personalCard } from '../card-views.ts';
import { cardReply, type InvokeBody, messageReply } from '../errors.ts';
import type { Verb } from '../render/adaptive-card.ts';
import { answerInputId, CARD_INPUT, type ChangeRef } from '../render/card-inputs.ts';
import { renderStepUpCard } from '../render/step-up-card.ts';
import type { TurnDeps } from './turn-deps.ts';

type Data = Readonly<Record<string, unknown>>;
const text = (data: Data, key: string): string =>
  typeof data[key] === 'string' ? (data[key] as string) : '';

/** The stored copy that was clicked, if it is one: the refresh job updates every stored copy in place. */
function clickedCopy(context: TurnContext, deps: TurnDeps, changeId: number): CardPost | null {
  const messageId = context.activity.replyToId;
  const post = messageId
    ? deps.ctx.repos.cardPosts.findByMessage('teams', baseConversationId(context.activity), messageId)
    : null;
  return post && post.changeId === changeId ? post : null;
}

/** Which copy was clicked decides its audience; a copy we did not store is the requester's if they clicked it. */
function audienceOf(deps: TurnDeps, post: CardPost | null, changeId: number, actor: Actor): CardAudience {
  if (post) return post.kind;
  return deps.ctx.repos.changes.get(changeId)?.requesterId === actor.person.id ? 'requester' : 'cab';
}

/**
 * Buttons on a view only the clicker sees (the step-up confirmation shown in place of the card): a refresh of
 * the stored copy might not replace it, so the answer is the clicker's card itself.
 */
const PERSONAL_VIEWS = new Set<Verb>(['confirm_approve']);

/** The field a refusal belongs to, mapped to the input that shows it on this card. */
function inputFor(verb: Verb, error: DomainError, data: Data): string | null {
  if (error.field === 'reason') {
    if (verb === 'reject') return CARD_INPUT.rejectReason;
    if (verb === 'request_info') return CARD_INPUT.infoQuestion;
    if (verb === 'object') return CARD_INPUT.objectReason;
  }
  if (error.field === 'outcome') return CARD_INPUT.outcome;
  if (error.field === 'incidentsCaused') return CARD_INPUT.incidentsCaused;
  if (error.field === 'answer' && typeof data.questionId === 'number') return answerInputId(data.questionId);
  if (verb === 'review') {
    if (error.field === 'metGoal') return CARD_INPUT.reviewMetGoal;
    if (error.field === 'summary') return CARD_INPUT.reviewSummary;
  }
  return null;
}

/** The texts the clicker submitted, by input id: a refused form shows them again. */
function typedValues(data: Data): Record<string, string> {
  return Object.fromEntries(
    Object.entries(data).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

function run(
  deps: TurnDeps,
  actor: Actor,
  verb: Verb,
  ref: ChangeRef,
  data: Data,
): Result<string, DomainError> | null {
  const { ctx } = deps;
  const key = formatChangeKey(ref.changeId);
  const say = <T>(result: Result<T, DomainError>, message: string): Result<string, DomainError> =>
    result.ok ? { ok: true, value: message } : result;
  switch (verb) {
    case 'approve':
    case 'reject': {
      const reason = verb === 'reject' ? text(data, CARD_INPUT.rejectReason) : null;
      const cast = castVote(ctx, actor, {
        changeId: ref.changeId,
        version: ref.version,
        decision: verb,
        reason,
      });
      if (!cast.ok) return cast;
      const done = cast.value.decided ? ` ${key} is now ${cast.value.decided}.` : '';
      return { ok: true, value: `You ${verb === 'approve' ? 'approved' : 'rejected'} ${key}.${done}` };
    }
    case 'confirm_approve': {
      const cast = castVote(ctx, actor, {
        changeId: ref.changeId,
        version: ref.version,
        decision: 'approve',
        reason: null,
        confirmedFingerprint: text(data, 'fingerprint'),
      });
      if (!cast.ok) return cast;
      const done = cast.value.decided ? ` ${key} is now ${cast.value.decided}.` : '';
      return { ok: true, value: `You approved ${key}.${done}` };
    }
    case 'object':
      return say(
        objectToChange(ctx, actor, { ...ref, reason: text(data, CARD_INPUT.objectReason) }),
        `You objected to ${key}; it now needs a normal vote.`,
      );
    case 'request_info':
      return say(
        requestInfo(ctx, actor, { ...ref, question: text(data, CARD_INPUT.infoQuestion) }),
        `Your question was sent to the requester of ${key}.`,
      );
    case 'start':
      return say(
        startImplementation(ctx, actor, { changeId: ref.changeId }),
        `${key} is now being implemented.`,
      );
    case 'complete': {
      const outcome = text(data, CARD_INPUT.outcome);
      const incidents = Number(data[CARD_INPUT.incidentsCaused] ?? 0);
      if (!(OUTCOMES as readonly string[]).includes(outcome)) {
        return {
          ok: false,
          error: { code: 'invalid_outcome', message: 'Choose an outcome.', field: 'outcome' },
        };
      }
      return say(
        completeChange(ctx, actor, {
          changeId: ref.changeId,
          outcome: outcome as Outcome,
          note: text(data, CARD_INPUT.outcomeNote) || null,
          incidentsCaused: Number.isFinite(incidents) ? incidents : -1,
        }),
        `${key} is complete.`,
      );
    }
    case 'review': {
      const metGoal = text(data, CARD_INPUT.reviewMetGoal);
      if (metGoal !== 'yes' && metGoal !== 'no')
        return fail('invalid_met_goal', 'Say whether the change met its goal.', 'metGoal');
      return say(
        recordReview(ctx, actor, {
          changeId: ref.changeId,
          metGoal: metGoal === 'yes',
          summary: text(data, CARD_INPUT.reviewSummary),
          lessons: text(data, CARD_INPUT.reviewLessons),
        }),
        `${key} was reviewed and closed.`,
      );
    }
    case 'cancel':
      return say(
        cancelChange(ctx, actor, {
          changeId: ref.changeId,
          reason: text(data, CARD_INPUT.cancelReason) || null,
        }),
        `${key} was cancelled.`,
      );
    case 'answer': {
      const questionId = Number(data.questionId);
      const answer = text(data, answerInputId(questionId)) || text(data, CARD_INPUT.answer);
      return say(answerQuestion(ctx, actor, { questionId, answer }), 'Your answer was sent.');
    }
    case 'refresh':
    case 'submit_change':
    case 'submit_edit':
    case 'register_unregistered':
    case 'ack_unregistered':
    case 'schedule_check':
    case 'schedule_pick':
    case 'calendar_page':
      // Answered before a change card's use case runs (a read, or the change form).
      return null;
    default: {
      // A new verb stops this from compiling until it runs its use case here.
      const unreachable: never = verb;
      return unreachable;
    }
  }
}

/**
 * A button on a change card: run the use case (one synchronous transaction, well inside Teams' 5 s), then
 * answer the clicker. A click that worked on a stored copy is answered with the line saying what happened and
 * nothing rendered: the job the use case enqueued refreshes every stored copy, the clicked one too, off the
 * answer's path (issue 7). A refusal changed nothing, so the clicker gets the card back with the reason next
 * to the field and what they typed kept; so does a click on a copy we did not store, which nothing else updates,
 * and a click on a view only the clicker sees.
 */
export function onCardAction(
  context: TurnContext,
  deps: TurnDeps,
  actor: Actor,
  verb: Verb,
  ref: ChangeRef,
  data: Data,
): InvokeBody {
  const post = clickedCopy(context, deps, ref.changeId);
  if (verb === 'refresh') {
    // Teams' automatic refresh, or the "Vote" button: this person's own view; nothing changes.
    const manual = (context.activity.value as { trigger?: string } | undefined)?.trigger !== 'automatic';
    const audience = audienceOf(deps, post, ref.changeId, actor);
    const card = personalCard(deps.ctx, ref.changeId, audience, actor.person, { explainVote: manual });
    return card ? cardReply(card) : messageReply(`${formatChangeKey(ref.changeId)} does not exist.`);
  }
  const result = run(deps, actor, verb, ref, data);
  if (result === null) return messageReply('This button is not supported.');
  if (result.ok && post && !PERSONAL_VIEWS.has(verb)) return messageReply(result.value);
  // High risk: the click recorded nothing; the approver gets the confirmation step in place of the card.
  if (!result.ok && result.error.code === 'step_up_required') {
    const prompt = stepUpPrompt(deps.ctx, ref.changeId);
    if (prompt) return cardReply(renderStepUpCard(prompt));
  }
  const notice = result.ok
    ? { text: result.value, tone: 'good' as const }
    : { text: result.error.message, tone: 'attention' as const };
  const field = result.ok ? null : inputFor(verb, result.error, data);
  const audience = audienceOf(deps, post, ref.changeId, actor);
  const card = personalCard(deps.ctx, ref.changeId, audience, actor.person, {
    notice,
    ...(field && !result.ok ? { errors: { [field]: result.error.message } } : {}),
    ...(result.ok ? {} : { values: typedValues(data) }),
  });
  return card ? cardReply(card) : messageReply(notice.text);
}
