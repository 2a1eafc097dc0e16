/// <reference types="svelte" />
/** Wall-clock milliseconds as a rune, ticking once a second while some component runs {@link tickClock}. */
export const clock = $state({ ms: Date.now() });

let users = 0;
let timer: ReturnType<typeof setInterval> | undefined;

/** Starts the shared ticker (reference-counted); returns the stop function, for `$effect` or `onMount`. */
export function tickClock(): () => void {
  users += 1;
  timer ??= setInterval(() => (clock.ms = Date.now()), 1000);
  return () => {
    users -= 1;
    if (users === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}
