import { LIMITS } from '../../../../src/platforms/slack/render/limits.ts';

// biome-ignore lint/suspicious/noExplicitAny: Block Kit JSON is walked loosely.
type Json = any;

/** Every Block Kit limit this app relies on, checked over a message's or a view's blocks; returns the breaches. */
export function limitBreaches(blocks: Json[], maxBlocks: number): string[] {
  const out: string[] = [];
  if (blocks.length > maxBlocks) out.push(`${blocks.length} blocks > ${maxBlocks}`);
  const ids = new Set<string>();
  for (const [i, b] of blocks.entries()) {
    if (b.block_id) {
      if (ids.has(b.block_id)) out.push(`duplicate block_id ${b.block_id}`);
      ids.add(b.block_id);
      if (b.block_id.length > LIMITS.blockId) out.push(`block ${i}: block_id too long`);
    }
    if (b.type === 'header' && b.text.text.length > LIMITS.headerText)
      out.push(`block ${i}: header ${b.text.text.length}`);
    if (b.type === 'section') {
      if (b.text && b.text.text.length > LIMITS.sectionText)
        out.push(`block ${i}: section text ${b.text.text.length}`);
      if (b.fields) {
        if (b.fields.length > LIMITS.sectionFields) out.push(`block ${i}: ${b.fields.length} fields`);
        for (const f of b.fields)
          if (f.text.length > LIMITS.fieldText) out.push(`block ${i}: field ${f.text.length}`);
      }
    }
    if (b.type === 'context' && b.elements.length > LIMITS.contextElements)
      out.push(`block ${i}: ${b.elements.length} context elements`);
    if (b.type === 'actions') {
      if (b.elements.length > LIMITS.actionsElements) out.push(`block ${i}: ${b.elements.length} actions`);
      const actionIds = new Set<string>();
      for (const e of b.elements) {
        if (actionIds.has(e.action_id)) out.push(`block ${i}: duplicate action_id ${e.action_id}`);
        actionIds.add(e.action_id);
        if (e.action_id.length > LIMITS.actionId) out.push(`block ${i}: action_id too long`);
        if (e.text.text.length > LIMITS.buttonText) out.push(`block ${i}: button text ${e.text.text.length}`);
        if ((e.value ?? '').length > LIMITS.buttonValue) out.push(`block ${i}: button value too long`);
      }
    }
    if (b.type === 'input') {
      if (b.label.text.length > LIMITS.inputLabel) out.push(`block ${i}: label too long`);
      for (const o of b.element.options ?? []) {
        if (o.text.text.length > LIMITS.optionText) out.push(`block ${i}: option text ${o.text.text.length}`);
        if (o.value.length > LIMITS.optionValue) out.push(`block ${i}: option value ${o.value.length}`);
      }
      if ((b.element.options ?? []).length > LIMITS.selectOptions)
        out.push(`block ${i}: ${b.element.options.length} options`);
    }
  }
  return out;
}
