/**
 * Starts a real anvil (from the npm package @foundry-rs/anvil) on a free local port for one test file.
 * Usage: `const anvil = await startAnvil(); … afterAll(() => anvil.stop());`
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';

/** A running anvil node. */
export interface Anvil {
  rpcUrl: string;
  port: number;
  /** Kills the process and waits for it to exit. */
  stop(): Promise<void>;
}

const require = createRequire(import.meta.url);
const ARCH: Partial<Record<string, string>> = { x64: 'amd64', arm64: 'arm64' };

/**
 * The platform binary itself rather than the `bin.mjs` wrapper: killing the wrapper with SIGKILL would orphan anvil.
 * Falls back to the wrapper, run by this Node, on platforms without a matching package.
 */
function anvilCommand(): [string, string[]] {
  try {
    const pkg = `@foundry-rs/anvil-${process.platform}-${ARCH[process.arch] ?? process.arch}/package.json`;
    const dir = require.resolve(pkg).replace(/package\.json$/, '');
    return [`${dir}bin/anvil${process.platform === 'win32' ? '.exe' : ''}`, []];
  } catch {
    return [process.execPath, [require.resolve('@foundry-rs/anvil/bin.mjs')]];
  }
}

/** A port that was free a moment ago (bind to :0, read it, close). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function answers(rpcUrl: string): Promise<boolean> {
  try {
    const response = await fetch(rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] })
    });
    return response.ok;
  } catch {
    return false;
  }
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

/** Starts anvil with `extraArgs` and resolves once it answers `eth_chainId`; retries on a port race. */
export async function startAnvil(extraArgs: string[] = [], { timeoutMs = 10_000 } = {}): Promise<Anvil> {
  const [command, prefix] = anvilCommand();
  let lastError = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const rpcUrl = `http://127.0.0.1:${port}`;
    const child = spawn(command, [...prefix, '--host', '127.0.0.1', '--port', String(port), '--silent', ...extraArgs], {
      stdio: ['ignore', 'ignore', 'pipe']
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const stop = async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited(child);
    };
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline && child.exitCode === null) {
      if (await answers(rpcUrl)) return { rpcUrl, port, stop };
      await new Promise((r) => setTimeout(r, 50));
    }
    await stop();
    lastError = stderr.trim() || `anvil did not answer on ${rpcUrl} within ${timeoutMs} ms`;
  }
  throw new Error(`Could not start anvil: ${lastError}`);
}
