import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';

describe('the /metrics configuration', () => {
  it('is off unless a token or a port is given', () => {
    const r = loadConfig({});
    expect(r.ok && r.value.metrics).toBeUndefined();
  });

  it('reads the token, the port and the host (127.0.0.1 by default)', () => {
    const r = loadConfig({ METRICS_TOKEN: 'a'.repeat(16), METRICS_PORT: '9464' });
    expect(r.ok && r.value.metrics).toEqual({ token: 'a'.repeat(16), port: 9464, host: '127.0.0.1' });
  });

  it('refuses a short token and a bad port', () => {
    const r = loadConfig({ METRICS_TOKEN: 'short', METRICS_PORT: 'x' });
    expect(!r.ok && r.error.problems.map((p) => p.variable)).toEqual(['METRICS_TOKEN', 'METRICS_PORT']);
  });
});
