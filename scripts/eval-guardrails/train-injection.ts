/**
 * Trains the injection/jailbreak logistic-regression model from the development data and writes
 * libs/detectors/src/injection/injection-weights.json. With --cv, first reports leave-one-source-
 * family-out generalization (train on the other families, test on the held-out one).
 *
 *   node -r ./scripts/register.js scripts/eval-guardrails/train-injection.ts [--data dir] [--cv]
 */
import { join, resolve } from 'node:path';
import {
  extractFeatures,
  ALL_SIGNAL_IDS,
  type FeatureVector,
} from '../../libs/detectors/src/injection/injection-features';
import { InjectionModel } from '../../libs/detectors/src/injection/injection-model';
import { textWindows, WINDOW_MIN_TEXT } from '../../libs/detectors/src/injection/injection-detector';
import { prepareText } from '../../libs/detectors/src/normalize/prepared-text';
import { loadJsonl, sourceFamily, type DatasetRecord } from './dataset';
import { writeJson } from './write-json';

const DIMS = 1 << 16;

interface Example {
  readonly v: FeatureVector;
  readonly y: 0 | 1;
  readonly family: string;
  readonly subset: string;
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

/**
 * Indirect injections share their document with a clean twin in the benign file. Lines that also
 * occur in a benign document are context, not attack: training on the remainder teaches the model
 * the injected instruction instead of the document type (multiple-instance label refinement).
 */
function attackRemainder(text: string, benignLines: ReadonlySet<string>): string {
  const kept = text.split('\n').filter((l) => l.trim().length > 0 && !benignLines.has(l.trim()));
  const rest = kept.join('\n');
  return rest.length > 0 && rest.length < 0.8 * text.length ? rest : text;
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
const EPOCHS = Number(arg('--epochs', '12'));
const L2 = Number(arg('--l2', '1e-5'));

function train(examples: readonly Example[], epochs = EPOCHS, lr = 0.5, l2 = L2): Trained {
  const w = new Float32Array(DIMS);
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
  let seed = 42;
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
      for (const s of e.v.signals) z += sw.get(s) ?? 0;
      const p = 1 / (1 + Math.exp(-z));
      const g = (p - e.y) * weightOf(e);
      for (let k = 0; k < e.v.indices.length; k++) {
        const h = e.v.indices[k];
        const gh = g * e.v.values[k] + l2 * w[h];
        g2[h] += gh * gh;
        w[h] -= (lr * gh) / Math.sqrt(g2[h]);
      }
      for (const s of e.v.signals) {
        const cur = sw.get(s) ?? 0;
        const gs = g * 0.5 + l2 * cur;
        const acc = (sg2.get(s) ?? 1e-8) + gs * gs;
        sg2.set(s, acc);
        sw.set(s, cur - (lr * 0.5 * gs) / Math.sqrt(acc));
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
  for (const s of v.signals) z += t.sw.get(s) ?? 0;
  return 1 / (1 + Math.exp(-z));
}

function pickThreshold(scores: Array<{ p: number; y: 0 | 1 }>, maxFpr: number): number {
  const negs = scores
    .filter((s) => s.y === 0)
    .map((s) => s.p)
    .sort((a, b) => b - a);
  const allowed = Math.floor(negs.length * maxFpr);
  return Math.max(0.5, (negs[allowed] ?? 0.5) + 1e-6);
}

async function main(): Promise<void> {
  const dataDir = resolve(arg('--data', join(__dirname, '..', '..', '..', 'shared', 'datasets')));
  const pos = loadJsonl(dataDir, 'injection_jailbreak.jsonl');
  const neg = loadJsonl(dataDir, 'benign_prompts.jsonl');
  const benignLines = new Set<string>();
  for (const r of neg)
    for (const l of r.text.split('\n')) if (l.trim().length >= 20) benignLines.add(l.trim());
  const all: DatasetRecord[] = [];
  const examples: Example[] = [];
  let refined = 0;
  for (const r of pos) {
    const text = r.subset === 'indirect_injection' ? attackRemainder(r.text, benignLines) : r.text;
    if (text !== r.text) refined++;
    all.push(r);
    examples.push({ v: featurize(r, text), y: 1, family: sourceFamily(r), subset: r.subset });
  }
  for (const r of neg) {
    all.push(r);
    examples.push({ v: featurize(r), y: 0, family: sourceFamily(r), subset: r.subset });
    // Windows of benign documents are negatives too: inference also scores windows.
    if (r.text.length >= WINDOW_MIN_TEXT) {
      for (const w of textWindows(r.text)) {
        all.push(r);
        examples.push({
          v: featurize(r, r.text.slice(w.start, w.end)),
          y: 0,
          family: sourceFamily(r),
          subset: r.subset + ':window',
        });
      }
    }
  }
  process.stdout.write(`indirect positives refined to their attack lines: ${refined}\n`);
  process.stdout.write(`examples: ${pos.length} positive, ${neg.length} negative\n`);
  const oof: Array<{ p: number; y: 0 | 1 }> = [];
  const oofScores: Array<{ p: number; y: 0 | 1 }> = [];
  if (process.argv.includes('--cv')) {
    const families = [...new Set(examples.map((e) => e.family))].sort();
    process.stdout.write('\nleave-one-source-family-out (model never saw the family):\n');
    for (const fam of families) {
      const trainSet = examples.filter((e) => e.family !== fam);
      const test = examples.filter((e) => e.family === fam);
      const t = train(trainSet);
      const scores = test.map((e) => ({ p: predict(t, e.v), y: e.y }));
      oof.push(...scores);
      const flagged = scores.filter((s) => s.p >= 0.5).length;
      const label = test[0].y === 1 ? 'recall' : 'FPR';
      process.stdout.write(
        `  ${fam.padEnd(34)} n=${String(test.length).padStart(5)}  ${label}@0.5=${(flagged / test.length).toFixed(3)}\n`,
      );
    }
    const th = pickThreshold(oof, 0.02);
    const tp = oof.filter((s) => s.y === 1 && s.p >= th).length;
    const fp = oof.filter((s) => s.y === 0 && s.p >= th).length;
    const P = oof.filter((s) => s.y === 1).length;
    const N = oof.length - P;
    const prec = tp / Math.max(1, tp + fp);
    const rec = tp / P;
    process.stdout.write(
      `  pooled out-of-family @${th.toFixed(3)}: precision=${prec.toFixed(3)} recall=${rec.toFixed(3)} f1=${((2 * prec * rec) / (prec + rec)).toFixed(3)} fpr=${(fp / N).toFixed(3)}\n`,
    );
  }
  if (process.argv.includes('--kfold')) {
    // Grouped 5-fold: groups = family + category/template, so near-duplicates stay on one side.
    const groupOf = (i: number): number => {
      const r = all[i];
      const key = `${sourceFamily(r)}|${r.category ?? r.id.slice(0, -2)}`;
      let h = 0;
      for (let k = 0; k < key.length; k++) h = (Math.imul(h, 31) + key.charCodeAt(k)) | 0;
      return Math.abs(h) % 5;
    };
    const scores: Array<{ p: number; y: 0 | 1; subset: string }> = [];
    const records = [...pos, ...neg];
    const recordFold = (r: DatasetRecord): number => groupOf(all.indexOf(r));
    const recordFeatures = records.map((r) => {
      const vs = [featurize(r)];
      if (r.text.length >= WINDOW_MIN_TEXT)
        for (const w of textWindows(r.text)) vs.push(featurize(r, r.text.slice(w.start, w.end)));
      return vs;
    });
    for (let fold = 0; fold < 5; fold++) {
      const t = train(examples.filter((_, i) => groupOf(i) !== fold));
      records.forEach((r, i) => {
        if (recordFold(r) !== fold) return;
        const p = Math.max(...recordFeatures[i].map((v) => predict(t, v)));
        scores.push({ p, y: r.label === 'benign' ? 0 : 1, subset: r.subset });
      });
    }
    oofScores.push(...scores);
    for (const th of [0.5, 0.7, 0.9]) {
      const tp = scores.filter((s) => s.y === 1 && s.p >= th).length;
      const fp = scores.filter((s) => s.y === 0 && s.p >= th).length;
      const P = scores.filter((s) => s.y === 1).length;
      const N = scores.length - P;
      const prec = tp / Math.max(1, tp + fp);
      const rec = tp / P;
      process.stdout.write(
        `grouped 5-fold @${th}: precision=${prec.toFixed(3)} recall=${rec.toFixed(3)} f1=${((2 * prec * rec) / (prec + rec)).toFixed(3)} fpr=${(fp / N).toFixed(3)}\n`,
      );
    }
    const subsets = [...new Set(scores.map((s) => s.subset))].sort();
    for (const sub of subsets) {
      const xs = scores.filter((s) => s.subset === sub);
      const rate = xs.filter((s) => s.p >= 0.5).length / xs.length;
      process.stdout.write(
        `  ${sub.padEnd(32)} n=${String(xs.length).padStart(5)} ${xs[0].y === 1 ? 'recall' : 'FPR'}@0.5=${rate.toFixed(3)}\n`,
      );
    }
  }
  if (process.argv.includes('--no-write')) return;
  const t = train(examples);
  const inSample = examples.map((e) => ({ p: predict(t, e.v), y: e.y }));
  // Threshold: from the grouped k-fold out-of-fold scores when computed (FPR <= 2 %), else in-sample.
  const threshold = Number(
    arg(
      '--threshold',
      String(oofScores.length > 0 ? pickThreshold(oofScores, 0.02) : pickThreshold(inSample, 0.003)),
    ),
  );
  const sw: Record<string, number> = {};
  for (const id of ALL_SIGNAL_IDS) sw[id] = Math.round((t.sw.get(id) ?? 0) * 1000) / 1000;
  const model = InjectionModel.fromWeights(
    DIMS,
    t.bias,
    t.w,
    sw,
    Math.round(threshold * 1000) / 1000,
    [...new Set(examples.map((e) => e.family))].sort(),
  );
  const out = join(__dirname, '..', '..', 'libs', 'detectors', 'src', 'injection', 'injection-weights.json');
  await writeJson(out, model.file);
  process.stdout.write(
    `\nwrote ${out} (threshold ${model.file.threshold}); signal weights: ${JSON.stringify(sw)}\n`,
  );
}

void main();
