#!/usr/bin/env -S node --import tsx
// `npm run chain`: a local test chain for developing the Stake page. Starts anvil (from the npm package
// @foundry-rs/anvil) on 127.0.0.1:8545, deploys TestNMR + NMRStaking with anvil's public dev key #0 through
// src/lib/staking/deploy.ts (QUICK_TIMING: a round every 10 s, resolvable after 10 s for 50 s, release delay 60 s;
// faucet cooldown 60 s), writes deployments/31337.json (gitignored),
// then keeps running until Ctrl-C. The dev key is public and only ever used on chain 31337.
//
//   npm run chain                  # then `npm run dev` (or rebuild): the Stake page finds deployments/31337.json
//   PORT=8546 npm run chain        # another port (the page then needs PUBLIC_LOCAL_RPC_URL=http://127.0.0.1:8546)
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createPublicClient, createWalletClient, http } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import { foundry } from 'viem/chains';
import { deployStaking, PRACTICE_FAUCET, QUICK_TIMING } from '../src/lib/staking/deploy';

const HOST = '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8545);
const RPC_URL = `http://${HOST}:${PORT}`;
/** anvil's public dev mnemonic; account 0 deploys and holds the resolver and pauser roles. */
const MNEMONIC = 'test test test test test test test test test test test junk';
const ARCH: Partial<Record<string, string>> = { x64: 'amd64', arm64: 'arm64' };
const require = createRequire(import.meta.url);

/** The platform binary of @foundry-rs/anvil, or its Node wrapper as a fallback (as contracts/test/anvil.ts does). */
function anvilCommand(): [string, string[]] {
  try {
    const pkg = `@foundry-rs/anvil-${process.platform}-${ARCH[process.arch] ?? process.arch}/package.json`;
    return [`${require.resolve(pkg).replace(/package\.json$/, '')}bin/anvil`, []];
  } catch {
    return [process.execPath, [require.resolve('@foundry-rs/anvil/bin.mjs')]];
  }
}

async function answers(): Promise<number | undefined> {
  try {
    const response = await fetch(RPC_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] })
    });
    return Number(((await response.json()) as { result: string }).result);
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const running = await answers();
  if (running !== undefined) {
    throw new Error(`Something already answers JSON-RPC on ${RPC_URL} (chain ${running}). Stop it, or set PORT.`);
  }
  const [command, prefix] = anvilCommand();
  const anvil: ChildProcess = spawn(command, [...prefix, '--host', HOST, '--port', String(PORT), '--chain-id', '31337', '--silent'], {
    stdio: ['ignore', 'inherit', 'inherit']
  });
  let stopping = false;
  const stop = () => {
    stopping = true;
    if (anvil.exitCode === null && anvil.signalCode === null) anvil.kill('SIGTERM');
    else process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  anvil.on('exit', (code) => {
    if (!stopping) console.error(`chain: anvil exited (${code ?? 'signal'})`);
    process.exit(stopping ? 0 : (code ?? 1));
  });

  const deadline = Date.now() + 10_000;
  while ((await answers()) === undefined) {
    if (Date.now() > deadline) throw new Error(`anvil did not answer on ${RPC_URL} within 10 s.`);
    await new Promise((r) => setTimeout(r, 100));
  }

  const account = mnemonicToAccount(MNEMONIC, { addressIndex: 0 });
  const chain = { ...foundry, rpcUrls: { default: { http: [RPC_URL] } } };
  const transport = http(RPC_URL);
  const deployment = await deployStaking(
    createWalletClient({ account, chain, transport }),
    createPublicClient({ chain, transport, pollingInterval: 50 }),
    { expectedChainId: 31337, timing: QUICK_TIMING, faucet: PRACTICE_FAUCET }
  );
  mkdirSync('deployments', { recursive: true });
  const file = join('deployments', '31337.json');
  writeFileSync(file, `${JSON.stringify(deployment, null, 2)}\n`);

  console.log(`chain: anvil on ${RPC_URL} (chain 31337); dev accounts hold 10 000 ETH each`);
  console.log(`chain: TestNMR ${deployment.contracts.testNmr}, NMRStaking ${deployment.contracts.nmrStaking} → ${file}`);
  console.log(`chain: resolver = dev account 0 ${account.address}; a round every 10 s, resolvable after 10 s for 50 s; release delay 60 s, faucet cooldown 60 s`);
  console.log('chain: import a dev key into your wallet for chain 31337 (see anvil --help); Ctrl-C stops the chain');
}

main().catch((error: unknown) => {
  console.error(`chain: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
