// The screens by address, and the main navigation menu.  A new screen is a
// module in its area's folder exporting render(ctx), one line in ROUTES
// and, if it has a menu entry, one line in MENU (perm: the permission it
// needs; roles, optional: shown only to these roles, or to a user whose
// flag, optional, is set).
import { auth } from './api.js';
import * as login from './account/login.js';
import * as password from './account/password.js';
import * as feeds from './account/feeds.js';
import * as clientList from './clients/list.js';
import * as clientForm from './clients/form.js';
import * as census from './clients/census.js';
import * as chart from './chart/chart.js';
import * as screeningNew from './chart/screening-new.js';
import * as board from './admissions/board.js';
import * as inquiry from './admissions/inquiry.js';
import * as inquiryNew from './admissions/inquiry-new.js';
import * as inquiryScreening from './admissions/inquiry-screening.js';
import * as tasks from './tasks/tasks.js';
import * as duty from './duty/duty.js';
import * as today from './today/today.js';
import * as thisWeek from './thisweek/thisweek.js';
import * as week from './week/week.js';
import * as auditLog from './audit/log.js';
import * as auditTrail from './audit/trail.js';
import * as staff from './admin/staff.js';
import * as sites from './admin/sites.js';
import * as rooms from './admin/rooms.js';
import * as tracks from './admin/tracks.js';
import * as program from './admin/program.js';
import * as placementTable from './admin/placement-table.js';
import * as note from './notes/note.js';
import * as resources from './casemgmt/resources.js';
import * as billingDays from './billing/list.js';
import * as alumniList from './alumni/list.js';
import * as alumniCheckin from './alumni/checkin.js';
import * as alumniEvent from './alumni/events.js';

// Routes: pattern, view, permission needed ('' = any signed-in user,
// null = no session needed).
export const ROUTES = [
  { path: '/login', view: login, perm: null },
  { path: '/password', view: password, perm: '' },
  { path: '/calendar', view: feeds, perm: '' },
  { path: '/clients', view: clientList, perm: 'clients.read' },
  { path: '/clients/new', view: clientForm, perm: 'clients.write' },
  { path: '/clients/:id', view: chart, perm: 'clients.read' },
  { path: '/clients/:id/edit', view: clientForm, perm: 'clients.write' },
  { path: '/clients/:id/audit', view: auditTrail, perm: 'audit.read' },
  { path: '/clients/:id/screening/new', view: screeningNew, perm: 'screening.write' },
  { path: '/admissions', view: board, perm: 'inquiries.manage' },
  { path: '/admissions/new', view: inquiryNew, perm: 'inquiries.manage' },
  { path: '/admissions/:id', view: inquiry, perm: 'inquiries.manage' },
  { path: '/admissions/:id/screening/new', view: inquiryScreening, perm: 'screening.write' },
  { path: '/tasks', view: tasks, perm: 'clients.read' },
  { path: '/census', view: census, perm: 'clients.read' },
  { path: '/this-week', view: thisWeek, perm: 'clients.read' },
  { path: '/billing-days', view: billingDays, perm: 'clients.read' },
  { path: '/duty', view: duty, perm: 'directory.read' },
  // Who may not record attendance (nurse, prescriber, billing) sees it read-only.
  { path: '/today', view: today, perm: 'clients.read' },
  { path: '/week', view: week, perm: 'appointments.book' },
  { path: '/settings/placement', view: placementTable, perm: 'screening.read' },
  { path: '/notes/:id', view: note, perm: 'screening.read' },
  { path: '/resources', view: resources, perm: 'directory.read' },
  { path: '/audit', view: auditLog, perm: 'audit.read' },
  { path: '/alumni', view: alumniList, perm: 'clients.read' },
  { path: '/alumni/checkin', view: alumniCheckin, perm: 'clients.read' },
  { path: '/alumni/events/:id', view: alumniEvent, perm: 'clients.read' },
  { path: '/admin/staff', view: staff, perm: 'admin.manage' },
  { path: '/admin/sites', view: sites, perm: 'admin.manage' },
  { path: '/admin/rooms', view: rooms, perm: 'admin.manage' },
  { path: '/admin/tracks', view: tracks, perm: 'tracks.manage' },
  { path: '/admin/program', view: program, perm: 'tracks.manage' },
];

export const MENU = [
  { href: '#/today', label: 'Today', perm: 'clients.read', match: /^\/today/ },
  { href: '#/week', label: 'Schedule', perm: 'appointments.book', match: /^\/week/ },
  { href: '#/admissions', label: 'Admissions', perm: 'inquiries.manage', match: /^\/admissions/ },
  { href: '#/clients', label: 'Clients', perm: 'clients.read', match: /^\/clients/ },
  { href: '#/census', label: 'Census', perm: 'clients.read', match: /^\/census/ },
  // Hours at risk: on the menu of the director, clinicians and case
  // managers (roles: any of them); the address works for everyone who reads
  // clients.
  { href: '#/this-week', label: 'This week', perm: 'clients.read', roles: ['director', 'clinician', 'case_manager'], match: /^\/this-week/ },
  // The address book of outside resources: on the menu of those who refer
  // (case managers, clinicians, the director); the address works for all.
  { href: '#/resources', label: 'Resources', perm: 'directory.read', roles: ['director', 'clinician', 'case_manager'], match: /^\/resources/ },
  // Billing days: on the menu of billing and the director; the address
  // works for everyone who reads clients.
  { href: '#/billing-days', label: 'Billing days', perm: 'clients.read', roles: ['director', 'billing'], match: /^\/billing-days/ },
  { href: '#/tasks', label: 'Tasks', perm: 'clients.read', match: /^\/tasks/, count: true },
  // Alumni: the director, clinicians, case managers and any alumni
  // coordinator (a staff flag: flag names the user's field that shows it).
  { href: '#/alumni', label: 'Alumni', perm: 'clients.read', roles: ['director', 'clinician', 'case_manager'], flag: 'alumni_coordinator', match: /^\/alumni/ },
  { href: '#/admin/staff', label: 'Staff', perm: 'admin.manage', match: /^\/admin\/staff/ },
  { href: '#/admin/sites', label: 'Sites', perm: 'admin.manage', match: /^\/admin\/sites/ },
  { href: '#/admin/rooms', label: 'Rooms', perm: 'admin.manage', match: /^\/admin\/rooms/ },
  { href: '#/admin/tracks', label: 'Tracks', perm: 'tracks.manage', match: /^\/admin\/tracks/ },
  { href: '#/admin/program', label: 'Program', perm: 'tracks.manage', match: /^\/admin\/program/ },
  { href: '#/duty', label: 'On duty', perm: 'directory.read', match: /^\/duty/ },
  // Others who read screenings open the table read-only from its address.
  { href: '#/settings/placement', label: 'Placement table', perm: 'placement.manage', match: /^\/settings\/placement/ },
  // A client's trail belongs under Clients for those who can open the chart,
  // under the Audit log for the others (administrators).
  { href: '#/audit', label: 'Audit log', perm: 'audit.read',
    match: (p) => /^\/audit$/.test(p) || (/^\/clients\/\d+\/audit$/.test(p) && !auth.can('clients.read')) },
];

// The route for a path, with its numeric parameters.
export function matchRoute(path) {
  const parts = path.split('/');
  for (const r of ROUTES) {
    const rp = r.path.split('/');
    if (rp.length !== parts.length) continue;
    const params = {};
    let ok = true;
    for (let i = 0; i < rp.length; i++) {
      if (rp[i].startsWith(':')) {
        if (!/^\d+$/.test(parts[i])) { ok = false; break; }
        params[rp[i].slice(1)] = Number(parts[i]);
      } else if (rp[i] !== parts[i]) { ok = false; break; }
    }
    if (ok) return { route: r, params };
  }
  return null;
}
