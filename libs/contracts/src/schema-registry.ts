import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export type ValidationResult = { ok: true } | { ok: false; reason: string };

/** Finds `schemas/events` by walking up from this file, so it works from source, tests and child processes. */
export function eventSchemasDir(start: string = __dirname): string {
  let dir = start;
  for (;;) {
    const candidate = join(dir, 'schemas', 'events');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`schemas/events not found above ${start}`);
    dir = parent;
  }
}

interface SchemaFile {
  readonly $id: string;
  readonly title?: string;
  readonly examples?: readonly unknown[];
}

/**
 * Validates CloudEvents against the JSON Schemas (draft 2020-12) in schemas/events/:
 * `envelope.schema.json` for the envelope, `<type>.schema.json` for each type's `data`.
 */
export class EventSchemaRegistry {
  private readonly ajv = new Ajv2020({ allErrors: true, strict: true });
  private readonly envelope: ValidateFunction;
  private readonly byType = new Map<string, ValidateFunction>();
  private readonly files = new Map<string, SchemaFile>();

  constructor(dir: string = eventSchemasDir()) {
    addFormats(this.ajv);
    this.ajv.addKeyword('x-warden-broken-example');
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.schema.json'))) {
      const schema = JSON.parse(readFileSync(join(dir, name), 'utf8')) as SchemaFile;
      const type = name.slice(0, -'.schema.json'.length);
      this.files.set(type, schema);
    }
    const envelopeSchema = this.files.get('envelope');
    if (!envelopeSchema) throw new Error(`envelope.schema.json missing in ${dir}`);
    this.envelope = this.ajv.compile(envelopeSchema);
    for (const [type, schema] of this.files) {
      if (type !== 'envelope') this.byType.set(type, this.ajv.compile(schema));
    }
  }

  types(): string[] {
    return [...this.byType.keys()].sort();
  }

  schemaOf(type: string): SchemaFile | undefined {
    return type === 'envelope' ? undefined : this.files.get(type);
  }

  validateData(type: string, data: unknown): ValidationResult {
    const validate = this.byType.get(type);
    if (!validate) return { ok: false, reason: `unknown event type "${type}"` };
    return validate(data)
      ? { ok: true }
      : { ok: false, reason: `data: ${this.ajv.errorsText(validate.errors)}` };
  }

  validate(event: unknown): ValidationResult {
    if (!this.envelope(event)) {
      return { ok: false, reason: `envelope: ${this.ajv.errorsText(this.envelope.errors)}` };
    }
    const { type, data } = event as { type: string; data: unknown };
    return this.validateData(type, data);
  }
}

let shared: EventSchemaRegistry | undefined;
/** One registry per process: compiling the schemas once is enough. */
export function eventSchemas(): EventSchemaRegistry {
  shared ??= new EventSchemaRegistry();
  return shared;
}
