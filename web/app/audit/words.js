// The audit log's words, as the server states them (GET /audit/words):
// every action ("Checked benefits") and record type ("Benefit check #5").
// Read once per sign-in; the screens never spell an action themselves.
import { api } from '../api.js';
import { paths } from '../paths.js';

let cache = null;

export function auditWords() {
  if (!cache) {
    const promise = api.get(paths.auditWords).then((d) => ({
      actions: d.actions || [],
      byAction: new Map((d.actions || []).map((a) => [a.code, a.words])),
      records: new Map((d.record_types || []).map((t) => [t.code, t])),
    }));
    cache = promise;
    promise.catch(() => { if (cache === promise) cache = null; });
  }
  return cache;
}

// An entry's action in words: the row carries them; the vocabulary is the
// fallback for a row from an older server; the code when neither knows it.
export function actionText(words, a) {
  return a.action_words || (words && words.byAction.get(a.action)) || a.action || '';
}

// What an entry was about: "Contact #5", "Client record", "Staff accounts".
export function recordText(words, type, id) {
  if (!type) return '';
  const t = words && words.records.get(type);
  const one = t ? t.one : type.replace(/_/g, ' ');
  const many = t ? t.many : one;
  if (!id) return many;
  return type === 'client' ? one : `${one} #${id}`;
}

// The actions for a choice list, in the server's groups:
// [{group, actions: [{code, words}]}].
export function actionGroups(words) {
  const groups = new Map();
  for (const a of words.actions) {
    if (!groups.has(a.group)) groups.set(a.group, []);
    groups.get(a.group).push(a);
  }
  return [...groups].map(([group, actions]) => ({ group, actions }));
}
