import {
  RISK_LEVELS,
  type RiskAnswers,
  type RiskLevel,
  SERVICE_CRITICALITIES,
  type ServiceCriticality,
} from './types.ts';

export interface RiskInput {
  readonly answers: RiskAnswers;
  /** The highest criticality among the affected services (see `highestCriticality`). */
  readonly criticality: ServiceCriticality;
  /** Hours from submission to the planned start; negative when the start is already past. */
  readonly leadTimeHours: number;
}

export interface RiskAssessment {
  readonly score: number;
  readonly level: RiskLevel;
  /** One short phrase per factor that added points, e.g. "service is business-critical (+3)". */
  readonly reasons: string[];
}

export const RISK_LABELS: Record<RiskLevel, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  very_high: 'Very high',
};

interface Factor {
  readonly points: number;
  readonly reason: string;
}

/**
 * Every risk rule in one place (ITIL change risk assessment: impact, criticality, complexity, testing, backout,
 * history and lead time). Points add up to a score; the score falls into a level that picks the approval rule.
 */
const RISK_RULES = {
  criticality: {
    low: { points: 0, reason: 'service is of low criticality' },
    medium: { points: 1, reason: 'service is of medium criticality' },
    high: { points: 2, reason: 'service is highly critical' },
    critical: { points: 3, reason: 'service is business-critical' },
  },
  impact: {
    none: { points: 0, reason: 'no effect on users' },
    degraded: { points: 2, reason: 'users see a degraded service' },
    outage: { points: 4, reason: 'causes an outage' },
  },
  complexity: {
    simple: { points: 0, reason: 'simple change' },
    moderate: { points: 1, reason: 'moderately complex' },
    complex: { points: 2, reason: 'complex change' },
  },
  tested: {
    yes: { points: 0, reason: 'tested' },
    partially: { points: 1, reason: 'only partly tested' },
    no: { points: 3, reason: 'not tested' },
  },
  backout: {
    easy: { points: 0, reason: 'easy to back out' },
    hard: { points: 2, reason: 'hard to back out' },
    impossible: { points: 4, reason: 'cannot be backed out' },
  },
  failedBefore: { points: 2, reason: 'changes to these services failed recently' },
  // Checked in order; the first bound the lead time falls under applies.
  leadTime: [
    { underHours: 24, points: 2, reason: "less than 24 hours' notice" },
    { underHours: 72, points: 1, reason: "less than 72 hours' notice" },
  ],
  // Lowest score of each level, highest first.
  levels: [
    { minScore: 12, level: 'very_high' },
    { minScore: 8, level: 'high' },
    { minScore: 4, level: 'medium' },
    { minScore: 0, level: 'low' },
  ],
} as const satisfies {
  readonly criticality: Record<ServiceCriticality, Factor>;
  readonly impact: Record<RiskAnswers['impact'], Factor>;
  readonly complexity: Record<RiskAnswers['complexity'], Factor>;
  readonly tested: Record<RiskAnswers['tested'], Factor>;
  readonly backout: Record<RiskAnswers['backout'], Factor>;
  readonly failedBefore: Factor;
  readonly leadTime: readonly (Factor & { readonly underHours: number })[];
  readonly levels: readonly { readonly minScore: number; readonly level: RiskLevel }[];
};

const levelFor = (score: number): RiskLevel =>
  RISK_RULES.levels.find((l) => score >= l.minScore)?.level ?? 'low';

/** Scores the ITIL risk questionnaire and maps the score to a risk level, explaining every point. */
export const assessRisk = (input: RiskInput): RiskAssessment => {
  const { answers } = input;
  const factors: Factor[] = [
    RISK_RULES.criticality[input.criticality],
    RISK_RULES.impact[answers.impact],
    RISK_RULES.complexity[answers.complexity],
    RISK_RULES.tested[answers.tested],
    RISK_RULES.backout[answers.backout],
  ];
  if (answers.failedBefore) factors.push(RISK_RULES.failedBefore);
  const lead = RISK_RULES.leadTime.find((l) => input.leadTimeHours < l.underHours);
  if (lead) factors.push(lead);

  const counted = factors.filter((f) => f.points > 0);
  const score = counted.reduce((sum, f) => sum + f.points, 0);
  return { score, level: levelFor(score), reasons: counted.map((f) => `${f.reason} (+${f.points})`) };
};

/** True when `level` is `threshold` or riskier (risk levels are ordered low < medium < high < very high). */
export const riskAtLeast = (level: RiskLevel, threshold: RiskLevel): boolean =>
  RISK_LEVELS.indexOf(level) >= RISK_LEVELS.indexOf(threshold);

/** A change is as critical as the most critical service it touches; no services means low. */
export const highestCriticality = (list: readonly ServiceCriticality[]): ServiceCriticality =>
  list.reduce<ServiceCriticality>(
    (top, c) => (SERVICE_CRITICALITIES.indexOf(c) > SERVICE_CRITICALITIES.indexOf(top) ? c : top),
    'low',
  );
