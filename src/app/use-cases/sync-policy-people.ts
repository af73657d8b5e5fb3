import type { PlatformIdentity } from '../../db/people-repo.ts';
import type { MemberRef } from '../../domain/policy/types.ts';
import type { AppContext } from '../context.ts';

function identitiesOf(member: MemberRef): PlatformIdentity[] {
  const name = member.name ?? member.email ?? member.slack ?? member.teams ?? 'CAB member';
  const email = member.email ?? null;
  const list: PlatformIdentity[] = [];
  if (member.slack) list.push({ platform: 'slack', slackUserId: member.slack, name, email });
  if (member.teams) list.push({ platform: 'teams', teamsUserId: member.teams, name, email });
  return list;
}

/**
 * Makes every CAB member and implementer named in the policy a known person at start-up, linked across
 * platforms by the identities the policy gives, so reminders reach members who have never clicked anything.
 * A person already known keeps their platform-given name.
 */
export function syncPolicyPeople(ctx: AppContext): number {
  const members = [
    ...ctx.policy.boards.flatMap((b) => [...b.members, ...(b.implementers ?? [])]),
    // Release managers too, so a train's first reminder reaches its manager before they ever click.
    ...(ctx.policy.releaseModels ?? []).flatMap((m) => m.managers),
  ];
  const now = ctx.clock();
  let created = 0;
  ctx.database.sqlite
    .transaction(() => {
      for (const member of members) {
        for (const identity of identitiesOf(member)) {
          if (ctx.repos.people.findByIdentity(identity)) continue;
          const byEmail = identity.email ? ctx.repos.people.findByEmail(identity.email) : null;
          ctx.repos.people.resolve(byEmail ? { ...identity, name: byEmail.name } : identity, now, {
            acted: false,
          });
          if (!byEmail) created++;
        }
      }
    })
    .immediate();
  return created;
}
