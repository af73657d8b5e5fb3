import { API_SCOPES } from '../../app/api/tokens.ts';

/**
 * The bot's commands: the help card and the manifest's command list both come from here (a test checks).
 * Teams shows at most ten commands in a list, so the ones marked `menu: false` are in help only.
 */
export const COMMANDS = [
  { name: 'new', usage: 'new', description: 'Raise a change request (opens the form)' },
  { name: 'list', usage: 'list', description: 'Your open changes and the ones awaiting your vote' },
  { name: 'show', usage: 'show CHG-12', description: 'Show the card of one change' },
  {
    name: 'explain',
    usage: 'explain CHG-12',
    description: 'Why a change needs the approval it needs, who may still vote, what is missing',
  },
  {
    name: 'edit',
    usage: 'edit CHG-12',
    description: 'Edit your change (earlier votes stop counting)',
    // Requesters reach it from their own change; the command stays in help.
    menu: false,
  },
  {
    name: 'cancel',
    usage: 'cancel CHG-12 [reason]',
    description: 'Withdraw your change before it starts',
    // Requesters reach it from their own change; the command stays in help.
    menu: false,
  },
  { name: 'start', usage: 'start CHG-12', description: 'Start implementing an approved change' },
  {
    name: 'complete',
    usage: 'complete CHG-12',
    description: 'Record how the implementation went',
    // The card's Complete button is the usual way; the command stays in help.
    menu: false,
  },
  {
    name: 'review',
    usage: 'review CHG-12',
    description: 'Record the post-implementation review, which closes the change',
  },
  {
    name: 'release',
    usage: 'release help',
    description: 'Plan and run releases: release list, show REL-3, add CHG-12 REL-3, start, complete',
  },
  {
    name: 'metrics',
    usage: 'metrics [7d|30d|90d] [service]',
    description: 'Change and release metrics with a weekly chart',
  },
  {
    name: 'calendar',
    usage: 'calendar [days] [page]',
    description: 'The change calendar by day (7 days by default); "calendar feed" makes an ICS link',
  },
  { name: 'help', usage: 'help', description: "What Changeboard can do, and this channel's id" },
] as const;

/** The commands in the manifest's command lists (Teams allows ten). */
export const MENU_COMMANDS = COMMANDS.filter((c) => !('menu' in c) || c.menu !== false);

export type CommandName = (typeof COMMANDS)[number]['name'];

export interface ParsedCommand {
  readonly name: CommandName | 'unknown';
  /** The words after the command, as typed. */
  readonly args: string;
  readonly raw: string;
}

const NAMES = new Set<string>(COMMANDS.map((c) => c.name));
/** Words people type for the same thing. */
const ALIASES: Readonly<Record<string, CommandName>> = {
  raise: 'new',
  create: 'new',
  mine: 'list',
  '?': 'help',
  'channel-id': 'help',
};

/** Reads a command from message text (the bot's @mention already removed); anything unknown is 'unknown'. */
export function parseCommand(text: string): ParsedCommand {
  const raw = text.replace(/\s+/g, ' ').trim();
  const [first = '', ...rest] = raw.split(' ');
  const word = first.toLowerCase().replace(/^\//, '');
  const name = NAMES.has(word) ? (word as CommandName) : (ALIASES[word] ?? 'unknown');
  return { name, args: rest.join(' '), raw };
}

/**
 * Commands the bot understands beyond the manifest's list (Teams shows at most ten a list): the help card
 * shows them too.
 */
export const MORE_COMMANDS = [
  {
    name: 'object',
    usage: 'object CHG-12 <reason>',
    description: 'Object to a change in its objection window (it then needs a normal vote)',
  },
  {
    name: 'delegate',
    usage: 'delegate bea@example.com [from 2026-12-20] until 2026-12-24',
    description: 'Let someone vote for you while you are away',
  },
  { name: 'undelegate', usage: 'undelegate', description: 'End your delegation early' },
  {
    name: 'token',
    usage: 'token create NAME SCOPE[,SCOPE] | token list | token revoke NAME',
    description: `Change managers, in our personal chat: API tokens for CI/CD pipelines (scopes: ${API_SCOPES.join(', ')}); a new token is shown once`,
  },
] as const;
