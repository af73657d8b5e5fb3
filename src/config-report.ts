import type { Config } from './config.ts';

/** Log lines saying which platforms run and how to enable the others. Prints no secret, only ids and modes. */
export function describePlatforms(config: Config): string[] {
  const lines: string[] = [];
  const { slack, teams } = config;
  if (slack === null) {
    lines.push(
      'Slack: disabled (set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET, or SLACK_BOT_TOKEN and SLACK_APP_TOKEN for Socket Mode, to enable it)',
    );
  } else {
    const mode = slack.appToken === null ? 'HTTP Events API, signed requests' : 'Socket Mode';
    const api = slack.apiUrl === null ? '' : `, Web API at ${new URL(slack.apiUrl).origin}`;
    const identity = slack.botUserId === null ? '' : `, bot user ${slack.botUserId} (auth.test skipped)`;
    lines.push(`Slack: enabled (${mode}${api}${identity})`);
  }
  if (teams === null) {
    lines.push(
      'Teams: disabled (set MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD and MICROSOFT_APP_TENANT_ID to enable it, or TEAMS_ALLOW_UNAUTHENTICATED=true for the Bot Framework Emulator)',
    );
  } else if (teams.appId === null) {
    lines.push(
      'Teams: enabled WITHOUT authentication (TEAMS_ALLOW_UNAUTHENTICATED=true): for the Bot Framework Emulator only, never in production',
    );
  } else {
    const tenant = teams.tenantId === null ? '' : `, tenant ${teams.tenantId}`;
    lines.push(`Teams: enabled (app ${teams.appId}, ${teams.appType}${tenant})`);
  }
  if (slack === null && teams === null && (config.playground?.mode ?? 'off') === 'off')
    lines.push('No chat platform is enabled: only the HTTP health check will answer.');
  else if (slack === null && teams === null)
    lines.push(
      'No chat platform is enabled: the local playground plays Slack and Teams instead (PLAYGROUND).',
    );
  return lines;
}
