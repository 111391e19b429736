// Administration: staff accounts, their roles and sites, disable/enable,
// unlock and password reset.
import { api, auth, saveRecord } from '../api.js';
import { paths } from '../paths.js';
import { h } from '../dom.js';
import { badge } from '../components/badge.js';
import { confirmDialog, formDialog, openDialog } from '../components/dialog.js';
import { field, checkGroup, Form } from '../components/field.js';
import { toast } from '../components/toast.js';
import { fmtDateTime, roleLabel, ROLES } from '../format.js';
import { pagedList } from './list.js';
import { pageHeader, button } from '../components/page.js';
import { setupChecklist } from './setup-checklist.js';

// A readable random password: four groups of four, no look-alike letters.
export function generatePassword() {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY34679';
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

export async function render(ctx) {
  // The administrator's home: the set-up checklist (while a fresh install
  // lacks something) above the staff list; drawn again after each change here.
  // Its staff lines open the add dialog here with the role chosen.
  const onSetup = {
    clinician: () => addStaff({ roles: ['clinician'] }),
    admissions: () => addStaff({ roles: ['admissions'] }),
    director: () => addStaff({ roles: ['director'] }),
  };
  const [sites, checklist] = await Promise.all([api.get(paths.sites, { limit: 200 }), setupChecklist(ctx, onSetup)]);
  if (!ctx.isCurrent()) return;
  const siteName = new Map(sites.items.map((s) => [s.id, s.name]));
  const checkSlot = h('div', { id: 'setup-slot' }, checklist);
  let loads = 0;
  const list = pagedList(ctx, {
    fetch: (limit, offset) => {
      if (loads++) setupChecklist(ctx, onSetup).then((c) => { if (c) checkSlot.replaceChildren(c); });
      return api.get(paths.staff, { limit, offset });
    },
    pagerLabel: 'Staff pages',
    table: () => ({
      caption: 'Staff accounts',
      empty: 'No staff accounts.',
      columns: [
        { label: 'Name', render: (s) => h('div.stack', h('span.strong', { text: s.full_name || s.username }), h('span.muted.small', { text: s.username }), s.email ? h('span.small', { text: s.email }) : null), className: 'card-title' },
        { label: 'Roles', render: (s) => s.roles.map(roleLabel).join(', ') },
        { label: 'Sites', render: (s) => s.site_ids.map((i) => siteName.get(i) || `Site ${i}`).join(', ') },
        { label: 'Status', render: (s) => h('span.badges', s.active ? badge('Active', 'ok') : badge('Disabled', 'neutral'), s.locked ? badge('Locked', 'danger') : null, s.must_change_password ? badge('Must change password', 'info') : null, s.alumni_coordinator ? badge('Alumni coordinator', 'info') : null) },
        { label: 'Last sign-in', render: (s) => (s.last_login_at ? fmtDateTime(s.last_login_at) : 'Never'), className: 'nowrap' },
        { label: 'Actions', render: (s) => rowActions(s), className: 'actions-cell' },
      ],
      rowClass: (s) => (s.active ? '' : 'inactive'),
    }),
  });
  const load = list.load;
  ctx.main.append(pageHeader(ctx, 'Staff', { actions: [button('Add staff member', () => addStaff(), 'primary', { id: 'add-staff' })] }), checkSlot, list.el);

  function rowActions(s) {
    const name = s.full_name || s.username;
    const wrap = h('div.row-actions');
    wrap.append(button('Edit', () => editStaff(s), 'secondary', { class: 'btn-small', id: `edit-${s.id}`, 'aria-label': `Edit ${name}` }));
    if (s.id !== auth.user.id) {
      wrap.append(s.active
        ? button('Disable', () => setActive(s, false), 'secondary', { class: 'btn-small', id: `active-${s.id}`, 'aria-label': `Disable ${name}` })
        : button('Enable', () => setActive(s, true), 'secondary', { class: 'btn-small', id: `active-${s.id}`, 'aria-label': `Enable ${name}` }));
    }
    if (s.locked) wrap.append(button('Unlock', () => unlock(s), 'secondary', { class: 'btn-small', id: `unlock-${s.id}`, 'aria-label': `Unlock ${name}` }));
    wrap.append(button('Reset password', () => resetPassword(s), 'secondary', { class: 'btn-small', id: `reset-${s.id}`, 'aria-label': `Reset password of ${name}` }));
    return wrap;
  }

  function staffFields(f, s) {
    const roleOpts = ROLES.map((r) => ({ value: r, label: roleLabel(r) }));
    const siteOpts = sites.items.map((x) => ({ value: x.id, label: x.active ? x.name : `${x.name} (inactive)` }));
    return [
      h('div.form-grid',
        f.add(field({ name: 'full_name', label: 'Full name', required: true, value: s.full_name, maxlength: 100, autocomplete: 'off' })),
        f.add(field({ name: 'email', label: 'Email', type: 'email', value: s.email, maxlength: 254, autocomplete: 'off' }))),
      f.add(checkGroup({ name: 'roles', legend: 'Roles (at least one)', options: roleOpts, values: s.roles || [] })),
      f.add(checkGroup({ name: 'site_ids', legend: 'Sites', options: siteOpts, values: s.site_ids || [], emptyText: 'No sites yet. Add them under Sites.' })),
    ];
  }

  // preset: the roles (and sites) to start from, e.g. from the checklist.
  async function addStaff(preset = {}) {
    const f = new Form();
    const user = field({ name: 'username', label: 'Username', required: true, maxlength: 32, autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false', hint: '3 to 32 characters: lowercase letters, digits, dot, underscore or hyphen, starting with a letter.' });
    const pw = field({ name: 'password', label: 'Initial password', required: true, value: generatePassword(), autocomplete: 'off', spellcheck: 'false', noTrim: true, hint: 'At least 12 characters. They must change it when they first sign in. Give it to them in person or by phone.' });
    // With one active site, a new staff member works there unless unticked.
    const active = sites.items.filter((x) => x.active);
    const start = preset.site_ids ? preset : { ...preset, site_ids: active.length === 1 ? [active[0].id] : [] };
    const content = [f.add(user), ...staffFields(f, start), f.add(pw)];
    const saved = await formDialog({
      title: 'Add staff member', form: f, content, submitLabel: 'Add staff member', className: 'dialog-wide',
      onSubmit: (v) => api.post(paths.staff, v),
    });
    if (!saved) return;
    toast(`Staff member added: ${saved.full_name} (${saved.username}).`);
    await load(`edit-${saved.id}`);
  }

  // Supervision: a staff member whose signed notes wait for a supervisor's
  // co-signature, and who that is (an active colleague who writes notes).
  async function supervisionFields(f, s) {
    let all = [];
    try { all = (await api.get(paths.staff, { limit: 200 })).items; } catch (err) { if (err.status === 401) throw err; }
    const writers = new Set(['director', 'clinician', 'case_manager', 'prescriber', 'nurse']);
    const opts = [{ value: '', label: 'Choose the supervisor…' }, ...all
      .filter((x) => x.active && x.id !== s.id && x.roles.some((r) => writers.has(r)))
      .map((x) => ({ value: String(x.id), label: x.full_name || x.username }))];
    const needs = field({ name: 'needs_supervision', label: 'Needs supervision: their signed notes wait for the supervisor\'s co-signature', type: 'checkbox', value: s.needs_supervision });
    const sup = field({ name: 'supervisor_id', label: 'Supervisor', type: 'select', value: s.supervisor_id ? String(s.supervisor_id) : '', options: opts });
    return [h('fieldset.staff-supervision', h('legend', { text: 'Supervision of notes' }), f.add(needs), f.add(sup))];
  }

  async function editStaff(s) {
    const f = new Form();
    const content = [h('p.muted', { text: `Username: ${s.username}` }), ...staffFields(f, s), ...(await supervisionFields(f, s)),
      // Alumni check-ins after discharge become this person's tasks.
      h('fieldset.staff-alumni', h('legend', { text: 'Alumni' }),
        f.add(field({ name: 'alumni_coordinator', label: 'Alumni coordinator: check-ins after discharge (30 days to a year) become their tasks', type: 'checkbox', value: s.alumni_coordinator })))];
    const saved = await formDialog({
      title: `Edit ${s.full_name || s.username}`, form: f, content, submitLabel: 'Save changes', className: 'dialog-wide',
      onSubmit: (v) => saveRecord(s, { ...v, supervisor_id: v.supervisor_id ? Number(v.supervisor_id) : null }, paths.staff, paths.staffMember),
    });
    if (!saved) return;
    toast('Changes saved.');
    await load(`edit-${s.id}`);
  }

  async function setActive(s, active) {
    const name = s.full_name || s.username;
    if (!active) {
      const ok = await confirmDialog({
        title: `Disable ${name}?`,
        message: `${name} will no longer be able to sign in, and any open sessions end now. The account and its history are kept; you can enable it again.`,
        confirmLabel: 'Disable account',
        danger: true,
      });
      if (!ok) return;
    }
    try {
      await api.patch(paths.staffMember(s.id), { active });
      toast(active ? `${name} can sign in again.` : `${name} is disabled.`);
    } catch (err) {
      if (err.status !== 401) toast(err.message, 'error');
    }
    await load(`active-${s.id}`);
  }

  async function unlock(s) {
    const name = s.full_name || s.username;
    try {
      await api.post(paths.staffUnlock(s.id), {});
      toast(`${name} is unlocked.`);
    } catch (err) {
      if (err.status !== 401) toast(err.message, 'error');
    }
    await load(`edit-${s.id}`);
  }

  async function resetPassword(s) {
    const name = s.full_name || s.username;
    const f = new Form();
    const pw = field({ name: 'password', label: 'New password', required: true, value: generatePassword(), autocomplete: 'off', spellcheck: 'false', noTrim: true, hint: 'At least 12 characters. Change it if you like.' });
    const content = [
      h('p', { text: `${name} will have to choose a new password at their next sign-in, and any open sessions end now.` }),
      f.add(pw),
    ];
    const saved = await formDialog({
      title: `Reset password of ${name}`, form: f, content, submitLabel: 'Reset password',
      onSubmit: (v) => api.post(paths.staffPassword(s.id), { password: v.password }).then(() => v.password),
    });
    if (!saved) return;
    const code = h('code.secret', { id: 'new-password', text: saved });
    const copy = button('Copy', async () => {
      try { await navigator.clipboard.writeText(saved); copy.textContent = 'Copied'; }
      catch { const r = document.createRange(); r.selectNodeContents(code); const sel = getSelection(); sel.removeAllRanges(); sel.addRange(r); copy.textContent = 'Selected: press Ctrl+C'; }
    }, 'secondary', { class: 'btn-small' });
    const done = openDialog({
      title: 'Password reset',
      body: [
        h('p', { text: `The new password for ${name} (${s.username}) is:` }),
        h('p.secret-row', code, copy),
        h('p.muted', { text: 'Give it to them in person or by phone. They must change it when they next sign in. This password is not shown again.' }),
      ],
      actions: [{ label: 'Done', kind: 'primary', onClick: (d) => d.close(true) }],
    });
    await done.result;
    await load(`reset-${s.id}`);
  }

  await load();
}
