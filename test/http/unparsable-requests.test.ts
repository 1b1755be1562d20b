/**
 * Requests Node's HTTP parser refuses before any route sees them (raw UTF-8 in the URL as a careless
 * client sends it, a broken request line, headers over the limit) get the API's error shape with a
 * stable code like every other refusal, not Fastify's generic "Client Error".
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/harness.js';

let t: TestApp;
let port: number;

beforeAll(async () => {
  t = await createTestApp();
  const address = await t.app.listen({ host: '127.0.0.1', port: 0 });
  port = Number(new URL(address).port);
});
afterAll(() => t.close());

/** Writes raw bytes and reads the whole answer until the server closes the connection. */
function raw(request: Buffer): Promise<{ status: number; headers: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(request));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', body = ''] = text.split('\r\n\r\n');
      resolve({ status: Number(head.split(' ')[1]), headers: head, body });
    });
  });
}

describe('requests that cannot be parsed', () => {
  it.each([
    ['raw UTF-8 in the query string', Buffer.concat([Buffer.from('GET /api/customers?q='), Buffer.from('嘉禾', 'utf8'), Buffer.from(' HTTP/1.1\r\nHost: x\r\n\r\n')])],
    ['a broken request line', Buffer.from('GET\r\n\r\n')],
    ['a header without a colon', Buffer.from('GET /healthz HTTP/1.1\r\nHost x\r\n\r\n')],
  ])('%s is a 400 MALFORMED_REQUEST in the default language', async (_name, request) => {
    const answer = await raw(request);
    expect(answer.status).toBe(400);
    expect(answer.headers).toMatch(/content-type: application\/json; charset=utf-8/i);
    const body = JSON.parse(answer.body) as { code: string; message: string };
    expect(body.code).toBe('MALFORMED_REQUEST');
    expect(body.message).toMatch(/请求无法解析/);
  });

  it('headers over the limit are a 431 HEADERS_TOO_LARGE', async () => {
    const answer = await raw(Buffer.from(`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`));
    expect(answer.status).toBe(431);
    expect(JSON.parse(answer.body).code).toBe('HEADERS_TOO_LARGE');
  });

  it('the same URL percent-encoded is answered by the route', async () => {
    const answer = await raw(Buffer.from('GET /api/customers?q=%E5%98%89%E7%A6%BE HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'));
    // no session: the route itself answers, in the API's shape
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body.replace(/^[0-9a-f]+\r\n/, '').replace(/\r\n0$/, '').trim())).toMatchObject({ code: expect.any(String) });
  });
});
