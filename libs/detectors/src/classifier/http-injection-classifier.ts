import { request } from 'undici';
import {
  ClassifierUnavailableError,
  type InjectionClassifierPort,
  type InjectionClassifierVerdict,
} from './injection-classifier.port';

export interface HttpClassifierOptions {
  /** POST endpoint receiving `{ "text": … }` and answering `{ "score": number, "label"?: string }`. */
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
}

function isVerdict(x: unknown): x is InjectionClassifierVerdict {
  return typeof x === 'object' && x !== null && typeof (x as { score?: unknown }).score === 'number';
}

/** Adapter: a model server over HTTP (undici). Timeouts come from the caller's AbortSignal. */
export class HttpInjectionClassifier implements InjectionClassifierPort {
  constructor(private readonly options: HttpClassifierOptions) {}

  async classify(text: string, signal: AbortSignal): Promise<InjectionClassifierVerdict> {
    const res = await request(this.options.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...this.options.headers },
      body: JSON.stringify({ text }),
      signal,
    });
    const body: unknown = await res.body.json();
    if (res.statusCode >= 400) throw new ClassifierUnavailableError(`HTTP ${res.statusCode}`);
    if (!isVerdict(body)) throw new ClassifierUnavailableError('malformed response');
    return { score: Math.min(1, Math.max(0, body.score)), label: body.label };
  }
}
