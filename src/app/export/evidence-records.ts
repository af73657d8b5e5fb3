import { listAudit } from '../../db/audit.ts';
import { createMetricsRepository } from '../../db/metrics-repo.ts';
import { ruleLabel } from '../../domain/change/approval.ts';
import { formatChangeKey } from '../../domain/change/change-key.ts';
import type { MetricsPeriod } from '../../domain/metrics/types.ts';
import { approvalState } from '../approval-state.ts';
import type { AppContext } from '../context.ts';

/** One row of an evidence table: every value a string ("" for none), so CSV and JSON carry the same records. */
export type EvidenceRow = Record<string, string>;

export interface EvidenceTables {
  readonly changes: EvidenceRow[];
  readonly versions: EvidenceRow[];
  readonly votes: EvidenceRow[];
  readonly approvals: EvidenceRow[];
  readonly audit: EvidenceRow[];
}

const iso = (d: Date | null | undefined): string => (d ? d.toISOString() : '');
const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

/**
 * The evidence an auditor asks for about the changes of a period (SOX ITGC, SOC 2 CC8.1, ISO 27001 A.8.32):
 * each change with its versions, every vote (who, platform, when, why), the approval measured against the rule
 * that applied, implementation, outcome and review, and the change's audit events. A batch read for the
 * export, not a hot path: a few indexed reads per change.
 */
export function collectEvidence(ctx: AppContext, period: MetricsPeriod): EvidenceTables {
  const ids = createMetricsRepository(ctx.database).changeIdsIn(period);
  const tables: EvidenceTables = { changes: [], versions: [], votes: [], approvals: [], audit: [] };
  const people = new Map<number, { name: string; email: string }>();
  const person = (id: number | null) => {
    if (id === null) return { name: '', email: '' };
    if (!people.has(id)) {
      const p = ctx.repos.people.get(id);
      people.set(id, { name: p?.name ?? `#${id}`, email: p?.email ?? '' });
    }
    return people.get(id)!;
  };
  for (const id of ids) {
    const change = ctx.repos.changes.get(id);
    const requester = change ? ctx.repos.people.get(change.requesterId) : null;
    if (!change || !requester) continue;
    const key = formatChangeKey(id);
    const events = listAudit(ctx.database.db, id);
    const votes = ctx.repos.changes.listVotes(id);
    const review = change.review;
    tables.changes.push({
      change: key,
      version: str(change.version),
      type: change.type,
      state: change.state,
      title: change.title,
      services: change.services.join(';'),
      risk_level: change.riskLevel,
      risk_score: str(change.riskScore),
      board: str(change.boardId),
      model: str(change.modelId),
      requester: requester.name,
      requester_email: str(requester.email),
      raised_at: iso(change.createdAt),
      planned_start: iso(change.plannedStart),
      planned_end: iso(change.plannedEnd),
      decided_at: iso(change.decidedAt),
      expires_at: iso(change.expiresAt),
      started_at: iso(change.startedAt),
      completed_at: iso(change.completedAt),
      outcome: str(change.outcome),
      outcome_note: str(change.outcomeNote),
      incidents_caused: str(change.incidentsCaused),
      review_met_goal: review ? String(review.metGoal) : '',
      review_summary: str(review?.summary),
      review_lessons: str(review?.lessons),
      review_by: review ? person(review.reviewerId).name : '',
      review_at: str(review?.at),
    });
    for (const e of events.filter((x) => x.action === 'change.raised' || x.action === 'change.edited')) {
      const changed = (e.data as { changed?: unknown }).changed;
      tables.versions.push({
        change: key,
        version: str(e.version),
        at: iso(e.at),
        by: e.actorName,
        platform: e.platform,
        action: e.action,
        changed: Array.isArray(changed) ? changed.join(';') : '',
      });
    }
    for (const v of votes) {
      tables.votes.push({
        change: key,
        version: str(v.version),
        voter: v.personName,
        voter_email: str(v.voter.email),
        platform: v.platform,
        decision: v.decision,
        reason: str(v.reason),
        at: iso(v.at),
        counts_for_current_version: String(v.version === change.version),
      });
    }
    const state = approvalState(ctx.policy, change, requester, votes);
    const route = change.approvalRoute;
    const decision = events
      .filter((e) => e.action === 'change.approved' || e.action === 'change.rejected')
      .at(-1);
    tables.approvals.push({
      change: key,
      board: str(change.boardId),
      rule: route
        ? ruleLabel(route.rule, state.eligible)
        : change.type === 'standard'
          ? 'pre-authorised model'
          : '',
      veto: route ? String(route.veto ?? true) : '',
      required: str(state.tally?.required),
      approvals: str(state.tally?.approvals),
      rejections: str(state.tally?.rejections),
      rule_outcome: str(state.tally?.outcome),
      decided: decision ? decision.action.replace('change.', '') : '',
      decided_at: iso(decision?.at),
      decided_by_vote_of: decision?.actorName ?? '',
      requester_approved: String(votes.some((v) => v.personId === change.requesterId)),
      refused_self_approvals: String(events.filter((e) => e.action === 'vote.refused').length),
    });
    for (const e of events) {
      tables.audit.push({
        seq: String(e.seq),
        at: iso(e.at),
        change: key,
        actor: e.actorName,
        platform: e.platform,
        action: e.action,
        version: str(e.version),
        reason: str(e.reason),
        data: JSON.stringify(e.data),
        prev_hash: e.prevHash,
        hash: e.hash,
      });
    }
  }
  return tables;
}
