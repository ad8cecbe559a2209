import { AuthService, type MeView } from '#app/auth';
import type { TestCommittee } from '#app/testing';
import { committedContract } from './helpers/contract.js';
import { createTestApp } from './helpers/test-app.js';

/**
 * #19 item 3: every answer of the HTTP specs is checked against openapi.json by the test app
 * (test/helpers/contract.ts). These show that a mismatch is caught and named: the operation, the status
 * and ajv's error.
 */
describe('answers checked against openapi.json', () => {
  it('takes a documented answer and names what is wrong with another', () => {
    const contract = committedContract();
    const error = { statusCode: 404, code: 'PROPOSAL_NOT_FOUND', message: 'proposal x was not found' };
    expect(contract.check('GET /api/proposals/:id', 404, 'application/json', error)).toBeNull();
    expect(contract.check('GET /api/proposals/:id', 418, 'application/json', error)).toMatch(/^ProposalsController_get \(GET \/api\/proposals\/\{id\}\) answered 418, which openapi.json does not document/);
    expect(contract.check('GET /api/proposals/:id', 404, 'application/json', { message: 'no code' })).toBe(
      "ProposalsController_get (GET /api/proposals/{id}) 404: body must have required property 'statusCode'",
    );
    expect(contract.check('GET /api/proposals/:id', 200, 'text/html', '<p>')).toMatch(/answered text\/html, documented application\/json/);
    expect(contract.check('GET /api/nowhere', 200, 'application/json', {})).toBe('GET /api/nowhere is not in openapi.json');
    expect(contract.check('GET /api/replies/:id/document.pdf', 200, 'application/pdf', undefined)).toBeNull();
    expect(contract.checkError({ statusCode: 404, code: 'NOT_FOUND', message: 'Cannot GET /api/x' })).toBeNull();
    expect(contract.checkError({ error: 'Not Found' })).toMatch(/^not an ErrorBody: body must have required property/);
  });

  it('fails the spec at close() when an answer does not match its operation, naming the operation, status and error', async () => {
    const t = await createTestApp(new Date());
    let closed = false;
    try {
      const c: TestCommittee = await t.committee();
      const member = await t.as(c.username('yuanyuan'));
      expect((await member.get('/api/auth/me')).status).toBe(200);
      // The service answers a shape its declared type does not allow (as a cast or an `as never` could).
      t.app.get(AuthService).me = async () => ({ id: 42 }) as unknown as MeView;
      expect((await member.get('/api/auth/me')).status).toBe(200);
      closed = true;
      await expect(t.close()).rejects.toThrow(/1 answer\(s\) did not match openapi\.json[^]*AuthController_me \(GET \/api\/auth\/me\) 200: body[^\n]*\(GET \/api\/auth\/me\)/);
    } finally {
      if (!closed) await t.close();
    }
  });
});
