import { RISK_LEVELS, type RiskLevel } from '../domain/change/types.ts';
import type { ApprovalRoute, Policy } from '../domain/policy/types.ts';
import { releaseCrossCheck } from './release-cross-checks.ts';

export interface Finding {
  readonly severity: 'error' | 'warning';
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

const list = (items: readonly string[]) => items.join(', ');

function duplicateIds(items: readonly { id: string }[], section: string, findings: Finding[]): void {
  const seen = new Set<string>();
  for (const [i, item] of items.entries()) {
    if (seen.has(item.id)) {
      findings.push({ severity: 'error', path: [section, i, 'id'], message: `duplicate id "${item.id}"` });
    }
    seen.add(item.id);
  }
}

/** Quorum counts people (ARCHITECTURE.md §7): the same identity listed twice would count twice. */
function duplicateMembers(policy: Policy, findings: Finding[]): void {
  for (const [b, board] of policy.boards.entries()) {
    const seen = new Set<string>();
    for (const [m, member] of board.members.entries()) {
      const keys = [
        member.email && `email ${member.email}`,
        member.slack && `slack ${member.slack}`,
        member.teams && `teams ${member.teams}`,
      ].filter((k): k is string => typeof k === 'string' && k !== '');
      const repeated = keys.find((k) => seen.has(k));
      if (repeated !== undefined) {
        findings.push({
          severity: 'error',
          path: ['boards', b, 'members', m],
          message: `lists the same person twice (${repeated}); each person counts once towards quorum`,
        });
      }
      for (const k of keys) seen.add(k);
    }
  }
}

function references(policy: Policy, findings: Finding[]): void {
  // With duplicate ids (reported separately) the first definition is the one that counts.
  const boards = new Map(policy.boards.toReversed().map((b) => [b.id, b]));
  const services = new Set(policy.services.map((s) => s.id));
  const boardIds = list([...boards.keys()]) || 'none defined';
  for (const [r, route] of policy.routes.entries()) {
    const board = boards.get(route.board);
    if (board === undefined) {
      const message = `names board "${route.board}", which is not defined (boards: ${boardIds})`;
      findings.push({ severity: 'error', path: ['routes', r, 'board'], message });
      continue;
    }
    const members = board.members.length;
    if (route.rule.kind === 'n_of_m' && members > 0 && route.rule.n > members) {
      const message = `needs ${route.rule.n} approvals but board "${board.id}" has only ${members} member(s), so no change could ever be approved`;
      findings.push({ severity: 'error', path: ['routes', r, 'rule', 'n'], message });
    }
  }
  for (const [m, model] of policy.models.entries()) {
    for (const [s, service] of model.services.entries()) {
      if (!services.has(service)) {
        const message = `names service "${service}", which is not defined (services: ${list([...services]) || 'none defined'})`;
        findings.push({ severity: 'error', path: ['models', m, 'services', s], message });
      }
    }
    if (model.announceBoard !== undefined && !boards.has(model.announceBoard)) {
      const message = `names board "${model.announceBoard}", which is not defined (boards: ${boardIds})`;
      findings.push({ severity: 'error', path: ['models', m, 'announceBoard'], message });
    }
  }
}

const covers = (route: ApprovalRoute, level: RiskLevel) =>
  route.risk === undefined || route.risk.includes(level);

/**
 * ITIL 4 change authorisation: every normal change needs a change authority for its risk level, and every
 * emergency change an emergency CAB. A missing emergency route is an error (an outage cannot wait for a
 * policy fix); a missing normal route is a warning (such changes would wait for a route to be added).
 */
function coverage(policy: Policy, findings: Finding[]): void {
  const at = policy.routes.length > 0 ? ['routes'] : [];
  for (const type of ['normal', 'emergency'] as const) {
    const routes = policy.routes.filter((r) => r.type === type);
    const missing = RISK_LEVELS.filter((level) => !routes.some((r) => covers(r, level)));
    if (missing.length === 0) continue;
    findings.push(
      type === 'emergency'
        ? {
            severity: 'error',
            path: at,
            message: `no route for emergency changes of risk ${list(missing)}: emergency changes need an emergency CAB (add a route with type: emergency)`,
          }
        : {
            severity: 'warning',
            path: at,
            message: `no route for normal changes of risk ${list(missing)}: such changes cannot be authorised`,
          },
    );
  }
  // First match wins, so a route whose every level is taken by earlier routes of its type never applies.
  for (const [r, route] of policy.routes.entries()) {
    const earlier = policy.routes.slice(0, r).filter((e) => e.type === route.type);
    const levels = RISK_LEVELS.filter((level) => covers(route, level));
    if (earlier.length > 0 && levels.every((level) => earlier.some((e) => covers(e, level)))) {
      const message =
        'is never used: earlier routes of the same type already cover its risk levels (first match wins)';
      findings.push({ severity: 'warning', path: ['routes', r], message });
    }
  }
}

function usability(policy: Policy, findings: Finding[]): void {
  const routed = new Set(policy.routes.map((r) => r.board));
  for (const [b, board] of policy.boards.entries()) {
    if (routed.has(board.id) && board.members.length === 0) {
      const message = `board "${board.id}" has no members: nobody can approve the changes routed to it`;
      findings.push({ severity: 'warning', path: ['boards', b], message });
    }
  }
  const { reminderHours, expiryHours } = policy.defaults;
  if (reminderHours > 0 && reminderHours >= expiryHours) {
    const message = `is not before expiryHours (${expiryHours}): the reminder would never be sent`;
    findings.push({ severity: 'warning', path: ['defaults', 'reminderHours'], message });
  }
}

/** Freeze and maintenance windows may only name services the catalogue defines. */
function scheduleReferences(policy: Policy, findings: Finding[]): void {
  const services = new Set(policy.services.map((s) => s.id));
  const known = list([...services]) || 'none defined';
  const check = (section: string, w: number, names: readonly string[]) => {
    for (const [s, service] of names.entries()) {
      if (services.has(service)) continue;
      const message = `names service "${service}", which is not defined (services: ${known})`;
      findings.push({ severity: 'error', path: [section, w, 'services', s], message });
    }
  };
  for (const [f, freeze] of (policy.freezes ?? []).entries())
    if (freeze.services !== 'all') check('freezes', f, freeze.services);
  for (const [m, window] of (policy.maintenanceWindows ?? []).entries())
    check('maintenanceWindows', m, window.services);
}

/** Checks that need the whole policy: unique ids, references between sections, and route coverage. */
export function crossCheck(policy: Policy): Finding[] {
  const findings: Finding[] = [];
  duplicateIds(policy.services, 'services', findings);
  duplicateIds(policy.boards, 'boards', findings);
  duplicateIds(policy.models, 'models', findings);
  duplicateMembers(policy, findings);
  references(policy, findings);
  coverage(policy, findings);
  usability(policy, findings);
  releaseCrossCheck(policy, findings);
  scheduleReferences(policy, findings);
  return findings;
}
