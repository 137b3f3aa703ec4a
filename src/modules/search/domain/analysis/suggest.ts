/**
 * Words for "did you mean" (issue 4: trigram similarity over titles and authors): what a reader
 * would type, folded but not stemmed, a Chinese, Japanese or Korean run kept whole.
 */
import { foldCharacters } from './fold.js';
import { tokenize } from './tokens.js';

/** The words of a text as a reader would type them, folded, each once, in order. */
export function suggestionTerms(text: string): string[] {
  const seen = new Set<string>();
  for (const token of tokenize(foldCharacters(text))) seen.add(token.text);
  return [...seen];
}
