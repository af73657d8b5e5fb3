import { readFileSync } from 'node:fs';

const MANIFEST = new URL('../../manifests/slack/manifest.json', import.meta.url);

/** A slash command as the Slack app's manifest declares it. */
export interface SlashCommand {
  readonly command: string;
  readonly usageHint: string;
}

/**
 * The slash commands the playground's Slack offers: exactly those of the app's manifest, so a command added
 * there (say, for releases) can be typed in the playground with no change here.
 */
export function slashCommands(): SlashCommand[] {
  const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as {
    features?: { slash_commands?: { command: string; usage_hint?: string }[] };
  };
  return (manifest.features?.slash_commands ?? []).map((c) => ({
    command: c.command,
    usageHint: c.usage_hint ?? '',
  }));
}
