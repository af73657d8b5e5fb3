/** The Object button on a card in its objection window (carries `{changeId, version}` like the vote buttons). */
export const OBJECT_ACTION = 'change.object';

/** The objection modal's callback_id; its private_metadata is the `{changeId, version}` objected to. */
export const OBJECT_VIEW = 'vote.object';
