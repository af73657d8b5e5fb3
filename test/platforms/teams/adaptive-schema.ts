import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import draft6 from 'ajv/dist/refs/json-schema-draft-06.json' with { type: 'json' };

/**
 * The official Adaptive Card 1.5 schema from ../shared/schemas (read there, never copied into the project).
 * It is draft-06 with a draft-04 style root `id`, which ajv 8 reads as `$id`; URI formats are not checked.
 * Teams' own `msteams` property is not in it (PLATFORM-NOTES), so it is stripped before validating.
 */
const SCHEMA = join(import.meta.dirname, '../../../../shared/schemas/adaptive-card-1.5.0.json');

let compiled: ((card: unknown) => boolean) & { errors?: unknown[] | null };

function validator() {
  if (!compiled) {
    const { id, ...rest } = JSON.parse(readFileSync(SCHEMA, 'utf8')) as Record<string, unknown>;
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    ajv.addMetaSchema(draft6);
    compiled = ajv.compile({ ...rest, $id: String(id) });
  }
  return compiled;
}

const withoutMsteams = (card: unknown): unknown => {
  if (Array.isArray(card)) return card.map(withoutMsteams);
  if (card && typeof card === 'object')
    return Object.fromEntries(
      Object.entries(card)
        .filter(([k]) => k !== 'msteams')
        .map(([k, v]) => [k, withoutMsteams(v)]),
    );
  return card;
};

/** The schema's complaints about a card (empty when it is valid Adaptive Card 1.5). */
export function schemaErrors(card: unknown): unknown[] {
  const validate = validator();
  return validate(withoutMsteams(card)) ? [] : (validate.errors ?? ['invalid']);
}
