import type { ApprovalRoute } from '../policy/types.ts';
import type {
  ChangeDraft,
  ChangeState,
  ChangeType,
  Outcome,
  Platform,
  RiskAnswers,
  RiskLevel,
  VoteDecision,
} from './types.ts';

/** A post-implementation review: did the change meet its goal, what happened, what we learnt. */
export interface PostImplementationReview {
  readonly metGoal: boolean;
  readonly summary: string;
  readonly lessons: string;
  readonly reviewerId: number;
  readonly at: string;
}

/** A change request as the application layer reads it from storage. */
export interface ChangeRecord {
  readonly id: number;
  readonly version: number;
  readonly type: ChangeType;
  readonly state: ChangeState;
  readonly title: string;
  readonly description: string;
  readonly justification: string;
  readonly services: readonly string[];
  readonly plannedStart: Date;
  readonly plannedEnd: Date;
  readonly riskAnswers: RiskAnswers;
  readonly riskScore: number;
  readonly riskLevel: RiskLevel;
  readonly implementationPlan: string;
  readonly backoutPlan: string;
  readonly testPlan: string;
  readonly modelId: string | null;
  readonly boardId: string | null;
  readonly approvalRoute: ApprovalRoute | null;
  readonly requesterId: number;
  readonly sourceLink: string | null;
  readonly outcome: Outcome | null;
  readonly outcomeNote: string | null;
  readonly incidentsCaused: number | null;
  readonly review: PostImplementationReview | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly decidedAt: Date | null;
  readonly expiresAt: Date | null;
  readonly startedAt: Date | null;
  readonly completedAt: Date | null;
}

/** A person as the application sees them; quorum counts these, not platform accounts. */
export interface PersonRecord {
  readonly id: number;
  readonly name: string;
  readonly email: string | null;
  readonly slackUserId: string | null;
  readonly teamsUserId: string | null;
  readonly teamsChannelId: string | null;
  readonly timezone: string | null;
  /** The chat platform the person used last; notifications prefer it. */
  readonly lastPlatform: 'slack' | 'teams' | null;
}

export interface VoteRecord {
  readonly personId: number;
  readonly personName: string;
  /** The voter's identities, so the policy can recognise a change manager's final say. */
  readonly voter: {
    readonly email: string | null;
    readonly slackUserId: string | null;
    readonly teamsUserId: string | null;
  };
  readonly decision: VoteDecision;
  readonly version: number;
  readonly reason: string | null;
  readonly platform: Platform;
  readonly at: Date;
}

export interface QuestionRecord {
  readonly id: number;
  readonly version: number;
  readonly askerId: number;
  readonly askerName: string;
  readonly question: string;
  readonly askedAt: Date;
  readonly answer: string | null;
  readonly answeredByName: string | null;
  readonly answeredAt: Date | null;
}

/** The stored change as the draft an edit form starts from. */
export function draftOfChange(change: ChangeRecord): ChangeDraft {
  return {
    title: change.title,
    description: change.description,
    justification: change.justification,
    type: change.type,
    services: change.services,
    plannedStart: change.plannedStart,
    plannedEnd: change.plannedEnd,
    risk: change.riskAnswers,
    implementationPlan: change.implementationPlan,
    backoutPlan: change.backoutPlan,
    testPlan: change.testPlan,
    modelId: change.modelId,
  };
}
