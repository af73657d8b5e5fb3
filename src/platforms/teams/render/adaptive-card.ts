/**
 * The slice of Adaptive Cards 1.5 this app produces, typed so a renderer cannot emit an unknown element.
 * Teams renders 1.5 on desktop, web and mobile; Action.Execute (Universal Actions) needs 1.4 or later.
 */

export const CARD_VERSION = '1.5';
export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
/** Teams refuses a message above about 28 KB; cards stay well under it (see the render tests). */
export const MAX_CARD_BYTES = 28 * 1024;
/** Teams shows a user-specific view to at most 60 users (`refresh.userIds`). */
export const MAX_REFRESH_USERS = 60;

type Spacing = 'none' | 'small' | 'default' | 'medium' | 'large';
type Color = 'default' | 'accent' | 'good' | 'warning' | 'attention';

interface ElementBase {
  readonly id?: string;
  readonly spacing?: Spacing;
  readonly separator?: boolean;
  readonly isVisible?: boolean;
}

export interface TextBlock extends ElementBase {
  readonly type: 'TextBlock';
  readonly text: string;
  readonly wrap?: boolean;
  readonly size?: 'small' | 'default' | 'medium' | 'large';
  readonly weight?: 'default' | 'bolder';
  readonly color?: Color;
  readonly isSubtle?: boolean;
  readonly style?: 'default' | 'heading';
}

/** A run of text shown as typed: unlike a TextBlock, Markdown in it is not interpreted (safe for user text). */
export interface TextRun {
  readonly type: 'TextRun';
  readonly text: string;
  readonly weight?: 'default' | 'bolder';
  readonly isSubtle?: boolean;
  readonly color?: Color;
  readonly italic?: boolean;
  readonly size?: 'small' | 'default' | 'medium' | 'large';
}

export interface RichTextBlock extends ElementBase {
  readonly type: 'RichTextBlock';
  readonly inlines: readonly TextRun[];
}

export interface FactSet extends ElementBase {
  readonly type: 'FactSet';
  readonly facts: readonly { readonly title: string; readonly value: string }[];
}

export interface Container extends ElementBase {
  readonly type: 'Container';
  readonly items: readonly CardElement[];
  readonly style?: 'default' | 'emphasis' | 'good' | 'attention' | 'warning' | 'accent';
}

export interface ActionSet extends ElementBase {
  readonly type: 'ActionSet';
  readonly actions: readonly CardAction[];
}

interface InputBase extends ElementBase {
  readonly id: string;
  readonly label?: string;
  readonly isRequired?: boolean;
  readonly errorMessage?: string;
}

export interface InputText extends InputBase {
  readonly type: 'Input.Text';
  readonly value?: string;
  readonly placeholder?: string;
  readonly isMultiline?: boolean;
  readonly maxLength?: number;
}

export interface InputChoiceSet extends InputBase {
  readonly type: 'Input.ChoiceSet';
  readonly choices: readonly { readonly title: string; readonly value: string }[];
  readonly value?: string;
  readonly style?: 'compact' | 'expanded' | 'filtered';
  readonly isMultiSelect?: boolean;
  readonly placeholder?: string;
}

export interface InputDate extends InputBase {
  readonly type: 'Input.Date';
  readonly value?: string;
}

export interface InputTime extends InputBase {
  readonly type: 'Input.Time';
  readonly value?: string;
}

export interface InputNumber extends InputBase {
  readonly type: 'Input.Number';
  readonly value?: number;
  readonly min?: number;
}

/** A picture from a URL the client can fetch, or a `data:` URI (the metrics chart). */
export interface Image extends ElementBase {
  readonly type: 'Image';
  readonly url: string;
  readonly altText: string;
  readonly size?: 'auto' | 'stretch' | 'small' | 'medium' | 'large';
}

export type CardInput = InputText | InputChoiceSet | InputDate | InputTime | InputNumber;
export type CardElement = TextBlock | RichTextBlock | FactSet | Container | ActionSet | CardInput | Image;

/** Verbs the bot answers; each arrives as an `adaptiveCard/action` invoke. */
export const VERBS = [
  'approve',
  'reject',
  'request_info',
  'refresh',
  'start',
  'complete',
  'review',
  'cancel',
  'answer',
  'submit_change',
  'submit_edit',
  // The deployment gate's unregistered-deployment alert.
  'register_unregistered',
  'ack_unregistered',
  /** The step-up confirmation of an approval (high risk), carrying the fingerprint the approver saw. */
  'confirm_approve',
  /** An objection (with a reason) to a change in its objection window. */
  'object',
  // The change form's schedule check and its free-window choices (nothing is written).
  'schedule_check',
  'schedule_pick',
  // The change calendar's page buttons.
  'calendar_page',
] as const;
export type Verb = (typeof VERBS)[number];

/** Release cards' verbs (release management), answered by src/platforms/teams/release/actions.ts. */
export type ReleaseVerb = `release.${string}`;

export interface ExecuteAction {
  readonly type: 'Action.Execute';
  readonly title: string;
  readonly verb: Verb | ReleaseVerb;
  readonly data: Readonly<Record<string, string | number>>;
  readonly style?: 'default' | 'positive' | 'destructive';
  readonly associatedInputs?: 'auto' | 'none';
}

export interface ShowCardAction {
  readonly type: 'Action.ShowCard';
  readonly title: string;
  readonly card: AdaptiveCard;
}

export interface ToggleVisibilityAction {
  readonly type: 'Action.ToggleVisibility';
  readonly title: string;
  readonly targetElements: readonly string[];
}

export interface OpenUrlAction {
  readonly type: 'Action.OpenUrl';
  readonly title: string;
  readonly url: string;
}

export type CardAction = ExecuteAction | ShowCardAction | ToggleVisibilityAction | OpenUrlAction;

export interface AdaptiveCard {
  readonly type: 'AdaptiveCard';
  /** Only on a top-level card; a card inside Action.ShowCard inherits it. */
  readonly $schema?: string;
  readonly version?: typeof CARD_VERSION;
  readonly body: readonly CardElement[];
  readonly actions?: readonly CardAction[];
  readonly refresh?: {
    readonly action: ExecuteAction;
    readonly userIds: readonly string[];
  };
  /** Teams' own extension: full-width cards read better in channels. The official schema lacks it. */
  readonly msteams?: { readonly width: 'Full' };
  readonly fallbackText?: string;
}

/** A top-level card with the version and schema every posted card carries. */
export function card(parts: Omit<AdaptiveCard, 'type' | 'version' | '$schema'>): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    ...parts,
  };
}

/** The card of an Action.ShowCard (no version: it inherits the parent's). */
export function subCard(body: readonly CardElement[], actions: readonly CardAction[]): AdaptiveCard {
  return { type: 'AdaptiveCard', body, actions };
}

/** A bot attachment carrying an Adaptive Card. */
export function attachmentOf(adaptive: AdaptiveCard): { contentType: string; content: AdaptiveCard } {
  return { contentType: CARD_CONTENT_TYPE, content: adaptive };
}
