/**
 * Wraps an async function so at most one call is in flight; calls made meanwhile are collapsed into one that runs
 * next with the latest arguments (latest wins). Each call resolves with the result of the run that covered it,
 * or with `undefined` when a newer call replaced it before it started.
 */
export function latestOnly<A extends unknown[], R>(fn: (...args: A) => Promise<R>): (...args: A) => Promise<R | undefined> {
  let inFlight: Promise<unknown> | null = null;
  let next: { args: A; resolvers: ((r: R | undefined) => void)[]; rejecters: ((e: unknown) => void)[] } | null = null;
  const start = (args: A, resolvers: ((r: R | undefined) => void)[], rejecters: ((e: unknown) => void)[]) => {
    const p = fn(...args);
    inFlight = p.then(
      (r) => resolvers.forEach((f) => f(r)),
      (e) => rejecters.forEach((f) => f(e))
    ).finally(() => {
      inFlight = null;
      const n = next;
      next = null;
      if (n) start(n.args, n.resolvers, n.rejecters);
    });
  };
  return (...args: A) =>
    new Promise<R | undefined>((resolve, reject) => {
      if (!inFlight) return start(args, [resolve], [reject]);
      // superseded calls resolve with undefined; the newest waits for its own run
      next?.resolvers.forEach((f) => f(undefined));
      next = { args, resolvers: [resolve], rejecters: [reject] };
    });
}
