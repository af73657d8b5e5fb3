import { RELEASE_VERB } from '../../../src/platforms/teams/release/render.ts';
import { VERBS } from '../../../src/platforms/teams/render/adaptive-card.ts';
import { adaptiveCardProblems } from '../../helpers/adaptive-card-validator.ts';

/**
 * Structural checks every card the bot produces must pass (the project's tests do not read the official
 * schema; these rules encode what matters from it and from Teams): Adaptive Cards 1.5, known element and
 * action types only, known verbs carrying references only, `msteams` only as {width: 'Full'} on the top
 * card, unique input ids, at most 60 refresh users, and under Teams' 28 KB message size.
 */
const ELEMENTS = new Set([
  'TextBlock',
  'RichTextBlock',
  'FactSet',
  'Container',
  'ActionSet',
  'Input.Text',
  'Input.ChoiceSet',
  'Input.Date',
  'Input.Time',
  'Input.Number',
  'Image',
]);
const ACTIONS = new Set(['Action.Execute', 'Action.ShowCard', 'Action.ToggleVisibility', 'Action.OpenUrl']);
/** What a button may carry: references to stored things, never state (plus the form's time zone). */
// days/page: which calendar page to show. slotStart/slotEnd: a free window the form's slot finder offers (form data, checked again on submit).
const DATA_KEYS = new Set([
  'changeId',
  'version',
  'questionId',
  'tz',
  'releaseId',
  'index',
  'done',
  'unregisteredId',
  'fingerprint',
  'slotStart',
  'slotEnd',
  'days',
  'page',
]);
const KNOWN_VERBS: readonly string[] = [...VERBS, ...Object.values(RELEASE_VERB)];
const MAX_BYTES = 28 * 1024;

// biome-ignore lint/suspicious/noExplicitAny: cards are free-form JSON here
type Json = any;

export function cardProblems(card: Json): string[] {
  const problems: string[] = [];
  const inputIds = new Set<string>();
  if (card?.type !== 'AdaptiveCard') problems.push('not an AdaptiveCard');
  if (card?.version !== '1.5') problems.push(`version ${card?.version} is not 1.5`);
  // Teams does not count base64-encoded images towards the limit (its "format your bot messages" page).
  const bytes = Buffer.byteLength(
    JSON.stringify(card).replace(/"data:image\/[a-z]+;base64,[A-Za-z0-9+/=]+"/g, '""'),
  );
  if (bytes > MAX_BYTES) problems.push(`card is ${bytes} bytes (limit ${MAX_BYTES})`);
  if (card?.msteams !== undefined && JSON.stringify(card.msteams) !== '{"width":"Full"}') {
    problems.push(`msteams must be {"width":"Full"}, got ${JSON.stringify(card.msteams)}`);
  }
  if (card?.refresh) {
    if (card.refresh.action?.type !== 'Action.Execute')
      problems.push('refresh.action must be Action.Execute');
    if (!Array.isArray(card.refresh.userIds)) problems.push('refresh.userIds must be a list');
    else if (card.refresh.userIds.length > 60)
      problems.push(`refresh.userIds has ${card.refresh.userIds.length} users`);
  }

  const action = (a: Json, path: string) => {
    if (!ACTIONS.has(a?.type)) problems.push(`${path}: unknown action ${a?.type}`);
    if (typeof a?.title !== 'string' || a.title === '') problems.push(`${path}: action without a title`);
    if (a?.type === 'Action.Execute') {
      if (!KNOWN_VERBS.includes(a.verb)) problems.push(`${path}: unknown verb ${a.verb}`);
      for (const key of Object.keys(a.data ?? {}))
        if (!DATA_KEYS.has(key)) problems.push(`${path}: data carries "${key}"`);
    }
    if (a?.type === 'Action.ShowCard') container(a.card, `${path}.card`, false);
  };

  const element = (e: Json, path: string) => {
    if (!ELEMENTS.has(e?.type)) problems.push(`${path}: unknown element ${e?.type}`);
    if (e?.msteams !== undefined) problems.push(`${path}: msteams on an element`);
    if (typeof e?.type === 'string' && e.type.startsWith('Input.')) {
      if (!e.id) problems.push(`${path}: input without an id`);
      else if (inputIds.has(e.id)) problems.push(`${path}: duplicate input id ${e.id}`);
      else inputIds.add(e.id);
    }
    if (e?.type === 'Image') {
      if (typeof e.url !== 'string' || e.url === '') problems.push(`${path}: image without a url`);
      if (typeof e.altText !== 'string' || e.altText === '') problems.push(`${path}: image without altText`);
    }
    if (e?.type === 'RichTextBlock') {
      for (const run of e.inlines ?? [])
        if (run?.type !== 'TextRun') problems.push(`${path}: inline ${run?.type}`);
    }
    if (e?.type === 'Container') {
      for (const [i, x] of (e.items ?? []).entries()) element(x, `${path}.items[${i}]`);
    }
    if (e?.type === 'ActionSet') {
      for (const [i, x] of (e.actions ?? []).entries()) action(x, `${path}.actions[${i}]`);
    }
  };

  const container = (c: Json, path: string, top: boolean) => {
    if (c?.type !== 'AdaptiveCard') problems.push(`${path}: not an AdaptiveCard`);
    if (!top && c?.msteams !== undefined) problems.push(`${path}: msteams on a nested card`);
    if (!Array.isArray(c?.body)) problems.push(`${path}: no body`);
    for (const [i, x] of (c?.body ?? []).entries()) element(x, `${path}.body[${i}]`);
    for (const [i, x] of (c?.actions ?? []).entries()) action(x, `${path}.actions[${i}]`);
  };

  container(card, 'card', true);
  // Microsoft's own library and the official JSON schema look at every card these checks see.
  problems.push(...adaptiveCardProblems(card));
  return problems;
}

/** Every Adaptive Card attached to an activity (what the bot sent or updated). */
export function cardsIn(activity: Json): Json[] {
  return (activity?.attachments ?? [])
    .filter((a: Json) => a?.contentType === 'application/vnd.microsoft.card.adaptive')
    .map((a: Json) => a.content);
}

/** All the text a card shows (TextBlocks and TextRuns, ShowCards included), for assertions on content. */
export function cardText(card: Json): string {
  const out: string[] = [];
  const walk = (node: Json) => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item);
      return;
    }
    if (!node || typeof node !== 'object') return;
    if ((node.type === 'TextBlock' || node.type === 'TextRun') && typeof node.text === 'string')
      out.push(node.text);
    for (const value of Object.values(node)) if (typeof value === 'object') walk(value);
  };
  walk(card);
  return out.join('\n');
}

/** The verbs of the card's Action.Execute buttons (ShowCards included), in order. */
export function verbsOf(card: Json): string[] {
  const out: string[] = [];
  const walk = (actions: Json[]) => {
    for (const a of actions ?? []) {
      if (a.type === 'Action.Execute') out.push(a.verb);
      if (a.type === 'Action.ShowCard') walk(a.card?.actions);
    }
  };
  walk(card?.actions);
  return out;
}

/** The inputs of a card by id (ShowCards included). */
export function inputsOf(card: Json): Map<string, Json> {
  const out = new Map<string, Json>();
  const walk = (node: Json) => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item);
      return;
    }
    if (!node || typeof node !== 'object') return;
    if (typeof node.type === 'string' && node.type.startsWith('Input.')) out.set(node.id, node);
    for (const value of Object.values(node)) if (typeof value === 'object') walk(value);
  };
  walk(card);
  return out;
}
