// `iop serve --tls-cert --tls-key` serves HTTPS directly, and the session
// cookie is then marked Secure.  The certificate is a throwaway one made by
// openssl for 127.0.0.1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { request } from 'node:https';
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { startServer, DEMO_PASSWORD } from '../lib/server.mjs';

function https(url, method, body) {
  return new Promise((ok, fail) => {
    const req = request(url, { method, rejectUnauthorized: false,
      headers: body ? { 'Content-Type': 'application/json' } : {} }, (res) => {
      let data = '';
      res.on('data', (d) => { data += d; });
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, text: data }));
    });
    req.on('error', fail);
    if (body) req.write(JSON.stringify(body));
    req.end();
  });
}

test('HTTPS with a certificate: HSTS, and a Secure session cookie', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'iop-tls-'));
  const cert = join(dir, 'cert.pem'), key = join(dir, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key,
    '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
  const srv = await startServer({ args: ['--tls-cert', cert, '--tls-key', key] });
  try {
    const base = srv.url;
    assert.match(base, /^https:/);
    const h = await https(base + '/healthz', 'GET');
    assert.equal(h.status, 200);
    assert.match(h.headers['strict-transport-security'], /max-age=\d+/);
    const login = await https(base + '/api/v1/session', 'POST', { username: 'clinician', password: DEMO_PASSWORD });
    assert.equal(login.status, 200, login.text);
    const cookie = login.headers['set-cookie'].join(';');
    assert.match(cookie, /iop_session=[^;]+;/);
    assert.match(cookie, /; Secure/);
    assert.match(cookie, /HttpOnly/);
  } finally {
    await srv.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
