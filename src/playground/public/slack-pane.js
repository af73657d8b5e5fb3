// The Slack-like pane: the CAB channels with their threads, the person's direct messages with the bot, App
// Home, the /change composer and modals. It shows only what Changeboard posted through Slack's Web API.
import { mrkdwn, readValues, renderBlocks } from './block-kit.js';
import { api, h, hashOf, keyed } from './dom.js';

const ui = { view: { kind: 'channel', id: null }, hidden: new Set(), built: null };

const when = (ts) =>
  new Date(Number(ts) * 1000).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

function skeleton(container) {
  const sidebar = h('nav', { class: 'sk-sidebar', 'aria-label': 'Slack sidebar' });
  const title = h('div', { class: 'sk-channel-title', 'data-testid': 'slack-title' });
  const messages = h('div', { class: 'sk-messages', 'data-testid': 'slack-messages' });
  const composerInput = h('input', {
    type: 'text',
    'data-testid': 'slack-composer',
    placeholder: 'Type /change new, /release list, /change help…',
    'aria-label': 'Slack message',
  });
  const composer = h(
    'form',
    { class: 'sk-composer' },
    composerInput,
    h('button', { type: 'submit' }, 'Send'),
  );
  const modalLayer = h('div', { class: 'sk-modal-layer', 'data-testid': 'slack-modal-layer' });
  const main = h('div', { class: 'sk-main' }, title, messages, composer);
  container.replaceChildren(
    h(
      'div',
      { class: 'pane-title' },
      h('span', { class: 'logo slack-logo' }, '#'),
      'Slack · Acme (playground)',
    ),
    h('div', { class: 'sk-app' }, sidebar, main),
    modalLayer,
  );
  ui.built = { container, sidebar, title, messages, composer, composerInput, modalLayer };
  return ui.built;
}

function channelName(id, channels) {
  if (id === channels.slack.cab) return 'cab-approvals';
  if (id === channels.slack.ecab) return 'emergency-cab';
  if (id === channels.slack.releases) return 'releases';
  return id;
}

function messageEl(m, ctx) {
  const author = m.user ? (ctx.nameOf(m.user) ?? m.user) : 'Changeboard';
  const body = m.blocks?.length
    ? renderBlocks(m.blocks, {
        names: ctx.nameOf,
        onAction: (a) =>
          api('slack/action', { as: ctx.me.key, channel: m.channel, ts: m.ts, ...a }).catch(() => {}),
      })
    : h('div', { class: 'sk-text' }, mrkdwn(m.text, ctx.nameOf));
  return h(
    'article',
    { class: 'sk-message', 'data-testid': 'slack-message', dataset: { ts: m.ts } },
    h('div', { class: 'avatar' }, author.slice(0, 1)),
    h(
      'div',
      { class: 'sk-message-body' },
      h(
        'div',
        { class: 'sk-meta' },
        h('strong', {}, author),
        m.user ? null : h('span', { class: 'app-tag' }, 'APP'),
        h('span', { class: 'time' }, when(m.ts)),
        m.edits > 0 ? h('span', { class: 'edited' }, '(edited)') : null,
      ),
      body,
    ),
  );
}

function ephemeralEl(e, ctx) {
  return h(
    'article',
    { class: 'sk-message ephemeral', 'data-testid': 'slack-ephemeral' },
    h('div', { class: 'avatar' }, 'C'),
    h(
      'div',
      { class: 'sk-message-body' },
      h(
        'div',
        { class: 'sk-meta' },
        h('strong', {}, 'Changeboard'),
        h('span', { class: 'app-tag' }, 'APP'),
        h('span', { class: 'only-you' }, 'Only visible to you'),
        h(
          'button',
          {
            type: 'button',
            class: 'link',
            onclick: () => {
              ui.hidden.add(e.id);
              ctx.rerender();
            },
          },
          'Dismiss',
        ),
      ),
      e.blocks?.length
        ? renderBlocks(e.blocks, {
            names: ctx.nameOf,
            // Buttons in a private reply work as in Slack (e.g. on a release card shown by /release show).
            onAction: (a) =>
              api('slack/action', { as: ctx.me.key, channel: e.channel, ephemeral: true, ...a }).catch(
                () => {},
              ),
          })
        : h('div', { class: 'sk-text' }, mrkdwn(e.text, ctx.nameOf)),
    ),
  );
}

function sidebar(b, ctx) {
  const item = (label, view, testid, badge) =>
    h(
      'button',
      {
        type: 'button',
        class: `sk-nav${ui.view.kind === view.kind && ui.view.id === view.id ? ' active' : ''}`,
        'data-testid': testid,
        onclick: () => {
          ui.view = view;
          if (view.kind === 'home') api('slack/home', { as: ctx.me.key }).catch(() => {});
          ctx.rerender();
        },
      },
      label,
      badge ? h('span', { class: 'badge' }, badge) : null,
    );
  const { slack } = ctx.channels;
  const dmCount = ctx.state.slack.messages.filter((m) => m.channel === `D${ctx.me.slackId}`).length;
  b.sidebar.replaceChildren(
    h('div', { class: 'sk-section-title' }, 'Channels'),
    item('# cab-approvals', { kind: 'channel', id: slack.cab }, 'slack-channel-cab'),
    item('# emergency-cab', { kind: 'channel', id: slack.ecab }, 'slack-channel-ecab'),
    item('# releases', { kind: 'channel', id: slack.releases }, 'slack-channel-releases'),
    h('div', { class: 'sk-section-title' }, 'Apps'),
    item('Changeboard · Home', { kind: 'home', id: null }, 'slack-home-tab'),
    item('Changeboard · Messages', { kind: 'dm', id: null }, 'slack-dm-tab', dmCount || null),
  );
}

function renderModal(b, ctx) {
  const stack = ctx.state.slack.modals[ctx.me.slackId] ?? [];
  const top = stack.at(-1);
  if (!top) {
    b.modalLayer.replaceChildren();
    return;
  }
  const key = `${top.id}:${hashOf(top.view)}:${hashOf(top.errors)}`;
  if (b.modalLayer.dataset.key === key) return;
  b.modalLayer.dataset.key = key;
  const view = top.view;
  const bodyEl = renderBlocks(view.blocks, {
    names: ctx.nameOf,
    viewId: top.id,
    errors: top.errors,
    onAction: (a) => api('slack/action', { as: ctx.me.key, viewId: top.id, ...a }).catch(() => {}),
  });
  const close = () => api('slack/close', { as: ctx.me.key, viewId: top.id }).catch(() => {});
  const submit = async (event) => {
    event.preventDefault();
    const values = readValues(bodyEl, view.blocks);
    await api('slack/submit', { as: ctx.me.key, viewId: top.id, values }).catch(() => {});
  };
  b.modalLayer.replaceChildren(
    h(
      'form',
      {
        class: 'sk-modal',
        role: 'dialog',
        'aria-label': view.title?.text ?? 'Form',
        'data-testid': 'slack-modal',
        onsubmit: submit,
      },
      h('div', { class: 'sk-modal-title' }, view.title?.text ?? ''),
      h('div', { class: 'sk-modal-body' }, bodyEl),
      h(
        'div',
        { class: 'sk-modal-footer' },
        h('button', { type: 'button', onclick: close }, view.close?.text ?? 'Close'),
        view.submit
          ? h(
              'button',
              { type: 'submit', class: 'primary', 'data-testid': 'slack-modal-submit' },
              view.submit.text,
            )
          : null,
      ),
    ),
  );
}

/** Renders the pane for `ctx.me` from the playground state. */
export function renderSlackPane(container, ctx) {
  const b = ui.built?.container === container ? ui.built : skeleton(container);
  b.composer.onsubmit = async (event) => {
    event.preventDefault();
    const text = b.composerInput.value.trim();
    const match = /^(\/[\w-]+)\s*(.*)$/s.exec(text);
    const known = ctx.state.slashCommands.map((c) => c.command);
    if (!match || !known.includes(match[1])) {
      ctx.status(`Changeboard listens to ${known.join(', ')} here, e.g. /change new`);
      return;
    }
    const channel = ui.view.kind === 'channel' ? ui.view.id : `D${ctx.me.slackId}`;
    b.composerInput.value = '';
    await api('slack/command', { as: ctx.me.key, channel, command: match[1], text: match[2] }).catch(
      () => {},
    );
  };
  if (!ctx.me.slackId) {
    b.sidebar.replaceChildren();
    b.title.textContent = `${ctx.me.name} is not on Slack in this demo`;
    b.messages.replaceChildren(h('p', { class: 'empty' }, 'Pick someone else, or use the Teams pane.'));
    b.modalLayer.replaceChildren();
    delete b.modalLayer.dataset.key;
    b.composerInput.disabled = true;
    return;
  }
  b.composerInput.disabled = false;
  if (ui.view.kind === 'channel' && !ui.view.id) ui.view = { kind: 'channel', id: ctx.channels.slack.cab };
  sidebar(b, ctx);
  const me = ctx.me.slackId;
  const { messages, ephemerals, homes } = ctx.state.slack;
  if (ui.view.kind === 'home') {
    b.title.textContent = 'Changeboard · Home';
    const home = homes[me];
    keyed(b.messages, [
      {
        key: `home:${me}:${hashOf(home ?? null)}`,
        build: () =>
          home
            ? h(
                'div',
                { class: 'sk-home', 'data-testid': 'slack-home' },
                renderBlocks(home.blocks, {
                  names: ctx.nameOf,
                  onAction: (a) => api('slack/action', { as: ctx.me.key, home: true, ...a }).catch(() => {}),
                }),
              )
            : h('p', { class: 'empty' }, 'Opening App Home…'),
      },
    ]);
  } else {
    const channel = ui.view.kind === 'channel' ? ui.view.id : `D${me}`;
    b.title.textContent =
      ui.view.kind === 'channel'
        ? `# ${channelName(channel, ctx.channels)}`
        : 'Changeboard (direct messages)';
    const here = messages.filter((m) => m.channel === channel);
    const roots = here.filter((m) => !m.threadTs);
    const items = roots.map((m) => {
      const replies = here.filter((r) => r.threadTs === m.ts);
      return {
        key: `${me}:${m.channel}:${m.ts}:${m.edits}:${replies.length}`,
        build: () =>
          h(
            'div',
            { class: 'sk-thread' },
            messageEl(m, ctx),
            replies.length
              ? h(
                  'div',
                  { class: 'sk-replies', 'data-testid': 'slack-thread' },
                  h(
                    'div',
                    { class: 'sk-replies-count' },
                    `${replies.length} ${replies.length === 1 ? 'reply' : 'replies'}`,
                  ),
                  replies.map((r) => messageEl(r, ctx)),
                )
              : null,
          ),
      };
    });
    for (const e of ephemerals) {
      if (e.user !== me || e.channel !== channel || ui.hidden.has(e.id)) continue;
      items.push({ key: `eph:${e.id}`, build: () => ephemeralEl(e, ctx) });
    }
    if (items.length === 0)
      items.push({ key: `empty:${channel}`, build: () => h('p', { class: 'empty' }, 'Nothing here yet.') });
    keyed(b.messages, items);
  }
  renderModal(b, ctx);
}

/** Lets the page (and the browser test) switch the pane to a view. */
export function showSlack(view) {
  ui.view = view;
}
