// A client's care: the chart's "Care team" section (who was added by hand
// to the client's care, with Add… and Remove), and the screen shown instead
// of any client screen to a clinical staff member outside the client's care
// (the answer care_relationship_required), which offers to open the record
// in an emergency ("break the glass"): the reason is kept, the director is
// told, and the access lasts a few hours.
import { api, auth } from '../api.js';
import { paths } from '../paths.js';
import { h, clear } from '../dom.js';
import { confirmDialog, formDialog } from '../components/dialog.js';
import { field, Form, showApiError } from '../components/field.js';
import { toast } from '../components/toast.js';
import { clientName, fmtDateTime } from '../format.js';
import { staffDirectory } from '../directory.js';
import { button, errorNote, pageHeader } from '../components/page.js';

const ROLE_WORDS = {
  director: 'Director', clinician: 'Clinician', case_manager: 'Case manager', prescriber: 'Prescriber',
  nurse: 'Nurse', admissions: 'Admissions', front_desk: 'Front desk', billing: 'Billing',
};
const rolesText = (roles) => (roles || []).map((r) => ROLE_WORDS[r] || r).join(', ');
const canChange = () => auth.can('care_team.manage');

export function loadCareTeam(clientId) {
  return api.get(paths.clientCareTeam(clientId));
}

export function drawCareTeam(section, c, data, opts) {
  clear(section);
  const head = h('div.section-head', h('h2', { id: 'care-team-title', text: 'Care team' }));
  if (canChange()) head.append(button('Add to care team…', () => addMember(c, data, opts), 'secondary', { id: 'add-care-member' }));
  section.append(head);
  section.append(h('p.muted.small', { text: 'Clinical staff see this record when they are on the care team, are the primary clinician of an episode, lead the client\'s groups, see the client for an appointment, co-sign a note or are on duty at the client\'s site. Anyone else must declare an emergency, and the director is told.' }));
  if (!data || data.error) {
    section.append(errorNote(data && data.error));
    return;
  }
  if (!data.items.length) {
    section.append(h('p.empty', { text: 'Nobody has been added by hand.' }));
    return;
  }
  const list = h('ul.care-team');
  for (const m of data.items) {
    const li = h('li.care-member',
      h('span.care-member-name', { text: m.staff_name || m.username }),
      h('span.muted', { text: [m.role_in_care, rolesText(m.roles)].filter(Boolean).join(' · ') }),
      h('span.muted.small', { text: `added ${fmtDateTime(m.added_at)}` }));
    if (canChange()) {
      li.append(button('Remove', () => removeMember(c, m, opts), 'secondary', { class: 'btn-small', 'aria-label': `Remove ${m.staff_name} from the care team` }));
    }
    list.append(li);
  }
  section.append(list);
}

async function addMember(c, data, opts) {
  let dir;
  try { dir = await staffDirectory(); } catch (err) { toast(err.message, 'error'); return; }
  const already = new Set(((data && data.items) || []).map((m) => m.staff_id));
  const choices = dir.list
    .filter((s) => s.active && !already.has(s.id) && s.roles.some((r) => r !== 'admin'))
    .sort((a, b) => (a.full_name || '').localeCompare(b.full_name || ''));
  const f = new Form();
  const content = [
    f.add(field({ name: 'staff_id', label: 'Staff member', type: 'select', required: true,
      options: [{ value: '', label: 'Choose…' }, ...choices.map((s) => ({ value: s.id, label: `${s.full_name} (${rolesText(s.roles)})` }))] })),
    f.add(field({ name: 'role_in_care', label: 'Role in this client\'s care', maxlength: 60, autocomplete: 'off', hint: 'For example: case manager, prescriber, family therapist.' })),
  ];
  const saved = await formDialog({
    title: `Add to ${clientName(c)}'s care team`,
    form: f,
    content,
    submitLabel: 'Add',
    onSubmit: async (v) => {
      if (!v.staff_id) {
        const e = new Error('invalid');
        f.showErrors({ staff_id: 'Choose the staff member to add.' });
        e.handled = true;
        throw e;
      }
      return api.post(paths.clientCareTeam(c.id), { staff_id: Number(v.staff_id), role_in_care: v.role_in_care });
    },
  });
  if (saved) {
    toast(`${saved.staff_name} is on the care team.`, 'ok');
    opts.reload('add-care-member');
  }
}

async function removeMember(c, m, opts) {
  const ok = await confirmDialog({
    title: 'Remove from the care team?',
    message: `${m.staff_name} will no longer see ${clientName(c)}'s record through the care team (they may still be in the client's care another way).`,
    confirmLabel: 'Remove',
    danger: true,
  });
  if (!ok) return;
  try {
    await api.del(paths.clientCareMember(c.id, m.staff_id));
    toast(`${m.staff_name} was removed from the care team.`, 'ok');
    opts.reload('add-care-member');
  } catch (err) {
    if (err.status !== 401) toast(err.message, 'error');
  }
}

// The screen for an answer care_relationship_required: who the client is
// (name and MRN, from the refusal), why the record is closed, and the
// emergency declaration.  retry() draws the screen again once it is open.
export function drawBreakGlass(ctx, err, retry) {
  const who = (err.body && err.body.error && err.body.error.client) || null;
  // "Rowan Glassbrook" in the sentence; the heading as the chart has it.
  const name = who ? `${who.preferred_name || who.first_name} ${who.last_name}` : 'this client';
  clear(ctx.main);
  ctx.main.append(pageHeader(ctx, who ? clientName(who) : 'Not in this client\'s care', {
    back: { href: '#/clients', label: 'Clients' },
    sub: who ? h('p.page-sub', h('span.mrn', { text: who.mrn })) : null,
  }));
  const f = new Form();
  const reason = field({ name: 'reason', label: 'Why must you open this record now?', type: 'textarea', rows: 3, required: true, maxlength: 500,
    hint: 'At least 10 characters. For example: "Client in crisis at the front desk, their clinician is away." Do not write health details here.' });
  f.add(reason);
  const submit = h('button.btn.btn-danger', { type: 'submit', text: 'Open in an emergency', id: 'break-glass' });
  const form = h('form.break-glass-form', { novalidate: true }, f.summary, reason.el, h('div.form-actions', submit, h('a.btn.btn-secondary', { href: '#/clients', text: 'Back to clients' })));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    f.clearErrors();
    const v = f.values();
    if (v.reason.length < 10) {
      f.showErrors({ reason: 'Say in at least 10 characters why you must open this record now.' });
      return;
    }
    submit.disabled = true;
    try {
      const x = await api.post(paths.clientEmergencyAccess(who ? who.id : ctx.params.id), { reason: v.reason });
      toast(`Record opened until ${fmtDateTime(x.expires_at)}. The director has been told.`, 'warn');
      await retry();
    } catch (ex) {
      submit.disabled = false;
      if (ex && ex.status === 401) return;
      showApiError(f, ex);
    }
  });
  ctx.main.append(h('section.card.break-glass', { 'aria-labelledby': 'break-glass-title' },
    h('h2', { id: 'break-glass-title', text: `You are not part of ${name}'s care team.` }),
    h('p', { text: 'You see a client\'s record when you are in their care: their primary clinician, on their care team, leading their groups, seeing them for an appointment, or on duty at their site. Ask the client\'s clinician or the director to add you to the care team.' }),
    h('div.notice.notice-warn', h('p', h('strong', { text: 'In an emergency ' }), 'you may open the record now. Your reason is kept in the audit log and the director is told at once. The record stays open to you for a few hours.')),
    form));
}
