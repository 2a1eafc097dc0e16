/** Compiles a test-only contract (e.g. a mock) with the same solc settings as scripts/compile-contracts.js. */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Abi, Hex } from 'viem';
import { compilerSettings } from '../../src/lib/staking/generated/contracts';

const require = createRequire(import.meta.url);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface SolcOutput {
  errors?: { severity: string; formattedMessage: string }[];
  contracts?: Record<string, Record<string, { abi: Abi; evm: { bytecode: { object: string } } }>>;
}

/** ABI and creation bytecode of contract `name` in `file` (a path relative to the project root). */
export function compileTestContract(file: string, name: string): { abi: Abi; bytecode: Hex } {
  const solc = require('solc') as { compile(input: string, callbacks: object): string };
  const source = relative(ROOT, join(ROOT, file));
  const input = {
    language: 'Solidity',
    sources: { [source]: { content: readFileSync(join(ROOT, source), 'utf8') } },
    settings: {
      optimizer: compilerSettings.optimizer,
      evmVersion: compilerSettings.evmVersion,
      outputSelection: { [source]: { [name]: ['abi', 'evm.bytecode.object'] } }
    }
  };
  const findImports = (path: string) => {
    const file = [join(ROOT, 'node_modules', path), join(ROOT, path)].find((f) => existsSync(f));
    return file ? { contents: readFileSync(file, 'utf8') } : { error: `File not found: ${path}` };
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports })) as SolcOutput;
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
  if (errors.length) throw new Error(errors.map((e) => e.formattedMessage).join('\n'));
  const compiled = output.contracts?.[source]?.[name];
  if (!compiled) throw new Error(`${name} not found in ${file}`);
  return { abi: compiled.abi, bytecode: `0x${compiled.evm.bytecode.object}` };
}
