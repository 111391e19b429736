// Every API path the staff app calls, built in one place.  api.js puts
// /api/v1 in front and the query string behind; a view names what it wants
// (paths.clientContacts(id)) and never spells a path itself.
const seg = (v) => encodeURIComponent(String(v));

export const paths = {
  // The session and the signed-in user.
  session: '/session',
  me: '/me',
  myPassword: '/me/password',
  // Calendar feeds (account/feeds.js).
  feeds: '/feeds',
  feed: (id) => `/feeds/${seg(id)}`,

  // Clients and the lists under one client.
  clients: '/clients',
  client: (id) => `/clients/${seg(id)}`,
  clientContacts: (id) => `/clients/${seg(id)}/contacts`,
  clientContact: (id, contactId) => `/clients/${seg(id)}/contacts/${seg(contactId)}`,
  clientAlerts: (id) => `/clients/${seg(id)}/alerts`,
  clientActive: (id) => `/clients/${seg(id)}/active`,
  alertsUnclaimed: '/alerts/unclaimed',
  alertClaim: (id) => `/alerts/${seg(id)}/claim`,
  clientScreenings: (id) => `/clients/${seg(id)}/instruments`,
  clientMeasures: (id) => `/clients/${seg(id)}/measures`,
  measuresDue: '/measures/due',
  measureSchedule: '/measures/schedule',
  clientEpisodes: (id) => `/clients/${seg(id)}/episodes`,
  clientPlacements: (id) => `/clients/${seg(id)}/placements`,
  clientCoverages: (id) => `/clients/${seg(id)}/coverages`,
  clientCoverage: (id, cid) => `/clients/${seg(id)}/coverages/${seg(cid)}`,
  clientBenefitChecks: (id) => `/clients/${seg(id)}/benefit-checks`,
  clientAuthorizations: (id) => `/clients/${seg(id)}/authorizations`,
  clientAudit: (id) => `/clients/${seg(id)}/audit`,
  clientChart: (id) => `/clients/${seg(id)}/chart`,
  clientAppointments: (id) => `/clients/${seg(id)}/appointments`,
  clientPlans: (id) => `/clients/${seg(id)}/plans`,
  episodePlans: (id) => `/episodes/${seg(id)}/plans`,
  episodeDischarge: (id) => `/episodes/${seg(id)}/discharge`,
  episodeDischargePreview: (id) => `/episodes/${seg(id)}/discharge-preview`,
  episodeTransfer: (id) => `/episodes/${seg(id)}/transfer`,
  episodeDischargeSummary: (id) => `/episodes/${seg(id)}/discharge-summary`,
  dischargeSummary: (id) => `/discharge-summaries/${seg(id)}`,
  dischargeSummarySign: (id) => `/discharge-summaries/${seg(id)}/sign`,
  plan: (id) => `/plans/${seg(id)}`,
  planSign: (id) => `/plans/${seg(id)}/sign`,
  planClientSignature: (id) => `/plans/${seg(id)}/client-signature`,
  planRevise: (id) => `/plans/${seg(id)}/revise`,
  planReviews: '/plan-reviews',
  interventions: '/vocabularies/interventions',
  appointmentKinds: '/appointment-kinds',
  appointmentReschedule: (id) => `/appointments/${seg(id)}/reschedule`,
  appointmentCancel: (id) => `/appointments/${seg(id)}/cancel`,
  appointmentAttendance: (id) => `/appointments/${seg(id)}/attendance`,
  alertResolve: (id) => `/alerts/${seg(id)}/resolve`,
  coverageBenefitChecks: (id) => `/coverages/${seg(id)}/benefit-checks`,
  coverageAuthorizations: (id) => `/coverages/${seg(id)}/authorizations`,
  census: '/census',
  // Hours compliance: a client's week, the chart's weeks, This week (a site).
  clientHours: (id) => `/clients/${seg(id)}/hours`,
  clientHoursWeeks: (id) => `/clients/${seg(id)}/hours/weeks`,
  hours: '/hours',
  clientMedications: (id) => `/clients/${seg(id)}/medications`,
  medication: (id) => `/medications/${seg(id)}`,
  clientDrugScreens: (id) => `/clients/${seg(id)}/drug-screens`,
  drugScreenResults: (id) => `/drug-screens/${seg(id)}/results`,
  drugScreen: (id) => `/drug-screens/${seg(id)}`,
  drugScreenVocabulary: '/vocabularies/drug-screens',
  // Clinical notes (notes/): opened from a session or an appointment, every
  // write under /notes/{id}.
  sessionNote: (id) => `/sessions/${seg(id)}/note`,
  appointmentNote: (id) => `/appointments/${seg(id)}/note`,
  appointment: (id) => `/appointments/${seg(id)}`,
  clientNotes: (id) => `/clients/${seg(id)}/notes`,
  note: (id) => `/notes/${seg(id)}`,
  noteSign: (id) => `/notes/${seg(id)}/sign`,
  noteCosign: (id) => `/notes/${seg(id)}/cosign`,
  noteAddenda: (id) => `/notes/${seg(id)}/addenda`,
  noteWorklist: '/note-worklist',
  // Part 2 consents and the accounting of disclosures (chart/consents.js).
  clientConsents: (id) => `/clients/${seg(id)}/consents`,
  consentRevoke: (id) => `/consents/${seg(id)}/revoke`,
  clientDisclosures: (id) => `/clients/${seg(id)}/disclosures`,
  consentVocabulary: '/vocabularies/consents',
  // A client's care team and breaking the glass (chart/careteam.js).
  clientCareTeam: (id) => `/clients/${seg(id)}/care-team`,
  clientCareMember: (id, staffId) => `/clients/${seg(id)}/care-team/${seg(staffId)}`,
  clientEmergencyAccess: (id) => `/clients/${seg(id)}/emergency-access`,

  // Screening instruments and the placement table.
  instruments: '/instruments',
  instrumentScore: (code) => `/instruments/${seg(code)}/score`,
  placementTable: '/placement/table',
  placementTableRestore: '/placement/table/restore',
  placementRecommend: '/placement/recommend',

  // Admissions.
  inquiries: '/inquiries',
  inquiriesLatest: '/inquiries/latest',
  inquiry: (id) => `/inquiries/${seg(id)}`,
  inquiryContacts: (id) => `/inquiries/${seg(id)}/contacts`,
  inquiryTasks: (id) => `/inquiries/${seg(id)}/tasks`,
  inquiryMerge: (id) => `/inquiries/${seg(id)}/merge`,
  inquiryConvert: (id) => `/inquiries/${seg(id)}/convert`,
  inquiryScreenings: (id) => `/inquiries/${seg(id)}/screenings`,
  inquiryPlacements: (id) => `/inquiries/${seg(id)}/placements`,
  inquiryAlerts: (id) => `/inquiries/${seg(id)}/alerts`,
  screeningVoid: (id) => `/screenings/${seg(id)}/void`,

  // Tasks.
  tasks: '/tasks',
  tasksCount: '/tasks/count',
  taskDone: (id) => `/tasks/${seg(id)}/done`,

  // Sites, their tracks, rooms and who is on duty.
  sites: '/sites',
  site: (id) => `/sites/${seg(id)}`,
  siteDuty: (id) => `/sites/${seg(id)}/duty`,
  dutyShift: (id) => `/duty/${seg(id)}`,
  siteDutySeries: (id) => `/sites/${seg(id)}/duty/series`,
  dutySeriesOne: (id) => `/duty/series/${seg(id)}`,
  tracks: '/tracks',
  track: (id) => `/tracks/${seg(id)}`,
  trackSessionsGenerate: (id) => `/tracks/${seg(id)}/sessions/generate`,
  trackSessions: (id) => `/tracks/${seg(id)}/sessions`,
  groupTypes: '/vocabularies/group-types',
  sessions: '/sessions',
  groupSession: (id) => `/sessions/${seg(id)}`,
  sessionAttendance: (id) => `/sessions/${seg(id)}/attendance`,
  appointments: '/appointments',
  appointmentConflicts: '/appointments/conflicts',
  siteClosures: (id) => `/sites/${seg(id)}/closures`,
  siteClosure: (id, closureId) => `/sites/${seg(id)}/closures/${seg(closureId)}`,
  rooms: '/rooms',
  room: (id) => `/rooms/${seg(id)}`,

  // Staff.
  staff: '/staff',
  staffMember: (id) => `/staff/${seg(id)}`,
  staffUnlock: (id) => `/staff/${seg(id)}/unlock`,
  staffPassword: (id) => `/staff/${seg(id)}/password`,

  // The program's own details and what set-up still lacks.
  program: '/program',
  publicProgram: '/public/program',
  setup: '/setup',

  // The audit log, its words and its CSV export.
  audit: '/audit',
  auditWords: '/audit/words',
  auditExport: '/audit/export',
};
