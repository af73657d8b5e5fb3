/** Every mrkdwn text in a message or view (where user text must be escaped). */
export function mrkdwnTexts(node: unknown): string[] {
  const out: string[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (o.type === 'mrkdwn' && typeof o.text === 'string') out.push(o.text);
      Object.values(o).forEach(walk);
    }
  };
  walk(node);
  return out;
}

/** The action ids of every button in a message or view, in order. */
export function buttonIds(blocks: unknown): string[] {
  return ((blocks ?? []) as { type: string; elements?: { action_id?: string }[] }[])
    .filter((b) => b.type === 'actions')
    .flatMap((b) => (b.elements ?? []).flatMap((e) => (e.action_id ? [e.action_id] : [])));
}
