#!/usr/bin/env node
// The command-line entry: runs the TypeScript CLI (the same engine and loaders as the app) with no build step, from
// a bundle cached on first use (see cliEntry.js) or through tsx.
import { cliEntry } from './cliEntry.js';

const { main } = await import(await cliEntry());
process.exitCode = await main(process.argv.slice(2));
