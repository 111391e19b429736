// The program's own name, under "openiop" in the header: read once (GET
// /api/v1/program once signed in; before that, on the sign-in screen, the
// public page's GET /api/v1/public/program), and set again when an
// administrator saves the program's details.
import { api } from './api.js';
import { paths } from './paths.js';

let known = null;
let asked = false;

function show(name) {
  const sub = document.querySelector('#brand-link .brand-sub');
  if (sub && name) sub.textContent = name;
}

// Called by the shell on each screen: asks once, then shows what it knows.
export function showProgramBrand(signedIn) {
  if (known) { show(known); return; }
  if (asked) return;
  asked = true;
  const ask = signedIn
    ? api.get(paths.program, undefined, { background: true, quiet401: true }).then((p) => p.name)
    : api.get(paths.publicProgram, undefined, { background: true, quiet401: true }).then((p) => p.program.name);
  ask.then((name) => { known = name; show(known); })
    .catch(() => { asked = false; });
}

// After a save: the new name at once.
export function setProgramName(name) {
  known = name;
  show(name);
}
