import { describe, expect, it } from 'vitest';
import { copyLink, copyToken, verifyCopyToken } from './link.js';

const secret = 'a-secret-long-enough-for-anylib-0123456789';

describe('download links of delivered copies', () => {
  it('opens the copy it was made for, and nothing else', () => {
    const token = copyToken(7, 'nonce-a', secret);
    expect(verifyCopyToken(token, 7, 'nonce-a', secret)).toBe(true);
    expect(verifyCopyToken(token, 8, 'nonce-a', secret)).toBe(false); // another copy
    expect(verifyCopyToken(token, 7, 'nonce-b', secret)).toBe(false); // the scan was replaced
    expect(verifyCopyToken(token, 7, 'nonce-a', `${secret}x`)).toBe(false); // another deployment's secret
    expect(verifyCopyToken(`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`, 7, 'nonce-a', secret)).toBe(false);
    expect(verifyCopyToken('', 7, 'nonce-a', secret)).toBe(false);
    expect(verifyCopyToken('../../etc/passwd', 7, 'nonce-a', secret)).toBe(false);
  });

  it('is a URL of the deployment with a URL-safe token', () => {
    expect(copyLink('https://lib.example.org', 7, 'n', secret)).toMatch(/^https:\/\/lib\.example\.org\/api\/v1\/ill\/copies\/7\/download\?token=[A-Za-z0-9_-]{24}$/);
  });
});
