#!/usr/bin/env node
// The command-line entry: runs the TypeScript CLI (the same engine and loaders as the app) through tsx, so it
// works straight after `npm ci` with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
