import type { StepUpPrompt } from '../../../app/approval/step-up-prompt.ts';
import { type AdaptiveCard, type CardElement, card } from './adaptive-card.ts';
import { clip, labelled, localDateTime, systemText, userText } from './text.ts';

const PLAN_MAX = 3000;

/**
 * The step-up confirmation, returned to the approver in place of the card they clicked: the fingerprint
 * (window, services, plans) and a deliberate "Confirm approval" bound to the version and fingerprint shown.
 */
export function renderStepUpCard(prompt: StepUpPrompt): AdaptiveCard {
  const view = prompt.card;
  const plan = (label: string, text: string): CardElement[] =>
    text.trim() === ''
      ? []
      : [systemText(`**${label}**`), userText(clip(text, PLAN_MAX), { spacing: 'none' })];
  const body: CardElement[] = [
    {
      type: 'Container',
      style: 'warning',
      items: [
        systemText(`**Confirm your approval of ${view.key}**`),
        systemText(`It is ${view.riskLabel.toLowerCase()} risk: check what you approve, then confirm.`, {
          spacing: 'none',
        }),
      ],
    },
    userText(view.title, { weight: 'bolder', size: 'medium' }),
    {
      type: 'FactSet',
      facts: [
        { title: 'Window', value: `${localDateTime(view.windowStart)} – ${localDateTime(view.windowEnd)}` },
        { title: 'Services', value: view.services.join(', ') || '—' },
      ],
    },
    ...plan('Implementation plan', view.implementationPlan),
    ...plan('Backout plan', view.backoutPlan),
    ...plan('Test plan', view.testPlan),
    labelled('Version and fingerprint:', `${view.version} · ${prompt.fingerprint.slice(0, 12)}`),
  ];
  return card({
    body,
    actions: [
      {
        type: 'Action.Execute',
        title: `Confirm approval of ${view.key}`,
        verb: 'confirm_approve',
        style: 'positive',
        data: { changeId: view.changeId, version: view.version, fingerprint: prompt.fingerprint },
      },
      {
        type: 'Action.Execute',
        title: 'Back to the change',
        verb: 'refresh',
        data: { changeId: view.changeId, version: view.version },
      },
    ],
    msteams: { width: 'Full' },
    fallbackText: `Confirm your approval of ${view.key}`,
  });
}
