const key = 'anylib.library';

/**
 * The library a reader said they come from ("where are you from?"), remembered on this device:
 * the sign-in page starts there, and searches not signed in use it for "in my library" and the
 * nearest copy (the API's `myLibrary`).
 */
export const rememberedLibrary = {
  get(): string | null {
    try {
      return localStorage.getItem(key);
    } catch {
      return null;
    }
  },
  set(symbol: string | null): void {
    try {
      if (symbol) localStorage.setItem(key, symbol);
      else localStorage.removeItem(key);
    } catch {
      // storage off: nothing remembered
    }
  },
};
