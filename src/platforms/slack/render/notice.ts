import type { Notice } from '../../../app/jobs/kinds.ts';
import { ACTION, answerActionId, encodeRef } from '../ids.ts';
import { actions, type Button, button, section } from './blocks.ts';
import type { SlackMessage } from './card.ts';
import { LIMITS } from './limits.ts';
import { fitMrkdwn } from './mrkdwn.ts';

/** A direct message about a change; a question comes with an Answer button so the requester replies from here. */
export function renderNotice(notice: Notice): SlackMessage {
  const headline = fitMrkdwn(notice.headline, 500).text;
  const body = notice.body ? fitMrkdwn(notice.body, LIMITS.sectionText - headline.length - 10) : null;
  const text = body ? `*${headline}*\n>${body.text.replace(/\n/g, '\n>')}` : `*${headline}*`;
  const buttons: Button[] = [];
  if (notice.questionId !== null) {
    buttons.push(
      button('Answer', answerActionId(notice.questionId), encodeRef({ questionId: notice.questionId }), {
        style: 'primary',
      }),
    );
  }
  buttons.push(button('Details', ACTION.details, encodeRef({ changeId: notice.changeId })));
  return { text: headline, blocks: [section(text), actions(buttons)] };
}

/** A reply in the card's thread: plain sentences that may quote user text, so all of it is escaped. */
export function renderThreadReply(text: string): { text: string } {
  return { text: fitMrkdwn(text, LIMITS.fallbackText).text };
}
