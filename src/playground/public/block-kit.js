// A renderer for the Block Kit elements Changeboard uses: header, section (text, fields, accessory button or
// checkboxes), context, divider, actions with buttons, and modal inputs (plain text, number, static and multi-static
// selects, radio buttons, date-time pickers). Slack's mrkdwn is turned into DOM nodes, never into HTML.
import { h } from './dom.js';

// Symbols every system font has (a fresh machine may have no colour-emoji font), coloured by CSS class.
const EMOJI = {
  warning: ['⚠', 'amber'],
  mag: ['⌕', 'grey'],
  white_check_mark: ['✔', 'green'],
  no_entry: ['⊘', 'red'],
  rotating_light: ['⚠', 'red'],
  information_source: ['ℹ', 'blue'],
  heavy_multiplication_x: ['✖', 'red'],
  x: ['✖', 'red'],
  white_circle: ['●', 'white'],
  red_circle: ['●', 'red'],
  question: ['?', 'blue'],
  large_yellow_circle: ['●', 'amber'],
  large_orange_circle: ['●', 'orange'],
  large_green_circle: ['●', 'green'],
  large_blue_circle: ['●', 'blue'],
  hourglass: ['◷', 'grey'],
  event: ['▦', 'blue'],
  arrow_forward: ['▶', 'green'],
  // Releases
  spiral_calendar_pad: ['▦', 'blue'],
  calendar: ['▦', 'blue'],
  checkered_flag: ['⚑', 'green'],
  fast_forward: ['⏩', 'grey'],
  hourglass_flowing_sand: ['◷', 'amber'],
  ballot_box_with_check: ['☑', 'green'],
  white_large_square: ['☐', 'grey'],
  heavy_plus_sign: ['+', 'green'],
  heavy_minus_sign: ['−', 'red'],
  bell: ['♪', 'amber'],
  bulb: ['✦', 'amber'],
  package: ['▣', 'blue'],
};
const emoji = (name, token) => {
  const known = EMOJI[name];
  return known ? h('span', { class: `emoji ${known[1]}`, title: token }, known[0]) : token;
};

const decode = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** *bold*, _italic_, ~strike~, `code` and :emoji: inside one piece of text. */
function inline(text, names) {
  const out = [];
  const pattern = /(`[^`]+`)|(\*[^*\n]+\*)|(_[^_\n]+_)|(~[^~\n]+~)|(:[a-z_]+:)/g;
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    if (m.index > last) out.push(decode(text.slice(last, m.index)));
    const token = m[0];
    const inner = token.slice(1, -1);
    if (m[1]) out.push(h('code', {}, decode(inner)));
    else if (m[2]) out.push(h('strong', {}, inline(inner, names)));
    else if (m[3]) out.push(h('em', {}, inline(inner, names)));
    else if (m[4]) out.push(h('s', {}, inline(inner, names)));
    else out.push(emoji(inner, token));
    last = m.index + token.length;
  }
  if (last < text.length) out.push(decode(text.slice(last)));
  return out;
}

/** Slack's special `<…>` forms: links, user mentions, channels, dates. */
function special(body, names) {
  const [target, label] = body.split('|');
  if (target.startsWith('@')) return h('span', { class: 'mention' }, `@${names(target.slice(1))}`);
  if (target.startsWith('#')) return h('span', { class: 'mention' }, `#${label ?? target.slice(1)}`);
  if (target.startsWith('!date^')) {
    const unix = Number(target.split('^')[1]);
    const when = Number.isFinite(unix) ? new Date(unix * 1000) : null;
    return h(
      'time',
      { datetime: when?.toISOString() ?? '' },
      when ? when.toLocaleString() : decode(label ?? ''),
    );
  }
  if (target.startsWith('!')) return `@${target.slice(1)}`;
  if (/^https?:\/\//.test(target)) {
    return h('a', { href: decode(target), target: '_blank', rel: 'noreferrer' }, decode(label ?? target));
  }
  return decode(label ?? target);
}

/** Slack mrkdwn → DOM nodes. Line breaks are kept; `>` quote lines become quotes. */
export function mrkdwn(text, names = (id) => id) {
  const lines = String(text ?? '').split('\n');
  return lines.flatMap((line, i) => {
    // Slack quotes a line that starts with ">" (the app's own markup; escaped user text shows as "&gt;").
    const quote = /^>\s?/.exec(line);
    const source = quote ? line.slice(quote[0].length) : line;
    const parts = [];
    let last = 0;
    for (const m of source.matchAll(/<([^<>]+)>/g)) {
      if (m.index > last) parts.push(...inline(source.slice(last, m.index), names));
      parts.push(special(m[1], names));
      last = m.index + m[0].length;
    }
    if (last < source.length) parts.push(...inline(source.slice(last), names));
    const node = quote ? [h('span', { class: 'quote' }, parts)] : parts;
    return i < lines.length - 1 ? [...node, h('br')] : node;
  });
}

const textOf = (t, names) => (t?.type === 'mrkdwn' ? mrkdwn(t.text, names) : (t?.text ?? ''));

function button(el, ctx, blockId) {
  return h(
    'button',
    {
      type: 'button',
      class: `sk-button ${el.style ?? ''}`,
      dataset: { actionId: el.action_id },
      onclick: () => {
        if (
          el.confirm &&
          !window.confirm(`${el.confirm.title?.text ?? ''}\n\n${el.confirm.text?.text ?? ''}`)
        )
          return;
        ctx.onAction({ actionId: el.action_id, blockId: blockId ?? 'b', value: el.value ?? '' });
      },
    },
    el.text?.text ?? '',
  );
}

/** Checkboxes act at once, as in Slack: the action carries every option ticked after the click. */
function checkboxes(el, ctx, blockId) {
  const ticked = new Set((el.initial_options ?? []).map((o) => o.value));
  const group = h(
    'div',
    { class: 'sk-checkboxes', dataset: { actionId: el.action_id } },
    (el.options ?? []).map((o) =>
      h(
        'label',
        {},
        h('input', {
          type: 'checkbox',
          class: 'sk-checkbox',
          value: o.value,
          checked: ticked.has(o.value),
          onchange: () => {
            const selected = [...group.querySelectorAll('input:checked')].map((i) =>
              (el.options ?? []).find((x) => x.value === i.value),
            );
            ctx.onAction({
              type: 'checkboxes',
              actionId: el.action_id,
              blockId: blockId ?? 'b',
              selectedOptions: selected.map((x) => ({ value: x.value, text: x.text })),
            });
          },
        }),
        h(
          'span',
          {},
          o.text?.text ?? o.value,
          o.description ? h('span', { class: 'sk-option-description' }, ` ${o.description.text}`) : null,
        ),
      ),
    ),
  );
  return group;
}

function accessory(el, ctx, blockId) {
  if (el?.type === 'button') return button(el, ctx, blockId);
  if (el?.type === 'checkboxes') return checkboxes(el, ctx, blockId);
  return null;
}

function block(b, ctx) {
  const names = ctx.names;
  switch (b.type) {
    case 'header':
      return h('div', { class: 'sk-header' }, b.text?.text ?? '');
    case 'divider':
      return h('hr', { class: 'sk-divider' });
    case 'context':
      return h(
        'div',
        { class: 'sk-context' },
        (b.elements ?? []).map((e) => h('span', {}, textOf(e, names))),
      );
    case 'section':
      return h(
        'div',
        { class: 'sk-section' },
        h(
          'div',
          { class: 'sk-section-body' },
          b.text ? h('div', { class: 'sk-text' }, textOf(b.text, names)) : null,
          b.fields
            ? h(
                'div',
                { class: 'sk-fields' },
                b.fields.map((f) => h('div', { class: 'sk-field' }, textOf(f, names))),
              )
            : null,
        ),
        accessory(b.accessory, ctx, b.block_id),
      );
    case 'actions':
      return h(
        'div',
        { class: 'sk-actions' },
        (b.elements ?? []).map((e) => accessory(e, ctx, b.block_id)),
      );
    case 'input':
      return input(b, ctx);
    default:
      return h('div', { class: 'sk-unknown' }, `[${b.type} block]`);
  }
}

/** Renders message or view blocks. `ctx.onAction({actionId, blockId, value})` receives button clicks. */
export function renderBlocks(blocks, ctx) {
  return h(
    'div',
    { class: 'sk-blocks' },
    (blocks ?? []).map((b) => block(b, ctx)),
  );
}

const toLocalInput = (unix) => {
  const d = new Date(unix * 1000);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

function control(el, id) {
  const name = el.action_id;
  switch (el.type) {
    case 'plain_text_input':
      return el.multiline
        ? h('textarea', {
            id,
            name,
            maxLength: el.max_length ?? 3000,
            rows: 3,
            value: el.initial_value ?? '',
          })
        : h('input', {
            id,
            name,
            type: 'text',
            maxLength: el.max_length ?? 3000,
            value: el.initial_value ?? '',
          });
    case 'number_input':
      return h('input', {
        id,
        name,
        type: 'number',
        min: el.min_value,
        step: el.is_decimal_allowed ? 'any' : '1',
        value: el.initial_value ?? '',
      });
    case 'datetimepicker':
      return h('input', {
        id,
        name,
        type: 'datetime-local',
        value: el.initial_date_time ? toLocalInput(el.initial_date_time) : '',
      });
    case 'static_select':
    case 'multi_static_select': {
      const multi = el.type === 'multi_static_select';
      const chosen = new Set(
        (multi ? (el.initial_options ?? []) : el.initial_option ? [el.initial_option] : []).map(
          (o) => o.value,
        ),
      );
      return h(
        'select',
        { id, name, multiple: multi, size: multi ? Math.min(5, el.options?.length ?? 1) : undefined },
        multi ? null : h('option', { value: '' }, el.placeholder?.text ?? 'Choose…'),
        (el.options ?? []).map((o) =>
          h('option', { value: o.value, selected: chosen.has(o.value) }, o.text?.text ?? o.value),
        ),
      );
    }
    case 'radio_buttons':
      return h(
        'div',
        { class: 'sk-radios', id },
        (el.options ?? []).map((o) =>
          h(
            'label',
            {},
            h('input', {
              type: 'radio',
              name: `${id}-${name}`,
              value: o.value,
              checked: el.initial_option?.value === o.value,
            }),
            o.text?.text ?? o.value,
          ),
        ),
      );
    default:
      return h('div', {}, `[${el.type}]`);
  }
}

function input(b, ctx) {
  const id = `sk-${ctx.viewId ?? 'v'}-${b.block_id}`;
  const error = ctx.errors?.[b.block_id];
  return h(
    'div',
    {
      class: `sk-input${error ? ' has-error' : ''}`,
      dataset: { blockId: b.block_id, elementType: b.element?.type },
    },
    h(
      'label',
      { for: id },
      b.label?.text ?? '',
      b.optional ? h('span', { class: 'optional' }, ' (optional)') : null,
    ),
    control(b.element ?? {}, id),
    b.hint ? h('div', { class: 'sk-hint' }, b.hint.text) : null,
    error ? h('div', { class: 'sk-error', role: 'alert' }, error) : null,
  );
}

/** Reads the inputs of a rendered view as Slack's `view.state.values` ({ block_id: { action_id: value } }). */
export function readValues(root, blocks) {
  const values = {};
  for (const b of blocks ?? []) {
    if (b.type !== 'input' || !b.element) continue;
    const el = b.element;
    const wrap = root.querySelector(`[data-block-id="${CSS.escape(b.block_id)}"]`);
    if (!wrap) continue;
    const field = wrap.querySelector('input, textarea, select');
    const label = (value) =>
      el.options?.find((o) => o.value === value)?.text ?? { type: 'plain_text', text: value };
    let state;
    switch (el.type) {
      case 'static_select': {
        const v = field?.value ?? '';
        state = { type: el.type, selected_option: v ? { value: v, text: label(v) } : null };
        break;
      }
      case 'multi_static_select':
        state = {
          type: el.type,
          selected_options: [...(field?.selectedOptions ?? [])].map((o) => ({
            value: o.value,
            text: label(o.value),
          })),
        };
        break;
      case 'radio_buttons': {
        const v = wrap.querySelector('input[type=radio]:checked')?.value ?? '';
        state = { type: el.type, selected_option: v ? { value: v, text: label(v) } : null };
        break;
      }
      case 'datetimepicker': {
        const t = field?.value ? new Date(field.value).getTime() : Number.NaN;
        state = { type: el.type, selected_date_time: Number.isNaN(t) ? null : Math.floor(t / 1000) };
        break;
      }
      default:
        state = { type: el.type, value: field?.value === '' ? null : (field?.value ?? null) };
    }
    values[b.block_id] = { [el.action_id]: state };
  }
  return values;
}
