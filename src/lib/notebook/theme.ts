/** The page theme: light, dark or the system's (prefers-color-scheme), persisted in localStorage. */
export type ThemeChoice = 'light' | 'dark' | 'system';

const KEY = 'numerai-playground:theme';

export function loadTheme(): ThemeChoice {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

/** Applies a theme to <html data-theme> ("system" removes it, so the media query decides) and saves the choice. */
export function applyTheme(choice: ThemeChoice): void {
  const root = document.documentElement;
  if (choice === 'system') delete root.dataset.theme;
  else root.dataset.theme = choice;
  try {
    if (choice === 'system') localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, choice);
  } catch {
    // storage unavailable (private mode): the choice lasts for this page only
  }
}

/** The theme in effect now. */
export const effectiveTheme = (choice: ThemeChoice): 'light' | 'dark' =>
  choice !== 'system' ? choice : matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
