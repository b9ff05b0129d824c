/**
 * Scores the detector engine on a labeled data folder (the format of /work/shared/datasets).
 *
 *   npm run eval:guardrails -- [--data <dir>] [--out <summary.json>] [--table <details.txt>]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import {
  DEFAULT_PROFILE,
  DEFAULT_THRESHOLD,
  detectExfil,
  detectInjection,
  detectPii,
  detectSecrets,
  prepareText,
  scan,
} from '../../libs/detectors/src';
import type { Finding } from '../../libs/detectors/src';
import { loadJsonl } from './dataset';
import { writeJson } from './write-json';
import { Counts, r4, row } from './metrics';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

const repoRoot = join(__dirname, '..', '..');
const dataDir = resolve(repoRoot, arg('--data', '../shared/datasets'));
const outFile = resolve(repoRoot, arg('--out', 'bench/guardrails/results/eval-summary.json'));
const tableFile = resolve(repoRoot, arg('--table', outFile.replace(/\.json$/, '') + '.table.txt'));
const lines: string[] = [];
const print = (s = ''): void => {
  lines.push(s);
  process.stdout.write(s + '\n');
};

const W = [36, 7, 9, 9, 9, 9];
const header = (): void => print(row(['subset', 'n', 'precision', 'recall', 'f1', 'fpr'], W));
const line = (name: string, n: number, c: Counts, withFpr = true): void =>
  print(row([name, String(n), c.precision, c.recall, c.f1, withFpr ? c.fpr : 'n/a (span level)'], W));

function evalInjection(): Counts {
  const pos = loadJsonl(dataDir, 'injection_jailbreak.jsonl');
  const neg = loadJsonl(dataDir, 'benign_prompts.jsonl');
  const total = new Counts();
  const subsets = new Map<string, Counts>();
  const sizes = new Map<string, number>();
  for (const r of [...pos, ...neg]) {
    const flagged = detectInjection(prepareText(r.text)).length > 0;
    const actual = r.label === 'injection' || r.label === 'jailbreak';
    total.add(flagged, actual);
    const c = subsets.get(r.subset) ?? new Counts();
    c.add(flagged, actual);
    subsets.set(r.subset, c);
    sizes.set(r.subset, (sizes.get(r.subset) ?? 0) + 1);
  }
  print('## injection / jailbreak (record level; positive subsets show recall, benign subsets FPR)');
  header();
  for (const [s, c] of [...subsets].sort()) line(s, sizes.get(s) ?? 0, c);
  line('ALL', pos.length + neg.length, total);
  print();
  return total;
}

const STRUCTURED: Record<string, string> = {
  EMAIL_ADDRESS: 'EMAIL',
  PHONE_NUMBER: 'PHONE',
  TR_PHONE_NUMBER: 'PHONE',
  PH_MOBILE_NUMBER: 'PHONE',
  CREDIT_CARD: 'CREDIT_CARD',
  IBAN_CODE: 'IBAN',
  US_SSN: 'US_SSN',
  IP_ADDRESS: 'IP_ADDRESS',
};
const STRUCTURED_PRED = new Set(Object.values(STRUCTURED));

function evalPii(): Counts {
  const records = loadJsonl(dataDir, 'pii.jsonl');
  const total = new Counts();
  const perType = new Map<string, Counts>();
  const perSubset = new Map<string, Counts>();
  const other = new Map<string, { hit: number; n: number }>();
  const misses: string[] = [];
  for (const r of records) {
    const prepared = prepareText(r.text);
    const all: Finding[] = detectPii(prepared.primary.text).map((f) => ({
      ...f,
      ...prepared.primary.toOriginal(f.start, f.end),
    }));
    const preds = all.filter((f) => STRUCTURED_PRED.has(f.type));
    const gold = (r.entities ?? [])
      .filter((e) => STRUCTURED[e.type] !== undefined)
      .map((e) => ({ ...e, type: STRUCTURED[e.type] }));
    const sub = perSubset.get(r.subset) ?? new Counts();
    perSubset.set(r.subset, sub);
    const matched = new Set<number>();
    for (const p of preds) {
      const gi = gold.findIndex(
        (g, i) => !matched.has(i) && g.start === p.start && g.end === p.end && g.type === p.type,
      );
      const c = perType.get(p.type) ?? new Counts();
      perType.set(p.type, c);
      if (gi >= 0) {
        matched.add(gi);
        total.tp++;
        sub.tp++;
        c.tp++;
      } else {
        total.fp++;
        sub.fp++;
        c.fp++;
        if (misses.length < 400)
          misses.push(`FP ${p.type} ${JSON.stringify(r.text.slice(p.start, p.end))} in ${r.id}`);
      }
    }
    gold.forEach((g, i) => {
      if (matched.has(i)) return;
      total.fn++;
      sub.fn++;
      const c = perType.get(g.type) ?? new Counts();
      perType.set(g.type, c);
      c.fn++;
      if (misses.length < 400)
        misses.push(
          `FN ${g.type} ${JSON.stringify(r.text.slice(g.start, g.end))} in ${r.id}: ${JSON.stringify(r.text.slice(Math.max(0, g.start - 30), g.end + 10))}`,
        );
    });
    for (const e of r.entities ?? []) {
      if (STRUCTURED[e.type] !== undefined) continue;
      const o = other.get(e.type) ?? { hit: 0, n: 0 };
      o.n++;
      if (all.some((f) => f.start < e.end && e.start < f.end)) o.hit++;
      other.set(e.type, o);
    }
  }
  print('## PII, structured types (email, phone, card, IBAN, SSN, IP), span-exact');
  header();
  for (const [t, c] of [...perType].sort()) line('type:' + t, c.tp + c.fn, c, false);
  for (const [s, c] of [...perSubset].sort()) line('subset:' + s, c.tp + c.fn, c, false);
  line('ALL', total.tp + total.fn, total, false);
  print();
  print('## PII, other entity types: overlap recall (informational)');
  for (const [t, o] of [...other].sort((a, b) => b[1].n - a[1].n))
    print(`${t.padEnd(30)} n=${String(o.n).padStart(5)} overlap-recall=${(o.hit / o.n).toFixed(3)}`);
  print();
  writeDetail('pii-errors.txt', misses);
  return total;
}

/** Record-level counts at the default threshold (what a profile without `threshold` acts on). */
function evalSecrets(): { atDefault: Counts; withInformational: Counts } {
  const records = loadJsonl(dataDir, 'secrets.jsonl');
  const total = new Counts();
  const withInformational = new Counts();
  const subsets = new Map<string, Counts>();
  const sizes = new Map<string, number>();
  let spans = 0;
  let spansHit = 0;
  const errors: string[] = [];
  for (const r of records) {
    const prepared = prepareText(r.text);
    const found = [prepared.primary, ...prepared.decoded].flatMap((v) =>
      detectSecrets(v.text).map((f) => ({ ...f, ...v.toOriginal(f.start, f.end) })),
    );
    const actual = r.label === 'secret';
    const flagged = found.some((f) => f.score >= DEFAULT_THRESHOLD.secrets);
    total.add(flagged, actual);
    withInformational.add(found.length > 0, actual);
    const c = subsets.get(r.subset) ?? new Counts();
    c.add(flagged, actual);
    subsets.set(r.subset, c);
    sizes.set(r.subset, (sizes.get(r.subset) ?? 0) + 1);
    if (flagged !== actual)
      errors.push(
        `${actual ? 'FN' : 'FP'} ${r.id} ${(r as { rule?: string }).rule ?? ''} ${found.map((f) => f.signals[0]).join(',')} ${JSON.stringify(r.text.slice(0, 240))}`,
      );
    for (const e of r.entities ?? []) {
      spans++;
      if (found.some((f) => f.start < e.end && e.start < f.end)) spansHit++;
    }
  }
  print('## secrets (record level; clean look-alikes give the FPR)');
  header();
  for (const [s, c] of [...subsets].sort()) line(s, sizes.get(s) ?? 0, c);
  line('ALL', records.length, total);
  print(
    `span overlap recall on labeled spans: ${(spansHit / Math.max(1, spans)).toFixed(3)} (${spansHit}/${spans})`,
  );
  print(
    `with informational findings (score < ${DEFAULT_THRESHOLD.secrets}, kind:infrastructure): recall ${withInformational.recall.toFixed(3)}, fpr ${withInformational.fpr.toFixed(3)}`,
  );
  print();
  writeDetail('secrets-errors.txt', errors);
  return { atDefault: total, withInformational };
}

function evalExfil(): Counts {
  const records = loadJsonl(dataDir, 'exfil_markdown.jsonl');
  const total = new Counts();
  const subsets = new Map<string, Counts>();
  for (const r of records) {
    const flagged = detectExfil(prepareText(r.text).primary.text).length > 0;
    total.add(flagged, r.label !== 'clean');
    const c = subsets.get(r.subset) ?? new Counts();
    c.add(flagged, r.label !== 'clean');
    subsets.set(r.subset, c);
  }
  print('## exfiltration in model outputs (record level)');
  header();
  for (const [s, c] of [...subsets].sort()) line(s, c.tp + c.fn + c.fp + c.tn, c);
  line('ALL', records.length, total);
  print();
  return total;
}

function evalOutputsClean(): { flaggedRate: number; flaggedRateAll: number; n: number } {
  const records = loadJsonl(dataDir, 'model_outputs_clean.jsonl');
  let flagged = 0;
  let flaggedReviewed = 0;
  let reviewed = 0;
  const byType = new Map<string, number>();
  const examples: string[] = [];
  for (const r of records) {
    const res = scan('output', r.text, DEFAULT_PROFILE);
    const hit = res.findings.length > 0;
    const isReviewFlagged = (r.review_flags ?? []).length > 0;
    if (isReviewFlagged) {
      reviewed++;
      if (hit) flaggedReviewed++;
    } else if (hit) {
      flagged++;
      for (const f of res.findings) byType.set(f.type, (byType.get(f.type) ?? 0) + 1);
      for (const f of res.findings)
        examples.push(
          `${r.id} ${f.type} ${f.signals.join(',')} ${JSON.stringify(r.text.slice(Math.max(0, f.start - 40), f.end + 20))}`,
        );
    }
  }
  const n = records.length - reviewed;
  const flaggedRate = flagged / Math.max(1, n);
  print(
    '## model_outputs_clean: full output profile (records carrying review_flags excluded, as the README advises)',
  );
  print(
    `flagged ${flagged}/${n} = ${flaggedRate.toFixed(4)}  (review-flagged records: ${flaggedReviewed}/${reviewed} flagged)`,
  );
  print(`by finding type: ${JSON.stringify(Object.fromEntries(byType))}`);
  print();
  writeDetail('outputs-clean-findings.txt', examples);
  return { flaggedRate, flaggedRateAll: (flagged + flaggedReviewed) / Math.max(1, records.length), n };
}

function writeDetail(name: string, content: string[]): void {
  const path = join(dirname(tableFile), 'details', name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content.join('\n') + '\n');
}

async function main(): Promise<void> {
  print(`# guardrail evaluation on ${dataDir}`);
  print();
  const injection = evalInjection();
  const pii = evalPii();
  const { atDefault: secrets, withInformational: secretsInformational } = evalSecrets();
  const exfil = evalExfil();
  const outputs = evalOutputsClean();
  const summary = {
    injection: {
      precision: r4(injection.precision),
      recall: r4(injection.recall),
      f1: r4(injection.f1),
      fpr: r4(injection.fpr),
    },
    pii: { precision: r4(pii.precision), recall: r4(pii.recall), f1: r4(pii.f1) },
    secrets: {
      precision: r4(secrets.precision),
      recall: r4(secrets.recall),
      f1: r4(secrets.f1),
      fpr: r4(secrets.fpr),
      withInformational: { recall: r4(secretsInformational.recall), fpr: r4(secretsInformational.fpr) },
    },
    exfil: { precision: r4(exfil.precision), recall: r4(exfil.recall), f1: r4(exfil.f1), fpr: r4(exfil.fpr) },
    outputs_clean: {
      flaggedRate: r4(outputs.flaggedRate),
      flaggedRateIncludingReviewFlagged: r4(outputs.flaggedRateAll),
      n: outputs.n,
    },
  };
  print('## summary');
  print(JSON.stringify(summary, null, 2));
  mkdirSync(dirname(outFile), { recursive: true });
  await writeJson(outFile, summary);
  mkdirSync(dirname(tableFile), { recursive: true });
  writeFileSync(tableFile, lines.join('\n') + '\n');
  process.stdout.write(`\nwrote ${outFile} and ${tableFile}\n`);
}

void main();
