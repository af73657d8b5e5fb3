/** The bot's commands: the help card and the manifest's command list both come from here (a test checks). */
export const COMMANDS = [
  { name: 'new', usage: 'new', description: 'Raise a change request (opens the form)' },
  { name: 'list', usage: 'list', description: 'Your open changes and the ones awaiting your vote' },
  { name: 'show', usage: 'show CHG-12', description: 'Show the card of one change' },
  { name: 'edit', usage: 'edit CHG-12', description: 'Edit your change (earlier votes stop counting)' },
  { name: 'cancel', usage: 'cancel CHG-12 [reason]', description: 'Withdraw your change before it starts' },
  { name: 'start', usage: 'start CHG-12', description: 'Start implementing an approved change' },
  { name: 'complete', usage: 'complete CHG-12', description: 'Record how the implementation went' },
  {
    name: 'review',
    usage: 'review CHG-12',
    description: 'Record the post-implementation review, which closes the change',
  },
  {
    name: 'calendar',
    usage: 'calendar [days] [page]',
    description: 'The change calendar by day (7 days by default); "calendar feed" makes an ICS link',
  },
  { name: 'help', usage: 'help', description: "What Changeboard can do, and this channel's id" },
] as const;

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
