// A small status label.  The word carries the meaning; colour only helps.
import { h } from '../dom.js';

// kind: neutral | ok | warn | danger | info
export function badge(text, kind = 'neutral') {
  return h(`span.badge.badge-${kind}`, { text });
}
