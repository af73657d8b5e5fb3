import { describe, expect, it } from 'vitest';
import {
  assessRisk,
  highestCriticality,
  RISK_LABELS,
  type RiskInput,
  riskAtLeast,
} from '../../../src/domain/change/risk.ts';
import type { RiskAnswers, RiskLevel, ServiceCriticality } from '../../../src/domain/change/types.ts';
import { SAFE_ANSWERS } from '../fixtures.ts';

const input = (
  answers: Partial<RiskAnswers> = {},
  criticality: ServiceCriticality = 'low',
  leadTimeHours = 100,
): RiskInput => ({ answers: { ...SAFE_ANSWERS, ...answers }, criticality, leadTimeHours });

describe('assessRisk', () => {
  it('scores a simple, tested, easily backed-out change on a low-criticality service as 0 with no reasons', () => {
    expect(assessRisk(input())).toEqual({ score: 0, level: 'low', reasons: [] });
  });

  it.each([
    ['criticality medium', input({}, 'medium'), 1, 'service is of medium criticality (+1)'],
    ['criticality high', input({}, 'high'), 2, 'service is highly critical (+2)'],
    ['criticality critical', input({}, 'critical'), 3, 'service is business-critical (+3)'],
    ['impact degraded', input({ impact: 'degraded' }), 2, 'users see a degraded service (+2)'],
    ['impact outage', input({ impact: 'outage' }), 4, 'causes an outage (+4)'],
    ['complexity moderate', input({ complexity: 'moderate' }), 1, 'moderately complex (+1)'],
    ['complexity complex', input({ complexity: 'complex' }), 2, 'complex change (+2)'],
    ['tested partially', input({ tested: 'partially' }), 1, 'only partly tested (+1)'],
    ['tested no', input({ tested: 'no' }), 3, 'not tested (+3)'],
    ['backout hard', input({ backout: 'hard' }), 2, 'hard to back out (+2)'],
    ['backout impossible', input({ backout: 'impossible' }), 4, 'cannot be backed out (+4)'],
    ['failed before', input({ failedBefore: true }), 2, 'changes to these services failed recently (+2)'],
    ['lead time 23.9 h', input({}, 'low', 23.9), 2, "less than 24 hours' notice (+2)"],
    ['lead time in the past', input({}, 'low', -0.5), 2, "less than 24 hours' notice (+2)"],
    ['lead time 24 h', input({}, 'low', 24), 1, "less than 72 hours' notice (+1)"],
    ['lead time 71.9 h', input({}, 'low', 71.9), 1, "less than 72 hours' notice (+1)"],
  ])('adds the factor %s alone with its reason', (_name, given, score, reason) => {
    expect(assessRisk(given)).toEqual({ score, level: score >= 4 ? 'medium' : 'low', reasons: [reason] });
  });

  it('adds nothing for a lead time of 72 hours or more', () => {
    expect(assessRisk(input({}, 'low', 72)).score).toBe(0);
  });

  it('adds every factor and lists one reason per factor', () => {
    const result = assessRisk(
      input(
        { impact: 'outage', complexity: 'complex', tested: 'no', backout: 'impossible', failedBefore: true },
        'critical',
        1,
      ),
    );
    expect(result.score).toBe(3 + 4 + 2 + 3 + 4 + 2 + 2);
    expect(result.level).toBe('very_high');
    expect(result.reasons).toHaveLength(7);
  });

  // Each boundary built from criticality (0–3) plus impact/backout points so the score is exact.
  it.each([
    [3, 'low', input({}, 'critical')],
    [4, 'medium', input({ impact: 'outage' })],
    [7, 'medium', input({ impact: 'outage' }, 'critical')],
    [8, 'high', input({ impact: 'outage', backout: 'impossible' })],
    [11, 'high', input({ impact: 'outage', backout: 'impossible' }, 'critical')],
    [12, 'very_high', input({ impact: 'outage', backout: 'impossible', tested: 'no' }, 'medium')],
  ] as [number, RiskLevel, RiskInput][])('rates a score of %i as %s', (score, level, given) => {
    const result = assessRisk(given);
    expect(result.score).toBe(score);
    expect(result.level).toBe(level);
  });
});

describe('riskAtLeast', () => {
  it.each([
    ['low', 'low', true],
    ['low', 'medium', false],
    ['medium', 'low', true],
    ['medium', 'high', false],
    ['high', 'medium', true],
    ['high', 'very_high', false],
    ['very_high', 'high', true],
    ['very_high', 'very_high', true],
  ] as [RiskLevel, RiskLevel, boolean][])('says %s is at least %s: %s', (level, threshold, expected) => {
    expect(riskAtLeast(level, threshold)).toBe(expected);
  });
});

describe('highestCriticality', () => {
  it.each([
    [[], 'low'],
    [['low'], 'low'],
    [['medium', 'low'], 'medium'],
    [['low', 'high', 'medium'], 'high'],
    [['critical', 'high'], 'critical'],
  ] as [ServiceCriticality[], ServiceCriticality][])('picks the highest of %j: %s', (list, expected) => {
    expect(highestCriticality(list)).toBe(expected);
  });
});

describe('RISK_LABELS', () => {
  it('labels every level as people read it', () => {
    expect(RISK_LABELS).toEqual({ low: 'Low', medium: 'Medium', high: 'High', very_high: 'Very high' });
  });
});
