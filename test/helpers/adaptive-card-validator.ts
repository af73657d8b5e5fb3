import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { Ajv, type ValidateFunction } from 'ajv';

/**
 * Checks an Adaptive Card the way hosts do, with Microsoft's own renderer library (`adaptivecards`, the one
 * Teams-style hosts build on) beside the official JSON schema (Adaptive Card 1.5, read from
 * ../shared/schemas, never copied into the project). Reusable: `adaptiveCardProblems(card)` returns one line
 * per problem, empty when the card is clean.
 *
 * The library's lib/ is bundler-only ESM, so its UMD build runs here in a `vm` sandbox with a stand-in
 * `window`; parsing and validating need no DOM (only rendering would).
 */

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const SCHEMA_FILE = join(here, '../../../shared/schemas/adaptive-card-1.5.0.json');

// biome-ignore lint/suspicious/noExplicitAny: the library's UMD namespace is untyped here
type Json = any;

let library: Json | null = null;
function adaptiveCards(): Json {
  if (library) return library;
  const source = readFileSync(require.resolve('adaptivecards/dist/adaptivecards.js'), 'utf8');
  const module: { exports: Json } = { exports: {} };
  const sandbox: Record<string, unknown> = {
    module,
    exports: module.exports,
    console,
    setTimeout,
    clearTimeout,
  };
  sandbox.window = sandbox;
  sandbox.self = sandbox;
  vm.createContext(sandbox);
  vm.runInContext(source, sandbox, { filename: 'adaptivecards.js' });
  library = module.exports;
  return library;
}

/**
 * The official schema has two upstream defects (PROVENANCE.txt): draft-03 style `required: true` on some
 * properties and a top-level `id`; both are dropped before compiling.
 */
function cleanSchema(node: Json): Json {
  if (Array.isArray(node)) return node.map(cleanSchema);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'required' && !Array.isArray(value)) continue;
    out[key] = cleanSchema(value);
  }
  return out;
}

let schema: ValidateFunction | null = null;
function schemaValidator(): ValidateFunction {
  if (schema) return schema;
  const raw = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'));
  const { id: _id, $schema: _meta, ...rest } = cleanSchema(raw);
  const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: false });
  schema = ajv.compile(rest);
  return schema;
}

/** Teams' `msteams` extension is not in the official schema: it is checked elsewhere and removed here. */
function withoutTeamsExtensions(node: Json): Json {
  if (Array.isArray(node)) return node.map(withoutTeamsExtensions);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(node))
    if (key !== 'msteams') out[key] = withoutTeamsExtensions(value);
  return out;
}

/** Problems the JSON schema finds, one line each ("/body/3: must have required property 'id'"). */
export function schemaProblems(card: unknown): string[] {
  const validate = schemaValidator();
  if (validate(withoutTeamsExtensions(card))) return [];
  // The schema's anyOf over element types reports every branch; the most specific message per path is enough.
  const byPath = new Map<string, string>();
  for (const e of validate.errors ?? []) {
    if (
      e.keyword === 'anyOf' ||
      e.keyword === 'const' ||
      (e.keyword === 'enum' && byPath.has(e.instancePath))
    )
      continue;
    if (!byPath.has(e.instancePath))
      byPath.set(e.instancePath, `${e.instancePath || '/'}: ${e.message ?? e.keyword}`);
  }
  return [...byPath.values()];
}

/** Problems Microsoft's `adaptivecards` library reports when it parses and validates the card. */
export function libraryProblems(card: unknown): string[] {
  const AC = adaptiveCards();
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  parsed.parse(JSON.parse(JSON.stringify(card)), context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) {
    const event = context.getEventAt(i);
    problems.push(`parse: ${AC.ValidationEvent[event.event]}: ${event.message}`);
  }
  for (const event of parsed.validateProperties().validationEvents as Json[]) {
    const source = event.source;
    const where = source
      ? `${source.getJsonTypeName?.() ?? '?'}${source.id ? ` "${source.id}"` : ''}`
      : 'card';
    problems.push(`validate: ${where}: ${AC.ValidationEvent[event.event]}: ${event.message}`);
  }
  return problems;
}

/** Every input carries a label a screen reader can announce (the library insists only on required ones). */
export function unlabelledInputs(card: unknown): string[] {
  const out: string[] = [];
  const walk = (node: Json) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    if (
      typeof node.type === 'string' &&
      node.type.startsWith('Input.') &&
      !(typeof node.label === 'string' && node.label.trim())
    )
      out.push(`${node.type} "${node.id}" has no label`);
    for (const value of Object.values(node)) if (typeof value === 'object') walk(value);
  };
  walk(card);
  return out;
}

/** Everything wrong with a card: the official schema, Microsoft's library, and unlabelled inputs. */
export function adaptiveCardProblems(card: unknown): string[] {
  return [...schemaProblems(card), ...libraryProblems(card), ...unlabelledInputs(card)];
}
