import type { ChangeRecord, VoteRecord } from '../domain/change/change.ts';
import { formatChangeKey } from '../domain/change/change-key.ts';
import { STATE_LABELS } from '../domain/change/lifecycle.ts';

/** "22 Nov 2026, 10:42 UTC" in the policy's time zone (used in plain-text notes, where no reader zone is known). */
export function formatWhen(at: Date, timeZone: string): string {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZone,
      timeZoneName: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter.format(at);
}

// One formatter per time zone (issue 7): each new Intl.DateTimeFormat costs tens of microseconds and holds
// native ICU memory the garbage collector does not see; one per list line grew the process by gigabytes.
const formatters = new Map<string, Intl.DateTimeFormat>();

function names(list: readonly string[]): string {
  if (list.length <= 1) return list[0] ?? 'nobody';
  return `${list.slice(0, -1).join(', ')} and ${list.at(-1)}`;
}

/** What already happened to a change, for a refused click: "CHG-1042 was approved by Ana at 10:42". */
export function describeOutcome(
  change: ChangeRecord,
  votes: readonly VoteRecord[],
  timeZone: string,
): string {
  const key = formatChangeKey(change.id);
  const current = votes.filter((v) => v.version === change.version);
  const when = change.decidedAt ?? change.updatedAt;
  const at = formatWhen(when, timeZone);
  switch (change.state) {
    case 'scheduled':
    case 'implement':
    case 'review':
    case 'closed': {
      if (change.type === 'standard') return `${key} is a pre-approved standard change; it needs no vote.`;
      const by = current.filter((v) => v.decision === 'approve').map((v) => v.personName);
      return `${key} was approved by ${names(by)} on ${at}; it is now ${STATE_LABELS[change.state].toLowerCase()}.`;
    }
    case 'rejected': {
      const by = current.filter((v) => v.decision === 'reject').map((v) => v.personName);
      return `${key} was rejected by ${names(by)} on ${at}.`;
    }
    case 'cancelled':
      return `${key} was cancelled on ${at}.`;
    case 'expired':
      return `${key} expired undecided on ${at}.`;
    default:
      return `${key} is ${STATE_LABELS[change.state].toLowerCase()}.`;
  }
}

/** "You already approved CHG-1042 on 22 Nov 2026, 10:42 UTC." */
export function describeOwnVote(change: ChangeRecord, vote: VoteRecord, timeZone: string): string {
  const verb = vote.decision === 'approve' ? 'approved' : 'rejected';
  return `You already ${verb} ${formatChangeKey(change.id)} on ${formatWhen(vote.at, timeZone)}.`;
}
