import { EVENT_TYPES, isEventType } from './catalog';
import { EventSchemaRegistry } from './schema-registry';
import { ALL_TOPICS, topicForType } from './topics';

const registry = new EventSchemaRegistry();
const TYPE_NAME = /^warden\.[a-z_]+\.[a-z_]+\.[a-z_]+\.v[0-9]+$/;

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function schemaJson(type: string): JsonObject {
  const schema: unknown = registry.schemaOf(type);
  if (!isObject(schema)) throw new Error(`no schema for ${type}`);
  return schema;
}

function sampleOf(type: string): JsonObject {
  const examples = schemaJson(type).examples;
  const first: unknown = Array.isArray(examples) ? examples[0] : undefined;
  if (!isObject(first)) throw new Error(`${type} has no object examples[0]`);
  return first;
}

function requiredOf(type: string): string[] {
  const required = schemaJson(type).required;
  return Array.isArray(required) ? required.filter((r): r is string => typeof r === 'string') : [];
}

/** The ways a sample is broken that every schema must reject. */
function brokenVariants(type: string): [string, unknown][] {
  const sample = sampleOf(type);
  const variants: [string, unknown][] = [];
  const [firstRequired] = requiredOf(type);
  if (firstRequired !== undefined) {
    const { [firstRequired]: _dropped, ...withoutFirst } = sample;
    variants.push([`examples[0] without required "${firstRequired}"`, withoutFirst]);
  }
  variants.push([
    'examples[0] with an undeclared extra property',
    { ...sample, undeclaredExtraProperty: 'x' },
  ]);
  variants.push(['a non-object', 'not an object']);
  const declared: unknown = schemaJson(type)['x-warden-broken-example'];
  for (const [i, broken] of (Array.isArray(declared)
    ? declared
    : declared === undefined
      ? []
      : [declared]
  ).entries()) {
    variants.push([`x-warden-broken-example[${i}]`, broken]);
  }
  return variants;
}

describe('event catalog and JSON Schemas stay in sync', () => {
  it('Given the catalog, When compared with schemas/events, Then every catalog type has a schema', () => {
    const withoutSchema = EVENT_TYPES.filter((type) => !registry.types().includes(type));

    expect(withoutSchema).toEqual([]);
  });

  it('Given schemas/events, When compared with the catalog, Then every schema has a catalog type', () => {
    const withoutType = registry.types().filter((type) => !isEventType(type));

    expect(withoutType).toEqual([]);
  });

  it('Given the catalog, When listed, Then no type appears twice', () => {
    expect(new Set(EVENT_TYPES).size).toBe(EVENT_TYPES.length);
  });
});

describe.each(registry.types())('schema of %s', (type) => {
  it('Given its name, When checked, Then it follows warden.<context>.<entity>.<verb>.v<N> and maps to a context topic', () => {
    expect(type).toMatch(TYPE_NAME);
    expect(ALL_TOPICS).toContain(topicForType(type));
  });

  it('Given its file, When read, Then $id names the file, it has a title and requires at least one property', () => {
    const schema = schemaJson(type);

    expect(schema.$id).toBe(`https://warden.dev/schemas/events/${type}.schema.json`);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(typeof schema.title).toBe('string');
    expect(requiredOf(type).length).toBeGreaterThan(0);
  });

  it('Given its examples[0], When validated, Then it is accepted', () => {
    expect(registry.validateData(type, sampleOf(type))).toEqual({ ok: true });
  });

  it.each(brokenVariants(type))(
    'Given %s, When validated, Then it is rejected with a reason',
    (_label, broken) => {
      const result = registry.validateData(type, broken);

      expect(result.ok).toBe(false);
      expect(result.ok ? '' : result.reason).toMatch(/^data: /);
    },
  );
});
