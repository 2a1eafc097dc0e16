import { describe, expect, it } from 'vitest';
import { appDirectives, DATA_HOSTS, LOOPBACK, rpcOrigins } from '../../../src/lib/csp.js';

describe('the app\'s Content-Security-Policy', () => {
  it('connects only to the app, loopback, the configured RPC endpoints and the data hosts', () => {
    const d = appDirectives({ scriptHashes: ['abc='], env: { PUBLIC_SEPOLIA_RPC_URL: 'https://eth-sepolia.example.org/v2/key', PUBLIC_LOCAL_RPC_URL: 'http://127.0.0.1:8546' } });
    expect(d['connect-src']).toEqual(['self', ...LOOPBACK, 'https://eth-sepolia.example.org', 'http://127.0.0.1:8546', ...DATA_HOSTS]);
    expect(d['script-src']).toEqual(['self', 'wasm-unsafe-eval', 'sha256-abc=']);
    expect(d['img-src']).toEqual(['self', 'data:', 'blob:']);
    expect(d['object-src']).toEqual(['none']);
    for (const sources of Object.values(d)) expect(sources).not.toContain('unsafe-eval');
    expect(d['script-src']).not.toContain('unsafe-inline');
  });

  it('without RPC variables, only the app and loopback', () => {
    expect(appDirectives({ scriptHashes: [], env: {} })['connect-src']).toEqual(['self', ...LOOPBACK, ...DATA_HOSTS]);
  });

  it('refuses an RPC variable that is not an http(s) URL, naming it', () => {
    expect(() => rpcOrigins({ PUBLIC_SEPOLIA_RPC_URL: 'sepolia.example.org' })).toThrow(/PUBLIC_SEPOLIA_RPC_URL is not a URL/);
    expect(() => rpcOrigins({ PUBLIC_LOCAL_RPC_URL: 'ws://127.0.0.1:8545' })).toThrow(/PUBLIC_LOCAL_RPC_URL must be an http\(s\) URL/);
  });
});
