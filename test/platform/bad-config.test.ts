import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runToEnd, tempDir } from './support/anylib-process.js';

describe('anylib serve with a bad configuration', () => {
  it('lists every bad setting and exits 1 without starting', async () => {
    const { code, stdout, stderr } = await runToEnd(['serve'], {
      PORT: 'abc',
      DATABASE_URL: 'mysql://root@db/anylib',
      LOG_LEVEL: 'loud',
      BASE_URL: 'ftp://x',
      ANYLIB_SECRET: 'too-short',
    });
    expect(code).toBe(1);
    for (const name of ['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'BASE_URL', 'ANYLIB_SECRET']) expect(stderr).toContain(name);
    expect(stderr).not.toContain('too-short');
    expect(stderr).not.toMatch(/\n\s+at /); // an operator's mistake, not a bug: no stack trace
    expect(stdout).not.toContain('Anylib is ready');
  });

  it('reads the .env file of its working directory, where the real environment wins', async () => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, '.env'), 'LOG_LEVEL=loud\nPORT=abc\n');
    const { code, stderr } = await runToEnd(['migrate'], { PORT: '8080', ANYLIB_SECRET: 'x'.repeat(40) }, cwd);
    expect(code).toBe(1);
    expect(stderr).toContain('LOG_LEVEL');
    expect(stderr).not.toContain('PORT');
  });
});
