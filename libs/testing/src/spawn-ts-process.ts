import { spawn } from 'node:child_process';
import path from 'node:path';

const REPO_DIR = path.resolve(__dirname, '..', '..', '..');
const REGISTER = path.join(REPO_DIR, 'scripts', 'register.js');
/** Output kept per stream; older output is dropped first. */
const MAX_CAPTURED_CHARS = 1_000_000;
const MAX_KEPT_LINES = 10_000;

export interface SpawnTsProcessOptions {
  /** Added to the parent's environment. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly args?: readonly string[];
  /** Default: the repository root. */
  readonly cwd?: string;
}

export interface ProcessExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface TsProcess {
  readonly pid: number;
  /** Settles when the process has exited (never rejects). */
  readonly exited: Promise<ProcessExit>;
  kill(signal?: NodeJS.Signals): void;
  /** SIGTERM, then SIGKILL if still running after `graceMs`; resolves once it has exited. */
  stop(graceMs?: number): Promise<ProcessExit>;
  /** Captured output (the last MAX_CAPTURED_CHARS characters of each stream). */
  stdout(): string;
  stderr(): string;
  /** Resolves with the first line (stdout or stderr, past or future) that matches. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
}

/**
 * Runs a TypeScript entry point as a real child process, the way `npm start` does
 * (`node -r scripts/register.js entry.ts`: SWC on the fly, @warden/* aliases resolved).
 */
export function spawnTsProcess(entryFile: string, options: SpawnTsProcessOptions = {}): TsProcess {
  const cwd = options.cwd ?? REPO_DIR;
  const child = spawn(
    process.execPath,
    ['-r', REGISTER, path.resolve(REPO_DIR, entryFile), ...(options.args ?? [])],
    {
      cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  if (child.pid === undefined) throw new Error(`spawnTsProcess: could not start ${entryFile}`);
  const pid = child.pid;

  const output = { stdout: '', stderr: '' };
  const lines: string[] = [];
  const lineListeners = new Set<(line: string) => void>();
  const partial = { stdout: '', stderr: '' };
  const emitLine = (line: string) => {
    lines.push(line);
    if (lines.length > MAX_KEPT_LINES) lines.shift();
    for (const listener of lineListeners) listener(line);
  };
  const capture = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    output[stream] = (output[stream] + text).slice(-MAX_CAPTURED_CHARS);
    const pieces = (partial[stream] + text).split('\n');
    partial[stream] = pieces.pop() ?? '';
    pieces.forEach(emitLine);
  };
  child.stdout.on('data', capture('stdout'));
  child.stderr.on('data', capture('stderr'));

  let exit: ProcessExit | undefined;
  const exited = new Promise<ProcessExit>((resolve) => {
    // 'close' comes after the output streams ended, so every line was seen before it settles.
    child.once('close', (code, signal) => {
      for (const stream of ['stdout', 'stderr'] as const) if (partial[stream]) emitLine(partial[stream]);
      exit = { code, signal };
      resolve(exit);
    });
  });
  const tail = () =>
    `--- stdout ---\n${output.stdout.slice(-2_000)}\n--- stderr ---\n${output.stderr.slice(-2_000)}`;

  return {
    pid,
    exited,
    kill: (signal = 'SIGTERM') => {
      if (exit === undefined) child.kill(signal);
    },
    stop: async (graceMs = 10_000) => {
      if (exit !== undefined) return exit;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
    stdout: () => output.stdout,
    stderr: () => output.stderr,
    waitForLine: (pattern, timeoutMs = 20_000) =>
      new Promise<string>((resolve, reject) => {
        const seen = lines.find((line) => pattern.test(line));
        if (seen !== undefined) return resolve(seen);
        const done = () => {
          lineListeners.delete(onLine);
          clearTimeout(timer);
        };
        const onLine = (line: string) => {
          if (!pattern.test(line)) return;
          done();
          resolve(line);
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`waitForLine: no line matched ${pattern} within ${timeoutMs} ms\n${tail()}`));
        }, timeoutMs);
        lineListeners.add(onLine);
        void exited.then((result) => {
          if (!lineListeners.has(onLine)) return;
          done();
          reject(
            new Error(
              `waitForLine: process exited (code ${result.code}, signal ${result.signal}) before a line matched ${pattern}\n${tail()}`,
            ),
          );
        });
      }),
  };
}
