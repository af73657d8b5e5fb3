import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/db/canonical-json.ts';

describe('canonicalJson', () => {
  it('sorts object keys at every depth, including inside arrays', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[{"y":2,"z":1}]},"b":1}',
    );
  });

  it('sorts integer-like keys as strings, unlike JavaScript’s own key order', () => {
    expect(canonicalJson({ 2: 'two', 10: 'ten', a: 'a' })).toBe('{"10":"ten","2":"two","a":"a"}');
  });

  it('follows JSON.stringify for dates, undefined and non-finite numbers', () => {
    expect(canonicalJson({ at: new Date(0), gone: undefined, list: [undefined, Number.NaN] })).toBe(
      '{"at":"1970-01-01T00:00:00.000Z","list":[null,null]}',
    );
  });

  it('refuses a circular structure', () => {
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(() => canonicalJson(loop)).toThrow('circular');
  });
});
