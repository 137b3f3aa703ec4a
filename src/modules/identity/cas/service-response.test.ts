import { describe, expect, it } from 'vitest';
import { parseServiceResponse } from './service-response.js';

const ns = 'xmlns:cas="http://www.yale.edu/tp/cas"';

describe('the CAS server’s validation answer', () => {
  it('gives the user and the CAS 3.0 attributes, several values of one name together', () => {
    const r = parseServiceResponse(`<cas:serviceResponse ${ns}><cas:authenticationSuccess><cas:user>2021001</cas:user>
      <cas:attributes><cas:mail>li@uni.example</cas:mail><cas:memberOf>a</cas:memberOf><cas:memberOf>b</cas:memberOf></cas:attributes>
      </cas:authenticationSuccess></cas:serviceResponse>`);
    expect(r).toEqual({ ok: true, user: '2021001', attributes: { mail: ['li@uni.example'], memberOf: ['a', 'b'] } });
  });

  it('gives the failure code and message', () => {
    const r = parseServiceResponse(`<cas:serviceResponse ${ns}><cas:authenticationFailure code="INVALID_TICKET">Ticket ST-1 not recognized</cas:authenticationFailure></cas:serviceResponse>`);
    expect(r).toEqual({ ok: false, code: 'INVALID_TICKET', message: 'Ticket ST-1 not recognized' });
  });

  it('refuses what is no CAS answer: another namespace, a DOCTYPE, broken XML, success without a user', () => {
    expect(parseServiceResponse('<serviceResponse><authenticationSuccess><user>x</user></authenticationSuccess></serviceResponse>')).toMatchObject({ ok: false, code: 'MALFORMED' });
    expect(parseServiceResponse(`<!DOCTYPE x [<!ENTITY a "b">]><cas:serviceResponse ${ns}/>`)).toMatchObject({ ok: false, code: 'MALFORMED' });
    expect(parseServiceResponse(`<cas:serviceResponse ${ns}><cas:authenticationSuccess>`)).toMatchObject({ ok: false, code: 'MALFORMED' });
    expect(parseServiceResponse(`<cas:serviceResponse ${ns}><cas:authenticationSuccess/></cas:serviceResponse>`)).toMatchObject({ ok: false, code: 'MALFORMED' });
  });
});
