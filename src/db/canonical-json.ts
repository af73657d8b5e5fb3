/**
 * Canonical JSON: like JSON.stringify, but object keys sorted (by UTF-16 code units, as RFC 8785 does) at every
 * depth and no whitespace, so the same content always gives the same bytes and the same audit hash. A verifier
 * in another language can reproduce it (e.g. Python `json.dumps(v, sort_keys=True, separators=(',', ':'),
 * ensure_ascii=False)` for ASCII keys). JSON.stringify alone keeps insertion order, and JS objects put
 * integer-like keys first regardless, hence this hand-written walk.
 */
export function canonicalJson(value: unknown): string {
  const text = serialise(value, '', new Set());
  if (text === undefined) throw new TypeError('canonicalJson: value has no JSON representation');
  return text;
}

function serialise(input: unknown, key: string, ancestors: Set<object>): string | undefined {
  let value = input;
  if (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
  ) {
    value = (value as { toJSON: (key: string) => unknown }).toJSON(key);
  }
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'bigint':
      throw new TypeError('canonicalJson: BigInt is not serialisable');
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
  }
  if (value === null) return 'null';
  const object = value as object;
  if (ancestors.has(object)) throw new TypeError('canonicalJson: circular structure');
  ancestors.add(object);
  try {
    if (Array.isArray(object)) {
      return `[${object.map((item, i) => serialise(item, String(i), ancestors) ?? 'null').join(',')}]`;
    }
    const record = object as Record<string, unknown>;
    const members: string[] = [];
    for (const k of Object.keys(record).sort()) {
      const member = serialise(record[k], k, ancestors);
      if (member !== undefined) members.push(`${JSON.stringify(k)}:${member}`);
    }
    return `{${members.join(',')}}`;
  } finally {
    ancestors.delete(object);
  }
}
