import type { ReleaseRecord } from '../../db/release-repo.ts';
import { parseChangeKey } from '../../domain/change/change-key.ts';
import { formatReleaseKey, parseReleaseKey } from '../../domain/release/release-key.ts';
import type { DomainError, Result } from '../../domain/result.ts';
import type { Actor, AppContext } from '../context.ts';
import { parseLocalDateTime } from './local-time.ts';
import {
  addChange,
  cancelRelease,
  moveWindow,
  nextInstanceOf,
  recordExposure,
  removeChange,
  skipRelease,
  startRelease,
} from './manage-release.ts';
import { releaseZone } from './messages.ts';
import { modelOf } from './release-queries.ts';

/**
 * The platform-neutral half of the typed release command (Slack's `/release …`, Teams' `release …`): which
 * subcommand names which release and change, and running the ones that change a release. Each platform keeps
 * only its own replies and rendering.
 */

/** Subcommands that name a release (`new`, `list` and `help` do not). */
export const RELEASE_TARGET_SUBCOMMANDS = [
  'show',
  'add',
  'remove',
  'start',
  'complete',
  'expose',
  'move',
  'cancel',
  'skip',
  'notes',
] as const;
export type ReleaseTargetSubcommand = (typeof RELEASE_TARGET_SUBCOMMANDS)[number];

export const isReleaseTargetSubcommand = (sub: string): sub is ReleaseTargetSubcommand =>
  (RELEASE_TARGET_SUBCOMMANDS as readonly string[]).includes(sub);

/** A subcommand's release (and change), read from its words; `rest` is what follows the release key. */
export interface ReleaseTarget {
  readonly sub: ReleaseTargetSubcommand;
  readonly releaseId: number;
  readonly key: string;
  readonly release: ReleaseRecord;
  /** The CHG-n of `add` and `remove`, else null. */
  readonly changeId: number | null;
  readonly rest: string;
}

export type ReadTarget =
  | { readonly kind: 'target'; readonly target: ReleaseTarget }
  /** `skip MODEL` names a train that has no upcoming instance. */
  | { readonly kind: 'no_instance'; readonly model: string }
  /** `add`/`remove` without a readable CHG-n. */
  | { readonly kind: 'no_change' }
  /** No readable REL-n; `typed` is the word that stood where it belongs. */
  | { readonly kind: 'no_release'; readonly withChange: boolean; readonly typed: string | undefined }
  | { readonly kind: 'missing'; readonly key: string };

/**
 * Reads the release (and change) a subcommand names from its words (`words[0]` is the subcommand).
 * `add`/`remove` take CHG-n then REL-n; the others REL-n first. `skip MODEL` skips a train's next instance.
 */
export function readReleaseTarget(
  ctx: AppContext,
  sub: ReleaseTargetSubcommand,
  words: readonly string[],
): ReadTarget {
  const withChange = sub === 'add' || sub === 'remove';
  const changeId = withChange ? parseChangeKey(words[1] ?? '') : null;
  let releaseId = parseReleaseKey(words[withChange ? 2 : 1] ?? '');
  if (sub === 'skip' && releaseId === null && words[1] && modelOf(ctx, words[1])) {
    releaseId = nextInstanceOf(ctx, words[1])?.id ?? null;
    if (releaseId === null) return { kind: 'no_instance', model: words[1] };
  }
  if (withChange && changeId === null) return { kind: 'no_change' };
  if (releaseId === null) return { kind: 'no_release', withChange, typed: words[withChange ? 2 : 1] };
  const key = formatReleaseKey(releaseId);
  const release = ctx.repos.releases.get(releaseId);
  if (!release) return { kind: 'missing', key };
  return {
    kind: 'target',
    target: { sub, releaseId, key, release, changeId, rest: words.slice(2).join(' ') },
  };
}

/** Subcommands that run a use case on the release. */
export type ReleaseChangeSubcommand = 'add' | 'remove' | 'start' | 'cancel' | 'skip' | 'expose' | 'move';

export const isReleaseChangeSubcommand = (sub: string): sub is ReleaseChangeSubcommand =>
  ['add', 'remove', 'start', 'cancel', 'skip', 'expose', 'move'].includes(sub);

export type RanReleaseCommand =
  | { readonly kind: 'ran'; readonly result: Result<unknown, DomainError> }
  /** `move` without a readable new start; `zone` is the one it is read in. */
  | { readonly kind: 'bad_time'; readonly zone: string };

/** Runs the use case a subcommand names (one transaction each; the caller only replies). */
export function runReleaseCommand(
  ctx: AppContext,
  actor: Actor,
  sub: ReleaseChangeSubcommand,
  target: ReleaseTarget,
): RanReleaseCommand {
  const { releaseId, rest } = target;
  const ran = (result: Result<unknown, DomainError>): RanReleaseCommand => ({ kind: 'ran', result });
  switch (sub) {
    case 'add':
      return ran(addChange(ctx, actor, { releaseId, changeId: target.changeId! }));
    case 'remove':
      return ran(removeChange(ctx, actor, { releaseId, changeId: target.changeId! }));
    case 'start':
      return ran(startRelease(ctx, actor, { releaseId }));
    case 'cancel':
      return ran(cancelRelease(ctx, actor, { releaseId, reason: rest || null }));
    case 'skip':
      return ran(skipRelease(ctx, actor, { releaseId, reason: rest || null }));
    case 'expose':
      return ran(recordExposure(ctx, actor, { releaseId, step: rest }));
    case 'move': {
      const zone = releaseZone(ctx, target.release);
      const start = parseLocalDateTime(rest, zone);
      if (!start) return { kind: 'bad_time', zone };
      return ran(moveWindow(ctx, actor, { releaseId, start, end: null }));
    }
  }
}
