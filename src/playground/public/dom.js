// Small DOM helpers for the playground page. Everything is built with createElement and textContent, never
// from HTML strings, so nothing the app or a visitor typed can become markup.

/** h('div', { class: 'x', onclick: fn }, 'text', child) */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key in el && typeof value !== 'string') el[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** POSTs JSON to the playground's API; shows the error in the status line and rethrows it. */
export async function api(path, body) {
  const res = await fetch(`/api/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = await res.json().catch(() => ({ ok: false, error: `HTTP ${res.status}` }));
  if (!json.ok) {
    showStatus(json.error ?? 'something went wrong', true);
    throw new Error(json.error);
  }
  return json;
}

export function showStatus(text, isError = false) {
  const el = document.getElementById('status');
  if (!el) return;
  el.textContent = text;
  el.classList.toggle('error', isError);
}

/**
 * Replaces the children of `container` with the given keyed items, reusing the element already rendered for
 * a key: a form someone is typing into survives an update elsewhere on the page.
 */
export function keyed(container, items) {
  const old = new Map();
  for (const child of [...container.children]) if (child.dataset.key) old.set(child.dataset.key, child);
  const next = items.map(({ key, build }) => {
    const reused = old.get(key);
    if (reused) return reused;
    const el = build();
    el.dataset.key = key;
    return el;
  });
  const lastBefore = container.lastElementChild?.dataset.key;
  container.replaceChildren(...next);
  // Like a chat client: when something new arrives at the end, show it.
  if (items.length > 0 && items.at(-1).key !== lastBefore) container.scrollTop = container.scrollHeight;
}

/** A cheap stable key for JSON content. */
export function hashOf(value) {
  const text = JSON.stringify(value) ?? '';
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (Math.imul(31, hash) + text.charCodeAt(i)) | 0;
  return `${text.length}-${hash >>> 0}`;
}
