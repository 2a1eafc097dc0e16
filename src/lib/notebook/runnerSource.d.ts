// The code runner and Arquero as source text (scripts/notebookRunnerPlugin.js).
declare module 'virtual:notebook-runner' {
  const source: string;
  export default source;
}
declare module 'virtual:notebook-runner-arquero' {
  const source: string;
  export default source;
}
