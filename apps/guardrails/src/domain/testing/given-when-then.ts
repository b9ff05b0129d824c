import { GuardrailsRejection } from '../guardrails-rejection';

/** Given/When/Then for pure deciders: `given(events).when(command)` then events or a rejection code. */
export function decider<C, S, E>(
  decide: (command: C, state: S) => E[],
  evolve: (state: S, event: E) => S,
  initial: S,
) {
  return {
    given(events: readonly E[]) {
      const state = events.reduce(evolve, initial);
      return {
        when(command: C) {
          const run = (): E[] => decide(command, state);
          return {
            then(expected: readonly E[]): void {
              expect(run()).toEqual(expected);
            },
            thenRejects(code: string, kind?: GuardrailsRejection['kind']): void {
              let caught: unknown;
              try {
                run();
              } catch (error) {
                caught = error;
              }
              expect(caught).toBeInstanceOf(GuardrailsRejection);
              expect((caught as GuardrailsRejection).code).toBe(code);
              if (kind !== undefined) expect((caught as GuardrailsRejection).kind).toBe(kind);
            },
          };
        },
      };
    },
  };
}
