import { describe, expect, it } from 'vitest';
import { buildChangeForm, parseChangeForm } from '../../../../src/domain/views/change-form.ts';
import { readChangeForm } from '../../../../src/platforms/slack/forms/read-change-form.ts';
import {
  editFormIntro,
  renderChangeFormModal,
  renderEditFormModal,
} from '../../../../src/platforms/slack/render/form-modal.ts';
import { LIMITS } from '../../../../src/platforms/slack/render/limits.ts';
import { makePolicy } from '../../../domain/fixtures.ts';
import { fillView } from '../form-input.ts';
import { limitBreaches } from './limits-check.ts';

const START = new Date('2026-03-06T09:00:00Z');
const END = new Date('2026-03-06T11:00:00Z');

describe('the change form as a Slack modal', () => {
  it('renders one input per field, block and action ids being the field ids', () => {
    const view = renderChangeFormModal(buildChangeForm(makePolicy()), { sourceLink: null });
    expect(view.callback_id).toBe('change.form');
    expect(view.private_metadata).toBe('{"sourceLink":null}');
    expect(limitBreaches(view.blocks, LIMITS.viewBlocks)).toEqual([]);
    const byId = Object.fromEntries(view.blocks.map((b) => [b.block_id, b])) as Record<
      string,
      { element: Record<string, unknown>; optional: boolean }
    >;
    expect(byId.title?.element).toEqual({
      type: 'plain_text_input',
      action_id: 'title',
      multiline: false,
      max_length: 150,
    });
    expect(byId.plannedStart?.element).toEqual({ type: 'datetimepicker', action_id: 'plannedStart' });
    expect(byId.services?.element.type).toBe('multi_static_select');
    expect(byId.type?.element.initial_option).toEqual({
      text: { type: 'plain_text', text: 'Normal (CAB approval)', emoji: true },
      value: 'normal',
    });
    expect(byId.backoutPlan?.optional).toBe(true);
    expect(byId.implementationPlan?.optional).toBe(false);
  });

  it('prefills values, dates as Unix seconds', () => {
    const form = buildChangeForm(makePolicy(), {
      title: 'Patch',
      services: ['wiki', 'crm'],
      plannedStart: START.toISOString(),
    });
    const view = renderChangeFormModal(form, { sourceLink: null });
    const el = (id: string) =>
      (view.blocks.find((b) => b.block_id === id) as unknown as { element: Record<string, unknown> }).element;
    expect(el('title').initial_value).toBe('Patch');
    expect(el('plannedStart').initial_date_time).toBe(1772787600);
    expect((el('services').initial_options as { value: string }[]).map((o) => o.value)).toEqual([
      'wiki',
      'crm',
    ]);
  });

  it('renders the edit form under its own callback id, carrying the change and the version it was opened on', () => {
    const form = buildChangeForm(makePolicy(), { title: 'Patch' }, 'Edit CHG-12');
    const view = renderEditFormModal(form, { changeId: 12, version: 3 }, 'Saving makes this version 4.');
    expect(view.callback_id).toBe('change.edit');
    expect(view.title.text).toBe('Edit CHG-12');
    expect(view.private_metadata).toBe('{"changeId":12,"version":3}');
    expect(view.blocks[0]).toEqual({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: 'Saving makes this version 4.' }],
    });
    expect(limitBreaches(view.blocks, LIMITS.viewBlocks)).toEqual([]);
  });

  it('says before saving what an edit does to votes: none for a standard change, a reopened approval for a scheduled one', () => {
    expect(editFormIntro({ type: 'standard', state: 'scheduled', version: 1 })).toBe(
      'Saving makes this version 2.',
    );
    expect(editFormIntro({ type: 'normal', state: 'authorise', version: 2 })).toBe(
      'Saving makes this version 3: earlier votes no longer count.',
    );
    expect(editFormIntro({ type: 'emergency', state: 'scheduled', version: 1 })).toBe(
      'Saving makes this version 2: earlier votes no longer count and its approval is reopened.',
    );
  });

  it('leaves out a select that would have no options, and caps long option lists at 100', () => {
    const services = Array.from({ length: 150 }, (_, i) => ({
      id: `s${i}`,
      name: `Service ${i} `.repeat(10),
      criticality: 'low' as const,
    }));
    const view = renderChangeFormModal(buildChangeForm(makePolicy({ models: [], services })), {
      sourceLink: null,
    });
    expect(view.blocks.some((b) => b.block_id === 'modelId')).toBe(false);
    expect(limitBreaches(view.blocks, LIMITS.viewBlocks)).toEqual([]);
  });

  it('reads a submitted modal back into a draft', () => {
    const view = renderChangeFormModal(buildChangeForm(makePolicy()), { sourceLink: null });
    const values = fillView(view, {
      title: 'Patch the wiki',
      type: 'normal',
      services: ['wiki'],
      plannedStart: START,
      plannedEnd: END,
      description: 'Apply patches.',
      justification: 'Security.',
      impact: 'degraded',
      complexity: 'simple',
      tested: 'yes',
      backout: 'easy',
      failedBefore: 'yes',
      implementationPlan: 'Run apt.',
      backoutPlan: '',
      testPlan: null,
    });
    const read = readChangeForm(values);
    expect(read.plannedStart).toBe('2026-03-06T09:00:00.000Z');
    expect(read.modelId).toBeNull();
    const parsed = parseChangeForm(read);
    expect(parsed).toEqual({
      ok: true,
      value: {
        title: 'Patch the wiki',
        description: 'Apply patches.',
        justification: 'Security.',
        type: 'normal',
        services: ['wiki'],
        plannedStart: START,
        plannedEnd: END,
        risk: {
          impact: 'degraded',
          complexity: 'simple',
          tested: 'yes',
          backout: 'easy',
          failedBefore: true,
        },
        implementationPlan: 'Run apt.',
        backoutPlan: '',
        testPlan: '',
        modelId: null,
      },
    });
  });
});
