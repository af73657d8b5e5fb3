// The Teams-like pane: the CAB channels (threads of cards) and the person's chat with the bot. Cards are
// rendered by Microsoft's Adaptive Cards renderer; Action.Execute becomes an `adaptiveCard/action` invoke,
// and a card whose `refresh.userIds` names the viewer is refreshed for them, as the Teams client does.
import { api, h, hashOf, keyed } from './dom.js';

const ui = { view: { kind: 'channel', id: null }, built: null, refreshed: new Set(), dismissed: new Set() };

const escapeHtml = (s) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The small Markdown subset Teams renders in TextBlocks: **bold**, _italic_, [links](https://…), line breaks. */
function markdown(text) {
  return escapeHtml(text)
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[\s(])_([^_]+)_(?=$|[\s).,])/g, '$1<em>$2</em>')
    .replace(/\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g, '<a href="$2" target="_blank" rel="noreferrer">$1</a>')
    .replace(/\n/g, '<br>');
}

let configured = false;
function adaptiveCards() {
  const AC = window.AdaptiveCards;
  if (!AC) return null;
  if (!configured) {
    AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
      result.outputHtml = markdown(text);
      result.didProcess = true;
    };
    configured = true;
  }
  return AC;
}

const hostConfig = {
  fontFamily: "'Segoe UI', system-ui, -apple-system, sans-serif",
  supportsInteractivity: true,
  spacing: { small: 4, default: 8, medium: 16, large: 20, extraLarge: 24, padding: 12 },
  containerStyles: {
    default: {
      backgroundColor: '#FFFFFF',
      foregroundColors: {
        default: { default: '#242424', subtle: '#616161' },
        accent: { default: '#5B5FC7' },
        good: { default: '#0E7A0B' },
        attention: { default: '#C4314B' },
        warning: { default: '#835B00' },
      },
    },
    emphasis: {
      backgroundColor: '#F5F5F5',
      foregroundColors: { default: { default: '#242424', subtle: '#616161' } },
    },
  },
  actions: {
    maxActions: 6,
    buttonSpacing: 8,
    actionsOrientation: 'horizontal',
    actionAlignment: 'left',
    showCard: { actionMode: 'inline', inlineTopMargin: 8 },
  },
};

// Emoji a fresh machine may have no glyph for (no colour-emoji font), as symbols every system font has.
const SYMBOLS = { '⏳': '◷' };
const withSymbols = (value) => {
  if (typeof value === 'string') return value.replace(/⏳/gu, (c) => SYMBOLS[c]);
  if (Array.isArray(value)) return value.map(withSymbols);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withSymbols(v)]));
  return value;
};

function renderCard(json, onExecute) {
  const AC = adaptiveCards();
  if (!AC) return h('div', { class: 'tm-card' }, 'Loading the Adaptive Cards renderer…');
  const card = new AC.AdaptiveCard();
  card.hostConfig = new AC.HostConfig(hostConfig);
  card.onExecuteAction = (action) => {
    const type = action.getJsonTypeName();
    if (type === 'Action.Execute' || type === 'Action.Submit') {
      onExecute({ verb: action.verb ?? '', data: action.data ?? {} });
    } else if (type === 'Action.OpenUrl' && /^https?:/.test(action.url ?? '')) {
      window.open(action.url, '_blank', 'noopener');
    }
  };
  try {
    card.parse(withSymbols(json));
    const el = card.render();
    return h('div', { class: 'tm-card', 'data-testid': 'teams-card' }, el ?? 'This card could not be shown.');
  } catch (error) {
    return h('div', { class: 'tm-card error' }, `This card could not be shown: ${error.message}`);
  }
}

function skeleton(container) {
  const sidebar = h('nav', { class: 'tm-sidebar', 'aria-label': 'Teams sidebar' });
  const title = h('div', { class: 'tm-title', 'data-testid': 'teams-title' });
  const notes = h('div', { class: 'tm-notes' });
  const messages = h('div', { class: 'tm-messages', 'data-testid': 'teams-messages' });
  const composerInput = h('input', {
    type: 'text',
    'data-testid': 'teams-composer',
    placeholder: 'Type a command: new, list, release list, help…',
    'aria-label': 'Teams message',
  });
  const composer = h(
    'form',
    { class: 'tm-composer' },
    composerInput,
    h('button', { type: 'submit' }, 'Send'),
  );
  container.replaceChildren(
    h(
      'div',
      { class: 'pane-title' },
      h('span', { class: 'logo teams-logo' }, 'T'),
      'Microsoft Teams · IT Operations (playground)',
    ),
    h('div', { class: 'tm-app' }, sidebar, h('div', { class: 'tm-main' }, title, notes, messages, composer)),
  );
  ui.built = { container, sidebar, title, notes, messages, composer, composerInput };
  return ui.built;
}

function sidebarEl(b, ctx) {
  const { teams } = ctx.channels;
  const item = (label, view, testid) =>
    h(
      'button',
      {
        type: 'button',
        class: `tm-nav${ui.view.kind === view.kind && ui.view.id === view.id ? ' active' : ''}`,
        'data-testid': testid,
        onclick: () => {
          ui.view = view;
          ctx.rerender();
        },
      },
      label,
    );
  b.sidebar.replaceChildren(
    h('div', { class: 'tm-section-title' }, 'IT Operations'),
    item('CAB approvals', { kind: 'channel', id: teams.cab }, 'teams-channel-cab'),
    item('Emergency CAB', { kind: 'channel', id: teams.ecab }, 'teams-channel-ecab'),
    item('Releases', { kind: 'channel', id: teams.releases }, 'teams-channel-releases'),
    h('div', { class: 'tm-section-title' }, 'Chat'),
    item('Changeboard', { kind: 'chat', id: null }, 'teams-chat-tab'),
  );
}

/** The card this person sees: their own view (after a click or a refresh) while it is current, else the shared one. */
function cardFor(m, ctx) {
  const own = ctx.state.teams.personal[`${m.conversation}|${m.id}|${ctx.me.teams.id}`];
  return own && own.basedOn === m.revision ? own.card : m.card;
}

/** Teams asks the bot for a personal view when the card's refresh names the viewer (or names nobody). */
function maybeRefresh(m, shown, ctx) {
  const refresh = m.card?.refresh;
  if (!refresh?.action || shown !== m.card) return;
  const ids = refresh.userIds;
  if (Array.isArray(ids) && !ids.includes(ctx.me.teams.id)) return;
  const key = `${m.conversation}|${m.id}|${m.revision}|${ctx.me.teams.id}`;
  if (ui.refreshed.has(key)) return;
  ui.refreshed.add(key);
  api('teams/invoke', {
    as: ctx.me.key,
    conversation: m.conversation,
    messageId: m.id,
    verb: refresh.action.verb ?? 'refresh',
    data: refresh.action.data ?? {},
    trigger: 'automatic',
  }).catch(() => {});
}

function messageEl(m, ctx) {
  const author = m.from ? (ctx.nameOfTeams(m.from) ?? m.from) : 'Changeboard';
  const shown = cardFor(m, ctx);
  maybeRefresh(m, shown, ctx);
  const onExecute = (action) =>
    api('teams/invoke', {
      as: ctx.me.key,
      conversation: m.conversation,
      messageId: m.id,
      ...action,
      trigger: 'manual',
    }).catch(() => {});
  return h(
    'article',
    { class: `tm-message${m.from ? ' mine' : ''}`, 'data-testid': 'teams-message', dataset: { id: m.id } },
    h('div', { class: 'avatar' }, author.slice(0, 1)),
    h(
      'div',
      { class: 'tm-message-body' },
      h(
        'div',
        { class: 'tm-meta' },
        h('strong', {}, author),
        m.from ? null : h('span', { class: 'app-tag' }, 'Bot'),
        m.revision > 0 ? h('span', { class: 'edited' }, 'Edited') : null,
      ),
      m.text ? h('div', { class: 'tm-text' }, m.text) : null,
      shown ? renderCard(shown, onExecute) : null,
    ),
  );
}

const messageKey = (m, ctx) =>
  `${ctx.me.key}:${m.conversation}:${m.id}:${m.revision}:${hashOf(cardFor(m, ctx))}`;

/** Renders the pane for `ctx.me` from the playground state. */
export function renderTeamsPane(container, ctx) {
  const b = ui.built?.container === container ? ui.built : skeleton(container);
  b.composer.onsubmit = async (event) => {
    event.preventDefault();
    const text = b.composerInput.value.trim();
    if (!text) return;
    b.composerInput.value = '';
    const where = ui.view.kind === 'channel' ? { channel: ui.view.id } : {};
    await api('teams/message', { as: ctx.me.key, text, ...where }).catch(() => {});
  };
  if (!ctx.me.teams) {
    b.sidebar.replaceChildren();
    b.title.textContent = `${ctx.me.name} is not on Teams in this demo`;
    b.notes.replaceChildren();
    b.messages.replaceChildren(h('p', { class: 'empty' }, 'Pick someone else, or use the Slack pane.'));
    b.composerInput.disabled = true;
    return;
  }
  b.composerInput.disabled = false;
  if (ui.view.kind === 'channel' && !ui.view.id) ui.view = { kind: 'channel', id: ctx.channels.teams.cab };
  sidebarEl(b, ctx);
  const mine = ctx.me.teams.id;
  b.notes.replaceChildren(
    ...ctx.state.teams.notes
      .filter((n) => n.user === mine && !ui.dismissed.has(n.id))
      .map((n) =>
        h(
          'div',
          { class: 'tm-note', role: 'status', 'data-testid': 'teams-note' },
          n.text,
          h(
            'button',
            {
              type: 'button',
              class: 'link',
              onclick: () => {
                ui.dismissed.add(n.id);
                ctx.rerender();
              },
            },
            'Dismiss',
          ),
        ),
      ),
  );
  const { messages } = ctx.state.teams;
  let items;
  if (ui.view.kind === 'channel') {
    const channel = ui.view.id;
    const titles = {
      [ctx.channels.teams.cab]: 'CAB approvals',
      [ctx.channels.teams.ecab]: 'Emergency CAB',
      [ctx.channels.teams.releases]: 'Releases',
    };
    b.title.textContent = titles[channel] ?? channel;
    const here = messages.filter((m) => m.conversation === channel);
    items = here
      .filter((m) => !m.replyTo)
      .map((root) => {
        const replies = here.filter((r) => r.replyTo === root.id);
        return {
          key: [root, ...replies].map((m) => messageKey(m, ctx)).join('/'),
          build: () =>
            h(
              'div',
              { class: 'tm-thread' },
              messageEl(root, ctx),
              replies.length
                ? h(
                    'div',
                    { class: 'tm-replies', 'data-testid': 'teams-thread' },
                    replies.map((r) => messageEl(r, ctx)),
                  )
                : null,
            ),
        };
      });
  } else {
    const chat = ctx.personalChatOf(mine);
    b.title.textContent = 'Chat with Changeboard';
    items = messages
      .filter((m) => m.conversation === chat)
      .map((m) => ({ key: messageKey(m, ctx), build: () => messageEl(m, ctx) }));
  }
  if (items.length === 0)
    items.push({ key: 'empty', build: () => h('p', { class: 'empty' }, 'Nothing here yet.') });
  // Refreshes must be asked for again when a card is shown anew, even if its element is reused.
  for (const m of messages)
    if (m.card?.refresh && m.conversation === (ui.view.id ?? ctx.personalChatOf(mine)))
      maybeRefresh(m, cardFor(m, ctx), ctx);
  keyed(b.messages, items);
}

export function showTeams(view) {
  ui.view = view;
}
