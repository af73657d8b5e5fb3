import { Cron } from 'croner';
import type { ChatPlatform } from '../../db/card-posts-repo.ts';
import { periodOnWallClock } from '../../domain/metrics/period.ts';
import type { MetricsDigestPolicy } from '../../domain/policy/types.ts';
import { enqueue } from '../../jobs/queue.ts';
import type { Logger } from '../../log.ts';
import type { AppContext } from '../context.ts';
import type { JobHandler } from '../jobs/handlers.ts';
import type { ChatSurface } from '../ports.ts';
import { metricsMessage } from './metrics-message-builder.ts';
import { metricsForPeriod } from './metrics-report.ts';
import type { MetricsSources } from './metrics-sources.ts';

export const DIGEST_JOB = {
  /** One occurrence of the digest's cron: fans out one post per channel, then schedules the next. */
  run: 'metrics.digest',
  /** The digest in one channel. */
  post: 'metrics.digest.post',
} as const;

export interface DigestRunPayload {
  readonly fireAt: number;
  /** The cron it was scheduled from: a policy that changed since makes it stand down. */
  readonly cron: string;
  readonly timezone: string;
}

export interface DigestPostPayload {
  readonly fireAt: number;
  readonly platform: ChatPlatform;
  readonly channel: string;
}

/**
 * The next time the cron fires strictly after `after`, read in the digest's IANA zone. In a spring-forward gap
 * the run moves to the first minute that exists; in a fall-back overlap it runs once, at the first of the two.
 */
export function nextDigestAt(digest: MetricsDigestPolicy, after: Date): Date | null {
  return new Cron(digest.cron, { timezone: digest.timezone, paused: true }).nextRun(after);
}

/**
 * Makes sure the digest's next occurrence after `after` is a job row (a recurring schedule is a row that
 * creates the next): the dedupe key is the occurrence, so a restart, a retry or a second call adds nothing.
 */
export function scheduleNextDigest(ctx: AppContext, after: Date): Date | null {
  const digest = ctx.policy.digest;
  if (!digest) return null;
  const fireAt = nextDigestAt(digest, after);
  if (!fireAt) return null;
  const now = ctx.clock();
  enqueue(
    ctx.database.db,
    {
      kind: DIGEST_JOB.run,
      payload: {
        fireAt: fireAt.getTime(),
        cron: digest.cron,
        timezone: digest.timezone,
      } satisfies DigestRunPayload,
      runAt: fireAt,
      dedupeKey: `${DIGEST_JOB.run}:${fireAt.toISOString()}`,
    },
    { now },
  );
  return fireAt;
}

export function createDigestJobHandlers(
  ctx: AppContext,
  surfaces: readonly ChatSurface[],
  log: Logger,
  sources: MetricsSources,
) {
  const run: JobHandler = async (payload) => {
    const p = payload as DigestRunPayload;
    const digest = ctx.policy.digest;
    const now = ctx.clock();
    if (!digest || digest.cron !== p.cron || digest.timezone !== p.timezone) {
      log.info('the digest schedule changed in the policy; this occurrence stands down', {
        fireAt: p.fireAt,
      });
    } else {
      const platforms: [ChatPlatform, readonly string[]][] = [
        ['slack', digest.channels.slack],
        ['teams', digest.channels.teams],
      ];
      ctx.database.sqlite
        .transaction(() => {
          for (const [platform, channels] of platforms) {
            if (!surfaces.some((s) => s.platform === platform)) continue;
            for (const channel of channels) {
              enqueue(
                ctx.database.db,
                {
                  kind: DIGEST_JOB.post,
                  payload: { fireAt: p.fireAt, platform, channel } satisfies DigestPostPayload,
                  runAt: now,
                  // One post per occurrence and channel, however often this job runs.
                  dedupeKey: `${DIGEST_JOB.post}:${new Date(p.fireAt).toISOString()}:${platform}:${channel}`,
                },
                { now },
              );
            }
          }
        })
        .immediate();
    }
    // The next occurrence after this one, or after now when the process was down for several: a week of
    // downtime sends the one digest that was due, not a backlog of them.
    scheduleNextDigest(ctx, new Date(Math.max(p.fireAt, now.getTime())));
  };

  const post: JobHandler = async (payload) => {
    const p = payload as DigestPostPayload;
    const digest = ctx.policy.digest;
    const surface = surfaces.find((s) => s.platform === p.platform);
    if (!digest || !surface?.postMetrics) return;
    const period = periodOnWallClock(digest.window, new Date(p.fireAt), digest.timezone);
    const report = metricsForPeriod(sources, period, null);
    await surface.postMetrics(
      { channel: p.channel },
      await metricsMessage(ctx, report, 'Weekly change digest', digest.timezone),
    );
  };

  return { [DIGEST_JOB.run]: run, [DIGEST_JOB.post]: post } satisfies Record<string, JobHandler>;
}
