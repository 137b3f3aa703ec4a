import { afterEach, describe, expect, it } from 'vitest';
import { cliLocale } from './i18n.js';
import { describeReport } from './commands/network.js';

const counts = { created: 2, updated: 1, unchanged: 0 };
const report = { format: 'json' as const, dryRun: true, libraries: counts, alliances: counts, agreements: counts };

describe('the command line speaks the terminal’s language', () => {
  const saved = { LANG: process.env.LANG, LC_ALL: process.env.LC_ALL };
  afterEach(() => {
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  });

  it('reads LC_ALL before LANG, and falls back to English', () => {
    expect(cliLocale({ LANG: 'zh_CN.UTF-8' })).toBe('zh-CN');
    expect(cliLocale({ LC_ALL: 'en_GB.UTF-8', LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(cliLocale({ LANG: 'C.UTF-8' })).toBe('en');
    expect(cliLocale({})).toBe('en');
  });

  it('prints an import summary in Chinese on a Chinese terminal, in English otherwise', () => {
    delete process.env.LC_ALL;
    process.env.LANG = 'zh_CN.UTF-8';
    expect(describeReport(report)).toBe(['试运行——未写入任何内容。', '图书馆：新建 2，更新 1，未变 0', '联盟：新建 2，更新 1，未变 0', '协议：新建 2，更新 1，未变 0'].join('\n'));
    process.env.LANG = 'en_US.UTF-8';
    expect(describeReport(report).split('\n')[1]).toBe('libraries: 2 created, 1 updated, 0 unchanged');
  });
});
