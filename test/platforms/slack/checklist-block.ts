const box = (i: number) => ({ value: String(i), text: { type: 'plain_text', text: `step ${i}` } });

/** A release card's checklist block drawn with `shown` ticked, as Slack carries it back in a click's payload. */
export const checklistBlock = (releaseId: number, shown: readonly number[]) => ({
  type: 'section',
  block_id: `release.checklist.${releaseId}`,
  text: { type: 'mrkdwn', text: '*Checklist*' },
  accessory: {
    type: 'checkboxes',
    action_id: 'release.checklist',
    options: [0, 1, 2, 3].map(box),
    ...(shown.length > 0 ? { initial_options: shown.map(box) } : {}),
  },
});
