import 'reflect-metadata';
import fc from 'fast-check';
import { validationPipe } from '@warden/platform';
import { certainlyValidDecideRequest } from './decide-request.fast-path';
import { DecideRequestDto } from './decide.request.dto';

const pipe = validationPipe();

async function pipeAccepts(body: unknown): Promise<unknown> {
  try {
    const dto: unknown = await pipe.transform(body, { type: 'body', metatype: DecideRequestDto });
    return JSON.parse(JSON.stringify(dto)) as unknown;
  } catch {
    return undefined;
  }
}

const strings = fc.oneof(
  fc.constantFrom('', 'a', 'fs.read', 'res_01hx', 'res_', 'res_a-b', 'mcp.tool', 'model.chat', 'nope'),
  fc.constantFrom('👍', '\uFE0F', 'x'.repeat(200), 'x'.repeat(201), 'x'.repeat(1024), 'x'.repeat(1025)),
  fc.string({ maxLength: 8 }),
);
const values = fc.oneof(
  strings,
  fc.constantFrom(null, 0, -1, 0.5, Number.NaN, true, [], ['pii'], [1], {}, { path: '/srv' }),
);
const context = fc.dictionary(
  fc.constantFrom('model', 'tool', 'estimatedCost', 'findings', 'trustScore'),
  values,
  { maxKeys: 4 },
);
const wellFormed = fc.record(
  {
    resourceId: fc.constantFrom('res_01hx', 'res_A9'),
    action: fc.constantFrom('mcp.tool', 'model.chat', 'http.request', 'data.read'),
    target: fc.string({ minLength: 1, maxLength: 30 }),
    arguments: fc.dictionary(fc.string({ maxLength: 5 }), fc.oneof(fc.string(), fc.integer())),
    content: fc.string(),
    context: fc.record(
      {
        model: fc.string({ minLength: 1, maxLength: 20 }),
        tool: fc.string({ minLength: 1, maxLength: 20 }),
        estimatedCost: fc.double({ min: 0, max: 10, noNaN: true }),
        findings: fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: ['resourceId', 'action', 'target'] },
);
const body = fc.oneof(
  wellFormed,
  fc.dictionary(
    fc.constantFrom('resourceId', 'action', 'target', 'arguments', 'content', 'context', 'principalId'),
    fc.oneof(values, context),
    { maxKeys: 7 },
  ),
  fc.record(
    {
      resourceId: fc.oneof(fc.constantFrom('res_01hx', 'res_A9'), strings),
      action: fc.oneof(fc.constantFrom('mcp.tool', 'model.chat', 'http.request'), strings),
      target: strings,
      arguments: fc.oneof(fc.constant({ path: '/srv/a' }), values),
      content: values,
      context,
    },
    { requiredKeys: ['resourceId', 'action', 'target'] },
  ),
  values,
);

describe('the decision request fast path', () => {
  it('Property: a body the fast path accepts is one the validation pipe accepts, unchanged', async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(body, async (candidate) => {
        if (!certainlyValidDecideRequest(candidate)) return;
        accepted++;
        expect(await pipeAccepts(candidate)).toEqual(JSON.parse(JSON.stringify(candidate)));
      }),
      { numRuns: 400 },
    );
    expect(accepted).toBeGreaterThan(0);
  });

  it('Given the well-formed request an agent sends, When checked, Then it takes the fast path', () => {
    expect(
      certainlyValidDecideRequest({
        resourceId: 'res_01hx',
        action: 'mcp.tool',
        target: 'fs.read',
        arguments: { path: '/srv/reports/q3.pdf' },
        context: { tool: 'fs.read', estimatedCost: 0.01, findings: ['pii.email'] },
      }),
    ).toBe(true);
  });

  it('Given bodies the pipe must judge (unknown key, null, a surrogate pair), When checked, Then they leave the fast path', () => {
    const base = { resourceId: 'res_01hx', action: 'mcp.tool', target: 'fs.read' };
    expect(certainlyValidDecideRequest({ ...base, principalId: 'prn_x' })).toBe(false);
    expect(certainlyValidDecideRequest({ ...base, context: null })).toBe(false);
    expect(certainlyValidDecideRequest({ ...base, target: '👍' })).toBe(false);
    expect(certainlyValidDecideRequest({ ...base, context: { trustScore: 99 } })).toBe(false);
  });
});
