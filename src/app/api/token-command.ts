import { memberMatches } from '../../domain/change/approval.ts';
import type { PersonRecord } from '../../domain/change/change.ts';
import type { Policy } from '../../domain/policy/types.ts';
import type { AppContext } from '../context.ts';
import { API_SCOPES, createApiToken, listApiTokens, revokeApiToken } from './tokens.ts';

/** A change manager: a board member with the final say. Only they manage the pipelines' API tokens. */
export const isChangeManager = (policy: Policy, person: PersonRecord): boolean =>
  policy.boards.some((b) => b.members.some((m) => m.finalSay === true && memberMatches(m, person)));

/** The chat answer: plain text lines, and the new token (shown once) when one was created. */
export interface TokenCommandReply {
  readonly lines: readonly string[];
  readonly token: string | null;
}

export const TOKEN_USAGE = [
  `token create NAME SCOPE[,SCOPE] — a token for a pipeline (scopes: ${API_SCOPES.join(', ')})`,
  'token list — the tokens, live and revoked',
  'token revoke NAME — the token stops working at once',
];

const text = (...lines: string[]): TokenCommandReply => ({ lines, token: null });

/**
 * `token create|list|revoke …` typed in chat by a change manager (Slack `/change token …`, Teams `token …`);
 * the platform answers privately. The same use cases as `npm run token`.
 */
export function runTokenCommand(
  ctx: AppContext,
  person: PersonRecord,
  platform: 'slack' | 'teams',
  args: readonly string[],
): TokenCommandReply {
  if (!isChangeManager(ctx.policy, person)) {
    return text('Only a change manager (a board member with the final say) can manage API tokens.');
  }
  const [sub = '', name = '', ...scopes] = args;
  const by = `${person.name} (${platform})`;
  switch (sub.toLowerCase()) {
    case 'create': {
      if (!name) return text('Usage:', ...TOKEN_USAGE);
      const list = scopes.flatMap((s) => s.split(',')).filter(Boolean);
      const created = createApiToken(ctx, { name, scopes: list, createdBy: by, platform });
      if (!created.ok) return text(created.error.message);
      return {
        lines: [
          `Token ${created.value.summary.name} (${created.value.summary.scopes.join(', ')}) created.`,
          'It is shown only this once: store it as a secret of your CI/CD system.',
        ],
        token: created.value.token,
      };
    }
    case 'list': {
      const tokens = listApiTokens(ctx);
      if (tokens.length === 0) return text('No API tokens yet.');
      return text(
        ...tokens.map(
          (t) =>
            `${t.name} — ${t.scopes.join(', ')} — ${t.revokedAt ? `revoked ${t.revokedAt.toISOString()}` : 'live'}, created by ${t.createdBy}`,
        ),
      );
    }
    case 'revoke': {
      if (!name) return text('Usage:', ...TOKEN_USAGE);
      const revoked = revokeApiToken(ctx, { name, revokedBy: by, platform });
      return text(revoked.ok ? `Token ${name} revoked: it stops working at once.` : revoked.error.message);
    }
    default:
      return text('Usage:', ...TOKEN_USAGE);
  }
}
