// Case management's words (GET /vocabularies/case-management: no client
// data), read once and shared by the chart section, the Resources screen
// and the due list on My tasks.
import { api } from '../api.js';
import { paths } from '../paths.js';

let vocabPromise = null;
export function casemgmtVocabulary() {
  if (!vocabPromise) {
    vocabPromise = api.get(paths.casemgmtVocabulary);
    vocabPromise.catch(() => { vocabPromise = null; });
  }
  return vocabPromise;
}

// The label of code in one of the vocabulary's lists ("housing" → "Housing").
export function label(list, code) {
  const w = (list || []).find((x) => x.code === code);
  return w ? w.label : String(code || '').replace(/_/g, ' ');
}
