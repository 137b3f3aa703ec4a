import { describe, expect, it } from 'vitest';
import { passwordProblems } from './password-policy.js';

describe('the password policy', () => {
  it('accepts ten characters or more', () => {
    expect(passwordProblems('abcdefghij', 'li.wei@nju.edu.cn')).toEqual([]);
    expect(passwordProblems('图书馆联盟的一站式检索服务', 'li.wei@nju.edu.cn')).toEqual([]);
  });

  it('refuses fewer than ten characters, counting 汉字 as one each', () => {
    expect(passwordProblems('abcdefghi', 'li.wei@nju.edu.cn')).toEqual([{ code: 'PASSWORD_TOO_SHORT', min: 10 }]);
    // Nine characters, though 27 bytes in UTF-8.
    expect(passwordProblems('图书馆联盟一站式检', 'x@y.org')).toEqual([{ code: 'PASSWORD_TOO_SHORT', min: 10 }]);
  });

  it('refuses the e-mail address and the part before the @, whatever the case', () => {
    expect(passwordProblems('Li.Wei@NJU.edu.cn', 'li.wei@nju.edu.cn')).toContainEqual({ code: 'PASSWORD_IS_EMAIL' });
    expect(passwordProblems('zhangsan2024', 'zhangsan2024@pku.edu.cn')).toEqual([{ code: 'PASSWORD_IS_EMAIL' }]);
  });

  it('refuses absurdly long input', () => {
    expect(passwordProblems('x'.repeat(257), 'a@b.org')).toEqual([{ code: 'PASSWORD_TOO_LONG', max: 256 }]);
  });
});
