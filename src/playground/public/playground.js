// The playground page: who you act as, the clock, and the two panes, redrawn from the server's state
// whenever it changes (server-sent events), so a vote on one side shows on the other at once.
import { api, h, showStatus } from './dom.js';
import { renderSlackPane } from './slack-pane.js';
import { renderTeamsPane } from './teams-pane.js';

let state = null;
let meKey = new URLSearchParams(location.search).get('as') ?? 'rita';

const nameOfSlack = (id) => state?.cast.find((m) => m.slackId === id)?.name ?? null;
const nameOfTeams = (id) => state?.cast.find((m) => m.teams?.id === id)?.name ?? null;
const personalChatOf = (teamsId) => `a:pg-chat-${teamsId.replace(/^29:/, '')}`;

function context() {
  const me = state.cast.find((m) => m.key === meKey) ?? state.cast[0];
  return {
    me,
    state,
    channels: state.channels,
    nameOf: nameOfSlack,
    nameOfTeams,
    personalChatOf,
    status: (text) => showStatus(text),
    rerender: render,
  };
}

function renderHeader(ctx) {
  const picker = document.getElementById('person');
  if (picker.options.length !== state.cast.length) {
    picker.replaceChildren(...state.cast.map((m) => h('option', { value: m.key }, `${m.name} — ${m.role}`)));
    picker.addEventListener('change', () => {
      meKey = picker.value;
      showStatus(`You are now ${context().me.name}.`);
      render();
    });
  }
  picker.value = ctx.me.key;
  document.getElementById('role').textContent =
    `Slack: ${ctx.me.slackId ?? '—'} · Teams: ${ctx.me.teams ? ctx.me.teams.id : '—'} · ${ctx.me.email}`;
  const now = new Date(state.now);
  const clock = document.getElementById('now');
  clock.dateTime = state.now;
  const ahead = state.offsetMs > 0 ? ` (${Math.round(state.offsetMs / 3_600_000)} h ahead)` : '';
  clock.textContent = `${now.toLocaleString()}${ahead}`;
}

function render() {
  if (!state) return;
  const ctx = context();
  renderHeader(ctx);
  renderSlackPane(document.getElementById('slack-pane'), ctx);
  renderTeamsPane(document.getElementById('teams-pane'), ctx);
  document.body.dataset.revision = String(state.revision);
}

let loading = null;
let again = false;
async function load() {
  if (loading) {
    again = true;
    return loading;
  }
  loading = (async () => {
    do {
      again = false;
      const res = await fetch('/api/state', { cache: 'no-store' });
      state = await res.json();
      render();
    } while (again);
  })().finally(() => {
    loading = null;
  });
  return loading;
}

for (const button of document.querySelectorAll('[data-hours]')) {
  button.addEventListener('click', async () => {
    const hours = Number(button.dataset.hours);
    showStatus(`Moving the clock ${hours} h forward; due reminders and expiries run now…`);
    const done = await api('clock/advance', { hours }).catch(() => null);
    if (done) showStatus(`The clock moved ${hours} h forward: ${done.jobsRun} job(s) ran.`);
  });
}

const events = new EventSource('/api/events');
events.onmessage = () => {
  load().catch((error) => showStatus(String(error), true));
};
window.addEventListener('load', () => {
  // The Adaptive Cards renderer loads with `defer`; draw again once it is there.
  render();
});
load().catch((error) => showStatus(String(error), true));
