/**
 * CJK-aware text analysis for search (issue 4): the search document's tsvector, the tsquery of
 * a query's text, folding for exact comparisons and sort keys, and suggestion words.
 * Scheme and decisions: docs/search.md, "Text analysis and the query language".
 */
export { documentVector, type DocumentText } from './document.js';
export { textQuery } from './query.js';
export { foldText, foldCharacters, toSimplified } from './fold.js';
export { suggestionTerms } from './suggest.js';
export { TAG as LEXEME_TAGS, quoteLexeme } from './lexemes.js';
export { isbnForms, issnForm, doiForm, callNumberForm, systemNumberForms, looksLikeIsbn, looksLikeIssn } from './identifiers.js';
