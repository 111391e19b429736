// Raw HTTP for the security tests: what fetch() will not send (no Host, a
// body cut into pieces on a schedule, bytes that are not valid text, a
// header sent a byte at a time), over a plain `net` socket.
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

// Opens a socket to the server at url, with Nagle off so that each write
// leaves as its own segment; from localAddress when given (any 127.x.y.z
// reaches a server on 127.0.0.1, so one machine can be many addresses).
export function open(url, localAddress) {
  const { hostname, port } = new URL(url);
  return new Promise((ok, fail) => {
    const s = connect({ host: hostname, port: Number(port), localAddress }, () => ok(s));
    s.setNoDelay(true);
    s.once('error', fail);
  });
}

// The whole answer on socket s until the server closes it or ms pass:
// {status, headers (lower-case names), body, text, closed}.
export function answer(s, ms = 10000) {
  return new Promise((ok) => {
    const chunks = [];
    let done = false;
    const finish = (closed) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      s.destroy();
      ok({ ...parse(Buffer.concat(chunks).toString('latin1')), closed });
    };
    const timer = setTimeout(() => finish(false), ms);
    s.on('data', (d) => chunks.push(d));
    s.on('end', () => finish(true));
    s.on('close', () => finish(true));
    s.on('error', () => finish(true));
  });
}

export function parse(text) {
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
  const cut = text.indexOf('\r\n\r\n');
  const headers = {};
  for (const line of (cut < 0 ? text : text.slice(0, cut)).split('\r\n').slice(1)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  let body = cut < 0 ? '' : text.slice(cut + 4);
  let json = null;
  try { json = body ? JSON.parse(body) : null; } catch { json = null; }
  return { status: m ? Number(m[1]) : 0, headers, body, json, text };
}

// Sends request bytes (a string is sent as latin1, a Buffer as is) in one
// write and answers the server's answer.
export async function raw(url, bytes, ms = 10000, localAddress = undefined) {
  const s = await open(url, localAddress);
  const got = answer(s, ms);
  s.write(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes);
  return got;
}

// Request head for a JSON call: method, path, headers (an object), with
// Host and Connection: close unless given.
export function head(url, method, path, headers = {}) {
  const { host } = new URL(url);
  const h = { Host: host, Connection: 'close', ...headers };
  return `${method} ${path} HTTP/1.1\r\n` + Object.entries(h).filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${v}\r\n`).join('') + '\r\n';
}

// Sends the head at once, then the body in pieces of `piece` bytes with
// `gapMs` between them; answers {answer, pieces, ms}.
export async function slowBody(url, headText, body, { piece = 1, gapMs = 2 } = {}) {
  const s = await open(url);
  const got = answer(s, 60000);
  const t0 = performance.now();
  s.write(Buffer.from(headText, 'latin1'));
  let pieces = 0;
  for (let i = 0; i < body.length && !s.destroyed; i += piece) {
    await sleep(gapMs);
    s.write(body.subarray(i, i + piece));
    pieces++;
  }
  const a = await got;
  return { answer: a, pieces, ms: performance.now() - t0 };
}

// A JSON request as one write: method, path, body (an object, or a string
// sent as it is), extra headers.
export function jsonRequest(url, method, path, body, headers = {}, localAddress = undefined) {
  const b = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  const h = head(url, method, path, { 'Content-Type': 'application/json', 'Content-Length': b.length, ...headers });
  return raw(url, Buffer.concat([Buffer.from(h, 'latin1'), b]), 10000, localAddress);
}
