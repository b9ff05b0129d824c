/** Typed bus errors with stable codes. */
export abstract class BusError extends Error {
  abstract readonly code: string;
}

/** An event failed its schema before publishing: nothing of the batch was sent. */
export class InvalidEventError extends BusError {
  readonly code = 'BUS_EVENT_INVALID';
  constructor(
    readonly eventId: string,
    readonly eventType: string,
    readonly reason: string,
  ) {
    super(`Event ${eventId} (${eventType}) failed its schema: ${reason}`);
    this.name = 'InvalidEventError';
  }
}

/** The embedded log refuses topics that were not created first, as Kafka does with auto-creation off. */
export class UnknownTopicError extends BusError {
  readonly code = 'BUS_UNKNOWN_TOPIC';
  constructor(readonly topic: string) {
    super(`Topic "${topic}" does not exist: create it with ensureTopics first`);
    this.name = 'UnknownTopicError';
  }
}

/** Thrown inside a consumer that is closing while a message is still being retried: it is not committed. */
export class ConsumerClosingError extends BusError {
  readonly code = 'BUS_CONSUMER_CLOSING';
  constructor() {
    super('Consumer is closing');
    this.name = 'ConsumerClosingError';
  }
}
