// Arquero as one module for the code runner: the page sends it to the sandboxed runner when a cell uses `aq`
// (scripts/notebookRunnerPlugin.js bundles this file as `virtual:notebook-runner-arquero`).
export * from 'arquero';
