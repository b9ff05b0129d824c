import { IdentityRejection } from '../identity-rejection';

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
            thenRejects(code: string): void {
              let caught: unknown;
              try {
                run();
              } catch (error) {
                caught = error;
              }
              expect(caught).toBeInstanceOf(IdentityRejection);
              expect((caught as IdentityRejection).code).toBe(code);
            },
          };
        },
        thenState(check: (state: S) => void): void {
          check(state);
        },
      };
    },
  };
}
