/** A small seeded generator (mulberry32): the same seed gives the same fuzz cases, so a failure replays. */
export function seeded(seed: number) {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (max: number) => Math.floor(next() * max);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const SPECIAL = [
    '<!channel>',
    '<!here>',
    '<@U123>',
    '&amp;',
    '\u0000',
    '\u202e',
    '🙂',
    '"',
    "'",
    '\\',
    '{',
    '}',
    '%',
    '\n',
  ];
  // Any character a client can send; UTF-8 carries no lone surrogates, so none from D800–DFFF.
  const wideChar = (): string => {
    const code = int(0xffff - 0x800);
    return String.fromCharCode(code >= 0xd800 ? code + 0x800 : code);
  };
  const text = (max = 60): string => {
    const length = int(max);
    let out = '';
    for (let i = 0; i < length; i++) {
      const r = next();
      out += r < 0.15 ? pick(SPECIAL) : r < 0.2 ? wideChar() : String.fromCharCode(32 + int(95));
    }
    return out;
  };
  /** Something a forged or broken client could send where a value is expected. */
  const junk = (depth = 0): unknown => {
    switch (int(depth > 1 ? 7 : 9)) {
      case 0:
        return text(40);
      case 1:
        return pick([0, -1, 1.5, 2 ** 53, Number.MAX_SAFE_INTEGER + 2, 1e308, -0]);
      case 2:
        return pick([null, true, false]);
      case 3:
        return 'x'.repeat(int(5000));
      case 4:
        return pick(['CHG-0', 'CHG-999999', 'CHG-1.5', 'chg-', '1; DROP TABLE changes', '../../etc']);
      case 5:
        return String(int(1e6) + 1_000);
      case 6:
        return '';
      case 7:
        return Array.from({ length: int(4) }, () => junk(depth + 1));
      default:
        return Object.fromEntries(Array.from({ length: int(4) }, () => [text(8), junk(depth + 1)]));
    }
  };
  return { next, int, pick, text, junk };
}
