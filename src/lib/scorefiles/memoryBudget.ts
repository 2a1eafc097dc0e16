/**
 * Bytes a browser tab can be asked to hold for the data and scoring: half the device's memory as the browser reports
 * it (navigator.deviceMemory, in GB, capped at 8 by browsers), at most 4 GB (a tab's typical ceiling for typed
 * arrays); 2 GB when the browser does not say.
 */
export function memoryBudget(deviceMemoryGb: number | undefined = (globalThis.navigator as { deviceMemory?: number } | undefined)?.deviceMemory): number {
  const GB = 1e9;
  return deviceMemoryGb && deviceMemoryGb > 0 ? Math.min(4 * GB, (deviceMemoryGb * GB) / 2) : 2 * GB;
}
