import type { PersonRecord } from '../../domain/change/change.ts';
import { enqueue } from '../../jobs/queue.ts';
import type { JobContext } from '../../jobs/worker.ts';
import type { Logger } from '../../log.ts';
import type { AppContext } from '../context.ts';
import { changeManagersForUnregistered, unregisteredAlert } from '../gate/unregistered.ts';
import type { ChatSurface } from '../ports.ts';
import { JOB, type UnregisteredAlertPayload } from './kinds.ts';

/** The alert to one change manager, so a retry never repeats it to those who already have it. */
export const ALERT_PERSON_JOB = 'deployment.unregistered.alert.person';

interface AlertPersonPayload extends UnregisteredAlertPayload {
  readonly personId: number;
}

type Handler = (payload: unknown, job: JobContext) => Promise<void>;

/** The deployment gate's job handlers, registered beside the change handlers. */
export function createGateJobHandlers(ctx: AppContext, surfaces: readonly ChatSurface[], log: Logger) {
  const preferred = (person: PersonRecord) => {
    const reachable = surfaces.filter((s) => s.canReach(person) && s.sendUnregisteredAlert);
    return reachable.find((s) => s.platform === person.lastPlatform) ?? reachable[0] ?? null;
  };

  /** Fans the alert out to every change manager, one job each (deduped by this job's id). */
  const alert: Handler = async (payload, job) => {
    const { unregisteredId } = payload as UnregisteredAlertPayload;
    const now = ctx.clock();
    const managers = changeManagersForUnregistered(ctx);
    if (managers.length === 0)
      log.warn('no change manager to alert about an unregistered deployment', { unregisteredId });
    for (const person of managers) {
      enqueue(
        ctx.database.db,
        {
          kind: ALERT_PERSON_JOB,
          payload: { unregisteredId, personId: person.id } satisfies AlertPersonPayload,
          runAt: now,
          dedupeKey: `${ALERT_PERSON_JOB}:${job.jobId}:${person.id}`,
        },
        { now },
      );
    }
  };

  const alertPerson: Handler = async (payload) => {
    const { unregisteredId, personId } = payload as AlertPersonPayload;
    const person = ctx.repos.people.get(personId);
    const view = unregisteredAlert(ctx, unregisteredId);
    if (!person || !view) return;
    const surface = preferred(person);
    if (!surface) log.info('change manager has no chat identity to alert', { personId });
    else await surface.sendUnregisteredAlert!(person, view);
  };

  return { [JOB.alertUnregistered]: alert, [ALERT_PERSON_JOB]: alertPerson } satisfies Record<
    string,
    Handler
  >;
}
