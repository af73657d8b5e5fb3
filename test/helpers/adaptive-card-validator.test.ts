import { describe, expect, it } from 'vitest';
import {
  adaptiveCardProblems,
  libraryProblems,
  schemaProblems,
  unlabelledInputs,
} from './adaptive-card-validator.ts';

const card = (body: unknown[], extra: Record<string, unknown> = {}) => ({
  type: 'AdaptiveCard',
  version: '1.5',
  body,
  ...extra,
});

describe('the Adaptive Card validator', () => {
  it('passes a clean card, Teams’ msteams extension included', () => {
    const clean = card(
      [{ type: 'Input.Time', id: 't', label: 'Start time', isRequired: true, errorMessage: 'Needed.' }],
      {
        msteams: { width: 'Full' },
        actions: [{ type: 'Action.Execute', title: 'Go', verb: 'go', data: { changeId: 1 } }],
      },
    );
    expect(adaptiveCardProblems(clean)).toEqual([]);
  });

  it('reports what Microsoft’s library reports: a required input without a label', () => {
    const unlabelled = card([
      { type: 'Input.Time', id: 'plannedStartTime', isRequired: true, errorMessage: 'Needed.' },
    ]);
    expect(libraryProblems(unlabelled)).toEqual([
      'validate: Input.Time "plannedStartTime": RequiredInputsShouldHaveLabel: Required inputs should have a label',
    ]);
  });

  it('reports an unknown element type from the library’s parser', () => {
    expect(libraryProblems(card([{ type: 'Input.Colour', id: 'c' }]))).toEqual([
      expect.stringContaining('Unknown element type "Input.Colour"'),
    ]);
  });

  it('reports what the official schema refuses, such as a misspelt property', () => {
    expect(schemaProblems(card([{ type: 'TextBlock', text: 'Hi', colour: 'good' }]))).not.toEqual([]);
    expect(schemaProblems(card([{ type: 'TextBlock', text: 'Hi', color: 'good' }]))).toEqual([]);
  });

  it('asks for a label on every input, optional ones too', () => {
    expect(unlabelledInputs(card([{ type: 'Input.Text', id: 'note' }]))).toEqual([
      'Input.Text "note" has no label',
    ]);
  });
});
