/**
 * Where a process spent its CPU: the self time of a V8 CPU profile (`node --cpu-prof`, e.g. the
 * server a benchmark starts with ANYLIB_BENCH_CPU_PROF=<dir>), by function and by file or package.
 *   npx tsx bench/profile-summary.ts <file.cpuprofile> [top=40]
 * Self time is what a function ran itself, without its callees; "(idle)" and "(program)" are
 * V8's own (waiting, and native work it cannot attribute), "(garbage collector)" the GC.
 */
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const file = process.argv[2];
if (!file) throw new Error('usage: bench/profile-summary.ts <file.cpuprofile> [top]');
const top = Number(process.argv[3] ?? 40);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));

/** --after <s>: only the samples from that many seconds after the profile began (leave out start-up). */
const afterAt = process.argv.indexOf('--after');
const after = afterAt > 0 ? Number(process.argv[afterAt + 1]) * 1e6 : 0;
/** Microseconds per node: each sample counts the time until the next one. */
const self = new Map<number, number>();
let at = 0;
profile.samples.forEach((id, i) => {
  at += profile.timeDeltas[i] ?? 0;
  if (at >= after) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
});

/** node_modules/<package> or the file under the repository, so that the groups read as "who". */
function where(url: string): string {
  if (!url) return '(native)';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1]!;
  if (url.startsWith('node:')) return url;
  const i = url.indexOf('/src/');
  return i >= 0 ? url.slice(i + 1) : url.replace(/^file:\/\//, '');
}

const byFunction = new Map<string, number>();
const byFile = new Map<string, number>();
let total = 0;
let idle = 0;
for (const [id, us] of self) {
  const { callFrame: f } = byId.get(id)!;
  total += us;
  if (f.functionName === '(idle)') idle += us;
  const w = where(f.url);
  const key = `${f.functionName || '(anonymous)'}  ${w}${f.url ? `:${f.lineNumber + 1}` : ''}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + us);
  if (f.functionName !== '(idle)') byFile.set(w, (byFile.get(w) ?? 0) + us);
}
const busy = total - idle;
const print = (title: string, m: Map<string, number>): void => {
  console.log(`\n${title} (share of busy time ${(busy / 1e6).toFixed(2)} s; idle ${(idle / 1e6).toFixed(2)} s)`);
  for (const [k, us] of [...m].filter(([k]) => !k.startsWith('(idle)')).sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${((100 * us) / busy).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`);
  }
};
print('self time by function', byFunction);
print('self time by file or package', byFile);

// Inclusive time by function (a function counted once per stack, however deep it recurses).
{
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const inclusive = new Map<string, number>();
  for (const [id, us] of self) {
    if (byId.get(id)!.callFrame.functionName === '(idle)') continue;
    const seen = new Set<string>();
    for (let p: number | undefined = id; p !== undefined; p = parent.get(p)) {
      const f = byId.get(p)!.callFrame;
      const key = `${f.functionName || '(anonymous)'}  ${where(f.url)}${f.url ? `:${f.lineNumber + 1}` : ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + us);
    }
  }
  if (process.argv.includes('--inclusive')) print('inclusive time by function', inclusive);
}

// --callers <name>: who calls a function (its callers' chains, three frames up, by self time).
const asked = process.argv.indexOf('--callers');
if (asked > 0) {
  const wanted = process.argv[asked + 1]!;
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const chains = new Map<string, number>();
  for (const [id, us] of self) {
    if (byId.get(id)!.callFrame.functionName !== wanted) continue;
    const names: string[] = [];
    for (let p = parent.get(id); p !== undefined && names.length < 10; p = parent.get(p)) {
      const f = byId.get(p)!.callFrame;
      names.push(`${f.functionName || '(anonymous)'}@${where(f.url)}:${f.lineNumber + 1}`);
    }
    const key = names.join(' < ');
    chains.set(key, (chains.get(key) ?? 0) + us);
  }
  print(`callers of ${wanted}`, chains);
}
