import type { Finding } from '../core/finding';
import type { GuardrailProfile } from '../scan/profile';
import { PlaceholderRegistry, redact } from '../scan/redact';
import { scan, type ScanFinding } from '../scan/scan-engine';

export interface StreamScannerOptions {
  /** Characters always held back from the end of the buffer (covers values split by whitespace). */
  readonly holdBack?: number;
  /** Upper bound on what may be held: a longer unbroken run is released (scanned) anyway. */
  readonly maxHold?: number;
  /** Already-released characters kept as left context for detectors (e.g. "SSN:" before a number). */
  readonly context?: number;
}

/** Why a stream was stopped; the SSE layer turns it into a final error event. */
export interface StreamBlocked {
  readonly code: 'guardrail_blocked';
  readonly message: string;
  readonly findings: ReadonlyArray<Pick<Finding, 'type' | 'score'>>;
}

export interface StreamStep {
  /** Text that may be sent to the client now (already redacted where the profile says so). */
  readonly release: string;
  readonly blocked?: StreamBlocked;
  readonly findings: readonly ScanFinding[];
}

const DEFAULTS = { holdBack: 96, maxHold: 8192, context: 160 };

/**
 * Output inspection over a sliding window: chunks are buffered, the buffer is scanned with the
 * profile's output detectors, and only a prefix that cannot belong to an unfinished value is
 * released. A value split across chunks therefore stays held until it is complete and is caught.
 */
export class StreamOutputScanner {
  private pending = '';
  private releasedTail = '';
  private done = false;
  private readonly registry = new PlaceholderRegistry();
  private readonly opts: Required<StreamScannerOptions>;
  private readonly reported = new Set<string>();

  constructor(
    private readonly profile: GuardrailProfile,
    options: StreamScannerOptions = {},
  ) {
    this.opts = { ...DEFAULTS, ...options };
  }

  get isBlocked(): boolean {
    return this.done;
  }

  push(chunk: string): StreamStep {
    if (this.done) return { release: '', findings: [] };
    this.pending += chunk;
    return this.step(false);
  }

  /** Flushes the remainder at the end of the stream. */
  end(): StreamStep {
    if (this.done) return { release: '', findings: [] };
    const step = this.step(true);
    this.done = true;
    return step;
  }

  private step(final: boolean): StreamStep {
    const ctx = this.releasedTail;
    const window = ctx + this.pending;
    const result = scan('output', window, this.profile, this.registry);
    const local = result.findings
      .filter((f) => f.end > ctx.length)
      .map((f) => ({ ...f, start: Math.max(0, f.start - ctx.length), end: f.end - ctx.length }));
    const fresh = local.filter((f) => {
      const key = `${f.type}:${this.pending.slice(f.start, f.end)}`;
      if (this.reported.has(key)) return false;
      this.reported.add(key);
      return true;
    });
    const blocking = local.filter((f) => f.action === 'block');
    if (blocking.length > 0) {
      this.done = true;
      this.pending = '';
      return {
        release: '',
        findings: fresh,
        blocked: {
          code: 'guardrail_blocked',
          message: `output blocked by guardrail: ${[...new Set(blocking.map((f) => f.type))].join(', ')}`,
          findings: blocking.map((f) => ({ type: f.type, score: f.score })),
        },
      };
    }
    const cut = final ? this.pending.length : this.safeCut(local);
    if (cut <= 0) return { release: '', findings: fresh };
    const head = this.pending.slice(0, cut);
    const inHead = local.filter((f) => f.action === 'redact' && f.end <= cut);
    const release = redact(head, inHead, this.registry);
    this.pending = this.pending.slice(cut);
    this.releasedTail = (this.releasedTail + release).slice(-this.opts.context);
    return { release, findings: fresh };
  }

  /** Release point: hold back `holdBack` chars, never split a token or a finding, bounded by maxHold. */
  private safeCut(findings: readonly Finding[]): number {
    const text = this.pending;
    let cut = text.length - this.opts.holdBack;
    if (cut <= 0) return 0;
    while (cut > 0 && !/\s/.test(text[cut - 1])) cut--;
    for (const f of findings) if (f.start < cut && f.end > cut) cut = f.start;
    if (cut <= 0 && text.length > this.opts.maxHold) return text.length - this.opts.holdBack;
    return Math.max(0, cut);
  }
}

/** The final SSE event of a blocked stream. */
export function sseBlockedEvent(blocked: StreamBlocked): string {
  return `event: error\ndata: ${JSON.stringify({ error: { code: blocked.code, message: blocked.message, findings: blocked.findings } })}\n\n`;
}
