/** The page theme: light, dark or the system's (prefers-color-scheme), persisted in localStorage. */
export type ThemeChoice = 'light' | 'dark' | 'system';

/** Must match the early script in src/app.html, which applies the saved theme before the first paint. */
const KEY = 'numerai-playground:theme';

export function loadTheme(): ThemeChoice {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

const dark = () => typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;

/** The theme in effect now. */
export const effectiveTheme = (choice: ThemeChoice): 'light' | 'dark' => (choice !== 'system' ? choice : dark() ? 'dark' : 'light');

let unfollow: (() => void) | null = null;

/**
 * Applies a theme and saves the choice. `<html data-theme>` always holds the theme in effect (the CSS has one
 * dark rule); `data-theme-choice` says whether it follows the system, in which case a system change is followed.
 */
export function applyTheme(choice: ThemeChoice): void {
  const root = document.documentElement;
  root.dataset.theme = effectiveTheme(choice);
  root.dataset.themeChoice = choice;
  unfollow?.();
  unfollow = null;
  if (choice === 'system' && typeof matchMedia === 'function') {
    const media = matchMedia('(prefers-color-scheme: dark)');
    const onChange = () => (root.dataset.theme = media.matches ? 'dark' : 'light');
    media.addEventListener('change', onChange);
    unfollow = () => media.removeEventListener('change', onChange);
  }
  try {
    if (choice === 'system') localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, choice);
  } catch {
    // storage unavailable (private mode): the choice lasts for this page only
  }
}
