import { checkVote } from '../../domain/change/approval.ts';
import { formatChangeKey } from '../../domain/change/change-key.ts';
import { isTerminal } from '../../domain/change/lifecycle.ts';
import { type DomainError, fail, ok, type Result } from '../../domain/result.ts';
import { boardOf, voterStanding } from '../approval-state.ts';
import { auditChange } from '../audit.ts';
import { type Actor, type AppContext, inTransaction } from '../context.ts';
import { describeOutcome } from '../describe.ts';
import { outbox } from '../jobs/outbox.ts';
import { loadChange } from '../load.ts';
import { expireIfDue } from './expire-change.ts';

const MAX_TEXT = 3000;

/**
 * "Request info": a CAB member asks the requester a question about the version they saw. The question goes
 * to the card's thread and to the requester by direct message; it does not count as a vote.
 */
export function requestInfo(
  ctx: AppContext,
  actor: Actor,
  cmd: { changeId: number; version: number; question: string },
): Result<{ questionId: number }, DomainError> {
  const now = ctx.clock();
  const question = cmd.question.trim();
  if (question.length > MAX_TEXT)
    return fail('too_long', `Keep the question under ${MAX_TEXT} characters.`, 'reason');
  return inTransaction(ctx, (): Result<{ questionId: number }, DomainError> => {
    const loaded = loadChange(ctx, cmd.changeId);
    if (!loaded.ok) return loaded;
    const { change, requester } = loaded.value;
    const expired = expireIfDue(ctx, change, now);
    if (expired) return { ok: false, error: expired };
    const board = boardOf(ctx.policy, change);
    const check = checkVote({
      state: change.state,
      currentVersion: change.version,
      votedVersion: cmd.version,
      ...voterStanding(ctx.policy, board, requester, actor.person),
      alreadyVoted: false,
      decision: 'request_info',
      reason: question,
    });
    if (!check.ok) {
      if (check.error.code === 'not_open_for_votes') {
        const votes = ctx.repos.changes.listVotes(change.id);
        return fail('not_open_for_votes', describeOutcome(change, votes, ctx.policy.defaults.timezone));
      }
      return check;
    }
    const row = ctx.repos.changes.insertQuestion({
      changeId: change.id,
      version: change.version,
      askerId: actor.person.id,
      question,
      at: now,
    });
    auditChange(ctx, actor, 'question.asked', change, {
      at: now,
      reason: question,
      data: { questionId: row.id },
    });
    const key = formatChangeKey(change.id);
    const jobs = outbox(ctx, now);
    jobs.notify(change.requesterId, {
      changeId: change.id,
      headline: `${actor.person.name} asks about ${key}`,
      body: question,
      questionId: row.id,
    });
    jobs.threadReply(change.id, `Question from ${actor.person.name}: ${question}`);
    jobs.refreshCards(change.id);
    return ok({ questionId: row.id });
  });
}

/** The requester answers a CAB member's question; the answer reaches the thread and the asker. */
export function answerQuestion(
  ctx: AppContext,
  actor: Actor,
  cmd: { questionId: number; answer: string },
): Result<{ changeId: number }, DomainError> {
  const now = ctx.clock();
  const answer = cmd.answer.trim();
  if (!answer) return fail('answer_required', 'Write an answer before sending.', 'answer');
  if (answer.length > MAX_TEXT)
    return fail('too_long', `Keep the answer under ${MAX_TEXT} characters.`, 'answer');
  return inTransaction(ctx, (): Result<{ changeId: number }, DomainError> => {
    const question = ctx.repos.changes.getQuestion(cmd.questionId);
    if (!question) return fail('not_found', 'That question does not exist.');
    const loaded = loadChange(ctx, question.changeId);
    if (!loaded.ok) return loaded;
    const { change } = loaded.value;
    const key = formatChangeKey(change.id);
    if (change.requesterId !== actor.person.id) {
      return fail('not_requester', `Only the requester of ${key} can answer its questions.`);
    }
    if (question.answer !== null)
      return fail('already_answered', `You already answered: "${question.answer}"`);
    if (isTerminal(change.state))
      return fail('not_open', `${key} is closed; there is nothing left to answer.`);
    ctx.repos.changes.answerQuestion(question.id, answer, actor.person.id, now);
    auditChange(ctx, actor, 'question.answered', change, {
      at: now,
      reason: answer,
      data: { questionId: question.id },
    });
    const jobs = outbox(ctx, now);
    jobs.notify(question.askerId, {
      changeId: change.id,
      headline: `${actor.person.name} answered you on ${key}`,
      body: answer,
      questionId: null,
    });
    jobs.threadReply(change.id, `Answer from ${actor.person.name}: ${answer}`);
    jobs.refreshCards(change.id);
    return ok({ changeId: change.id });
  });
}
