// Svelte's browser entry. The project's Vitest config resolves `svelte` with server conditions, where mount()
// throws; the wrapper tests import the client entry by path instead (components compile for the client in jsdom).
// Its dev build guards globalThis.$state & co. with throwing getters, which can trip Vitest's printing of a
// failed DOM comparison: compare nodes with `expect(a === b).toBe(true)`.
import type * as Svelte from 'svelte';
// @ts-expect-error: a plain JS module outside the package's exports map; its types are those of 'svelte'.
import { mount as m, unmount as u, flushSync as f } from '../../node_modules/svelte/src/index-client.js';

export const mount = m as typeof Svelte.mount;
export const unmount = u as typeof Svelte.unmount;
export const flushSync = f as typeof Svelte.flushSync;
