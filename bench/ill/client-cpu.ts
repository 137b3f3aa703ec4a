/**
 * The benchmark client's own CPU a call (issue 5, session 12): node:http's client (bench/support.ts
 * postJson, a keep-alive Agent) against lean-client.ts, 8 clients, 4,000 POSTs each way, against a
 * plain node:http server in a child process that answers 6 kB of JSON (an ILL staff answer's size).
 * Only this process's CPU is counted. `npx tsx bench/ill/client-cpu.ts`
 */
import { fork } from 'node:child_process';
import http from 'node:http';
import { postJson } from '../support.js';
import { LeanClient } from './lean-client.js';
if (process.argv[2] === 'server') {
  const body = JSON.stringify({ state: 'shipped', pad: 'x'.repeat(6000) });
  http.createServer((req, res) => { req.resume(); req.on('end', () => { res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }); res.end(body); }); })
    .listen(0, '127.0.0.1', function (this: http.Server) { process.send!((this.address() as { port: number }).port); });
} else {
  const child = fork(process.argv[1]!, ['server'], { execArgv: ['--import', 'tsx'] });
  const port = await new Promise<number>((r) => child.once('message', (m) => r(m as number)));
  const N = 4000, C = 8;
  const headers = { authorization: 'Bearer abcdefabcdefabcdefabcdefabcdef', 'accept-language': 'en' };
  const lines = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('');
  for (const round of [1, 2]) {
    const agent = new http.Agent({ keepAlive: true, maxSockets: C });
    let c0 = process.cpuUsage();
    await Promise.all(Array.from({ length: C }, async () => { for (let i = 0; i < N / C; i++) { const a = await postJson(agent, `http://127.0.0.1:${port}/x`, headers, {}); if (a.status !== 200) throw new Error(); } }));
    let c = process.cpuUsage(c0); const nodeMs = (c.user + c.system) / 1000 / N;
    agent.destroy();
    const lean = Array.from({ length: C }, () => new LeanClient('127.0.0.1', port));
    c0 = process.cpuUsage();
    await Promise.all(lean.map(async (l) => { for (let i = 0; i < N / C; i++) { const a = await l.post('/x', lines, '{}'); if (a.status !== 200) throw new Error(); } }));
    c = process.cpuUsage(c0); const leanMs = (c.user + c.system) / 1000 / N;
    lean.forEach((l) => l.close());
    console.log(`round ${round}: node:http ${nodeMs.toFixed(3)} ms/call, lean ${leanMs.toFixed(3)} ms/call`);
  }
  child.kill();
}
