import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFakeAnthropic } from '.';

/** A throwaway self-signed certificate for the real hosts and 127.0.0.1. */
function makeCert(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'fake-anthropic-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=api.anthropic.com',
        '-addext',
        'subjectAltName=DNS:api.anthropic.com,DNS:platform.claude.com,IP:127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    return {
      key: readFileSync(join(dir, 'key.pem'), 'utf8'),
      cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function get(url: string, ca: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request(url, { ca }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });
}

describe('fake Anthropic over TLS', () => {
  // Needs openssl (a test prerequisite `npm test` provides); without it this fails, never skips.
  it('serves HTTPS with the given key and certificate', async () => {
    const tls = makeCert();
    const fake = await createFakeAnthropic({ tls });
    try {
      expect(fake.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const hello = await get(`${fake.url}/api/hello`, tls.cert);
      expect(hello.status).toBe(200);
      expect(fake.stats.requests).toMatchObject([{ route: 'hello', status: 200 }]);
    } finally {
      await fake.close();
    }
  });
});
