import type { ChangeType, Outcome, RiskLevel } from '../domain/change/types.ts';
import type { AuthorisationEnd, ChangeFact, MetricsPeriod } from '../domain/metrics/types.ts';
import type { Database } from './client.ts';

interface ChangeFactRow {
  id: number;
  type: ChangeType;
  state: string;
  risk_level: RiskLevel;
  services: string;
  board_id: string | null;
  model_id: string | null;
  created_at: number;
  decided_at: number | null;
  expires_at: number | null;
  completed_at: number | null;
  outcome: Outcome | null;
  incidents_caused: number | null;
}

/** How the change's authorisation ended, read from its state and decision time. */
function authorisationOf(row: ChangeFactRow): { end: AuthorisationEnd; at: number | null } {
  if (row.state === 'rejected') return { end: 'rejected', at: row.decided_at };
  // The expiry job runs at the deadline; the deadline is when the authorisation ended.
  if (row.state === 'expired') return { end: 'expired', at: row.expires_at };
  if (row.decided_at !== null) return { end: 'approved', at: row.decided_at };
  return { end: null, at: null };
}

const toFact = (row: ChangeFactRow): ChangeFact => {
  const authorisation = authorisationOf(row);
  const date = (ms: number | null) => (ms === null ? null : new Date(ms));
  return {
    id: row.id,
    type: row.type,
    riskLevel: row.risk_level,
    services: JSON.parse(row.services) as string[],
    boardId: row.board_id,
    modelId: row.model_id,
    raisedAt: new Date(row.created_at),
    authorisation: authorisation.end,
    authorisedAt: date(authorisation.at),
    expiresAt: date(row.expires_at),
    completedAt: date(row.completed_at),
    outcome: row.outcome,
    incidentsCaused: row.incidents_caused,
  };
};

/**
 * Read-only queries for the metrics: every change with a milestone (raised, decided, expired, completed) in a
 * period, and the refused self-approvals recorded in the audit trail. Prepared once; a report runs in a job.
 */
export function createMetricsRepository(database: Database) {
  const changesIn = database.sqlite.prepare<{ from: number; to: number }, ChangeFactRow>(
    `SELECT id, type, state, risk_level, services, board_id, model_id, created_at, decided_at, expires_at,
            completed_at, outcome, incidents_caused
       FROM changes
      WHERE (created_at >= @from AND created_at < @to)
         OR (decided_at >= @from AND decided_at < @to)
         OR (completed_at >= @from AND completed_at < @to)
         OR (state = 'expired' AND expires_at >= @from AND expires_at < @to)
      ORDER BY id`,
  );
  const refusals = database.sqlite.prepare<{ from: number; to: number }, { at: number; change_id: number }>(
    `SELECT at, change_id FROM audit_events
      WHERE action = 'vote.refused' AND json_extract(data, '$.code') = 'self_approval'
        AND at >= @from AND at < @to
      ORDER BY seq`,
  );
  const idsIn = database.sqlite.prepare<{ from: number; to: number }, { id: number }>(
    `SELECT id FROM changes
      WHERE (created_at >= @from AND created_at < @to)
         OR (decided_at >= @from AND decided_at < @to)
         OR (started_at >= @from AND started_at < @to)
         OR (completed_at >= @from AND completed_at < @to)
         OR (state = 'expired' AND expires_at >= @from AND expires_at < @to)
      ORDER BY id`,
  );
  const range = (p: MetricsPeriod) => ({ from: p.from.getTime(), to: p.to.getTime() });
  return {
    changeFacts(period: MetricsPeriod): ChangeFact[] {
      return changesIn.all(range(period)).map(toFact);
    },
    /** Every change raised, decided, expired, started or completed in the period (the evidence export). */
    changeIdsIn(period: MetricsPeriod): number[] {
      return idsIn.all(range(period)).map((r) => r.id);
    },
    refusedSelfApprovals(period: MetricsPeriod): { at: Date; changeId: number }[] {
      return refusals.all(range(period)).map((r) => ({ at: new Date(r.at), changeId: r.change_id }));
    },
  };
}
