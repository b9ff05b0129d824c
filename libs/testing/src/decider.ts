/** Given/When/Then for pure deciders: `decider(decide, evolve, initial).given(events).when(command)`, then events or a rejection. */
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
            /** The decider refuses with this stable `code` (and, when given, this `kind`: not_found, conflict, invalid). */
            thenRejects(code: string, kind?: string): void {
              let caught: unknown;
              try {
                run();
              } catch (error) {
                caught = error;
              }
              expect(caught).toBeInstanceOf(Error);
              expect(caught).toMatchObject(kind === undefined ? { code } : { code, kind });
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
