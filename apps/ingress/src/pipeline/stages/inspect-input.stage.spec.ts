import { KeywordInspector } from '../../../test-support/in-memory-ports';
import { contextFor } from '../../../test-support/stage-context';
import { inspectInputStage } from './inspect-input.stage';

describe('inspect_input stage', () => {
  it('Given clean input, When run, Then it passes with an allow outcome', async () => {
    const context = contextFor({ inputText: 'hello' });
    expect(await inspectInputStage(new KeywordInspector()).run(context)).toBeUndefined();
    expect(context.inputGuardrail).toEqual({ action: 'allow', findingTypes: [], profile: 'test' });
  });

  it('Given input to redact, When run, Then it passes and keeps the redacted text for the upstream', async () => {
    const context = contextFor({ inputText: 'my SECRET' });
    expect(await inspectInputStage(new KeywordInspector()).run(context)).toBeUndefined();
    expect(context.redactedInput).toBe('my [REDACTED]');
  });

  it('Given blocked input, When run, Then guardrail_blocked naming finding types only', async () => {
    const denial = await inspectInputStage(new KeywordInspector()).run(contextFor({ inputText: 'BLOCKME' }));
    expect(denial).toMatchObject({ code: 'guardrail_blocked' });
    expect(denial?.message).toContain('test.block');
  });
});
