import type { Outcome } from '../domain/change/types.ts';

/**
 * Okabe–Ito colours, distinguishable with the common colour-vision deficiencies (protanopia, deuteranopia,
 * tritanopia); the outcomes also differ in lightness, so a greyscale print still separates them.
 */
export const OUTCOME_COLOURS: Record<Outcome, string> = {
  successful: '#009E73',
  successful_with_issues: '#E69F00',
  failed: '#D55E00',
  rolled_back: '#CC79A7',
};

export const SUCCESS_RATE_COLOUR = '#0072B2';

export const OUTCOME_NAMES: Record<Outcome, string> = {
  successful: 'Successful',
  successful_with_issues: 'With issues',
  failed: 'Failed',
  rolled_back: 'Rolled back',
};
