// The app's own polls must not keep an idle session alive.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Api } from '../lib/server.mjs';

test('requests marked X-IOP-Background do not keep an idle session alive', async () => {
  const srv = await startServer({ env: { IOP_IDLE_TIMEOUT: '3' } });
  try {
    const a = new Api(srv.url);
    assert.equal((await a.login('clinician')).status, 200);
    const bg = { 'X-IOP-Background': '1' };
    for (let i = 0; i < 4; i++) {
      await new Promise((r) => setTimeout(r, 1000));
      const r = await a.req('GET', '/api/v1/tasks', undefined, bg);
      if (r.status === 401) break;
    }
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal((await a.req('GET', '/api/v1/me', undefined, bg)).status, 401,
      'the session idled out although polls kept coming');
    // Ordinary requests do keep it alive.
    const b = new Api(srv.url);
    assert.equal((await b.login('clinician')).status, 200);
    for (let i = 0; i < 5; i++) {
      await new Promise((r) => setTimeout(r, 1000));
      assert.equal((await b.get('/api/v1/me')).status, 200, `active request ${i}`);
    }
  } finally {
    await srv.stop();
  }
});
