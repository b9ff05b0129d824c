import type { Finding } from '../core/finding';
import type { PreparedText } from '../normalize/prepared-text';
import type { TextView } from '../normalize/text-view';
import { extractFeatures, firedSignals, MAX_CHARS, type FeatureVector } from './injection-features';
import { IndexedText } from './indexed-text';
import { InjectionModel } from './injection-model';
import modelFile from './injection-weights.json';

export const WINDOW_MIN_TEXT = 300;
/** Texts shorter than this on which no signal fired are "quiet": they need the model's quiet threshold. */
export const QUIET_MAX_CHARS = 200;
const WINDOW_CHARS = 300;

let defaultModel: InjectionModel | undefined;
export function defaultInjectionModel(): InjectionModel {
  defaultModel ??= new InjectionModel(modelFile);
  return defaultModel;
}

interface Scored {
  probability: number;
  start: number;
  end: number;
  text: string;
  signals: readonly string[];
  /** Absent for a range of the primary text's word index: built from it only when reported. */
  features?: FeatureVector;
  /** Range of the primary text when the features come from its word index. */
  indexed?: { start: number; end: number };
}

/** Paragraph-aligned windows of a long text, so an instruction buried in a document is not diluted. */
export function textWindows(text: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + WINDOW_CHARS);
    if (end < text.length) {
      const cut = Math.max(text.lastIndexOf('\n', end), text.lastIndexOf('. ', end));
      if (cut > start + WINDOW_CHARS / 3) end = cut + 1;
    }
    out.push({ start, end });
    start = end;
  }
  return out;
}

/**
 * The word index of the primary text (for its windows and the explanation of a finding), and the
 * whole text's probability from it when the text is short enough to be scored whole. None when
 * lowercasing changes the length (the offsets would not agree).
 */
function indexText(
  text: string,
  model: InjectionModel,
  extra: readonly string[],
): { text: IndexedText; whole?: { probability: number; signals: readonly string[] } } | undefined {
  const lower = text.toLowerCase();
  if (lower.length !== text.length) return undefined;
  const signals = firedSignals(lower, extra);
  const indexed = new IndexedText(lower, model.dims, signals);
  if (text.length > MAX_CHARS) return { text: indexed };
  const whole = indexed.windowProbability(0, text.length, model, extra, signals);
  return { text: indexed, whole };
}

function scoredRange(
  probability: number,
  signals: readonly string[],
  view: TextView,
  start: number,
  end: number,
): Scored {
  const span = view.toOriginal(start, end);
  return {
    probability,
    start: span.start,
    end: span.end,
    text: view.text.slice(start, end),
    signals,
    indexed: { start, end },
  };
}

function scoreView(model: InjectionModel, view: TextView, extra: string[]): Scored {
  const v = extractFeatures(view.text, model.dims, extra);
  const s = model.score(v, false);
  const span = view.toOriginal(0, view.text.length);
  return {
    probability: s.probability,
    start: span.start,
    end: span.end,
    text: view.text,
    signals: v.signals,
    features: v,
  };
}

export interface InjectionOptions {
  readonly threshold?: number;
  readonly model?: InjectionModel;
  /** Score paragraph windows of long texts too (indirect injection inside documents). */
  readonly windows?: boolean;
}

/** One finding (type PROMPT_INJECTION) when the best-scoring view crosses the threshold. */
export function detectInjection(prepared: PreparedText, options: InjectionOptions = {}): Finding[] {
  const model = options.model ?? defaultInjectionModel();
  const threshold = options.threshold ?? model.file.threshold;
  const extra: string[] = [];
  if (prepared.hidden.length > 0) extra.push('hidden_content');
  if (prepared.decoded.length > 0) extra.push('encoded_payload');
  const text = prepared.primary.text;
  const windowed = (options.windows ?? true) && text.length >= WINDOW_MIN_TEXT;
  const indexed = indexText(text, model, extra);
  let best =
    indexed?.whole !== undefined
      ? scoredRange(indexed.whole.probability, indexed.whole.signals, prepared.primary, 0, text.length)
      : scoreView(model, prepared.primary, extra);
  const consider = (view: TextView, viewExtra: string[]): void => {
    const s = scoreView(model, view, viewExtra);
    if (s.probability > best.probability) best = s;
  };
  for (const view of prepared.hidden) consider(view, ['hidden_content']);
  for (const view of prepared.decoded) consider(view, ['encoded_payload']);
  // Windows only matter when the whole text did not already cross the threshold.
  if (windowed && best.probability < threshold) {
    for (const w of textWindows(text)) {
      const p = indexed?.text.windowProbability(w.start, w.end, model, extra);
      if (p !== undefined) {
        if (p.probability > best.probability)
          best = scoredRange(p.probability, p.signals, prepared.primary, w.start, w.end);
        continue;
      }
      consider(
        {
          ...prepared.primary,
          text: text.slice(w.start, w.end),
          toOriginal: (s, e) => prepared.primary.toOriginal(s + w.start, e + w.start),
        },
        extra,
      );
    }
  }
  if (best.probability < threshold) return [];
  const quiet = text.length < QUIET_MAX_CHARS && best.signals.length === 0;
  if (quiet && best.probability < Math.max(threshold, model.file.quietThreshold ?? threshold)) return [];
  // Build the winning span's vector (if scored from the index) and explain it, only when reported.
  const range = best.indexed;
  const features =
    best.features ??
    (range !== undefined
      ? indexed?.text.window(range.start, range.end, model.dims, extra, best.signals)
      : undefined) ??
    extractFeatures(best.text, model.dims, extra, undefined, best.signals);
  const wanted = model.topIndices(features);
  const named =
    (range !== undefined
      ? indexed?.text.explained(range.start, range.end, model.dims, features, wanted)
      : undefined) ?? extractFeatures(best.text, model.dims, extra, wanted, best.signals);
  const explained = [...model.score(named, true).topContributions];
  return [
    {
      type: 'PROMPT_INJECTION',
      start: best.start,
      end: best.end,
      score: round(best.probability),
      signals: explained,
    },
  ];
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
