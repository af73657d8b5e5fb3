import { type Document, isAlias, isMap, isScalar, isSeq, type LineCounter, type Node } from 'yaml';

export interface Position {
  readonly line: number;
  readonly column: number;
}

/**
 * Finds where a key path lives in a parsed document (YAML or JSON: JSON is YAML, so one parser serves both).
 * A path that goes deeper than the document (a missing key) stops at the nearest existing ancestor, which is
 * where the operator has to add it. `atKey` points at the last key itself instead of its value (unknown keys).
 */
export function locate(
  doc: Document,
  lineCounter: LineCounter,
  path: readonly PropertyKey[],
  atKey = false,
): Position {
  let node: Node | null = doc.contents;
  let offset = node?.range?.[0] ?? 0;
  for (const [index, key] of path.entries()) {
    if (isAlias(node)) node = (node.resolve(doc) as Node | undefined) ?? null;
    let next: Node | null | undefined;
    let keyOffset: number | undefined;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(key));
      if (pair === undefined) break;
      keyOffset = isScalar(pair.key) ? pair.key.range?.[0] : undefined;
      next = pair.value as Node | null;
    } else if (isSeq(node) && typeof key === 'number') {
      next = node.items[key] as Node | null | undefined;
    } else {
      break;
    }
    const last = index === path.length - 1;
    // A key with an empty value (`members:`) has no value node: the key is the place to point at.
    const target = atKey && last ? keyOffset : (next?.range?.[0] ?? keyOffset);
    if (target === undefined) break;
    offset = target;
    if (next === null || next === undefined) break;
    node = next;
  }
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}
