/**
 * An attachment for a file input (`{@attach showFile(file)}`): makes `files` its chosen files, so the browser keeps
 * naming the file that was loaded (after a re-render, or when the input is a new element for an existing row)
 * instead of "No file chosen".
 */
export const showFile = (...files: (File | null | undefined)[]) => (input: HTMLInputElement) => {
  const wanted = files.filter((f): f is File => !!f);
  if (!wanted.length || (input.files?.length === wanted.length && wanted.every((f, i) => input.files![i] === f))) return;
  try {
    const dt = new DataTransfer();
    for (const f of wanted) dt.items.add(f);
    input.files = dt.files;
  } catch {
    // no DataTransfer constructor: the name shown next to the input still says which file is loaded
  }
};

/** Empties a file input before its dialog opens, so that picking the same file again still loads it. */
export const repick = (e: Event) => ((e.currentTarget as HTMLInputElement).value = '');
