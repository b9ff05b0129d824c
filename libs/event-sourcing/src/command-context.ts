/** What a command needs from its request besides its body: who acted, when, the If-Match version and tracing. */
export interface CommandContext {
  /** Who acts: its `principalId`, when it has one (the operator's bootstrap token has none), is the events' `principalid`. */
  readonly caller: object;
  readonly now: Date;
  readonly requestId: string;
  /** The version from If-Match, when the request carried one. */
  readonly expectedVersion?: number;
  readonly traceparent?: string;
}

/** The acting principal's id, or undefined for a caller without one. */
export function actorOf(ctx: CommandContext): string | undefined {
  const { caller } = ctx;
  return 'principalId' in caller && typeof caller.principalId === 'string' ? caller.principalId : undefined;
}
