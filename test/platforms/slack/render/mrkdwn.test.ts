import { describe, expect, it } from 'vitest';
import {
  cutEscaped,
  escapeMrkdwn,
  fitLines,
  fitMrkdwn,
  fitPlain,
  safeLink,
  slackDate,
  unescapeSlack,
} from '../../../../src/platforms/slack/render/mrkdwn.ts';

describe('mrkdwn escaping', () => {
  it('escapes the three characters Slack parses, so mentions and links show literally', () => {
    expect(escapeMrkdwn('<!channel> & <@U123> <http://x|y>')).toBe(
      '&lt;!channel&gt; &amp; &lt;@U123&gt; &lt;http://x|y&gt;',
    );
  });

  it('undoes Slack’s escaping for text copied into an input', () => {
    expect(unescapeSlack('a &lt;b&gt; &amp;lt;')).toBe('a <b> &lt;');
  });

  it('cuts escaped text without splitting an entity and says it cut', () => {
    expect(fitMrkdwn('ab&cd', 6)).toEqual({ text: 'ab…', cut: true });
    expect(fitMrkdwn('ab&cd', 8)).toEqual({ text: 'ab&amp;…', cut: true });
    expect(fitMrkdwn('ab&cd', 9)).toEqual({ text: 'ab&amp;cd', cut: false });
  });

  it('never splits a surrogate pair', () => {
    expect(fitPlain('ab😀cd', 4)).toBe('ab…');
    expect(fitMrkdwn('ab😀cd', 5)).toEqual({ text: 'ab😀…', cut: true });
  });

  it('cuts already-escaped text before a partial entity or date token', () => {
    expect(cutEscaped('x &amp; y', 5)).toBe('x …');
    expect(cutEscaped('at <!date^1^{time}|10:00> ok', 12)).toBe('at …');
  });
});

describe('Slack date tokens', () => {
  it('lets every reader see the time in their own zone, with the policy zone as fallback', () => {
    expect(slackDate(new Date('2026-03-06T09:00:00Z'), 'Europe/Berlin')).toBe(
      '<!date^1772787600^{date_short_pretty} {time}|6 Mar 2026, 10:00 CET>',
    );
  });
});

describe('links and lists', () => {
  it('links only plain https URLs and escapes anything else', () => {
    expect(safeLink('https://acme.slack.com/archives/C1/p1', 'the message')).toBe(
      '<https://acme.slack.com/archives/C1/p1|the message>',
    );
    expect(safeLink('javascript:alert(1)', 'x')).toBe('javascript:alert(1)');
    expect(safeLink('https://x.example/a|<!channel>', 'x')).toBe('https://x.example/a|&lt;!channel&gt;');
  });

  it('ends a list that does not fit with how many lines were left out', () => {
    const lines = ['aaaa', 'bbbb', 'cccc', 'dddd'];
    expect(fitLines(lines, 100)).toBe('aaaa\nbbbb\ncccc\ndddd');
    const cut = fitLines(lines, 25);
    expect(cut).toBe('aaaa\nbbbb\n…and 2 more');
    expect(cut.length).toBeLessThanOrEqual(25);
  });
});
