import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../platform/config.js';
import { makeKeyPair, spKeys } from './sp-keys.js';

const secret = 'a-secret-long-enough-for-anylib-0123456789';

describe('the SAML SP key pair', () => {
  it('is made once into the data directory when none is configured, and read back the same', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'anylib-sp-'));
    const keys = spKeys({ dataDir, saml: { keyFile: undefined, certFile: undefined } });
    expect(new X509Certificate(keys.cert).subject).toBe('CN=Anylib SAML service provider');
    expect(readFileSync(path.join(dataDir, 'saml-sp.pem'), 'utf8')).toContain(keys.cert);
    // Another process (no cache: another spelling of the same directory) reads the same pair.
    expect(spKeys({ dataDir: `${dataDir}/`, saml: { keyFile: undefined, certFile: undefined } })).toEqual(keys);
  });

  it('is read from the configured files, and a key that does not fit the certificate stops the start', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'anylib-sp-'));
    const a = makeKeyPair('a');
    const b = makeKeyPair('b');
    writeFileSync(path.join(dir, 'a.key'), a.key);
    writeFileSync(path.join(dir, 'a.crt'), `subject=CN = a\n${a.cert}`);
    writeFileSync(path.join(dir, 'b.key'), b.key);
    const config = loadConfig({ ANYLIB_SECRET: secret, ANYLIB_SAML_KEY_FILE: 'a.key', ANYLIB_SAML_CERT_FILE: 'a.crt' }, dir);
    expect(config.saml).toEqual({ keyFile: path.join(dir, 'a.key'), certFile: path.join(dir, 'a.crt') });
    expect(spKeys(config).cert).toBe(a.cert.trim());
    expect(() => spKeys({ dataDir: dir, saml: { keyFile: path.join(dir, 'b.key'), certFile: path.join(dir, 'a.crt') } })).toThrow(/not the key of the certificate/);
  });

  it('needs both settings or neither', () => {
    expect(() => loadConfig({ ANYLIB_SECRET: secret, ANYLIB_SAML_KEY_FILE: 'sp.key' }, tmpdir())).toThrow(/ANYLIB_SAML_KEY_FILE, ANYLIB_SAML_CERT_FILE: give both/);
  });
});
